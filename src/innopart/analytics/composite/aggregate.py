"""Aggregation up the hierarchy, with COINr's ``a_*`` functions (``R/aggregate.R``, COINr 1.1.14).

Row-wise functions get the children's values of one unit and their weights; missing values are skipped and
the weights of the present ones rescaled (``a_amean``, ``a_gmean``, ``a_hmean``). ``a_genmean`` keeps COINr's
behaviour of returning missing when any child is missing. ``a_copeland`` ranks units against each other and so
works on the whole group at once.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import CompositeError
from .framework import Framework
from .stats import Array


def a_amean(x: Array, w: Array) -> Array:
    """Weighted arithmetic mean per row of ``x`` (units x children), skipping missing values."""
    present = ~np.isnan(x)
    ww = np.where(present, w, 0.0)
    total = ww.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(present, x * ww, 0.0).sum(axis=1) / total
    out[total == 0] = np.nan
    return np.asarray(out, dtype=np.float64)


def a_gmean(x: Array, w: Array) -> Array:
    if np.any(x[~np.isnan(x)] <= 0):
        raise CompositeError(
            "Geometric mean: zero or negative values cannot be aggregated; normalise to a positive range."
        )
    present = ~np.isnan(x)
    ww = np.where(present, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.exp(np.where(present, ww * np.log(np.where(present, x, 1.0)), 0.0).sum(axis=1) / ww.sum(axis=1))
    out[~present.any(axis=1)] = np.nan
    return np.asarray(out, dtype=np.float64)


def a_hmean(x: Array, w: Array) -> Array:
    if np.any(x[~np.isnan(x)] == 0):
        raise CompositeError("Harmonic mean: zero values cannot be aggregated; normalise to a positive range.")
    present = ~np.isnan(x)
    ww = np.where(present, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = ww.sum(axis=1) / np.where(present, ww / np.where(present, x, 1.0), 0.0).sum(axis=1)
    out[~present.any(axis=1)] = np.nan
    return np.asarray(out, dtype=np.float64)


def a_genmean(x: Array, w: Array, p: float) -> Array:
    if p == 0:
        raise CompositeError("Generalised mean: p = 0 is the geometric mean; use 'gmean'.")
    if p < 0 and np.any(x[~np.isnan(x)] <= 0):
        raise CompositeError("Generalised mean with negative p: zero or negative values cannot be aggregated.")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(((w * x**p).sum(axis=1) / w.sum()) ** (1 / p), dtype=np.float64)


def a_median(x: Array, w: Array) -> Array:
    """Unweighted median of the present values of each row (weights are ignored, as medians have none)."""
    out = np.full(x.shape[0], np.nan)
    rows = (~np.isnan(x)).any(axis=1)
    out[rows] = np.nanmedian(x[rows], axis=1)
    return out


def a_copeland(x: Array, w: Array) -> Array:
    """Copeland scores: each unit against every other, +1 for a weighted majority of wins, -1 for losses."""
    w = w / np.nansum(w)
    greater = (x[:, None, :] > x[None, :, :]) * w
    equal = (x[:, None, :] == x[None, :, :]) * w
    outrank = greater.sum(axis=2) + equal.sum(axis=2) / 2
    # COINr fills the lower triangle as 1 - upper; with missing values the two differ, so mirror it exactly.
    upper = np.triu(outrank, 1)
    outrank = upper + np.tril(1 - upper.T, -1)
    score = np.where(outrank > 0.5, 1.0, np.where(outrank < 0.5, -1.0, 0.0))
    np.fill_diagonal(score, 0.0)
    return np.asarray(score.sum(axis=1), dtype=np.float64)


FUNCTIONS: dict[str, Callable[..., Array]] = {
    "amean": a_amean,
    "gmean": a_gmean,
    "hmean": a_hmean,
    "genmean": a_genmean,
    "median": a_median,
    "copeland": a_copeland,
}


def aggregate(
    data: pd.DataFrame,
    framework: Framework,
    *,
    method: str | Sequence[str] = "amean",
    params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    weights: Mapping[str, float] | None = None,
    dat_thresh: float | None = None,
) -> pd.DataFrame:
    """Aggregate indicator columns level by level. Returns the indicators plus one column per aggregate.

    ``method`` is one name for every level or one per aggregation step (level 2, 3, ...). ``weights`` maps codes
    to weights and defaults to the framework's. With ``dat_thresh`` a unit whose share of present children in a
    group is below it gets a missing aggregate.
    """
    steps = framework.levels - 1
    methods = [method] * steps if isinstance(method, str) else list(method)
    paras = [dict(params or {})] * steps if params is None or isinstance(params, Mapping) else [dict(p) for p in params]
    if len(methods) != steps or len(paras) != steps:
        raise CompositeError(f"Give one aggregation method (and parameter set) per level: {steps} expected.")
    w_all = {**framework.weights, **(weights or {})}
    indicators = list(framework.indicators)
    block = (data if list(data.columns) == indicators else data[indicators]).to_numpy(dtype=float)
    columns = {code: block[:, j] for j, code in enumerate(framework.indicators)}
    for step, level in enumerate(range(2, framework.levels + 1)):
        name = methods[step]
        if name not in FUNCTIONS:
            raise CompositeError(
                f"Unknown aggregation method '{name}' for level {level}; use one of {sorted(FUNCTIONS)}."
            )
        for parent in framework.codes_at(level):
            kids = framework.children[parent]
            x = np.column_stack([columns[c] for c in kids])
            w = np.array([w_all[c] for c in kids], dtype=float)
            y = FUNCTIONS[name](x, w, **paras[step])
            if dat_thresh is not None:
                y = np.where((~np.isnan(x)).mean(axis=1) < dat_thresh, np.nan, y)
            columns[parent] = y
    names = list(columns)
    return pd.DataFrame(np.column_stack([columns[c] for c in names]), index=data.index, columns=names)
