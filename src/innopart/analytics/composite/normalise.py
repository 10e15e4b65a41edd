"""Normalisation methods, with COINr's names and formulas (``R/normalise.R``, COINr 1.1.14).

Every method takes a column already multiplied by its direction (-1 reverses it), as ``Normalise.numeric``
does, so that "higher is better" holds afterwards for every indicator.
"""

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import CompositeError
from .stats import Array, rank_min


def n_minmax(x: Array, l_u: tuple[float, float] = (0.0, 100.0)) -> Array:
    lo, hi = np.nanmin(x), np.nanmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (x - lo) / (hi - lo) * (l_u[1] - l_u[0]) + l_u[0]


def n_zscore(x: Array, m_sd: tuple[float, float] = (0.0, 1.0)) -> Array:
    if m_sd[1] <= 0:
        raise CompositeError("z-score: the target standard deviation must be positive.")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray((x - np.nanmean(x)) / np.nanstd(x, ddof=1) * m_sd[1] + m_sd[0], dtype=np.float64)


def n_scaled(x: Array, npara: tuple[float, float] = (0.0, 100.0)) -> Array:
    return (x - npara[0]) / (npara[1] - npara[0]) * 100


def n_dist2max(x: Array) -> Array:
    lo, hi = np.nanmin(x), np.nanmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1 - (hi - x) / (hi - lo)


def n_dist2ref(x: Array, iref: int, cap_max: bool = False) -> Array:
    """Distance to the value of unit number ``iref`` (1-based, as in COINr)."""
    if not 1 <= iref <= x.size:
        raise CompositeError(f"dist2ref: iref must be between 1 and {x.size}; it is {iref}.")
    ref = x[iref - 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        y = 1 - (ref - x) / (ref - np.nanmin(x))
    return np.where(y > 1, 1.0, y) if cap_max else y


def n_dist2targ(x: Array, targ: float, cap_max: bool = False) -> Array:
    if targ is None or np.isnan(targ):
        raise CompositeError("dist2targ: the target is missing.")
    with np.errstate(divide="ignore", invalid="ignore"):
        y = 1 - (targ - x) / (targ - np.nanmin(x))
    return np.where(y > 1, 1.0, y) if cap_max else y


def n_fracmax(x: Array) -> Array:
    return x / np.nanmax(x)


def n_rank(x: Array) -> Array:
    return rank_min(x)


def n_prank(x: Array) -> Array:
    return (rank_min(x) - 1) / (np.count_nonzero(~np.isnan(x)) - 1)


def n_borda(x: Array) -> Array:
    return rank_min(x) - 1


def n_goalposts(x: Array, gposts: tuple[float, float, float], direction: int = 1, trunc2posts: bool = True) -> Array:
    lo, hi, scale = gposts
    if direction == -1:
        lo, hi = -lo, -hi
        y = (x - hi) / (lo - hi)
    else:
        y = (x - lo) / (hi - lo)
    if trunc2posts:
        y = np.clip(y, 0.0, 1.0)
    return y * (-scale if direction == -1 else scale)


METHODS: dict[str, Callable[..., Array]] = {
    "minmax": n_minmax,
    "zscore": n_zscore,
    "scaled": n_scaled,
    "dist2max": n_dist2max,
    "dist2ref": n_dist2ref,
    "dist2targ": n_dist2targ,
    "fracmax": n_fracmax,
    "rank": n_rank,
    "prank": n_prank,
    "borda": n_borda,
    "goalposts": n_goalposts,
}


def normalise(
    data: pd.DataFrame,
    directions: Mapping[str, int],
    *,
    method: str = "minmax",
    params: Mapping[str, Any] | None = None,
    per_indicator: Mapping[str, tuple[str, Mapping[str, Any]]] | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Normalise each column: multiply by its direction, then apply ``method`` with ``params``.

    ``per_indicator`` maps a column to its own ``(method, params)``. For ``dist2targ`` the target is
    ``params["targ"]`` as in COINr (on the direction-adjusted scale); when absent, Innopart takes the indicator's
    Target from iMeta (``targets``) and multiplies it by the direction, an extension COINr does not have.
    """
    signs = np.array([directions.get(code, 0) for code in data.columns], dtype=float)
    bad = [code for code, d in zip(data.columns, signs, strict=True) if d not in (1.0, -1.0)]
    if bad:
        raise CompositeError(f"Indicator(s) without a direction of 1 or -1: {', '.join(map(str, bad))}.")
    values = data.to_numpy(dtype=float) * signs
    if not per_indicator and method in ("minmax", "zscore"):
        # The common case, done for all columns at once (same formulas as n_minmax and n_zscore).
        common = dict(params or {})
        if method == "minmax":
            lo, hi = common.get("l_u", (0.0, 100.0))
            low, high = np.nanmin(values, axis=0), np.nanmax(values, axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                out = (values - low) / (high - low) * (hi - lo) + lo
        else:
            m, sd = common.get("m_sd", (0.0, 1.0))
            if sd <= 0:
                raise CompositeError("z-score: the target standard deviation must be positive.")
            with np.errstate(divide="ignore", invalid="ignore"):
                out = (values - np.nanmean(values, axis=0)) / np.nanstd(values, axis=0, ddof=1) * sd + m
        return pd.DataFrame(out, index=data.index, columns=data.columns)
    out = np.empty(data.shape)
    for j, code in enumerate(data.columns):
        name, given = (per_indicator or {}).get(code, (method, params or {}))
        if name not in METHODS:
            raise CompositeError(f"Unknown normalisation method '{name}' for '{code}'; use one of {sorted(METHODS)}.")
        direction = int(signs[j])
        para = dict(given)
        if name == "dist2targ" and "targ" not in para:
            if not targets or code not in targets or targets[code] is None or np.isnan(targets[code]):
                raise CompositeError(f"dist2targ: indicator '{code}' has no target in iMeta.")
            para["targ"] = targets[code] * direction
        out[:, j] = METHODS[name](values[:, j], **para)
    return pd.DataFrame(out, index=data.index, columns=data.columns)
