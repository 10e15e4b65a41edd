"""Cluster stars of a region from the shipped 2015 structural business statistics, via `innopart.analytics.clusters`.

The tables are fixed files, so the map is computed once per process (about 15 ms) and cached.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from innopart.analytics import clusters

DATA = Path(clusters.__file__).resolve().parent / "data"

# The briefing's totals (Figure 4), shown beside ours: the official cut-offs are not public.
BRIEFING_STARS = {"ITC1": 69, "LT00": 49, "SE31": 15}
# Lithuania was one NUTS-2 region (LT00) until NUTS 2016; the 2015 statistics only know LT00.
PREDECESSORS = {"LT": "LT00", "LT0": "LT00", "LT01": "LT00", "LT02": "LT00"}


@dataclass(frozen=True)
class StarMap:
    employment: pd.DataFrame
    lq: pd.DataFrame
    criteria: dict
    totals: pd.Series
    successors: dict


@lru_cache(maxsize=2)
def star_map(kind: str = "categories") -> StarMap:
    """Stars over the 51 cluster categories, or (``kind="emerging"``) over the ten emerging industries, mapped
    the same way: employment through the reconstructed NACE lists, location quotients, size and specialisation."""
    sbs = pd.read_csv(DATA / "sbs2015_nuts2_employment_by_division.csv.gz", dtype={"division": str})
    crosswalk = pd.read_csv(DATA / "nace2_to_cluster51_reconstructed.csv", dtype={"nace2": str})
    by_division = sbs.pivot(index="region", columns="division", values="employment")
    if kind == "emerging":
        lists = pd.read_csv(DATA / "emerging_industries_10_reconstructed.csv", dtype={"nace2": str})
        weights = clusters.emerging_weights(lists, crosswalk)
    else:
        weights = clusters.division_weights(crosswalk)
    employment = clusters.category_employment(by_division, weights)
    lq = clusters.location_quotients(employment)
    criteria = clusters.stars(employment, lq=lq)
    renamed = sbs.dropna(subset=["region_nuts2021"]).query("region != region_nuts2021")
    successors = dict(zip(renamed["region_nuts2021"], renamed["region"], strict=False))
    return StarMap(employment, lq, criteria, clusters.total_stars(criteria["stars"]), successors)


def _known(value):
    return None if pd.isna(value) else float(value)


def region_emerging(code: str) -> dict | None:
    """The region's ten emerging industries: employment, location quotient and stars (all ten, stars or not)."""
    data = star_map("emerging")
    sbs_code = PREDECESSORS.get(code) or data.successors.get(code) or code
    if sbs_code not in data.employment.index:
        return None
    rows = [
        {
            "name": name,
            "employment": _known(data.employment.at[sbs_code, name]),
            "lq": _known(data.lq.at[sbs_code, name]),
            "stars": int(data.criteria["stars"].at[sbs_code, name]),
        }
        for name in data.employment.columns
    ]
    return {"code": sbs_code, "total": int(data.totals[sbs_code]), "industries": rows}


def region_stars(code: str) -> dict | None:
    """The region's stars by category (only categories with a star), its total and rank; None without data."""
    data = star_map()
    sbs_code = PREDECESSORS.get(code) or data.successors.get(code) or code
    if sbs_code not in data.employment.index:
        return None
    stars = data.criteria["stars"].loc[sbs_code]
    categories = [
        {
            "name": name,
            "employment": _known(data.employment.at[sbs_code, name]),
            "lq": _known(data.lq.at[sbs_code, name]),
            "size": bool(data.criteria["size"].at[sbs_code, name]),
            "specialisation": bool(data.criteria["specialisation"].at[sbs_code, name]),
            "stars": int(stars[name]),
        }
        for name in stars.index
        if stars[name] > 0
    ]
    categories.sort(key=lambda c: (-c["stars"], -(c["lq"] or 0)))
    totals = data.totals
    return {
        "code": sbs_code,
        "total": int(totals[sbs_code]),
        "rank": int((totals > totals[sbs_code]).sum()) + 1,
        "of": len(totals),
        "briefing": BRIEFING_STARS.get(sbs_code),
        "categories": categories,
    }
