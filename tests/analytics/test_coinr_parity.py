"""Parity with COINr 1.1.14 on its own ASEM example: the reference tables were computed by COINr itself
(see reference/PROVENANCE.md). Tolerance: 1e-9 absolute."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from innopart.analytics.composite import Coin, example

REFERENCE = Path(__file__).resolve().parent / "reference"
TOLERANCE = 1e-9


def reference(name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE / name).set_index("uCode")


@pytest.fixture(scope="module")
def coin():
    return Coin.from_coinr(*example())


def assert_frames_close(mine: pd.DataFrame, ref: pd.DataFrame):
    assert list(mine.index) == list(ref.index)
    mine = mine[ref.columns]
    both_missing = mine.isna() & ref.isna()
    assert (mine.isna() == ref.isna()).all().all()
    diff = (mine - ref).abs().where(~both_missing, 0.0)
    assert diff.max().max() <= TOLERANCE, diff.max().sort_values().tail(3)


def test_minmax_normalisation_matches_coinr(coin):
    assert_frames_close(coin.normalise().datasets["Normalised"], reference("A1_normalised_minmax_0_100.csv"))


def test_arithmetic_aggregation_of_the_whole_hierarchy_matches_coinr(coin):
    aggregated = coin.normalise().aggregate().datasets["Aggregated"]
    assert_frames_close(aggregated, reference("A2_aggregated_amean.csv"))


def test_ranks_match_coinr(coin):
    ranks = coin.normalise().aggregate().ranks()
    assert_frames_close(ranks, reference("A3_ranks_amean.csv"))


def test_default_treatment_in_the_canonical_pipeline_matches_coinr(coin):
    built = (
        coin.denominate()
        .impute(method="group_mean", group="EurAsia_group")
        .screen(dat_thresh=0.9, by="byNA")
        .treat(winmax=5)
    )
    mine = built.analysis["Treated"].details
    ref = pd.read_csv(REFERENCE / "B4_treat_details.csv").set_index("iCode")
    assert list(mine.index) == list(ref.index)
    for column in ref.columns:
        if column.endswith(".Pass"):
            assert (mine[column].astype("boolean") == ref[column].astype("boolean")).fillna(ref[column].isna()).all(), (
                column
            )
        else:
            a, b = mine[column].astype(float).to_numpy(), ref[column].astype(float).to_numpy()
            assert np.array_equal(np.isnan(a), np.isnan(b)), column
            assert np.nanmax(np.abs(a - b)) <= TOLERANCE, column
    treated = built.analysis["Treated"].points
    assert (treated["Bord"] == "winhi").sum() == 3
    assert (treated["FemLab"] == "winlo").sum() == 1


def test_regenerate_reruns_the_log_with_changed_parameters(coin):
    built = coin.denominate().impute(method="group_mean", group="EurAsia_group").treat().normalise().aggregate()
    same = built.regenerate()
    pd.testing.assert_frame_equal(same.datasets["Aggregated"], built.datasets["Aggregated"])
    z = built.regenerate(normalise={"method": "zscore", "params": {"m_sd": (10, 2)}})
    normalised = z.datasets["Normalised"]
    assert np.allclose(normalised.mean(), 10) and np.allclose(normalised.std(ddof=1), 2)
    assert [s.name for s in z.log] == [s.name for s in built.log]
    assert z.log[3].params["method"] == "zscore"
