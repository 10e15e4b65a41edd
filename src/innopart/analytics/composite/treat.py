"""Outlier treatment as COINr's ``Treat()`` does it by default.

For each indicator: if it fails the skew/kurtosis check (|skewness| >= 2 *and* kurtosis >= 3.5), winsorise it one
extreme at a time (the side given by the sign of the skewness) up to ``winmax`` points; if it still fails, apply
``log_CT`` to the *original* values instead (or to the winsorised ones with ``combine=True``).

Reference: COINr 1.1.14, ``R/treat.R`` (``Treat.numeric``, ``winsorise``, ``log_CT``, ``check_SkewKurt``).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from .errors import DataError
from .stats import Array, kurt, skew


@dataclass(frozen=True)
class Check:
    passed: bool
    skew: float
    kurt: float


@dataclass
class Treatment:
    """What happened to one indicator: the checks before and after each stage, and the treated points."""

    checks: list[Check] = field(default_factory=list)
    winsorised: int | None = None
    log_applied: bool = False
    points: list[str] = field(default_factory=list)


def check_skew_kurt(x: Array, *, skew_thresh: float = 2.0, kurt_thresh: float = 3.5) -> Check:
    s, k = skew(x), kurt(x)
    return Check(passed=bool(abs(s) < skew_thresh or k < kurt_thresh), skew=s, kurt=k)


def winsorise(
    x: Array, *, winmax: int | None = 5, skew_thresh: float = 2.0, kurt_thresh: float = 3.5, force: bool = False
) -> tuple[Array, int, list[str]]:
    """Winsorise ``x`` towards passing the check. Returns the values, COINr's ``nwin`` and the point labels.

    As in COINr, each round replaces every value equal to the current extreme by the next value in; ``nwin`` is
    the number of points sitting at the treated extreme(s) after the last round.
    """
    x = x.copy()
    passing = check_skew_kurt(x, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh).passed
    nwin = 0
    imax: NDArray[np.intp] | None = None
    imin: NDArray[np.intp] | None = None
    below = winmax is None or nwin < winmax
    while (not passing or force) and below:
        present = ~np.isnan(x)
        if skew(x) >= 0:
            top = np.nanmax(x)
            hit = present & (x == top)
            rest = x[present & ~hit]
            if rest.size == 0:
                break
            imax = np.flatnonzero(hit)
            x[imax] = rest.max()
        else:
            bottom = np.nanmin(x)
            hit = present & (x == bottom)
            rest = x[present & ~hit]
            if rest.size == 0:
                break
            imin = np.flatnonzero(hit)
            x[imin] = rest.min()
        nwin = (0 if imax is None else imax.size) + (0 if imin is None else imin.size)
        below = winmax is None or nwin < winmax
        passing = check_skew_kurt(x, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh).passed
    labels = [""] * x.size
    for i in [] if imax is None else imax:
        labels[i] = "winhi"
    for i in [] if imin is None else imin:
        labels[i] = "winlo"
    return x, nwin, labels


def log_ct(x: Array) -> Array:
    """COINr's ``log_CT``: ``log(x - min(x) + 0.01 * (max(x) - min(x)))``."""
    lo, hi = np.nanmin(x), np.nanmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))


def treat_vector(
    x: Array,
    *,
    winmax: int | None = 5,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    combine: bool = False,
    log_fallback: bool = True,
) -> tuple[Array, Treatment]:
    info = Treatment()
    first = check_skew_kurt(x, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh)
    info.checks.append(first)
    if first.passed:
        info.points = [""] * x.size
        return x.copy(), info
    x1, nwin, labels = winsorise(x, winmax=winmax, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh)
    info.winsorised, info.points = nwin, labels
    second = check_skew_kurt(x1, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh)
    info.checks.append(second)
    if second.passed or not log_fallback:
        return x1, info
    x2 = log_ct(x1 if combine else x)
    info.log_applied = True
    info.points = [("+".join(filter(None, (p, "log_CT")))) if combine else "log_CT" for p in labels]
    info.checks.append(check_skew_kurt(x2, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh))
    return x2, info


def treat(
    data: pd.DataFrame,
    *,
    winmax: int | None = 5,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    combine: bool = False,
    skip: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Treat every column of ``data`` (units in rows). Returns the treated data, a details table in COINr's
    ``Dets_Table`` layout, and a table of treated points ("winhi", "winlo", "log_CT")."""
    values = data.to_numpy(dtype=float, copy=True)
    rows, points = [], {}
    for j, code in enumerate(data.columns):
        if code in skip:
            continue
        column = values[:, j]
        if np.count_nonzero(~np.isnan(column)) < 4:
            raise DataError(f"Indicator '{code}' has fewer than 4 values: it cannot be checked for outliers.")
        treated, info = treat_vector(
            column, winmax=winmax, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh, combine=combine
        )
        values[:, j] = treated
        rows.append(_details_row(code, info))
        points[code] = info.points
    treated_df = pd.DataFrame(values, index=data.index, columns=data.columns)
    details = pd.DataFrame(rows).set_index("iCode") if rows else pd.DataFrame()
    return treated_df, details, pd.DataFrame(points, index=data.index)


def _details_row(code: str, info: Treatment) -> dict[str, object]:
    row: dict[str, object] = {"iCode": code}
    for stage, check in enumerate(info.checks):
        row[f"check_SkewKurt{stage}.Pass"] = check.passed
        row[f"check_SkewKurt{stage}.Skew"] = check.skew
        row[f"check_SkewKurt{stage}.Kurt"] = check.kurt
    row["winsorise.nwin"] = info.winsorised
    return row
