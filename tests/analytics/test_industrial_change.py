import numpy as np
import pandas as pd
import pytest

from innopart.analytics import industrial_change as ic


def spec(**extra):
    return ic.parse_spec(
        {
            "name": "test",
            "window": 2,
            "coverage": 0.5,
            "screen": 0.5,
            "dimensions": [
                {"code": "a", "name": "A", "indicators": ["x", {"code": "x_change", "from": "x", "change": 2}]},
                {"code": "b", "name": "B", "indicators": ["y", {"code": "z", "direction": -1}]},
                {"code": "c", "name": "C", "indicators": [], "missing": "no data"},
            ],
            "uncertainty": {"n": 200, "seed": 7},
            **extra,
        }
    )


def tidy_rows():
    rows = []
    for i, unit in enumerate(["R1", "R2", "R3", "R4", "R5", "R6"]):
        for year in (2016, 2017, 2018):
            rows.append((unit, "x", year, 10 + i + (year - 2016)))
        rows.append((unit, "y", 2019, float(i * i)))
        rows.append((unit, "z", 2019, float(10 - i)))
    rows.append(("R1", "x", 2020, 99.0))  # one unit only: 2020 must not become the reference year
    rows.append(("OLD7", "y", 2019, 4.0))
    return pd.DataFrame(rows, columns=["geo", "indicator", "year", "value"])


def test_reference_year_window_change_and_predecessors():
    units = ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]
    table = ic.indicator_table(tidy_rows(), spec(), units, {"R7": ["OLD7"]})
    assert table.years == {"x": 2018, "x_change": 2018, "y": 2019, "z": 2019}
    assert table.values.at["R1", "x"] == 12  # the 2018 value, not the lone 2020 one
    assert table.values.at["R3", "x_change"] == 2  # 2018 minus 2016
    assert table.values.at["R7", "y"] == 4.0 and np.isnan(table.values.at["R7", "x"])
    assert table.borrowed.to_dict("records") == [{"unit": "R7", "indicator": "y", "code": "OLD7"}]


def test_window_takes_the_latest_value_no_older_than_allowed():
    rows = pd.DataFrame(
        [("A", "x", 2018, 1.0), ("B", "x", 2018, 2.0), ("C", "x", 2016, 3.0), ("D", "x", 2015, 4.0)],
        columns=["geo", "indicator", "year", "value"],
    )
    one = ic.parse_spec({"dimensions": [{"code": "d", "indicators": ["x"]}], "window": 2})
    values = ic.indicator_table(rows, one, ["A", "B", "C", "D"]).values["x"]
    assert values["C"] == 3.0 and np.isnan(values["D"])  # 2016 is within two years of 2018, 2015 is not


def test_compute_scores_ranks_eu_average_and_rank_uncertainty():
    table = ic.indicator_table(tidy_rows(), spec(), ["R1", "R2", "R3", "R4", "R5", "R6", "R7"], {"R7": ["OLD7"]})
    result = ic.compute(table, spec())
    scores = result.scores
    assert list(scores.columns) == ["a", "b", "Index"]
    assert "R7" not in scores.index  # one indicator of four: screened out
    assert ((scores >= 0) & (scores <= 1)).all().all()
    # Dimension b by hand: y (0,1,4,9,16,25) and z reversed (10..5 -> best is lowest) both rise with i.
    b = scores["b"]
    assert b["R6"] == pytest.approx(1.0) and b["R1"] == pytest.approx(0.0)
    assert result.eu_average["Index"] == pytest.approx(scores["Index"].mean())
    assert result.ranks.at["R6", "Index"] == 1
    assert result.dimensions_without_data == ["C"]
    ua = result.uncertainty
    assert (ua["Q5"] <= ua["Nominal"]).all() and (ua["Nominal"] <= ua["Q95"]).all()
    again = ic.compute(table, spec())
    pd.testing.assert_frame_equal(ua, again.uncertainty)  # seeded


def test_spec_errors_name_the_item():
    with pytest.raises(ic.SpecError, match=r"'x'.*twice"):
        ic.parse_spec({"dimensions": [{"code": "a", "indicators": ["x"]}, {"code": "b", "indicators": ["x"]}]})
    with pytest.raises(ic.SpecError, match=r"Indicator 'x'"):
        ic.parse_spec({"dimensions": [{"code": "a", "indicators": [{"code": "x", "direction": 2}]}]})
    with pytest.raises(ic.SpecError, match="No dimension has an indicator"):
        ic.parse_spec({"dimensions": [{"code": "a", "indicators": []}]})
    with pytest.raises(ic.SpecError, match="Dimension 2"):
        ic.parse_spec({"dimensions": [{"code": "a", "indicators": ["x"]}, {"name": "nameless"}]})


def test_region_types_follow_the_thresholds():
    index = pd.Series({"P": 0.3, "M": 0.4, "W": 0.75, "O": 0.55, "N": np.nan})
    stars = pd.Series({"P": 60, "M": 20, "W": 10, "O": 40, "N": 5})
    kinds = ic.region_types(index, stars, many_stars=45, few_stars=35, moderate=0.5, high=0.6)
    assert kinds.to_dict() == {"P": "cluster_rich", "M": "moderate", "W": "leader", "O": "other", "N": None}
    # With 30 stars as "many" and 0.6 as "moderate", O (40 stars, index 0.55) becomes cluster-rich.
    assert ic.region_types(index, stars, many_stars=30, few_stars=30, moderate=0.6, high=0.7)["O"] == "cluster_rich"


def test_when_present_indicators_join_their_dimension_only_when_the_data_hold_them():
    data = {
        "dimensions": [
            {"code": "a", "indicators": ["x"]},
            {"code": "c", "indicators": [], "when_present": [{"code": "w", "label": "Width", "dataset": "ds_w"}, "v"]},
        ]
    }
    waiting = ic.parse_spec(data)
    assert waiting.dimensions[1].indicators == ()
    assert [(i.code, i.label, i.dataset) for i in waiting.dimensions[1].waiting] == [
        ("w", "Width", "ds_w"),
        ("v", "", ""),
    ]
    assert waiting.sources == {"x"}
    held = ic.parse_spec(data, available={"x", "w"})
    assert [i.code for i in held.dimensions[1].indicators] == ["w"]
    assert [i.code for i in held.dimensions[1].waiting] == ["v"]
    assert held.sources == {"x", "w"}
    with pytest.raises(ic.SpecError, match="'x' is used twice"):
        ic.parse_spec({"dimensions": [{"code": "a", "indicators": ["x"], "when_present": ["x"]}]})
    with pytest.raises(ic.SpecError, match="Indicator 'w': change"):
        ic.parse_spec(
            {"dimensions": [{"code": "a", "indicators": ["x"], "when_present": [{"code": "w", "change": -1}]}]}
        )
