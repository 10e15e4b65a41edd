from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innopart.accounts.enums import Role
from innopart.partnerships import monitoring
from innopart.partnerships.models import AnnualReport, KpiActual

from ..factories import UserFactory, member, pdf_file
from .conftest import report_year_one


def test_kpi_actual_in_the_wrong_unit_is_refused_and_nothing_saved(signed, applicant_a):
    with pytest.raises(ValidationError, match="Members involved is measured in number; the figure was given in %"):
        report_year_one(signed.partnership, applicant_a, members=(Decimal(9), "percent", None))
    assert not AnnualReport.objects.exists() and not KpiActual.objects.exists()


def test_a_percentage_above_100_is_refused(signed, applicant_a):
    with pytest.raises(ValidationError, match="percentage"):
        monitoring.save_kpi(
            actor=applicant_a,
            partnership=signed.partnership,
            kind="own_resources",
            baseline=Decimal(20),
            baseline_year=2024,
            targets={1: Decimal(120)},
        )


def test_report_after_its_deadline_is_refused_until_extended(signed, applicant_a, ministry_officer):
    report = report_year_one(signed.partnership, applicant_a)
    opens, closes = monitoring.report_window(signed.partnership, 1)
    assert str(closes.tzinfo) == "Europe/Vilnius" and closes - opens == timedelta(days=90)
    with pytest.raises(ValidationError, match=r"was due by the end of .*Europe/Vilnius.*extension"):
        monitoring.submit_report(actor=applicant_a, report=report, now=closes)
    report.refresh_from_db()
    assert report.state == "draft"
    monitoring.extend_deadline(actor=ministry_officer, report=report, days=14, reason="Auditor was ill.")
    monitoring.submit_report(actor=applicant_a, report=report, now=closes + timedelta(days=1))
    report.refresh_from_db()
    assert report.state == "submitted"


def test_a_year_is_reported_after_it_ends(signed, applicant_a):
    with pytest.raises(ValidationError, match="Year 2 ends on"):
        monitoring.save_report(
            actor=applicant_a, partnership=signed.partnership, year=2, narrative="x", own_resources=None, actuals={}
        )


def test_submission_lists_what_is_missing(signed, applicant_a):
    report = monitoring.save_report(
        actor=applicant_a, partnership=signed.partnership, year=1, narrative="Short.", own_resources=None, actuals={}
    )
    with pytest.raises(ValidationError) as error:
        monitoring.submit_report(actor=applicant_a, report=report)
    assert len(error.value.messages) == 2  # narrative and own resources (no KPI defined yet)


def test_nobody_approves_their_own_report(signed, applicant_a, ministry_officer, reviewer):
    report = report_year_one(signed.partnership, applicant_a)
    monitoring.submit_report(actor=applicant_a, report=report)
    # A ministry officer who also belongs to a partner organisation is a member: cannot review or decide.
    insider = UserFactory(email="insider@eimin.example", roles=[Role.PROGRAMME_MANAGER])
    member(insider, signed.partnership.application.partners.last().organisation)
    with pytest.raises(ValidationError, match="belong to"):
        monitoring.review_report(actor=insider, report=report, note="Fine.")
    monitoring.review_report(actor=ministry_officer, report=report, note="Figures match.")
    with pytest.raises(ValidationError, match="second person"):
        monitoring.decide_report(actor=ministry_officer, report=report, accept=True, comment="")
    with pytest.raises(ValidationError, match="own report"):
        monitoring.decide_report(actor=insider, report=report, accept=True, comment="")
    other = UserFactory(email="head@eimin.example", roles=[Role.PROGRAMME_MANAGER])
    monitoring.decide_report(actor=other, report=report, accept=True, comment="")
    report.refresh_from_db()
    assert (report.state, report.reviewed_by, report.decided_by) == ("accepted", ministry_officer, other)


def test_returned_report_goes_back_to_the_coordinator_with_the_reason(signed, applicant_a, ministry_officer, reviewer):
    report = report_year_one(signed.partnership, applicant_a)
    monitoring.submit_report(actor=applicant_a, report=report)
    kpi = signed.partnership.kpis.get()
    monitoring.review_report(
        actor=reviewer, report=report, note="Member count unclear.", verification={kpi.pk: "queried"}
    )
    with pytest.raises(ValidationError, match="queried figure"):
        monitoring.decide_report(actor=ministry_officer, report=report, accept=True, comment="")
    with pytest.raises(ValidationError) as error:
        monitoring.decide_report(actor=ministry_officer, report=report, accept=False, comment="")
    assert "comment" in error.value.message_dict
    monitoring.decide_report(actor=ministry_officer, report=report, accept=False, comment="List the members.")
    report.refresh_from_db()
    assert report.state == "returned"
    # Back in the coordinator's hands: the draft can be corrected and submitted again.
    report_year_one(signed.partnership, applicant_a, members=(Decimal(9), "count", pdf_file("members.pdf")))
    monitoring.submit_report(actor=applicant_a, report=report, now=timezone.now())


def test_milestone_needs_evidence_and_a_returned_one_needs_a_comment(signed, applicant_a, ministry_officer):
    milestone = signed.partnership.milestones.first()
    with pytest.raises(ValidationError) as error:
        monitoring.submit_milestone(actor=applicant_a, milestone=milestone, report="Office staffed with two people.")
    assert "evidence" in error.value.message_dict
    monitoring.submit_milestone(
        actor=applicant_a, milestone=milestone, report="Office staffed with two people.", evidence=pdf_file()
    )
    with pytest.raises(ValidationError, match="Say what must change"):
        monitoring.review_milestone(actor=ministry_officer, milestone=milestone, accept=False, comment=" ")
    with pytest.raises(ValidationError, match="belong to"):
        monitoring.review_milestone(actor=applicant_a, milestone=milestone, accept=True, comment="")
    monitoring.review_milestone(actor=ministry_officer, milestone=milestone, accept=False, comment="Add the org chart.")
    milestone.refresh_from_db()
    assert (milestone.state, milestone.review_comment) == ("returned", "Add the org chart.")


def test_reminders_once_per_threshold_to_the_coordinator(signed, applicant_a, mailoutbox):
    from innopart.partnerships.reminders import due_items, send_reminders

    _opens, closes = monitoring.report_window(signed.partnership, 1)
    # Twenty days before year 1's report is due, the first two set-up milestones are long overdue.
    now = closes - timedelta(days=20)
    items = due_items(signed.partnership, now)
    assert [i.key.split(":")[0] for i in items] == ["milestone", "milestone", "report"]
    assert [i.overdue for i in items] == [True, True, False]
    assert send_reminders(now) == 3
    assert send_reminders(now) == 0  # once per threshold
    assert mailoutbox[0].to == [applicant_a.email] and "was due on" in mailoutbox[0].subject
    assert "Annual report, year 1 is due on" in mailoutbox[2].subject
    # Seven days before the deadline, the report is reminded again; once submitted, never.
    assert send_reminders(closes - timedelta(days=5)) == 1
    report = report_year_one(signed.partnership, applicant_a)
    monitoring.submit_report(actor=applicant_a, report=report, now=closes - timedelta(days=2))
    assert send_reminders(closes + timedelta(days=1)) == 0


def test_the_coordinator_and_the_ministry_hear_of_each_step(
    signed, applicant_a, ministry_officer, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    report = report_year_one(signed.partnership, applicant_a)
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.submit_report(actor=applicant_a, report=report)
    assert mailoutbox[-1].to == [ministry_officer.email]
    assert mailoutbox[-1].subject == "Innopart: PART, the annual report of year 1 was submitted"
    monitoring.review_report(actor=reviewer, report=report, note="Fine.")
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.decide_report(actor=ministry_officer, report=report, accept=False, comment="Add the list.")
    assert mailoutbox[-1].to == [applicant_a.email]
    assert "year 1 was returned with comments" in mailoutbox[-1].subject


def test_agreed_indicators_change_only_by_the_ministry_with_a_reason(signed, applicant_a, ministry_officer, reviewer):
    report = report_year_one(signed.partnership, applicant_a)
    monitoring.submit_report(actor=applicant_a, report=report)
    monitoring.review_report(actor=reviewer, report=report, note="Fine.")
    monitoring.decide_report(actor=ministry_officer, report=report, accept=True, comment="")
    change = {"partnership": signed.partnership, "kind": "members", "baseline": Decimal(6), "baseline_year": 2024}
    with pytest.raises(ValidationError, match="only the ministry"):
        monitoring.save_kpi(actor=applicant_a, targets={1: Decimal(8), 2: Decimal(7)}, **change)
    with pytest.raises(ValidationError) as error:
        monitoring.save_kpi(actor=ministry_officer, targets={1: Decimal(8), 2: Decimal(7)}, **change)
    assert "reason" in error.value.message_dict
    assert signed.partnership.kpis.get().targets.get(year=2).value == 10
    monitoring.save_kpi(
        actor=ministry_officer, targets={1: Decimal(8), 2: Decimal(7)}, reason="Two members merged.", **change
    )
    assert signed.partnership.kpis.get().targets.get(year=2).value == 7
