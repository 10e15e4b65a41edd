"""Two people (or two tabs) edit the same application's details: the later save from an older form is refused
with what changed, the person's input is kept, and saving again after reading it works."""

import re

import pytest
from django.test import Client

from innopart.applications.models import Application

pytestmark = pytest.mark.django_db


def _form(client, url) -> dict:
    return _form_from(client.get(url).content.decode())


def test_a_stale_details_save_is_refused_with_what_changed_and_keeps_the_input(applicant_a, application_a):
    url = f"/applications/{application_a.pk}/details/"
    first, second = Client(), Client()
    first.force_login(applicant_a)
    second.force_login(applicant_a)
    mine, theirs = _form(first, url), _form(second, url)
    assert mine["edit_token"] and mine["edit_token"] == theirs["edit_token"]
    original_title = application_a.title

    assert first.post(url, mine | {"summary": "A new summary from the first tab."}).status_code == 302

    refused = second.post(url, theirs | {"title": "A title from the older form"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this while you were editing" in page
    assert "A new summary from the first tab." in page  # what changed, as it is now
    assert 'value="A title from the older form"' in page  # the person's input is kept
    application = Application.objects.get(pk=application_a.pk)
    assert application.summary == "A new summary from the first tab."
    assert application.title == original_title

    again = _form_from(page)
    assert again["edit_token"] != theirs["edit_token"]
    saved = second.post(url, again | {"summary": "A new summary from the first tab."})
    assert saved.status_code == 302
    assert Application.objects.get(pk=application_a.pk).title == "A title from the older form"


def test_a_token_of_another_object_or_a_forged_one_is_refused(applicant_a, application_a):
    url = f"/applications/{application_a.pk}/details/"
    client = Client()
    client.force_login(applicant_a)
    fields = _form(client, url)
    for token in ("", "forged", fields["edit_token"][:-3] + "abc"):
        response = client.post(url, fields | {"title": "Changed", "edit_token": token})
        assert response.status_code == 200
    assert Application.objects.get(pk=application_a.pk).title != "Changed"


def _form_from(page: str) -> dict:
    """The values a browser would send back from the page's form."""
    fields = dict(re.findall(r'<input type="(?:text|hidden)" name="(\w+)" value="([^"]*)"', page))
    fields.update(re.findall(r'<textarea name="(\w+)"[^>]*>\s*([^<]*)</textarea>', page))
    fields.update(re.findall(r'<select name="(\w+)".*?<option value="(\d+)" selected', page, flags=re.S))
    return fields


def test_a_partner_entry_saved_from_an_older_page_is_refused(applicant_a, application_a):
    partner = application_a.partners.first()
    url = f"/applications/{application_a.pk}/partners/{partner.pk}/"
    first, second = Client(), Client()
    first.force_login(applicant_a)
    second.force_login(applicant_a)
    mine, theirs = _form(first, url), _form(second, url)
    assert first.post(url, mine | {"contribution": "Leads the pilot line."}).status_code == 302
    refused = second.post(url, theirs | {"contribution": "Hosts the test bed."})
    assert refused.status_code == 200
    assert "Someone else saved this while you were editing" in refused.text and "Leads the pilot line." in refused.text
    partner.refresh_from_db()
    assert partner.contribution == "Leads the pilot line."
