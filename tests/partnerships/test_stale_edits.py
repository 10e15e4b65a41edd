"""Two members of a partnership edit the same milestone or annual report: a save from a page read before the
other's save is refused with what is stored now, and the stored text stays."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from innopart.partnerships import monitoring
from innopart.partnerships.models import AnnualReport

from ..factories import pdf_file
from .conftest import report_year_one

pytestmark = pytest.mark.django_db
STALE = "Someone else saved this while you were editing"


def _tabs(user, url):
    tabs = []
    for _ in range(2):
        client = Client()
        client.force_login(user)
        found = re.search(r'<input type="hidden" name="edit_token"(?: value="([^"]*)")?', client.get(url).text)
        assert found, "the page carries no edit token"
        tabs.append((client, found.group(1) or ""))
    return tabs


def test_a_milestone_report_from_before_a_return_does_not_overwrite_the_submitted_one(
    signed, applicant_a, ministry_officer
):
    partnership = signed.partnership
    milestone = partnership.milestones.first()
    url = f"/partnerships/{partnership.pk}/milestones/{milestone.pk}/"
    (first, first_token), (second, second_token) = _tabs(applicant_a, url)
    submitted = first.post(
        url,
        {"submit": "1", "report": "Office staffed with two people.", "evidence": pdf_file(), "edit_token": first_token},
    )
    assert submitted.status_code == 302
    monitoring.review_milestone(actor=ministry_officer, milestone=milestone, accept=False, comment="Add the lease.")

    refused = second.post(url, {"submit": "1", "report": "An older draft of the report.", "edit_token": second_token})
    assert refused.status_code == 200
    assert STALE in refused.text and "Office staffed with two people." in refused.text
    assert "An older draft of the report." in refused.text  # the input is kept
    milestone.refresh_from_db()
    assert milestone.report == "Office staffed with two people." and milestone.state == "returned"


def test_an_annual_report_saved_meanwhile_is_not_overwritten(signed, applicant_a):
    partnership = signed.partnership
    report_year_one(partnership, applicant_a)
    kpi = partnership.kpis.get()
    url = f"/partnerships/{partnership.pk}/reports/1/"
    (first, first_token), (second, second_token) = _tabs(applicant_a, url)
    assert first_token

    def save(client, narrative, figure, token):
        return client.post(
            url,
            {
                "save": "1",
                "narrative": narrative,
                "own_resources": "40000",
                f"kpi_{kpi.pk}": figure,
                f"unit_{kpi.pk}": "count",
                "edit_token": token,
            },
        )

    assert save(first, "The office opened; four pilots started with nine members.", "9", first_token).status_code == 302
    refused = save(second, "An older narrative, written before the other save.", "12", second_token)
    assert refused.status_code == 200 and STALE in refused.text and "four pilots started" in refused.text
    report = AnnualReport.objects.get(partnership=partnership, year=1)
    assert report.narrative.startswith("The office opened") and report.actuals.get().value == Decimal(9)


def test_a_report_begun_by_two_people_at_once_keeps_the_first(signed, applicant_a):
    """Neither page saw a report; the second save learns of the first instead of replacing it."""
    partnership = signed.partnership
    report_year_one(partnership, applicant_a)
    AnnualReport.objects.filter(partnership=partnership).delete()
    kpi = partnership.kpis.get()
    url = f"/partnerships/{partnership.pk}/reports/1/"
    (first, first_token), (second, second_token) = _tabs(applicant_a, url)
    assert first_token == second_token == ""
    data = {"save": "1", "own_resources": "100", f"kpi_{kpi.pk}": "7", f"unit_{kpi.pk}": "count"}
    assert first.post(url, data | {"narrative": "First words.", "edit_token": ""}).status_code == 302
    refused = second.post(url, data | {"narrative": "Second words.", "edit_token": ""})
    assert refused.status_code == 200 and STALE in refused.text and "First words." in refused.text
    assert AnnualReport.objects.get(partnership=partnership, year=1).narrative == "First words."
