import numpy as np
import pandas as pd
import pytest

from innopart.analytics.composite import Coin, CompositeError, example
from innopart.analytics.composite.analysis import (
    correlation_flags,
    correlations,
    cronbach_alpha,
    cronbach_by_group,
    effective_weights,
    pca,
    pca_weights,
    removal_impact,
)


@pytest.fixture(scope="module")
def coin():
    return Coin.from_coinr(*example()).impute(method="mean").normalise().aggregate()


def test_cronbach_alpha_by_hand():
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [2.0, 3.0, 3.0, 5.0], "c": [1.0, 1.0, 2.0, 2.0]})
    # item variances 20/12, 19/12, 4/12 (sum 43/12); row totals 4, 6, 8, 11 have variance 107/12
    assert cronbach_alpha(data) == pytest.approx(1.5 * (1 - 43 / 107))


def test_identical_columns_have_alpha_one_and_equal_pca_loadings():
    x = np.array([1.0, 3.0, 2.0, 5.0, 4.0])
    data = pd.DataFrame({"a": x, "b": 2 * x + 1})
    assert cronbach_alpha(pd.DataFrame({"a": x, "b": x})) == pytest.approx(1.0)
    loadings, variance = pca(data)
    assert np.allclose(loadings, [1 / np.sqrt(2)] * 2)
    assert variance["PC1"] == pytest.approx(1.0)


def test_effective_weights_multiply_down_the_tree(coin):
    eff = effective_weights(coin.framework)
    assert eff["Index"] == 1.0 and eff["Conn"] == 0.5
    assert eff["Physical"] == pytest.approx(0.5 / 5)  # Conn has five pillars
    assert eff["LPI"] == pytest.approx(0.5 / 5 / 8)  # Physical has eight indicators
    assert eff[list(coin.framework.indicators)].sum() == pytest.approx(1.0)
    doubled = effective_weights(coin.framework, {"Conn": 2.0})
    assert doubled["Conn"] == pytest.approx(2 / 3)


def test_correlations_and_flags(coin):
    matrix = correlations(coin, codes=["Conn", "Sust", "Index"])
    assert matrix.shape == (3, 3) and np.allclose(np.diag(matrix), 1)
    flags = correlation_flags(coin, high=0.8, low=-0.3)
    assert set(flags["Flag"]) <= {"High", "Low"}
    row = flags.iloc[0]
    assert coin.framework.children[row["Group"]].count(row["Code1"]) == 1
    direct = coin.dataset("Normalised")[[row["Code1"], row["Code2"]]].corr().iloc[0, 1]
    assert row["Correlation"] == pytest.approx(direct)


def test_cronbach_and_pca_weights_per_group(coin):
    alphas = cronbach_by_group(coin)
    assert set(alphas.index) == set(coin.framework.codes_at(2))
    weights = pca_weights(coin)
    physical = [weights[k] for k in coin.framework.children["Physical"]]
    assert np.isclose(np.sum(np.square(physical)), 1.0)


def test_removing_an_element_is_measured_against_the_nominal_ranks(coin):
    impact = removal_impact(coin, level=2)
    assert set(impact.index) == set(coin.framework.codes_at(2))
    assert (impact["MeanAbsRankChange"] > 0).all()
    code = impact.index[0]
    rebuilt = coin.regenerate(aggregate={"weights": {code: 0.0}}).ranks()["Index"]
    nominal = coin.ranks()["Index"]
    assert impact.loc[code, "MeanAbsRankChange"] == pytest.approx((rebuilt - nominal).abs().mean())


def test_analysis_errors_name_the_problem(coin):
    with pytest.raises(CompositeError, match="no column\\(s\\) Nope"):
        correlations(coin, codes=["Nope"])
    with pytest.raises(CompositeError, match="two columns"):
        cronbach_alpha(pd.DataFrame({"a": [1.0, 2.0]}))
