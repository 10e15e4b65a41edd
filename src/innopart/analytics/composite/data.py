"""Reading and checking indicator data (COINr's iData): one row per unit, one column per indicator."""

import warnings

import numpy as np
import pandas as pd

from .errors import DataError
from .framework import Framework


def check_data(idata: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Return the indicator columns as floats, indexed by unit code, or raise a DataError naming the place."""
    if "uCode" not in idata.columns:
        raise DataError("iData has no uCode column (the unit codes).")
    codes = idata["uCode"]
    if codes.isna().any() or (codes.astype(str).str.strip() == "").any():
        rows = [int(i) + 2 for i in idata.index[codes.isna() | (codes.astype(str).str.strip() == "")]]
        raise DataError(f"iData: the unit code is empty on row(s) {', '.join(map(str, rows))}.")
    duplicated = codes[codes.duplicated()].astype(str).unique().tolist()
    if duplicated:
        raise DataError(f"iData has duplicate unit code(s): {', '.join(duplicated)}.")
    needed = list(framework.indicators) + [d for d in framework.denominate_by.values() if d not in framework.indicators]
    missing = [c for c in needed if c not in idata.columns]
    if missing:
        raise DataError(f"iData is missing the column(s) {', '.join(missing)} named in iMeta.")
    table = idata.set_index("uCode")
    out = {}
    for column in needed:
        values = table[column]
        numeric = pd.to_numeric(values, errors="coerce")
        bad = values.notna() & numeric.isna() & (values.astype(str).str.strip() != "")
        if bad.any():
            unit = bad.idxmax()
            raise DataError(f"iData: unit '{unit}', column '{column}': '{values[unit]}' is not a number.")
        out[column] = numeric.astype(float)
    frame = pd.DataFrame(out, index=table.index)
    empty = [c for c in framework.indicators if frame[c].isna().all()]
    if empty:
        raise DataError(f"iData: indicator(s) with no values at all: {', '.join(empty)}.")
    return frame


def groups_of(idata: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    present = [g for g in framework.groups if g in idata.columns]
    return idata.set_index("uCode")[present]


def denominate(data: pd.DataFrame, denominators: pd.DataFrame, denominate_by: dict[str, str]) -> pd.DataFrame:
    """Divide each indicator named in ``denominate_by`` by its denominator column (COINr's ``Denominate``)."""
    values = data.to_numpy(dtype=float, copy=True)
    position = {code: j for j, code in enumerate(data.columns)}
    aligned = denominators if denominators.index.equals(data.index) else denominators.reindex(data.index)
    for code, denominator in denominate_by.items():
        if code not in position:
            raise DataError(f"Denominate: indicator '{code}' is not in the data.")
        if denominator not in aligned.columns:
            raise DataError(f"Denominate: denominator '{denominator}' (for '{code}') is not in the data.")
        with np.errstate(divide="ignore", invalid="ignore"):
            values[:, position[code]] /= aligned[denominator].to_numpy(dtype=float)
    return pd.DataFrame(values, index=data.index, columns=data.columns)


def impute(
    data: pd.DataFrame, *, method: str = "mean", groups: pd.Series | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill missing values column by column. Returns the data and a mask of the imputed points.

    Methods: ``mean``, ``median`` (of the column), ``group_mean``, ``group_median`` (of the unit's group, given
    by ``groups``; units without a group are left as they are, as COINr's ``skip_f_na``).
    """
    values = data.to_numpy(dtype=float, copy=True)
    missing = np.isnan(values)
    if method in ("mean", "median"):
        fill = np.nanmean(values, axis=0) if method == "mean" else np.nanmedian(values, axis=0)
        values = np.where(missing, fill[None, :], values)
    elif method in ("group_mean", "group_median"):
        if groups is None:
            raise DataError(f"Impute: method '{method}' needs a group column.")
        labels = groups.reindex(data.index)
        for label in labels.dropna().unique():
            rows = (labels == label).to_numpy()
            block = values[rows]
            with warnings.catch_warnings():
                # A group with no value for an indicator leaves it missing, as COINr does; no need to warn.
                warnings.simplefilter("ignore", RuntimeWarning)
                fill = np.nanmean(block, axis=0) if method == "group_mean" else np.nanmedian(block, axis=0)
            values[rows] = np.where(np.isnan(block), fill[None, :], block)
    else:
        raise DataError(
            f"Impute: unknown method '{method}'; use mean, median, group_mean, group_median or row_group_mean."
        )
    imputed = missing & ~np.isnan(values)
    return (
        pd.DataFrame(values, index=data.index, columns=data.columns),
        pd.DataFrame(imputed, index=data.index, columns=data.columns),
    )


def screen(
    data: pd.DataFrame,
    *,
    dat_thresh: float = 2 / 3,
    by: str = "na",
    nonzero_thresh: float = 0.05,
    force_include: tuple[str, ...] = (),
    force_exclude: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Remove units with too little data (COINr's ``Screen``). Returns the kept data and a table per unit.

    ``by``: ``na`` (share of present values >= dat_thresh), ``zero`` (share of non-zero values >= nonzero_thresh)
    or ``na_and_zero`` (both).
    """
    by = {"byNA": "na", "byNZ": "zero", "byNAandNZ": "na_and_zero"}.get(by, by)
    values = data.to_numpy(dtype=float)
    availability = (~np.isnan(values)).mean(axis=1)
    nonzero = ((values != 0) & ~np.isnan(values)).mean(axis=1)
    if by == "na":
        keep = availability >= dat_thresh
    elif by == "zero":
        keep = nonzero >= nonzero_thresh
    elif by == "na_and_zero":
        keep = (availability >= dat_thresh) & (nonzero >= nonzero_thresh)
    else:
        raise DataError(f"Screen: unknown rule '{by}'; use na, zero or na_and_zero.")
    index = data.index
    keep = (keep | index.isin(force_include)) & ~index.isin(force_exclude)
    table = pd.DataFrame({"Dat_Avail": availability, "Non_Zero": nonzero, "Included": keep}, index=index)
    return data[keep], table


def impute_rows_by_group(
    data: pd.DataFrame, framework: "Framework", *, directions: dict[str, int], normalise_first: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill a unit's missing indicator with the mean of its other indicators in the same aggregation group
    (COINr's ``Impute(impute_by = "row", group_level = 2, normalise_first = TRUE)``).

    With ``normalise_first`` the group mean is taken on a min-max [0, 1] scale with directions applied and the
    result is mapped back to the indicator's own scale, so that indicators in different units can be averaged.
    """
    values = data.to_numpy(dtype=float, copy=True)
    missing = np.isnan(values)
    signs = np.array([directions.get(c, 1) for c in data.columns], dtype=float)
    low, high = np.nanmin(values * signs, axis=0), np.nanmax(values * signs, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = (values * signs - low) / (high - low) if normalise_first else values.copy()
    position = {c: j for j, c in enumerate(data.columns)}
    for parent in framework.codes_at(2):
        cols = [position[k] for k in framework.children[parent] if k in position]
        block = scaled[:, cols]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            row_mean = np.nanmean(block, axis=1)
        scaled[:, cols] = np.where(np.isnan(block), row_mean[:, None], block)
    filled = (scaled * (high - low) + low) * signs if normalise_first else scaled
    values = np.where(missing, filled, values)
    imputed = missing & ~np.isnan(values)
    return (
        pd.DataFrame(values, index=data.index, columns=data.columns),
        pd.DataFrame(imputed, index=data.index, columns=data.columns),
    )
