from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from innopart.core.models import AuditEntry
from innopart.partnerships import agreements, monitoring
from innopart.partnerships.models import Agreement, Partnership, Payment, Tranche

from .conftest import report_year_one


def test_agreement_from_the_resource_plan_by_hand(ministry_officer, awarded):
    agreement = agreements.prepare_agreement(actor=ministry_officer, application=awarded)
    years = list(agreement.years.all())
    # The plan: 7 years of EUR 100,000 costs and EUR 70,000 grant (balanced_plan); default taper 80%, two set-up
    # years, -10 points a year to a 30% floor: 80, 80, 70, 60, 50, 40, 30.
    assert [y.budget for y in years] == [Decimal(100000)] * 7
    assert [y.own_planned for y in years] == [Decimal(30000)] * 7
    assert [y.grant for y in years] == [Decimal(g) for g in (80000, 80000, 70000, 60000, 50000, 40000, 30000)]
    assert agreement.total_grant == Decimal(410000)
    assert agreement.state == "draft"
    assert AuditEntry.objects.filter(action="agreement.prepared", object_id=str(agreement.pk)).exists()


def test_signature_plans_milestones_and_tranches_and_releases_the_first_advance(signed, applicant_a):
    partnership = signed.partnership
    assert [m.kind for m in partnership.milestones.all()] == ["management", "processes", "training", "embedding"]
    # Spread over the two set-up years: two milestones in each.
    assert [m.year for m in partnership.milestones.all()] == [1, 1, 2, 2]
    tranches = list(partnership.tranches.all())
    assert len(tranches) == 14
    assert sum(t.planned_amount for t in tranches) == signed.total_grant
    first = tranches[0]
    assert (first.year, first.number, first.state, first.amount) == (1, 1, "released", Decimal(40000))
    assert all(t.state == "pending" for t in tranches[1:])


def test_nobody_signs_for_both_sides(ministry_officer, awarded):
    agreement = agreements.prepare_agreement(actor=ministry_officer, application=awarded)
    agreements.sign_for_partnership(actor=ministry_officer, agreement=agreement)
    with pytest.raises(ValidationError, match="both sides"):
        agreements.countersign(actor=ministry_officer, agreement=agreement)


def test_only_an_awarded_application_gets_an_agreement(ministry_officer, application_a):
    with pytest.raises(ValidationError, match="awarded"):
        agreements.prepare_agreement(actor=ministry_officer, application=application_a)
    assert not Partnership.objects.exists()


def test_balance_waits_for_the_report_and_the_milestones(signed, applicant_a, ministry_officer, reviewer):
    partnership = signed.partnership
    balance = Tranche.objects.get(partnership=partnership, year=1, number=2)
    report = report_year_one(partnership, applicant_a)
    monitoring.submit_report(actor=applicant_a, report=report)
    monitoring.review_report(actor=reviewer, report=report, note="Figures match the evidence.")
    monitoring.decide_report(actor=ministry_officer, report=report, accept=True, comment="")
    balance.refresh_from_db()
    # The report is accepted, but year 1's two milestones are not: a missed milestone releases nothing.
    assert balance.state == "pending"
    # Year 2's advance waited only for year 1's report. Own resources 40,000 against 30,000 planned: the year-2
    # share stays at the set-up 80% (the adjustment never raises it) minus 0.5 x 10,000 / 100,000 = 75%.
    advance = Tranche.objects.get(partnership=partnership, year=2, number=1)
    assert advance.state == "released" and advance.amount == Decimal(37500)
    for milestone in partnership.milestones.filter(year=1):
        from tests.factories import pdf_file

        monitoring.submit_milestone(
            actor=applicant_a, milestone=milestone, report="Management office staffed and running.", evidence=pdf_file()
        )
        monitoring.review_milestone(actor=ministry_officer, milestone=milestone, accept=True, comment="")
    balance.refresh_from_db()
    assert balance.state == "released" and balance.amount == Decimal(40000)


def test_payment_beyond_the_agreement_is_refused_and_nothing_saved(signed, ministry_officer):
    first = Tranche.objects.get(partnership=signed.partnership, year=1, number=1)
    agreements.record_payment(
        actor=ministry_officer, tranche=first, amount=Decimal(30000), paid_on=date.today(), reference="PAY-1"
    )
    with pytest.raises(ValidationError, match="beyond the agreement") as error:
        agreements.record_payment(
            actor=ministry_officer, tranche=first, amount=Decimal(10001), paid_on=date.today(), reference="PAY-2"
        )
    assert "amount" in error.value.message_dict
    pending = Tranche.objects.get(partnership=signed.partnership, year=1, number=2)
    with pytest.raises(ValidationError, match="not been released"):
        agreements.record_payment(
            actor=ministry_officer, tranche=pending, amount=Decimal(1), paid_on=date.today(), reference="PAY-3"
        )
    assert list(Payment.objects.values_list("reference", flat=True)) == ["PAY-1"]


def test_amendment_is_a_new_version_with_its_changelog(signed, ministry_officer, applicant_a):
    amended = agreements.amend(
        actor=ministry_officer,
        partnership=signed.partnership,
        terms={"duration_years": 9},
        changelog="Two more years to finish the pilot line.",
    )
    assert (amended.number, amended.state, amended.years.count()) == (2, "draft", 9)
    agreements.sign_for_partnership(actor=applicant_a, agreement=amended)
    agreements.countersign(actor=ministry_officer, agreement=amended)
    signed.refresh_from_db()
    assert signed.state == "superseded"
    assert Tranche.objects.filter(partnership=signed.partnership, year=9, state="pending").count() == 2
    entry = AuditEntry.objects.get(action="agreement.amended")
    assert entry.changes == {"duration_years": ["7", "9"]}


def test_amendment_breaking_the_funding_period_names_the_field(signed, ministry_officer):
    with pytest.raises(ValidationError) as error:
        agreements.amend(
            actor=ministry_officer, partnership=signed.partnership, terms={"duration_years": 12}, changelog="Longer."
        )
    assert "7 to 10 years" in " ".join(error.value.message_dict["duration_years"])
    with pytest.raises(ValidationError) as error:
        agreements.amend(
            actor=ministry_officer,
            partnership=signed.partnership,
            terms={"start_date": date(2030, 1, 1)},
            changelog="Start later.",
        )
    assert "start_date" in error.value.message_dict
    assert Agreement.objects.count() == 1


def test_amendment_can_rebase_the_yearly_budget(signed, ministry_officer, applicant_a):
    with pytest.raises(ValidationError) as error:
        agreements.amend(
            actor=ministry_officer,
            partnership=signed.partnership,
            terms={},
            changelog="Bigger test bed.",
            budget=[Decimal(100000)] * 6,
        )
    assert "7 years (6 given)" in " ".join(error.value.message_dict["budget"])
    with pytest.raises(ValidationError, match="cannot exceed the budget"):
        agreements.amend(
            actor=ministry_officer,
            partnership=signed.partnership,
            terms={},
            changelog="Bigger test bed.",
            own_planned=[Decimal(200000)] * 7,
        )
    amended = agreements.amend(
        actor=ministry_officer,
        partnership=signed.partnership,
        terms={},
        changelog="Bigger test bed from year 3.",
        budget=[Decimal(100000)] * 2 + [Decimal(200000)] * 5,
    )
    # Year 3 is the first delivery year at 70%: 140,000 instead of 70,000.
    assert [y.grant for y in amended.years.all()][1:4] == [Decimal(80000), Decimal(140000), Decimal(120000)]
    agreements.sign_for_partnership(actor=applicant_a, agreement=amended)
    agreements.countersign(actor=ministry_officer, agreement=amended)
    # Year 1's advance was released at signature and stays; year 3's pending tranches follow the new baseline.
    first = Tranche.objects.get(partnership=signed.partnership, year=1, number=1)
    assert (first.state, first.amount) == ("released", Decimal(40000))
    assert Tranche.objects.get(partnership=signed.partnership, year=3, number=1).planned_amount == Decimal(70000)
    entry = AuditEntry.objects.get(action="agreement.amended")
    assert entry.changes["budget"][1][2] == "200000.00"
