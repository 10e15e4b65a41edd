"""Generated hostile input to the applicant's forms: never a server error, never half-saved, and a refusal names
its field. (The importers have their own properties in tests/observatory/test_hostile_import.py.)"""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innopart.applications.models import Application

HOSTILE = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["\x00", "a\x00b", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"), "‮", ""]),
    st.integers(min_value=2_000, max_value=40_000).map(lambda n: "x" * n),
    st.just("<script>alert(1)</script>"),
)


def _token(client, url):
    page = client.get(url).content.decode()
    return re.search(r'name="edit_token" value="([^"]+)"', page).group(1)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=HOSTILE, acronym=HOSTILE, summary=HOSTILE)
def test_details_form_survives_generated_input(applicant_a, application_a, title, acronym, summary):
    client = Client()
    client.force_login(applicant_a)
    url = f"/applications/{application_a.pk}/details/"
    before = Application.objects.values("title", "acronym", "summary").get(pk=application_a.pk)
    data = {
        "title": title,
        "acronym": acronym,
        "summary": summary,
        "thematic_field": application_a.thematic_field_id,
        "edit_token": _token(client, url),
    }
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    after = Application.objects.values("title", "acronym", "summary").get(pk=application_a.pk)
    if response.status_code == 200:
        assert after == before  # refused: nothing saved
        assert 'class="errorlist' in response.content.decode()
    else:
        assert after["summary"] == summary.strip().replace("\r\n", "\n") or after["summary"] == summary.strip()
    if "<script>" in title and response.status_code == 302:
        assert "<script>alert(1)" not in client.get(f"/applications/{application_a.pk}/").content.decode()


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=HOSTILE, version=st.one_of(st.integers(), st.text(max_size=5)))
def test_section_form_survives_generated_input(applicant_a, application_a, body, version):
    client = Client()
    client.force_login(applicant_a)
    section = application_a.sections.first()
    before = section.body
    response = client.post(
        f"/applications/{application_a.pk}/sections/{section.kind}/", {"body": body, "version": version}
    )
    assert response.status_code in (200, 302)
    section.refresh_from_db()
    if response.status_code == 200:
        assert section.body == before
