"""The Observatory's ten emerging industries as regional indicators: each industry's share of business-economy
employment in 2015, from the shipped structural business statistics and the reconstructed NACE lists. No Django
here: the index benchmark uses it too.

Stored as ordinary observations (``emerging_<name>_pct``), so that they appear in the catalogue, on region
profiles, on the map and in the industrial-change index like any Eurostat series, with their provenance.
"""

import re

import pandas as pd

from innopart.analytics import clusters

from .cluster_map import DATA

SOURCE = "sbs_r_nuts06_r2 (2015) x reconstructed emerging-industry NACE lists (Innopart)"
UNIT = "% of business-economy employment"


def indicator_code(industry: str) -> str:
    return "emerging_" + re.sub(r"[^a-z0-9]+", "_", industry.lower()).strip("_") + "_pct"


def shares() -> pd.DataFrame:
    """Tidy rows (geo, indicator, year, value, unit, source_dataset). A region's share is missing when any
    division of the industry is confidential there; the denominator counts the divisions with data.

    Regions are coded in NUTS 2021 where the 2013 code has a one-to-one successor (FR24 -> FRB0); Lithuania stays
    LT00, its code until the 2016 split."""
    sbs = pd.read_csv(DATA / "sbs2015_nuts2_employment_by_division.csv.gz", dtype={"division": str})
    sbs["geo"] = sbs["region_nuts2021"].fillna(sbs["region"])
    by_division = sbs.pivot(index="geo", columns="division", values="employment")
    lists = pd.read_csv(DATA / "emerging_industries_10_reconstructed.csv", dtype={"nace2": str})
    crosswalk = pd.read_csv(DATA / "nace2_to_cluster51_reconstructed.csv", dtype={"nace2": str})
    weights = clusters.emerging_weights(lists, crosswalk)
    employment = clusters.category_employment(by_division, weights, strict=True)
    total = by_division.sum(axis=1, min_count=1)
    share = employment.div(total, axis=0) * 100
    tidy = share.stack().dropna().reset_index()
    tidy.columns = ["geo", "industry", "value"]
    return pd.DataFrame(
        {
            "geo": tidy["geo"],
            "indicator": tidy["industry"].map(indicator_code),
            "year": 2015,
            "value": tidy["value"].round(4),
            "unit": UNIT,
            "source_dataset": SOURCE,
        }
    )
