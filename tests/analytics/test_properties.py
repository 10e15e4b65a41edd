import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from innopart.analytics.composite import aggregate as ag
from innopart.analytics.composite import normalise as nm
from innopart.analytics.composite.stats import rank_min

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
vectors = arrays(np.float64, st.integers(3, 30), elements=finite).filter(lambda v: np.ptp(v) > 1e-6)


@given(vectors, st.floats(-100, 100), st.floats(1, 100))
def test_minmax_maps_onto_the_range_and_keeps_order(x, low, width):
    y = nm.n_minmax(x, (low, low + width))
    assert np.isclose(y.min(), low) and np.isclose(y.max(), low + width)
    assert np.all(np.diff(y[np.argsort(x, kind="stable")]) >= -1e-9)


@given(vectors)
def test_reversed_direction_reverses_the_order(x):
    data = pd.DataFrame({"i": x})
    up, down = nm.normalise(data, {"i": 1})["i"], nm.normalise(data, {"i": -1})["i"]
    assert np.allclose(up + down, 100.0)


@given(vectors)
def test_rank_based_normalisations_stay_in_their_ranges(x):
    assert np.all((nm.n_prank(x) >= 0) & (nm.n_prank(x) <= 1))
    assert np.all(nm.n_borda(x) <= x.size - 1)


@given(arrays(np.float64, st.tuples(st.integers(1, 10), st.integers(1, 6)), elements=st.floats(0.1, 100)))
def test_aggregating_identical_indicators_returns_them(block):
    column = block[:, :1]
    same = np.repeat(column, block.shape[1], axis=1)
    w = np.arange(1.0, block.shape[1] + 1)
    for function in (ag.a_amean, ag.a_gmean, ag.a_hmean):
        assert np.allclose(function(same, w), column[:, 0])


@given(
    arrays(np.float64, st.tuples(st.integers(1, 10), st.integers(2, 6)), elements=st.floats(0, 100)), st.floats(0.1, 10)
)
def test_weights_are_relative(block, factor):
    w = np.linspace(1, 2, block.shape[1])
    assert np.allclose(ag.a_amean(block, w), ag.a_amean(block, w * factor))


@settings(max_examples=50)
@given(arrays(np.float64, st.integers(2, 30), elements=st.floats(-50, 50)), st.randoms())
def test_ranks_do_not_depend_on_the_order_of_units(x, random):
    order = list(range(x.size))
    random.shuffle(order)
    ranks = rank_min(x, descending=True)
    assert np.array_equal(rank_min(x[order], descending=True), ranks[order])
