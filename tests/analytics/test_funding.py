import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from innopart.analytics.funding import (
    Taper,
    adjusted_shares,
    planned_grants,
    planned_shares,
    released,
    self_funding_year,
    tranches,
)


def test_taper_by_hand():
    taper = Taper(start=0.8, floor=0.3, step=0.1, setup_years=2)
    # Set-up years 1-2 at 80%; delivery falls 10 points a year: 70, 60, 50, 40, 30, then the floor.
    assert planned_shares(taper, 9).tolist() == pytest.approx([0.8, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.3, 0.3])
    assert planned_grants([1_000_000] * 3, taper).tolist() == [800_000, 800_000, 700_000]


def test_own_resources_ahead_of_plan_lower_the_share_behind_never_raise_it():
    taper = Taper(start=0.8, floor=0.3, step=0.1, setup_years=1, sensitivity=0.5)
    budget = [1_000_000, 1_000_000, 1_000_000]
    # Year 1: 100,000 EUR more own resources than planned -> year 2 share 0.7 - 0.5 x 0.1 = 0.65.
    ahead = adjusted_shares(budget, [200_000, 300_000, 400_000], [300_000, None, None], taper)
    assert ahead.tolist() == pytest.approx([0.8, 0.65, 0.6])
    behind = adjusted_shares(budget, [200_000, 300_000, 400_000], [0, 0, None], taper)
    assert behind.tolist() == pytest.approx(planned_shares(taper, 3).tolist())


def test_tranches_add_up_and_only_accepted_ones_are_released():
    assert tranches(700_001, [0.4, 0.3, 0.3]).tolist() == [280_000, 210_000, 210_001]
    assert released(700_001, [0.4, 0.3, 0.3], [True, False, True]) == 280_000 + 210_001
    with pytest.raises(ValueError, match="add up to 1"):
        tranches(100, [0.5, 0.4])


def test_self_funding_year_or_the_gap():
    year, share = self_funding_year([100, 100, 100, 100], [20, 35, 55, 70], target_share=0.5)
    assert year == 2 and share.tolist() == [0.2, 0.35, 0.55, 0.7]
    assert self_funding_year([100, 100], [10, 20], 0.5)[0] is None


tapers = st.builds(
    lambda start, floor_frac, step, setup, sens: Taper(start, start * floor_frac, step, setup, sens),
    st.floats(0.1, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 0.3),
    st.integers(0, 3),
    st.floats(0.0, 1.0),
)


@given(
    tapers,
    st.lists(
        st.tuples(st.floats(0, 5e6), st.floats(0, 5e6), st.one_of(st.none(), st.floats(0, 5e6))),
        min_size=1,
        max_size=10,
    ),
)
def test_the_share_stays_between_the_floor_and_the_plan(taper, years):
    budget, own_planned, own_actual = (list(x) for x in zip(*years, strict=True))
    shares = adjusted_shares(budget, own_planned, own_actual, taper)
    planned = planned_shares(taper, len(budget))
    assert np.all(shares <= planned + 1e-12) and np.all(shares >= taper.floor - 1e-12)
    assert np.all(np.diff(planned) <= 1e-12)  # the plan never rises


@given(st.integers(0, 10_000_000), st.lists(st.integers(1, 100), min_size=1, max_size=6), st.data())
def test_tranches_add_up_to_the_grant_and_missed_milestones_release_nothing(grant, weights, data):
    fractions = [w / sum(weights) for w in weights]
    amounts = tranches(grant, fractions)
    assert amounts.sum() == grant and np.all(amounts >= 0)
    accepted = data.draw(st.lists(st.booleans(), min_size=len(weights), max_size=len(weights)))
    assert released(grant, fractions, [False] * len(weights)) == 0
    assert released(grant, fractions, accepted) == amounts[np.asarray(accepted, dtype=bool)].sum()


def test_traffic_lights_by_hand():
    from innopart.analytics.monitoring import light

    assert light(100, 100) == "green"
    assert light(91, 100) == "amber"  # 91% of target, amber from 90%
    assert light(89, 100) == "red"
    assert light(None, 100) == "none" and light(5, None) == "none"
    # Less is better: 120 used against a target of 100 is 83% -> red; 105 is 95% -> amber.
    assert light(120, 100, higher_is_better=False) == "red"
    assert light(105, 100, higher_is_better=False) == "amber"
    assert light(90, 100, higher_is_better=False) == "green"


def test_projection_by_hand():
    from innopart.analytics.monitoring import project_own_resources

    budget = [1000, 1000, 1000, 1000]
    # Actuals 200 and 300, then +50% a year: 450, 675. Target 60%: reached in year 4 (index 3) at 67.5%.
    p = project_own_resources(budget, [200, 300, None, None], growth=0.5, target_share=0.6)
    assert p.own.tolist() == pytest.approx([200, 300, 450, 675])
    assert p.projected_from == 2 and p.self_funding_year == 3 and p.gap == 0
    slow = project_own_resources(budget, [200, 300, None, None], growth=0.0, target_share=0.6)
    assert slow.self_funding_year is None and slow.gap == pytest.approx(0.3)
    with pytest.raises(ValueError, match="without holes"):
        project_own_resources(budget, [None, 300, None, None], growth=0.1, target_share=0.5)
