"""Large expert pools: affinities block by block, candidate pairs, and a solve that stays close to the exact one."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innopart.analytics.affinity import ExpertiseMatch, candidate_pairs, words
from innopart.analytics.assignment import InfeasibleAssignment, assign, assign_pool

VOCABULARY = ["robotics", "textiles", "hydrogen", "dairy", "lasers", "timber", "software", "glass"]
SECTIONS = list("ABCDEFG")


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000))
def test_block_affinities_are_the_shares_of_words_and_sections(seed):
    rng = np.random.default_rng(seed)

    def some(items, most):
        return {str(x) for x in rng.choice(items, rng.integers(0, most + 1), replace=False)}

    apps = [(some(VOCABULARY, 5), some(SECTIONS, 4)) for _ in range(7)]
    jurors = [(some(VOCABULARY, 3), some(SECTIONS, 2)) for _ in range(5)]
    match = ExpertiseMatch([a[0] for a in apps], [a[1] for a in apps], [j[0] for j in jurors], [j[1] for j in jurors])
    block = match.block(slice(2, 7))
    for i, (app_words, app_sections) in enumerate(apps[2:7]):
        for j, (juror_words, juror_sections) in enumerate(jurors):
            expected = (len(juror_words & app_words) / len(juror_words) if juror_words else 0) + (
                len(juror_sections & app_sections) / len(juror_sections) if juror_sections else 0
            )
            assert block[i, j] == pytest.approx(expected, abs=1e-6)


def test_words_ignore_case_punctuation_and_short_words():
    assert words("Hydrogen-based STEEL, for the EU!") == {"hydrogen", "based", "steel"}


def test_candidates_keep_each_sides_best_and_never_a_conflict():
    rng = np.random.default_rng(3)
    affinity = rng.random((40, 30))
    blocked = (np.array([0, 0, 5]), np.array([int(np.argmax(affinity[0])), 3, 7]))
    pool = candidate_pairs(
        lambda rows: affinity[rows],
        affinity.shape,
        k=3,
        per_application=4,
        per_juror=2,
        blocked=blocked,
        rows_per_block=7,
    )
    kept = set(zip(pool.applications.tolist(), pool.jurors.tolist(), strict=True))
    assert not kept & set(zip(*[b.tolist() for b in blocked], strict=True))
    masked = affinity.copy()
    masked[blocked] = -1
    for a in range(40):
        assert {(a, int(j)) for j in np.argsort(-masked[a])[:4]} <= kept
    for j in range(30):
        assert {(int(a), j) for a in np.argsort(-masked[:, j])[:2]} <= kept
    assert np.allclose(pool.affinity, affinity[pool.applications, pool.jurors])
    assert pool.free.tolist() == [28] + [30] * 4 + [29] + [30] * 34
    assert pool.upper_bound == pytest.approx(np.sort(masked, axis=1)[:, -3:].sum())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_pruned_solve_is_feasible_and_close_to_the_exact_optimum(seed):
    rng = np.random.default_rng(seed)
    affinity, conflicts, industry = rng.random((400, 150)), rng.random((400, 150)) < 0.05, rng.random(150) < 0.6
    options = dict(k=3, max_load=10, conflicts=conflicts, industry=industry, industry_majority=True)
    exact = assign(affinity, **options)
    pruned = assign(affinity, candidates=6, **options)
    pairs = pruned.pairs
    assert len(pairs) == 1200 and np.bincount(pairs[:, 0]).tolist() == [3] * 400
    assert not conflicts[pairs[:, 0], pairs[:, 1]].any() and pruned.loads.max() <= 10
    assert all(industry[pruned.jurors_of(a)].sum() >= 2 for a in range(400))
    assert exact.total_affinity * 0.995 <= pruned.total_affinity <= exact.total_affinity + 1e-9
    assert pruned.upper_bound >= exact.total_affinity


def test_candidate_lists_grow_until_a_crowded_pool_is_feasible():
    # Every application prefers the same three jurors, who may take one application each: the first candidate
    # lists cannot staff the panels, the doubled ones can.
    affinity = np.full((30, 40), 0.1)
    affinity[:, :3] = 1.0
    result = assign_pool(lambda rows: affinity[rows], affinity.shape, k=2, max_load=2, candidates=2)
    assert len(result.pairs) == 60 and result.loads.max() <= 2


def test_a_truly_infeasible_pool_is_explained_by_its_real_constraints():
    affinity = np.ones((10, 6))
    with pytest.raises(InfeasibleAssignment, match="need 30 reviews; 6 jurors with a load cap of 2 can give 12"):
        assign_pool(lambda rows: affinity[rows], affinity.shape, k=3, max_load=2)
    blocked = (np.array([4, 4, 4, 4]), np.array([0, 1, 2, 3]))
    with pytest.raises(InfeasibleAssignment, match="application 5 has 2 juror"):
        assign_pool(lambda rows: affinity[rows], affinity.shape, k=3, blocked=blocked)
