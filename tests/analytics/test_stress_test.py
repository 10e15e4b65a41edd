import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from innopart.analytics.stress_test import module_scores, overall, traffic_light


def test_module_scores_by_hand():
    answers = pd.DataFrame(
        {
            "module": ["A", "A", "A", "B", "B", "C", "C", "C"],
            "score": [4, 2, None, 0, 1, None, None, 3],
        }
    )
    table = module_scores(answers)
    assert table.loc["A"].tolist() == [3, 2, 0.75, "green"]  # (4 + 2) / 2 / 4, unanswered left out
    assert table.loc["B"].tolist() == [2, 2, 0.125, "red"]
    assert pd.isna(table.at["C", "light"]) and table.at["C", "score"] == 0.75  # 1 of 3 answered: no light
    assert overall(table) == pytest.approx((0.75 + 0.125) / 2)


def test_lights_follow_the_thresholds():
    assert [traffic_light(s) for s in (0.39, 0.4, 0.69, 0.7)] == ["red", "amber", "amber", "green"]
    assert traffic_light(0.5, amber=0.6, green=0.9) == "red"
    assert traffic_light(float("nan")) is None
    with pytest.raises(ValueError, match="amber <= green"):
        traffic_light(0.5, amber=0.8, green=0.7)


def test_bad_scores_are_refused_with_the_values():
    with pytest.raises(ValueError, match=r"from 0 to 4; found \[5"):
        module_scores(pd.DataFrame({"module": ["A", "A"], "score": [1, 5]}))


@given(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=12))
def test_raising_an_answer_never_lowers_its_module(scores):
    base = pd.DataFrame({"module": ["M"] * len(scores), "score": [np.nan if s is None else s for s in scores]})
    before = module_scores(base).at["M", "score"]
    for i, s in enumerate(scores):
        if s is not None and s < 4:
            raised = base.copy()
            raised.loc[i, "score"] = s + 1
            assert module_scores(raised).at["M", "score"] >= before
