"""Cluster mapping: location quotients, employment by cluster category, and cluster stars.

Method (a documented reconstruction of the European Observatory for Clusters and Industrial Change's approach,
whose official cut-offs and NACE lists are not public):

* Location quotient of region r in sector s: ``LQ = (E_rs / E_r) / (E_s / E)``, with ``E_r`` the region's total
  over the sectors considered, ``E_s`` the sector's total over the regions considered and ``E`` the grand total.
  Missing and confidential cells are excluded from every total and give a missing quotient, never a zero.
* Employment by category: each NACE division is split over the 51 categories in proportion to how many of its
  NACE classes the crosswalk puts in each category (class-level employment is not published for regions). A
  category whose divisions are missing for a region is missing for that region (``strict=True``) or counts what is
  known (``strict=False``, a lower bound).
* Stars (thresholds configurable): size, employment at or above the ``size_quantile`` (0.9 = top 10%) of the
  regions with data; specialisation, a location quotient of at least ``lq_threshold`` (2); optional further
  criteria such as productivity, each a boolean table. A region's stars in a category are the criteria it meets;
  its total is the sum over categories.

Reference for the star logic: Ketels, C. & Protsiv, S. (2014), *European Cluster Panorama 2014*, European Cluster
Observatory, and the Observatory's 2019/2020 regional reports.
"""

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd


def location_quotients(employment: pd.DataFrame) -> pd.DataFrame:
    """LQ of every region (rows) in every sector (columns); missing cells stay missing."""
    values = employment.to_numpy(dtype=float)
    if np.any(values[~np.isnan(values)] < 0):
        raise ValueError("Employment cannot be negative.")
    region_total = np.nansum(values, axis=1, keepdims=True)
    sector_total = np.nansum(values, axis=0, keepdims=True)
    grand_total = np.nansum(values)
    with np.errstate(divide="ignore", invalid="ignore"):
        lq = (values / region_total) / (sector_total / grand_total)
    return pd.DataFrame(lq, index=employment.index, columns=employment.columns)


def division_weights(crosswalk: pd.DataFrame, *, divisions: Sequence[str] | None = None) -> pd.DataFrame:
    """Share of each NACE division's classes in each traded cluster category (divisions x categories).

    ``crosswalk`` has the columns ``nace2`` (class code such as ``10.51``), ``status`` and ``cluster_eu``.
    """
    traded = crosswalk[crosswalk["status"] == "traded"].copy()
    all_classes = crosswalk.assign(division=crosswalk["nace2"].str[:2])
    per_division = all_classes.groupby("division").size()
    traded["division"] = traded["nace2"].str[:2]
    counts = traded.groupby(["division", "cluster_eu"]).size().unstack(fill_value=0)
    weights = counts.div(per_division.reindex(counts.index), axis=0)
    if divisions is not None:
        weights = weights.reindex(list(divisions), fill_value=0.0)
    return weights.fillna(0.0)


def category_employment(employment: pd.DataFrame, weights: pd.DataFrame, *, strict: bool = True) -> pd.DataFrame:
    """Employment by category: regions x divisions times divisions x categories.

    With ``strict``, a category is missing for a region when any division contributing to it is missing there.
    """
    shared = [d for d in weights.index if d in employment.columns]
    values = employment[shared].to_numpy(dtype=float)
    w = weights.loc[shared].to_numpy(dtype=float)
    result = np.nan_to_num(values) @ w
    if strict:
        missing = np.isnan(values).astype(float) @ (w > 0).astype(float)
        result = np.where(missing > 0, np.nan, result)
    return pd.DataFrame(result, index=employment.index, columns=weights.columns)


def stars(
    employment: pd.DataFrame,
    *,
    size_quantile: float = 0.9,
    lq_threshold: float = 2.0,
    lq: pd.DataFrame | None = None,
    extra: Mapping[str, pd.DataFrame] | None = None,
) -> dict[str, pd.DataFrame]:
    """Star criteria met by each region in each category, and the number of stars.

    Returns a mapping with one boolean table per criterion ("size", "specialisation", and any ``extra``) and
    "stars", their sum (missing data never earn a star).
    """
    if not 0 < size_quantile < 1:
        raise ValueError("size_quantile must lie strictly between 0 and 1.")
    lq = location_quotients(employment) if lq is None else lq
    values = employment.to_numpy(dtype=float)
    cut = np.nanquantile(values, size_quantile, axis=0, method="linear")
    with np.errstate(invalid="ignore"):
        # A category no region employs anyone in (insurance is outside the business statistics) has a cut-off
        # of zero: zero employment never earns a size star.
        size = ~np.isnan(values) & (values >= cut) & (values > 0)
        special = ~np.isnan(lq.to_numpy()) & (lq.to_numpy() >= lq_threshold)
    criteria = {
        "size": pd.DataFrame(size, index=employment.index, columns=employment.columns),
        "specialisation": pd.DataFrame(special, index=employment.index, columns=employment.columns),
    }
    for name, table in (extra or {}).items():
        criteria[name] = table.reindex(index=employment.index, columns=employment.columns).fillna(False).astype(bool)
    total = sum(c.astype(int) for c in criteria.values())
    return {**criteria, "stars": total}


def total_stars(star_table: pd.DataFrame) -> pd.Series:
    return star_table.sum(axis=1).rename("stars").sort_values(ascending=False)


def emerging_weights(lists: pd.DataFrame, crosswalk: pd.DataFrame, *, roles: Sequence[str] = ("core",)) -> pd.DataFrame:
    """Divisions x emerging industries, like :func:`division_weights`, from the emerging-industry NACE lists."""
    chosen = lists[lists["role"].isin(roles)].assign(division=lambda t: t["nace2"].str[:2])
    per_division = crosswalk.assign(division=crosswalk["nace2"].str[:2]).groupby("division").size()
    counts = chosen.groupby(["division", "emerging_industry"]).size().unstack(fill_value=0)
    return counts.div(per_division.reindex(counts.index), axis=0).fillna(0.0)
