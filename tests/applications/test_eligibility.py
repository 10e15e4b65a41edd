from hypothesis import given
from hypothesis import strategies as st

from innopart.applications.eligibility import Member, check_eligibility
from innopart.calls.enums import DEFAULT_ELIGIBILITY


def _by_code(results):
    return {r.code: r for r in results}


def consortium():
    return [
        Member("Coordinator", "sme", "LT", ("10.51",), is_coordinator=True),
        Member("University", "university", "LT", ("85.42",)),
        Member("Int", "international_company", "SE", ("17.21",), is_key_partner=True),
        Member("Cluster", "cluster_organisation", "LT", ("94.11",)),
        Member("ICT", "sme", "LT", ("62.01",)),
    ]


def test_eligible_consortium_passes_every_rule():
    results = check_eligibility(consortium(), DEFAULT_ELIGIBILITY, ["LT"])
    assert [r.code for r in results if not r.passed] == []
    assert len(results) == 7


def test_missing_research_partner_fails_with_counts_in_the_reason():
    members = [m for m in consortium() if m.type != "university"]
    result = _by_code(check_eligibility(members, DEFAULT_ELIGIBILITY, ["LT"]))["min_research"]
    assert not result.passed
    assert "university or research institute" in result.message
    assert "has 0" in result.message


def test_too_few_partners_names_needed_and_actual_numbers():
    result = _by_code(check_eligibility(consortium()[:2], DEFAULT_ELIGIBILITY, []))["min_partners"]
    assert not result.passed
    assert result.message == "The consortium needs at least 5 organisations; it has 2."


def test_sectors_are_counted_by_nace_section_not_by_code():
    members = [
        Member("A", "sme", "LT", ("10.51",), is_coordinator=True),
        Member("B", "sme", "LT", ("10.71", "C")),
        Member("C", "sme", "LT", ("28.99",)),
    ]
    result = _by_code(check_eligibility(members, {"min_sectors": 2}, []))["min_sectors"]
    assert not result.passed
    assert "cover 1 (C)" in result.message


def test_foreign_coordinator_fails_the_country_rule():
    members = [Member("Foreign", "sme", "DE", (), is_coordinator=True)]
    result = _by_code(check_eligibility(members, {}, ["LT"]))["coordinator_country"]
    assert not result.passed
    assert "registered in DE" in result.message


member_strategy = st.builds(
    Member,
    name=st.just("m"),
    type=st.sampled_from(["sme", "university", "research_institute", "large_company", "cluster_organisation"]),
    country=st.sampled_from(["LT", "LV"]),
    nace_codes=st.lists(st.sampled_from(["10.51", "28.99", "62.01", "72.19", "85.42"]), max_size=2).map(tuple),
    is_key_partner=st.booleans(),
)


@given(st.lists(member_strategy, max_size=8), st.lists(member_strategy, min_size=1, max_size=3))
def test_adding_members_never_breaks_a_minimum_rule(members, extra):
    rules = dict(DEFAULT_ELIGIBILITY)
    before = _by_code(check_eligibility(members, rules, []))
    after = _by_code(check_eligibility(members + extra, rules, []))
    for code, result in before.items():
        if result.passed:
            assert after[code].passed, code
