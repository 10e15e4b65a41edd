"""Skewness and kurtosis as COINr computes them (e1071 type 2, the definitions Excel uses)."""

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def skew_kurt(x: Array) -> tuple[float, float]:
    """Both moments in one pass, as the winsorising loop needs them every round."""
    v = x[~np.isnan(x)]
    n = v.size
    if n < 4:
        raise ValueError("Skewness and kurtosis need at least 4 non-missing values.")
    d = v - v.mean()
    d2 = d * d
    m2, m3, m4 = d2.sum(), (d2 * d).sum(), (d2 * d2).sum()
    g = np.sqrt(n) * m3 / m2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    k = ((n + 1) * (n * m4 / m2**2 - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return float(g), float(k)


def skew(x: Array) -> float:
    """Sample skewness of the non-missing values (e1071::skewness type 2); needs at least 3 values."""
    v = x[~np.isnan(x)]
    n = v.size
    if n < 3:
        raise ValueError("Skewness needs at least 3 non-missing values.")
    d = v - v.mean()
    y = np.sqrt(n) * np.sum(d**3) / (np.sum(d**2) ** 1.5)
    return float(y * np.sqrt(n * (n - 1)) / (n - 2))


def kurt(x: Array) -> float:
    """Sample excess kurtosis of the non-missing values (e1071::kurtosis type 2); needs at least 4 values."""
    v = x[~np.isnan(x)]
    n = v.size
    if n < 4:
        raise ValueError("Kurtosis needs at least 4 non-missing values.")
    d = v - v.mean()
    r = n * np.sum(d**4) / (np.sum(d**2) ** 2)
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def rank_min(x: Array, *, descending: bool = False) -> Array:
    """Ranks with ties given the minimum rank, missing values kept missing (R's rank(ties = "min")).

    With ``descending=True`` the highest value ranks 1, as COINr ranks index scores.
    """
    out = np.full(x.shape, np.nan)
    present = ~np.isnan(x)
    v = -x[present] if descending else x[present]
    order = np.sort(v)
    out[present] = np.searchsorted(order, v, side="left") + 1
    return out


def skew_kurt_columns(values: Array) -> tuple[Array, Array]:
    """Skewness and kurtosis of every column at once, skipping missing values (same formulas as above)."""
    present = ~np.isnan(values)
    if present.all():
        n = np.full(values.shape[1], float(values.shape[0]))
        d = values - values.mean(axis=0)
    else:
        n = present.sum(axis=0).astype(float)
        mean = np.where(present, values, 0.0).sum(axis=0) / n
        d = np.where(present, values - mean, 0.0)
    d2 = d * d
    m2, m3, m4 = d2.sum(axis=0), (d2 * d).sum(axis=0), (d2 * d2).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.sqrt(n) * m3 / m2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
        k = ((n + 1) * (n * m4 / m2**2 - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return g, k
