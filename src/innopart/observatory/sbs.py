"""Indicators computed from the shipped 2015 structural business statistics (Eurostat sbs_r_nuts06_r2):

* the Observatory's ten emerging industries, each one's share of business-economy employment
  (``emerging_<name>_pct``, through the reconstructed NACE lists);
* manufacturing specialisation, the location quotient of manufacturing (NACE divisions 10-33) in business-economy
  employment (``manufacturing_lq_sbs2015``; the briefing's Figure 1 uses a manufacturing location quotient).

Stored as ordinary observations, so that they appear in the catalogue, on region profiles, on the map and in the
industrial-change index like any Eurostat series, with their provenance. No Django here: the benchmarks use it too.
"""

import re

import pandas as pd

from innopart.analytics import clusters

from .cluster_map import DATA

SOURCE = "sbs_r_nuts06_r2 (2015) x reconstructed emerging-industry NACE lists (Innopart)"
UNIT = "% of business-economy employment"
LQ_SOURCE = "sbs_r_nuts06_r2 (2015), persons employed, NACE 10-33 against the business economy (Innopart)"


def indicator_code(industry: str) -> str:
    return "emerging_" + re.sub(r"[^a-z0-9]+", "_", industry.lower()).strip("_") + "_pct"


def _by_division() -> pd.DataFrame:
    sbs = pd.read_csv(DATA / "sbs2015_nuts2_employment_by_division.csv.gz", dtype={"division": str})
    sbs["geo"] = sbs["region_nuts2021"].fillna(sbs["region"])
    return sbs.pivot(index="geo", columns="division", values="employment")


def manufacturing_lq() -> pd.DataFrame:
    """Tidy rows of the manufacturing location quotient (confidential divisions left out of both sums)."""
    by_division = _by_division()
    manufacturing = [d for d in by_division.columns if 10 <= int(d) <= 33]
    frame = pd.DataFrame(
        {
            "manufacturing": by_division[manufacturing].sum(axis=1, min_count=1),
            "other": by_division.drop(columns=manufacturing).sum(axis=1, min_count=1),
        }
    )
    lq = clusters.location_quotients(frame)["manufacturing"].dropna()
    return pd.DataFrame(
        {
            "geo": lq.index,
            "indicator": "manufacturing_lq_sbs2015",
            "year": 2015,
            "value": lq.round(4).to_numpy(),
            "unit": "location quotient",
            "source_dataset": LQ_SOURCE,
        }
    )


def shares() -> pd.DataFrame:
    """Tidy rows (geo, indicator, year, value, unit, source_dataset). A region's share is missing when any
    division of the industry is confidential there; the denominator counts the divisions with data.

    Regions are coded in NUTS 2021 where the 2013 code has a one-to-one successor (FR24 -> FRB0); Lithuania stays
    LT00, its code until the 2016 split."""
    by_division = _by_division()
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


def rows() -> pd.DataFrame:
    """Everything this module computes, as tidy rows for the importer."""
    return pd.concat([shares(), manufacturing_lq()], ignore_index=True)
