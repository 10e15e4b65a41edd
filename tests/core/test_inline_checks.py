"""Inline checks (core.forms.ChecksInline): a field is checked on the server as the person leaves it, and a check
never saves, whatever the form holds."""

import re

import pytest

from innopart.core.models import AuditEntry
from innopart.partnerships.models import AnnualReport

from ..partnerships.conftest import awarded, report_year_one, signed  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.django_db


def _details(client, application) -> dict:
    """The details form as the page shows it: its fields and its edit token."""
    page = client.get(f"/applications/{application.pk}/details/").text
    token = re.search(r'name="edit_token" value="([^"]+)"', page).group(1)
    return {
        "title": application.title,
        "acronym": application.acronym,
        "thematic_field": application.thematic_field_id,
        "summary": application.summary,
        "edit_token": token,
    }


def _field(page: str, name: str) -> str:
    """The block of one field as the page renders it (what HTMX swaps in)."""
    start = page.index(f'id="id_{name}-field"')
    return page[page.rindex("<div", 0, start) : page.index("</div>", start)]


def test_a_check_of_a_complete_valid_form_saves_nothing_and_writes_no_audit_row(client, applicant_a, application_a):
    client.force_login(applicant_a)
    data = {**_details(client, application_a), "title": "A title nobody saved"}
    audit_rows = AuditEntry.objects.count()
    # The same form, sent as it would be saved, but as a check: the view runs, nothing is written.
    response = client.post(f"/applications/{application_a.pk}/details/", {**data, "_check": "title"})
    assert response.status_code == 200
    application_a.refresh_from_db()
    assert application_a.title != "A title nobody saved"
    assert AuditEntry.objects.count() == audit_rows
    # Sent for real, the same data saves (so the check above is what held it back).
    response = client.post(f"/applications/{application_a.pk}/details/", data)
    assert response.status_code == 302
    application_a.refresh_from_db()
    assert application_a.title == "A title nobody saved"


def test_a_check_answers_the_field_with_its_message_and_a_fixed_field_without(client, applicant_a, application_a):
    client.force_login(applicant_a)
    data = _details(client, application_a)
    url = f"/applications/{application_a.pk}/details/"
    page = client.post(url, {**data, "acronym": "X" * 200, "_check": "acronym"}).text
    block = _field(page, "acronym")
    assert "has-error" in block and "at most" in block
    page = client.post(url, {**data, "_check": "acronym"}).text
    block = _field(page, "acronym")
    assert "has-error" not in block and "errorlist" not in block


def test_fields_carry_the_check_but_a_file_and_a_live_preview_do_not(client, applicant_a, application_a):
    client.force_login(applicant_a)
    page = client.get(f"/applications/{application_a.pk}/partners/").text
    contribution = _field(page, "contribution")
    assert 'hx-post="/applications/' in contribution and "_check" in contribution
    # The organisation's drop-down previews the eligibility check itself; a check would race it.
    organisation = _field(page, "organisation")
    assert "_check" not in organisation and "eligibility-preview" in organisation
    letter = _field(page, "letter")
    assert "hx-post" not in letter and 'type="file"' in letter


def test_the_log_in_form_is_never_checked(client):
    """A check of the log-in form would be a try at the password: the throttle would count it as a failed log-in."""
    page = client.get("/accounts/login/").text
    assert 'id="id_username-field"' in page
    assert "_check" not in page


def test_a_form_bound_by_the_button_pressed_is_checked_and_still_never_saved(client, signed, applicant_a):  # noqa: F811
    """The annual report's view binds its form only when "save" or "submit" was pressed: a check sends "save" too
    (ChecksInline.check_with), and still nothing is saved."""
    partnership = signed.partnership
    report_year_one(partnership, applicant_a)
    kpi = partnership.kpis.get()
    url = f"/partnerships/{partnership.pk}/reports/1/"
    client.force_login(applicant_a)
    page = client.get(url).text
    assert "&quot;save&quot;: &quot;1&quot;" in _field(page, "narrative")
    token = re.search(r'name="edit_token" value="([^"]+)"', page).group(1)
    before = AnnualReport.objects.get(partnership=partnership, year=1).narrative
    data = {"save": "1", "narrative": "Checked, not saved.", "own_resources": "-5", f"kpi_{kpi.pk}": "9"}
    answer = client.post(url, {**data, f"unit_{kpi.pk}": "count", "edit_token": token, "_check": "own_resources"})
    assert answer.status_code == 200 and "has-error" in _field(answer.text, "own_resources")
    assert AnnualReport.objects.get(partnership=partnership, year=1).narrative == before
