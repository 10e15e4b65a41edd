"""COINr's operations beyond the reference tables, checked on hand-computed cases."""

import numpy as np
import pandas as pd
import pytest

from innopart.analytics.composite import aggregate as ag
from innopart.analytics.composite import normalise as nm
from innopart.analytics.composite.data import denominate, impute, screen
from innopart.analytics.composite.stats import kurt, rank_min, skew
from innopart.analytics.composite.treat import log_ct, treat_vector, winsorise

NA = np.nan


def test_skew_and_kurtosis_use_the_type_2_definitions():
    x = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
    # By hand: deviations -3,-2,-1,0,6; sums of powers 50, 180, 1394 (Excel's SKEW and KURT agree).
    assert skew(x) == pytest.approx(180 / 50**1.5 * 5**0.5 * 20**0.5 / 3)
    assert kurt(x) == pytest.approx(((6 * (5 * 1394 / 2500 - 3)) + 6) * 4 / 6)


def test_ranks_take_the_minimum_for_ties_and_keep_missing():
    assert rank_min(np.array([3.0, 1.0, 3.0, NA, 2.0])).tolist()[:3] == [3.0, 1.0, 3.0]
    assert np.isnan(rank_min(np.array([3.0, NA]))[1])
    assert rank_min(np.array([3.0, 1.0, 3.0]), descending=True).tolist() == [1.0, 3.0, 1.0]


def test_normalisations_by_hand():
    x = np.array([2.0, 4.0, 6.0, NA])
    assert nm.n_minmax(x, (0, 1))[:3].tolist() == [0.0, 0.5, 1.0]
    assert nm.n_zscore(x)[:3].tolist() == [-1.0, 0.0, 1.0]
    assert nm.n_dist2max(x)[:3].tolist() == [0.0, 0.5, 1.0]
    assert nm.n_fracmax(x)[:3].tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert nm.n_dist2ref(x, iref=2)[:3].tolist() == [0.0, 1.0, 2.0]
    assert nm.n_dist2ref(x, iref=2, cap_max=True)[:3].tolist() == [0.0, 1.0, 1.0]
    assert nm.n_dist2targ(x, targ=5.0)[:3].tolist() == pytest.approx([0.0, 2 / 3, 4 / 3])
    assert nm.n_prank(x)[:3].tolist() == [0.0, 0.5, 1.0]
    assert nm.n_borda(x)[:3].tolist() == [0.0, 1.0, 2.0]
    assert nm.n_scaled(x, (0, 10))[:3].tolist() == [20.0, 40.0, 60.0]
    assert nm.n_goalposts(x, (3.0, 5.0, 1.0))[:3].tolist() == [0.0, 0.5, 1.0]
    assert np.isnan(nm.n_minmax(x)[3])


def test_direction_minus_one_reverses_an_indicator():
    data = pd.DataFrame({"good": [1.0, 2.0, 3.0], "bad": [1.0, 2.0, 3.0]})
    out = nm.normalise(data, {"good": 1, "bad": -1})
    assert out["good"].tolist() == [0.0, 50.0, 100.0]
    assert out["bad"].tolist() == [100.0, 50.0, 0.0]


def test_aggregation_functions_by_hand():
    x = np.array([[1.0, 4.0], [2.0, NA], [NA, NA]])
    w = np.array([1.0, 3.0])
    assert ag.a_amean(x, w)[:2].tolist() == [3.25, 2.0]
    assert np.isnan(ag.a_amean(x, w)[2])
    assert ag.a_gmean(x, w)[0] == pytest.approx(np.exp((np.log(1) + 3 * np.log(4)) / 4))
    assert ag.a_hmean(x, w)[0] == pytest.approx(4 / (1 / 1 + 3 / 4))
    assert ag.a_genmean(x, w, p=2)[0] == pytest.approx(np.sqrt((1 + 3 * 16) / 4))
    assert np.isnan(ag.a_genmean(x, w, p=2)[1])  # COINr: any missing child gives a missing result
    assert ag.a_median(np.array([[1.0, 5.0, 2.0]]), np.ones(3)).tolist() == [2.0]


def test_copeland_scores_by_hand():
    # Unit 0 beats 1 and 2 on both indicators; 1 and 2 split.
    x = np.array([[3.0, 3.0], [2.0, 1.0], [1.0, 2.0]])
    assert ag.a_copeland(x, np.ones(2)).tolist() == [2.0, -1.0, -1.0]


def test_winsorisation_replaces_the_extreme_by_the_next_value():
    # COINr's own example: one round (100 -> 30) brings skewness and kurtosis within bounds.
    x = np.array([*range(1, 11), 30.0, 100.0])
    treated, nwin, labels = winsorise(x, winmax=5)
    assert treated.tolist() == [*range(1, 11), 30.0, 30.0] and nwin == 1
    assert labels == [""] * 11 + ["winhi"]
    # Forced to the limit: 100 -> 30, then both 30s -> 10, then the skew turns negative and 1 -> 2.
    # COINr counts the points sitting at the treated extremes: 2 high + 1 low.
    treated, nwin, labels = winsorise(x, winmax=3, force=True)
    assert (treated.min(), treated.max(), nwin) == (2.0, 10.0, 3)
    assert (labels.count("winhi"), labels.count("winlo")) == (2, 1)


def test_log_is_applied_to_the_original_when_winsorising_is_not_enough():
    x = np.array([1.0] * 20 + [2.0, 3.0, 1000.0, 5000.0, 90000.0])
    treated, info = treat_vector(x, winmax=1)
    assert info.winsorised == 1 and not info.checks[1].passed
    assert info.log_applied
    assert np.allclose(treated, log_ct(x))


def test_denominate_impute_and_screen_by_hand():
    data = pd.DataFrame({"a": [10.0, NA, 30.0, NA], "b": [1.0, 2.0, NA, NA]}, index=list("wxyz"))
    per_cap = denominate(data, pd.DataFrame({"pop": [10.0, 20.0, 30.0, 40.0]}, index=list("wxyz")), {"a": "pop"})
    assert per_cap["a"].tolist()[::2] == [1.0, 1.0]
    filled, mask = impute(data, method="group_mean", groups=pd.Series(["g", "g", "h", "h"], index=list("wxyz")))
    assert filled.loc["x", "a"] == 10.0 and filled.loc["z", "a"] == 30.0
    assert filled.loc["z", "b"] != filled.loc["z", "b"]  # group h has no b at all: stays missing
    assert mask.loc["x", "a"] and not mask.loc["w", "a"]
    kept, table = screen(data, dat_thresh=0.5)
    assert list(kept.index) == ["w", "x", "y"]
    assert table.loc["z", "Dat_Avail"] == 0.0


def test_row_group_imputation_uses_the_units_other_indicators_in_the_group():
    from innopart.analytics.composite import Coin, example

    idata, imeta = example()
    coin = Coin.from_coinr(idata, imeta)
    raw = coin.dataset("Raw")
    unit, code = raw["Goods"].isna().idxmax(), "Goods"
    if not raw[code].isna().any():  # pick any missing cell instead
        code = raw.columns[raw.isna().any()][0]
        unit = raw[code].isna().idxmax()
    imputed = coin.impute(method="row_group_mean").dataset("Imputed")
    framework = coin.framework
    parent = next(p for p, kids in framework.children.items() if code in kids)
    kids = list(framework.children[parent])
    signs = np.array([framework.directions[k] for k in kids], dtype=float)
    block = raw[kids].to_numpy() * signs
    scaled = (block - np.nanmin(block, axis=0)) / (np.nanmax(block, axis=0) - np.nanmin(block, axis=0))
    row = scaled[list(raw.index).index(unit)]
    j = kids.index(code)
    expected = (np.nanmean(row) * (np.nanmax(block[:, j]) - np.nanmin(block[:, j])) + np.nanmin(block[:, j])) * signs[j]
    assert imputed.loc[unit, code] == pytest.approx(expected)
