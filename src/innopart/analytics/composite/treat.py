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
from .stats import Array, skew_kurt, skew_kurt_columns


@dataclass(frozen=True)
class Check:
    passed: bool
    skew: float
    kurt: float


@dataclass(frozen=True)
class TreatmentReport:
    """What the treatment did, per indicator. Tables are built on request: the uncertainty analysis rebuilds
    coins thousands of times and never reads them."""

    units: pd.Index
    codes: tuple[str, ...]
    treatments: dict[str, "Treatment"]

    @property
    def details(self) -> pd.DataFrame:
        """COINr's ``Dets_Table``: the checks before and after each stage and the number of winsorised points."""
        rows = [_details_row(code, self.treatments[code]) for code in self.codes if code in self.treatments]
        return pd.DataFrame(rows).set_index("iCode") if rows else pd.DataFrame()

    @property
    def points(self) -> pd.DataFrame:
        """Which points were treated: "winhi", "winlo", "log_CT" (empty where untouched)."""
        table = np.full((len(self.units), len(self.codes)), "", dtype=object)
        for j, code in enumerate(self.codes):
            info = self.treatments.get(code)
            if info is not None and info.points:
                table[:, j] = info.points
        return pd.DataFrame(table, index=self.units, columns=list(self.codes))


@dataclass
class Treatment:
    """What happened to one indicator: the checks before and after each stage, and the treated points."""

    checks: list[Check] = field(default_factory=list)
    winsorised: int | None = None
    log_applied: bool = False
    points: list[str] = field(default_factory=list)


def check_skew_kurt(x: Array, *, skew_thresh: float = 2.0, kurt_thresh: float = 3.5) -> Check:
    s, k = skew_kurt(x)
    return Check(passed=bool(abs(s) < skew_thresh or k < kurt_thresh), skew=s, kurt=k)


def winsorise(
    x: Array,
    *,
    winmax: int | None = 5,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    force: bool = False,
    first: Check | None = None,
) -> tuple[Array, int, list[str]]:
    """Winsorise ``x`` towards passing the check. Returns the values, COINr's ``nwin`` and the point labels.

    As in COINr, each round replaces every value equal to the current extreme by the next value in; ``nwin`` is
    the number of points sitting at the treated extreme(s) after the last round.
    """
    x = x.copy()
    check = first or check_skew_kurt(x, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh)
    passing = check.passed
    nwin = 0
    imax: NDArray[np.intp] | None = None
    imin: NDArray[np.intp] | None = None
    below = winmax is None or nwin < winmax
    present = ~np.isnan(x)
    while (not passing or force) and below:
        if check.skew >= 0:
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
        check = check_skew_kurt(x, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh)
        passing = check.passed
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
    first: Check | None = None,
) -> tuple[Array, Treatment]:
    info = Treatment()
    first = first or check_skew_kurt(x, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh)
    info.checks.append(first)
    if first.passed:
        info.points = [""] * x.size
        return x.copy(), info
    x1, nwin, labels = winsorise(x, winmax=winmax, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh, first=first)
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
) -> tuple[pd.DataFrame, TreatmentReport]:
    """Treat every column of ``data`` (units in rows). Returns the treated data and a report of what was done."""
    values = data.to_numpy(dtype=float, copy=True)
    counts = (~np.isnan(values)).sum(axis=0)
    short = [c for c, n in zip(data.columns, counts, strict=True) if n < 4 and c not in skip]
    if short:
        raise DataError(f"Indicator(s) with fewer than 4 values cannot be checked for outliers: {', '.join(short)}.")
    # Most indicators pass the first check: test them all at once and loop only over the others.
    skews, kurts = skew_kurt_columns(values)
    treatments: dict[str, Treatment] = {}
    for j, code in enumerate(data.columns):
        if code in skip:
            continue
        first = Check(bool(abs(skews[j]) < skew_thresh or kurts[j] < kurt_thresh), float(skews[j]), float(kurts[j]))
        if first.passed:
            treatments[code] = Treatment(checks=[first])
            continue
        values[:, j], treatments[code] = treat_vector(
            values[:, j],
            winmax=winmax,
            skew_thresh=skew_thresh,
            kurt_thresh=kurt_thresh,
            combine=combine,
            first=first,
        )
    report = TreatmentReport(units=data.index, codes=tuple(data.columns), treatments=treatments)
    return pd.DataFrame(values, index=data.index, columns=data.columns), report


def _details_row(code: str, info: Treatment) -> dict[str, object]:
    row: dict[str, object] = {"iCode": code}
    for stage, check in enumerate(info.checks):
        row[f"check_SkewKurt{stage}.Pass"] = check.passed
        row[f"check_SkewKurt{stage}.Skew"] = check.skew
        row[f"check_SkewKurt{stage}.Kurt"] = check.kurt
    row["winsorise.nwin"] = info.winsorised
    return row
