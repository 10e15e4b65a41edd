"""Derive the NUTS-2 benchmark data set (bench/data/nuts2_iData.csv, nuts2_iMeta.csv) from the EU regional data
pack in ../shared/data/eu-regions. Re-run only to refresh it; the outputs are committed.

    python bench/make_nuts2_dataset.py ../shared/data/eu-regions

Latest available year per region and indicator, NUTS 2021 codes (geo_nuts2021), NUTS-2 regions only.
Employment by NACE section is turned into shares of total employment.
"""

import sys
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parent / "data"

PILLARS = {
    "Economy": ["gdp_per_capita_pps", "gdp_volume_index_2015", "gva_volume_index_2015"],
    "Labour": ["employment_rate_15_64", "unemployment_rate_15_74"],
    "Structure": [
        "emp_share_B-E",
        "emp_share_F",
        "emp_share_G-I",
        "emp_share_J",
        "emp_share_K",
        "emp_share_M_N",
        "emp_share_O-Q",
    ],
    "RandD": [
        "gerd_pct_gdp",
        "berd_pct_gdp",
        "berd_eur_per_inhabitant",
        "gov_rd_pct_gdp",
        "hes_rd_pct_gdp",
        "rd_personnel_bes_pct_employment_fte",
        "rd_personnel_total_pct_employment_fte",
    ],
    "Skills": [
        "tertiary_attainment_pct_25_64",
        "hrst_core_pct_active_pop",
        "hrst_pct_active_pop",
        "scientists_engineers_pct_active_pop",
    ],
    "TechJobs": [
        "emp_high_medium_high_tech_manufacturing_pct",
        "emp_high_tech_kis_pct",
        "emp_high_tech_manufacturing_pct",
        "emp_high_tech_sectors_pct",
        "emp_knowledge_intensive_services_pct",
        "emp_professional_scientific_technical_pct",
    ],
}
SUBINDEX = {"Competitiveness": ["Economy", "Labour", "Structure"], "Innovation": ["RandD", "Skills", "TechJobs"]}
NEGATIVE = {"unemployment_rate_15_74"}


def latest(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[
        (frame["nuts_level"] == 2) & frame["geo_nuts2021"].notna() & ~frame["geo_nuts2021"].str.endswith("ZZ")
    ]
    frame = frame.sort_values("year").groupby(["geo_nuts2021", "indicator"]).tail(1)
    return frame.pivot(index="geo_nuts2021", columns="indicator", values="value")


def main(source: Path) -> None:
    tables = [
        latest(pd.read_csv(source / name))
        for name in (
            "nuts2_core_indicators_eurostat.csv",
            "nuts2_rd_hrst_eurostat_2011_2020.csv",
            "nuts2_hightech_employment_population_2008_2018.csv",
        )
    ]
    lfs = pd.read_csv(source / "nuts2_lfs_employment_by_nace_section_2008_2016.csv").rename(
        columns={"nace_r2": "indicator"}
    )
    lfs = latest(lfs)
    shares = lfs.drop(columns=["TOTAL"]).div(lfs["TOTAL"], axis=0).mul(100).add_prefix("emp_share_")
    wide = pd.concat([*[t.loc[:, ~t.columns.duplicated()] for t in tables], shares], axis=1)
    wide = wide.loc[:, ~wide.columns.duplicated()]
    codes = [c for kids in PILLARS.values() for c in kids]
    data = wide[codes].rename_axis("uCode").reset_index()
    data = data[data[codes].notna().mean(axis=1) >= 0.5]
    data.insert(1, "Country", data["uCode"].str[:2])
    data.to_csv(OUT / "nuts2_iData.csv", index=False, float_format="%.10g")
    rows = [
        {"Level": 1, "iCode": c, "Direction": -1 if c in NEGATIVE else 1, "Weight": 1, "Parent": p, "Type": "Indicator"}
        for p, kids in PILLARS.items()
        for c in kids
    ]
    rows += [
        {"Level": 2, "iCode": p, "Direction": 1, "Weight": 1, "Parent": s, "Type": "Aggregate"}
        for s, kids in SUBINDEX.items()
        for p in kids
    ]
    rows += [
        {"Level": 3, "iCode": s, "Direction": 1, "Weight": 1, "Parent": "Index", "Type": "Aggregate"} for s in SUBINDEX
    ]
    rows += [
        {"Level": 4, "iCode": "Index", "Direction": 1, "Weight": 1, "Parent": "", "Type": "Aggregate"},
        {"Level": None, "iCode": "Country", "Direction": None, "Weight": None, "Parent": "", "Type": "Group"},
    ]
    pd.DataFrame(rows).to_csv(OUT / "nuts2_iMeta.csv", index=False)
    print(f"{len(data)} regions x {len(codes)} indicators written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/eu-regions"))
