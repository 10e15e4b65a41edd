import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innopart.analytics.ranking import Rules, juror_severity, rank, rank_uncertainty

RULES = Rules(
    weights={"potential": 30, "network": 25, "implementation": 25, "future": 20},
    thresholds={"potential": 3, "network": 3, "implementation": 3, "future": 3},
    overall_threshold=3.5,
    tie_break=("potential", "implementation"),
)


def table(rows):
    """rows: {application: [(juror, potential, network, implementation, future), ...]}"""
    out = []
    for app, panel in rows.items():
        for juror, *values in panel:
            for criterion, value in zip(RULES.weights, values, strict=True):
                out.append({"application": app, "juror": juror, "criterion": criterion, "score": value})
    return pd.DataFrame(out)


SCORES = table(
    {
        "A": [("j1", 5, 4, 4, 4), ("j2", 4, 4, 4, 4)],  # potential 4.5 -> total 0.3*4.5+0.7*4 = 4.15
        "B": [("j1", 4, 5, 4, 3.5), ("j2", 4, 4, 4, 4)],  # 0.3*4+0.25*4.5+0.25*4+0.2*3.75 = 4.075
        "C": [("j1", 4, 4, 4, 4), ("j3", 4, 4, 4, 4)],  # 4.0
        "D": [("j2", 5, 5, 2.5, 5), ("j3", 5, 5, 2.5, 5)],  # implementation 2.5 < 3: not ranked
        "E": [("j1", 3.5, 3.5, 3.5, 3.5), ("j3", 3, 3, 3, 3)],  # total 3.25 < 3.5: not ranked
    }
)


def test_weighted_totals_thresholds_and_ranks_by_hand():
    result = rank(SCORES, RULES)
    assert result["total"].round(3).to_dict() == {"A": 4.15, "B": 4.075, "C": 4.0, "D": 4.375, "E": 3.25}
    assert result["rank"].to_dict() == {
        "A": 1,
        "B": 2,
        "C": 3,
        "D": pytest.approx(np.nan, nan_ok=True),
        "E": pytest.approx(np.nan, nan_ok=True),
    }
    assert result.loc["D", "explanation"] == "Not ranked: implementation: 2.50 below the threshold 3.00."
    assert "total 3.25 below the overall threshold 3.50" in result.loc["E", "explanation"]


def test_ties_are_broken_by_the_chain_and_explained():
    scores = table({"X": [("j1", 4, 4, 3, 4)], "Y": [("j1", 3, 4, 4, 4), ("j2", 3, 4, 4, 5)]})
    # Y: potential 3, network 4, implementation 4, future 4.5 -> 0.9 + 1 + 1 + 0.9 = 3.8; X 3.75
    result = rank(scores, Rules(RULES.weights, {}, 0, ("potential",)))
    assert list(result.index) == ["Y", "X"]
    equal = table({"X": [("j1", 4, 4, 3, 4)], "Y": [("j1", 3, 4, 4, 4), ("j2", 3, 4, 4, 4.5)]})
    result = rank(equal, Rules(RULES.weights, {}, 0, ("potential",)))
    # Y: 0.9 + 1 + 1 + 0.2*4.25 = 3.75 = X; potential decides for X.
    assert result.loc["X", "total"] == pytest.approx(result.loc["Y", "total"])
    assert list(result.index) == ["X", "Y"] and result["rank"].tolist() == [1, 2]
    assert "the tie was broken on potential" in result.loc["X", "explanation"]
    twin = table({"X": [("j1", 4, 4, 4, 4)], "Y": [("j2", 4, 4, 4, 4)]})
    result = rank(twin, Rules(RULES.weights, {}, 0, ("potential",)))
    assert result["rank"].tolist() == [1, 1] and result["ex_aequo"].all()
    assert "ex aequo" in result.loc["X", "explanation"]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_ranking_does_not_depend_on_input_order_and_never_ranks_a_failing_application(seed):
    rng = np.random.default_rng(seed)
    rows = {f"A{i}": [(f"j{j}", *(rng.integers(0, 11, 4) / 2)) for j in range(3)] for i in range(8)}
    scores = table(rows)
    first = rank(scores, RULES)
    shuffled = rank(scores.sample(frac=1, random_state=seed), RULES)
    assert first["rank"].sort_index().equals(shuffled["rank"].sort_index())
    failing = first[~first["passes"]]
    assert failing["rank"].isna().all()
    means = scores.pivot_table(index="application", columns="criterion", values="score")
    for app in first.index[first["rank"].notna()]:
        assert all(means.loc[app, c] >= t for c, t in RULES.thresholds.items())


def test_rank_uncertainty_flags_applications_at_the_cut_off():
    scores = table(
        {
            "Solid": [("j1", 5, 5, 5, 5), ("j2", 5, 5, 5, 5), ("j3", 5, 5, 5, 5)],
            "Split": [("j1", 5, 5, 5, 5), ("j2", 3, 3, 3, 3), ("j3", 5, 5, 5, 5)],
            "Steady": [("j1", 4, 4, 4, 4), ("j2", 4.5, 4.5, 4.5, 4.5), ("j3", 4, 4, 4, 4)],
            "Weak": [("j1", 3, 3, 3, 3), ("j2", 3, 3, 3, 3), ("j3", 3, 3, 3, 3)],
        }
    )
    result = rank_uncertainty(scores, Rules(RULES.weights, {}, 0, ()), awards=2, draws=4000, seed=1).table
    assert result.loc["Solid", "p_award"] == 1.0 and not result.loc["Solid", "not_robust"]
    assert result.loc["Weak", "p_award"] == 0.0
    assert result.loc["Split", "not_robust"] and result.loc["Steady", "not_robust"]
    again = rank_uncertainty(scores, Rules(RULES.weights, {}, 0, ()), awards=2, draws=4000, seed=1).table
    assert result.equals(again)


def test_juror_severity_is_the_mean_deviation_from_the_others():
    severity = juror_severity(SCORES)
    # j3 gives 4 where j1 gives 4 on C (0), 5 on D where j2 gives 5 (0), 3 on E where j1 gives 3.5 (-0.5).
    assert severity.loc["j3", "severity"] == pytest.approx((0 * 4 + 0 * 4 - 0.5 * 4) / 12)
    assert severity["scores"].sum() == len(SCORES)


def test_bad_scores_are_named():
    bad = SCORES.copy()
    bad.loc[0, "score"] = 4.3
    with pytest.raises(ValueError, match=r"Score 4\.3 by j1 on potential of A is not a half point"):
        rank(bad, RULES)


def test_panels_of_different_sizes_are_resampled_at_their_own_size():
    # A has two jurors at 4, B three jurors at 4.5: B is first in every draw.
    scores = table(
        {
            "A": [("j1", 4, 4, 4, 4), ("j2", 4, 4, 4, 4)],
            "B": [("j1", 4.5, 4.5, 4.5, 4.5), ("j2", 4.5, 4.5, 4.5, 4.5), ("j3", 4.5, 4.5, 4.5, 4.5)],
        }
    )
    result = rank_uncertainty(scores, Rules(RULES.weights, {}, 0, ()), awards=1, draws=500, seed=2).table
    assert result.loc["B", "p_award"] == 1.0 and result.loc["A", "p_award"] == 0.0
    assert result.loc["A", "rank_median"] == 2
