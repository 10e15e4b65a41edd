import numpy as np
import pytest

from innopart.analytics.composite import Coin, CompositeError, example
from innopart.analytics.composite.uncertainty import (
    Choice,
    WeightNoise,
    noisy_weights,
    sa_estimate,
    sa_sample,
    sensitivity,
    uncertainty,
)

NORMALISATION = Choice(
    "Normalisation",
    (
        {"normalise": {"method": "minmax", "params": {"l_u": (1, 100)}}},
        {"normalise": {"method": "zscore", "params": {"m_sd": (10, 2)}}},
    ),
)
AGGREGATION = Choice("Aggregation", ({"aggregate": {"method": "amean"}}, {"aggregate": {"method": "gmean"}}))


@pytest.fixture(scope="module")
def coin():
    return (
        Coin.from_coinr(*example())
        .denominate()
        .impute(method="group_mean", group="EurAsia_group")
        .screen(dat_thresh=0.9)
        .treat(winmax=5)
        .normalise(params={"l_u": (1, 100)})
        .aggregate()
    )


def test_vectorised_replications_equal_regenerating_each_one(coin):
    factors = [WeightNoise(levels={2: 0.25, 3: 0.25}, n=20), NORMALISATION, AGGREGATION]
    result = uncertainty(coin, factors, n=60, seed=3)
    for row in (0, 17, 42):
        w, norm, agg = result.choices.iloc[row]
        weights = result.weights.loc[w].to_dict()
        changes = {**NORMALISATION.alternatives[norm - 1], **AGGREGATION.alternatives[agg - 1]}
        changes["aggregate"] = {**changes["aggregate"], "weights": weights}
        rebuilt = coin.regenerate(**changes).dataset("Aggregated")["Index"]
        assert np.allclose(result.scores.iloc[row].to_numpy(), rebuilt.to_numpy(), rtol=0, atol=1e-9)


def test_results_are_reproducible_with_a_seed(coin):
    factors = [WeightNoise(n=10), AGGREGATION]
    a = uncertainty(coin, factors, n=50, seed=7)
    b = uncertainty(coin, factors, n=50, seed=7)
    c = uncertainty(coin, factors, n=50, seed=8)
    assert a.ranks.equals(b.ranks) and not a.choices.equals(c.choices)


def test_rank_summary_brackets_the_nominal_rank(coin):
    summary = uncertainty(coin, [WeightNoise(n=30), AGGREGATION], n=200, seed=1).summary
    assert list(summary.columns) == ["Nominal", "Mean", "Median", "Q5", "Q95"]
    assert (summary["Q5"] <= summary["Median"]).all() and (summary["Median"] <= summary["Q95"]).all()
    assert summary["Nominal"].is_monotonic_increasing


def test_noisy_weights_stay_within_their_band_and_only_on_chosen_levels(coin):
    framework = coin.framework
    sets = noisy_weights(framework, {2: 0.25}, 500, np.random.default_rng(0))
    codes = [*framework.indicators, *framework.aggregates]
    pillars = [codes.index(c) for c in framework.codes_at(2)]
    others = [i for i in range(len(codes)) if i not in pillars]
    assert np.all((sets[:, pillars] >= 0.75) & (sets[:, pillars] <= 1.25))
    assert np.all(sets[:, others] == 1.0)


def test_sample_design_has_the_saltelli_layout():
    x = sa_sample(4, 3, np.random.default_rng(0))
    a, b = x[:4], x[4:8]
    assert x.shape == (20, 3)
    ab2 = x[8 + 4 : 8 + 8]  # block for variable 2: A with column 2 from B
    assert np.array_equal(ab2[:, [0, 2]], a[:, [0, 2]]) and np.array_equal(ab2[:, 1], b[:, 1])


def test_sensitivity_estimators_recover_the_indices_of_a_linear_model():
    # y = x1 + 2 x2 + 3 x3 with independent uniform inputs: S_i = a_i^2 / sum(a^2) = 1/14, 4/14, 9/14 = ST_i.
    n, d = 20000, 3
    x = sa_sample(n, d, np.random.default_rng(1))
    y = x @ np.array([1.0, 2.0, 3.0])
    _, table = sa_estimate(y, n, d, n_boot=200, rng=np.random.default_rng(2))
    expected = np.array([1, 4, 9]) / 14
    assert np.allclose(table["Si"], expected, atol=0.03)
    assert np.allclose(table["STi"], expected, atol=0.03)
    assert (table["STi_q5"] <= table["STi"]).all() and (table["STi"] <= table["STi_q95"]).all()


def test_sensitivity_of_the_asem_ranks_names_each_factor(coin):
    result = sensitivity(coin, [WeightNoise(n=20), NORMALISATION, AGGREGATION], n=100, seed=1, n_boot=50)
    assert list(result.indices["Variable"]) == ["Weights", "Normalisation", "Aggregation"]
    assert (result.indices["STi"] > 0).all()
    assert len(result.uncertainty.ranks) == 100 * 5


def test_an_unbuilt_coin_is_refused():
    with pytest.raises(CompositeError, match="up to aggregate"):
        uncertainty(Coin.from_coinr(*example()).normalise(), [AGGREGATION], n=5)
