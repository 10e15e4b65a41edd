from decimal import Decimal

from innopart.applications.plan import PlanLine, summarise_plan

LIMITS = {"min_years": 7, "max_years": 10, "max_grant": Decimal("5000000")}


def lines(*rows):
    return [PlanLine(kind, cat, year, Decimal(amount)) for kind, cat, year, amount in rows]


def test_own_funding_share_per_year_is_non_grant_income_over_income():
    plan = lines(
        ("cost", "management", 1, 100000),
        ("income", "grant", 1, 80000),
        ("income", "membership_fees", 1, 20000),
        ("cost", "management", 2, 100000),
        ("income", "grant", 2, 60000),
        ("income", "service_fees", 2, 40000),
    )
    summary = summarise_plan(plan, duration=7, **LIMITS)
    assert summary.own_share[1] == Decimal("20.0")
    assert summary.own_share[2] == Decimal("40.0")
    assert summary.own_share[3] is None
    assert summary.total_grant == Decimal(140000)
    assert summary.total_own_share == Decimal("30.0")


def test_plan_longer_than_the_funding_period_is_a_problem_on_duration():
    summary = summarise_plan(lines(("cost", "management", 1, 1)), duration=12, **LIMITS)
    assert (
        "duration_years",
        "The plan runs for 12 years; the call funds partnerships for 7 to 10 years.",
    ) in summary.problems


def test_grant_above_the_maximum_is_reported_with_both_amounts():
    plan = lines(
        *[("cost", "management", y, 600000) for y in range(1, 10)],
        *[("income", "grant", y, 600000) for y in range(1, 10)],
    )
    summary = summarise_plan(plan, duration=9, **LIMITS)
    messages = dict(summary.problems)
    assert "5,400,000" in messages["grant"] and "5,000,000" in messages["grant"]


def test_a_year_whose_income_does_not_cover_costs_is_flagged():
    plan = lines(("cost", "management", 3, 1000), ("income", "grant", 3, 400))
    summary = summarise_plan(plan, duration=7, **LIMITS)
    assert dict(summary.problems)["year_3"].startswith("Year 3: income (EUR 400)")


def test_figures_beyond_the_duration_are_reported_and_left_out_of_totals():
    plan = lines(("cost", "management", 1, 100), ("income", "grant", 1, 100), ("cost", "management", 9, 50))
    summary = summarise_plan(plan, duration=7, **LIMITS)
    assert summary.total_costs == Decimal(100)
    assert any("year 9" in message for _, message in summary.problems)
