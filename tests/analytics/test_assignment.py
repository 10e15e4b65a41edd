import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innopart.analytics.assignment import InfeasibleAssignment, assign


def brute_force(affinity, k, load, conflicts, industry=None, majority=False):
    """The best total affinity over every possible assignment (tiny instances only)."""
    n_apps, n_jurors = affinity.shape
    options = []
    for i in range(n_apps):
        panels = [p for p in itertools.combinations(range(n_jurors), k) if not conflicts[i, list(p)].any()]
        if majority:
            panels = [p for p in panels if industry[list(p)].sum() >= k // 2 + 1]
        options.append(panels)
    best = None
    for choice in itertools.product(*options):
        loads = np.bincount([j for panel in choice for j in panel], minlength=n_jurors)
        if loads.max() <= load:
            total = sum(affinity[i, list(p)].sum() for i, p in enumerate(choice))
            best = total if best is None else max(best, total)
    return best


instances = st.integers(0, 10_000).map(lambda seed: np.random.default_rng(seed))


@settings(max_examples=40, deadline=None)
@given(instances, st.booleans())
def test_the_assignment_is_optimal_on_small_instances(rng, majority):
    n_apps, n_jurors, k = 3, 5, 2
    affinity = rng.integers(0, 10, size=(n_apps, n_jurors)).astype(float)
    conflicts = rng.random((n_apps, n_jurors)) < 0.15
    industry = rng.random(n_jurors) < 0.6
    best = brute_force(affinity, k, 2, conflicts, industry, majority)
    if best is None:
        with pytest.raises(InfeasibleAssignment):
            assign(affinity, k=k, max_load=2, conflicts=conflicts, industry=industry, industry_majority=majority)
        return
    result = assign(affinity, k=k, max_load=2, conflicts=conflicts, industry=industry, industry_majority=majority)
    assert result.total_affinity == pytest.approx(best)


@settings(max_examples=30, deadline=None)
@given(instances)
def test_constraints_always_hold(rng):
    n_apps, n_jurors, k = 20, 12, 3
    affinity = rng.random((n_apps, n_jurors))
    conflicts = rng.random((n_apps, n_jurors)) < 0.1
    industry = rng.random(n_jurors) < 0.7
    try:
        result = assign(affinity, k=k, max_load=8, conflicts=conflicts, industry=industry, industry_majority=True)
    except InfeasibleAssignment as error:
        assert error.reasons
        return
    apps, jurors = result.pairs[:, 0], result.pairs[:, 1]
    assert not conflicts[apps, jurors].any()
    assert (np.bincount(apps, minlength=n_apps) == k).all()
    assert result.loads.max() <= 8
    assert (np.bincount(apps, weights=industry[jurors], minlength=n_apps) >= 2).all()
    assert len({(a, j) for a, j in result.pairs}) == len(result.pairs)


def test_an_application_without_enough_free_jurors_is_named():
    affinity = np.ones((2, 3))
    conflicts = np.array([[False, False, False], [True, True, False]])
    with pytest.raises(InfeasibleAssignment) as error:
        assign(affinity, k=2, conflicts=conflicts, labels=(["FOODLOOP", "DIGIMAN"], ["A", "B", "C"]))
    assert error.value.reasons == ["DIGIMAN has 1 juror(s) without a conflict of interest; it needs 2."]


def test_too_little_capacity_is_explained():
    with pytest.raises(InfeasibleAssignment, match="need 12 reviews; 3 jurors with a load cap of 2 can give 6"):
        assign(np.ones((4, 3)), k=3, max_load=2)


def test_a_hidden_bottleneck_is_found_and_named():
    # Jurors 0 and 1 are the only ones free for applications 0, 1 and 2, each needing two: with a load cap of 2
    # they can staff only one of them fully.
    affinity = np.ones((4, 4))
    conflicts = np.zeros((4, 4), dtype=bool)
    conflicts[:3, 2:] = True
    with pytest.raises(InfeasibleAssignment, match="cannot get 2 jurors: application"):
        assign(affinity, k=2, max_load=2, conflicts=conflicts)


def test_candidate_lists_give_a_bounded_gap():
    rng = np.random.default_rng(5)
    affinity = rng.random((200, 60))
    exact = assign(affinity, k=3, max_load=12)
    pruned = assign(affinity, k=3, max_load=12, candidates=9)
    assert pruned.total_affinity <= exact.total_affinity + 1e-9
    assert exact.total_affinity <= exact.upper_bound + 1e-9
    assert pruned.gap < 0.01
