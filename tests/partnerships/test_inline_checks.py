"""The annual report's review, decision and extension, and the milestone's gate review, are checked field by field
(core.forms.ChecksInline). Their views bind each form by the button pressed, so a check names that button; it still
never records a review, a decision or an extension."""

import pytest

from innopart.core.models import AuditEntry
from innopart.partnerships import monitoring
from innopart.partnerships.enums import ReviewState

from .conftest import report_year_one

pytestmark = pytest.mark.django_db


def _block(page: str, name: str) -> str:
    start = page.index(f'id="id_{name}-field"')
    return page[page.rindex("<div", 0, start) : page.index("</div>", start)]


def _check(client, url, data, field):
    audit_rows = AuditEntry.objects.count()
    answer = client.post(url, {**data, "_check": field})
    assert answer.status_code == 200 and f'id="id_{field}-field"' in answer.text
    assert AuditEntry.objects.count() == audit_rows
    return _block(answer.text, field)


def test_a_check_of_the_reports_review_decision_and_extension_records_none(
    client, signed, applicant_a, ministry_officer, reviewer
):
    partnership = signed.partnership
    report = report_year_one(partnership, applicant_a)
    url = f"/partnerships/{partnership.pk}/reports/1/"
    client.force_login(ministry_officer)
    assert "&quot;extend&quot;: &quot;1&quot;" in _block(client.get(url).text, "days")
    block = _check(client, url, {"extend": "1", "days": "500", "reason": "Flood"}, "days")
    assert "has-error" in block  # at most 180 days
    _check(client, url, {"extend": "1", "days": "30", "reason": "Flood"}, "reason")
    report.refresh_from_db()
    assert report.extension_days == 0

    monitoring.submit_report(actor=applicant_a, report=report)
    client.force_login(reviewer)
    kpi = partnership.kpis.get()
    _check(client, url, {"review": "1", "note": "Figures match.", f"verify_{kpi.pk}": "verified"}, "note")
    report.refresh_from_db()
    assert report.state == ReviewState.SUBMITTED

    monitoring.review_report(actor=reviewer, report=report, note="Figures match the evidence.")
    client.force_login(ministry_officer)
    _check(client, url, {"decide": "1", "decision": "accept", "comment": ""}, "comment")
    report.refresh_from_db()
    assert report.state == ReviewState.REVIEWED
    # Sent for real, the same decision is recorded (so the check is what held it back).
    client.post(url, {"decide": "1", "decision": "accept", "comment": ""})
    report.refresh_from_db()
    assert report.state == ReviewState.ACCEPTED


def test_a_check_of_a_milestones_gate_review_records_none(client, signed, applicant_a, ministry_officer):
    from tests.factories import pdf_file

    milestone = signed.partnership.milestones.filter(year=1).first()
    monitoring.submit_milestone(
        actor=applicant_a, milestone=milestone, report="Management office staffed and running.", evidence=pdf_file()
    )
    client.force_login(ministry_officer)
    url = f"/partnerships/{signed.partnership.pk}/milestones/{milestone.pk}/"
    assert "&quot;review&quot;: &quot;1&quot;" in _block(client.get(url).text, "comment")
    _check(client, url, {"review": "1", "decision": "accept", "comment": "Fine."}, "comment")
    milestone.refresh_from_db()
    assert milestone.state == ReviewState.SUBMITTED
