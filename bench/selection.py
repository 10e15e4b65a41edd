"""Selection benchmark: jury assignment and rank uncertainty.

Synthetic expert pools: uniform affinities, 2% conflicts of interest, 70% industry jurors, an industry majority on
every panel, and a load cap of 1.25 x the average load. Each case runs in a fresh process so that its peak memory
is its own. References (from the selection issue): (1000, 300, 3) optimal in <= 1.5 s (a widely used conference
matcher takes 13 s here); (5000, 1500, 3) in <= 10 s under 2 GB; rank uncertainty of 1,000 applications x 5
jurors with 10,000 bootstrap draws in <= 2 s. The exact solver is also compared with a MILP (SciPy's HiGHS). The
ranking of 5,000 applications (an EU-size call) within 0.5 s, against the row-by-row version it replaced
(bench/reference_ranking.py), with the same table.

    python bench/selection.py
"""

import multiprocessing
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES = [(100, 30, 3, 0.05), (1000, 300, 3, 1.5), (5000, 1500, 3, 10.0)]


def pool(apps, jurors, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((apps, jurors)), rng.random((apps, jurors)) < 0.02, rng.random(jurors) < 0.7


def run_flow(apps, jurors, k):
    from innopart.analytics.assignment import assign

    affinity, conflicts, industry = pool(apps, jurors)
    load = int(np.ceil(apps * k / jurors * 1.25))
    start = time.perf_counter()
    result = assign(affinity, k=k, max_load=load, conflicts=conflicts, industry=industry, industry_majority=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return seconds, result.total_affinity, result.min_application_affinity, result.gap, peak


def run_milp(apps, jurors, k):
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix

    affinity, conflicts, industry = pool(apps, jurors)
    load = int(np.ceil(apps * k / jurors * 1.25))
    a, j = np.nonzero(~conflicts)
    n = a.size
    start = time.perf_counter()
    per_app = csr_matrix((np.ones(n), (a, np.arange(n))), shape=(apps, n))
    per_juror = csr_matrix((np.ones(n), (j, np.arange(n))), shape=(jurors, n))
    ind = industry[j].astype(float)
    per_app_industry = csr_matrix((ind, (a, np.arange(n))), shape=(apps, n))
    constraints = [
        LinearConstraint(per_app, k, k),
        LinearConstraint(per_juror, 0, load),
        LinearConstraint(per_app_industry, k // 2 + 1, np.inf),
    ]
    result = milp(
        -affinity[a, j],
        constraints=constraints,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options={"time_limit": 120},
    )
    seconds = time.perf_counter() - start
    return seconds, -result.fun if result.x is not None else float("nan"), result.status


def synthetic_scores(apps: int, jurors: int, criteria: list[str], lowest: float = 0.0):
    """Every juror scores every criterion of every application, half points from ``lowest`` to 5, seeded."""
    import pandas as pd

    rng = np.random.default_rng(0)
    n = apps * jurors * len(criteria)
    return pd.DataFrame(
        {
            "application": np.repeat([f"A{i}" for i in range(apps)], jurors * len(criteria)),
            "juror": np.tile(np.repeat([f"j{j}" for j in range(jurors)], len(criteria)), apps),
            "criterion": np.tile(criteria, apps * jurors),
            "score": rng.integers(int(2 * lowest), 11, n) / 2,
        }
    )


def run_rank_uncertainty():

    from innopart.analytics.ranking import Rules, rank_uncertainty

    criteria = ["potential", "network", "implementation", "future"]
    scores = synthetic_scores(1000, 5, criteria)
    rules = Rules(dict(zip(criteria, [30, 25, 25, 20], strict=True)), dict.fromkeys(criteria, 2.0), 2.5, ("potential",))
    start = time.perf_counter()
    result = rank_uncertainty(scores, rules, awards=3, draws=10_000, seed=1)
    seconds = time.perf_counter() - start
    return seconds, int(result.table["not_robust"].sum()), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ranking():
    """5,000 applications x 3 jurors x 4 criteria (an EU-size call), ranked by the array version and by the
    row-by-row reference it replaced; both tables must be equal."""
    import pandas as pd
    from bench.reference_ranking import rank_row_by_row

    from innopart.analytics.ranking import Rules, rank

    criteria = ["potential", "network", "implementation", "future"]
    scores = synthetic_scores(5000, 3, criteria, lowest=1.0)
    rules = Rules(dict(zip(criteria, [30, 25, 25, 20], strict=True)), dict.fromkeys(criteria, 2.0), 2.5, ("potential",))
    start = time.perf_counter()
    fast = rank(scores, rules)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    reference = rank_row_by_row(scores, rules)
    reference_seconds = time.perf_counter() - start
    pd.testing.assert_frame_equal(fast, reference)
    return seconds, reference_seconds


def in_child(function, *args):
    with multiprocessing.get_context("fork").Pool(1) as worker:
        return worker.apply(function, args)


def main() -> int:
    ok = True
    print(
        f"{'assignment (apps, jurors, k)':<30} {'seconds':>8} {'target':>7} {'total affinity':>15} "
        f"{'min per app':>12} {'gap to bound':>13} {'peak MB':>8}"
    )
    for apps, jurors, k, target in CASES:
        seconds, total, worst, gap, peak = in_child(run_flow, apps, jurors, k)
        good = seconds <= target and peak < 2048
        ok &= good
        print(
            f"{(apps, jurors, k)!s:<30} {seconds:8.3f} {target:7.2f} {total:15.3f} {worst:12.3f} "
            f"{gap:13.2e} {peak:8.0f} {'OK' if good else 'SLOW'}"
        )
    print("\nMILP (SciPy HiGHS) on the same problems, for the choice of solver:")
    for apps, jurors, k, _ in CASES[:2]:
        seconds, total, status = in_child(run_milp, apps, jurors, k)
        flow_seconds, flow_total, *_ = in_child(run_flow, apps, jurors, k)
        print(
            f"{(apps, jurors, k)!s:<30} MILP {seconds:8.3f}s total {total:12.3f} (status {status}); "
            f"flow {flow_seconds:.3f}s total {flow_total:12.3f}; MILP/flow time {seconds / flow_seconds:6.1f}x"
        )
    seconds, flagged, peak = in_child(run_rank_uncertainty)
    good = seconds <= 2.0
    ok &= good
    print(
        f"\nrank uncertainty, 1000 applications x 5 jurors x 10,000 draws: {seconds:.3f} s (target 2 s), "
        f"{flagged} applications flagged, peak {peak:.0f} MB {'OK' if good else 'SLOW'}"
    )
    seconds, reference = in_child(run_ranking)
    good = seconds <= 0.5
    ok &= good
    print(
        f"ranking, 5,000 applications x 3 jurors x 4 criteria: {seconds:.3f} s (target 0.5 s); row-by-row reference "
        f"{reference:.3f} s; {reference / seconds:.1f}x faster, same table {'OK' if good else 'SLOW'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
