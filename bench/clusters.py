"""Cluster mapping benchmark: location quotients and stars for every NUTS-2 region x 51 categories from the
2015 structural business statistics (target from the Observatory issue: <= 0.2 s).

    python bench/clusters.py
"""

import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from innopart.analytics import clusters as cl

DATA = Path(cl.__file__).resolve().parent / "data"
TARGET = 0.2


def main() -> int:
    start = time.perf_counter()
    sbs = pd.read_csv(DATA / "sbs2015_nuts2_employment_by_division.csv.gz", dtype={"division": str})
    employment = sbs.pivot(index="region", columns="division", values="employment")
    crosswalk = pd.read_csv(DATA / "nace2_to_cluster51_reconstructed.csv", dtype={"nace2": str})
    load = time.perf_counter() - start

    def run():
        categories = cl.category_employment(employment, cl.division_weights(crosswalk))
        result = cl.stars(categories)
        return categories, cl.total_stars(result["stars"])

    times = []
    for _ in range(20):
        t = time.perf_counter()
        categories, totals = run()
        times.append(time.perf_counter() - t)
    median = statistics.median(times)
    print(
        f"{len(categories)} regions x {categories.shape[1]} categories: median {median * 1000:.1f} ms "
        f"(target {TARGET * 1000:.0f} ms, ratio {median / TARGET:.3f}); loading the shipped tables {load * 1000:.0f} ms"
    )
    print(
        "stars (reconstruction) vs the briefing: "
        f"Piemonte ITC1 {totals['ITC1']} (69), Lithuania LT00 {totals['LT00']} (49), "
        f"North-Middle Sweden SE31 {totals['SE31']} (15)"
    )
    return 0 if median <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
