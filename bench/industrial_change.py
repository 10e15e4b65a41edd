"""Industrial-change index benchmark: the shipped specification on all shipped data (242 EU NUTS-2 regions,
12 indicators), from tidy rows to scores, ranks and a 1,000-replication rank uncertainty analysis.
Target from the Observatory issue: <= 2 s. No database: the tidy data are read from the shipped files.

    python bench/industrial_change.py
"""

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from innopart.analytics import industrial_change as ic
from innopart.observatory import sbs

DATA = Path(__file__).resolve().parents[1] / "src" / "innopart" / "observatory" / "data"
EU27 = set("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())  # noqa: SIM905
TARGET = 2.0


def inputs():
    observations = pd.read_csv(DATA / "observations.csv.gz", usecols=["geo", "indicator", "year", "value"])
    tidy = pd.concat([observations, sbs.rows()[["geo", "indicator", "year", "value"]]], ignore_index=True)
    regions = pd.read_csv(DATA / "regions.csv", keep_default_na=False)
    eu2 = regions[
        (regions.nuts_level == 2) & regions.cntr_code.isin(EU27) & (regions.in_gisco_nuts2021_20m.astype(str) == "True")
    ]
    units = [u for u in eu2.geo if not u.endswith("Z")]
    changes = pd.read_csv(DATA / "nuts_changes.csv")
    earlier = {u: [*changes.loc[changes.new == u, "old"], u[:-1]] for u in units}
    spec = ic.parse_spec(yaml.safe_load((DATA / "industrial_change.yaml").read_text(encoding="utf-8")))
    return tidy, spec, units, earlier


def main() -> int:
    tidy, spec, units, earlier = inputs()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        table = ic.indicator_table(tidy, spec, units, earlier)
        result = ic.compute(table, spec, n=1000)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    ic.compute(ic.indicator_table(tidy, spec, units, earlier), spec, n=1000)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    median = statistics.median(times)
    print(
        f"industrial-change index, {len(result.scores)} of {len(units)} regions scored, "
        f"{len(result.coin.framework.indicators)} indicators, 1,000 replications: median {median:.2f} s "
        f"(target {TARGET:.0f} s, ratio {median / TARGET:.2f}), peak Python memory {peak:.0f} MB"
    )
    return 0 if median <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
