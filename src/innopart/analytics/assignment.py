"""Jury assignment: who reviews which application, as an optimisation.

Every application gets exactly ``k`` jurors; no juror takes more than ``max_load`` applications; no juror is ever
paired with an application they are in conflict with; optionally a strict industry majority on every panel; and,
among all assignments that satisfy this, the total affinity (expertise match) is the largest.

Solved as a min-cost flow (Google OR-Tools' ``SimpleMinCostFlow``, chosen by benchmark over a MILP; see
``bench/assignment.py``), which is exact: an integral optimum exists because the constraint matrix is a network
matrix. The industry majority is kept a flow by routing each industry juror's edge to an application through a
node of its own, which then feeds either the application's industry slots or its open slots.

When no assignment exists, :class:`InfeasibleAssignment` says which constraint fails and for which application.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from .affinity import Candidates, candidate_pairs

SCALE = 1_000_000  # affinities become integer costs with six decimals


class InfeasibleAssignment(ValueError):
    """No assignment satisfies the constraints; ``reasons`` names each application or constraint at fault."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Assignment:
    pairs: NDArray[np.int64]  # rows of (application index, juror index)
    total_affinity: float
    min_application_affinity: float
    loads: NDArray[np.int64]
    upper_bound: float = float("inf")
    affinity: NDArray[np.float64] | None = None  # per row of ``pairs``

    @property
    def gap(self) -> float:
        """Relative distance to the upper bound (0 when the assignment reaches it)."""
        return (self.upper_bound - self.total_affinity) / self.upper_bound if self.upper_bound else 0.0

    def jurors_of(self, application: int) -> list[int]:
        return sorted(int(j) for a, j in self.pairs if a == application)


def majority_size(k: int) -> int:
    """The smallest strict majority of a panel of ``k``."""
    return k // 2 + 1


def assign(
    affinity: NDArray[np.float64],
    *,
    k: int = 3,
    max_load: int | None = None,
    conflicts: NDArray[np.bool_] | None = None,
    industry: NDArray[np.bool_] | None = None,
    industry_majority: bool = False,
    labels: tuple[list[str], list[str]] | None = None,
    candidates: int | None = None,
) -> Assignment:
    """Assign ``k`` jurors to every application (rows of ``affinity``) maximising the total affinity.

    Parameters
    ----------
    affinity : (applications, jurors) array of floats, higher is a better match.
    k : jurors per application.
    max_load : most applications per juror (default: no limit).
    conflicts : boolean array like ``affinity``; True forbids the pair.
    industry : boolean per juror; with ``industry_majority`` every panel has more industry jurors than others.
    labels : optional (application names, juror names) for the messages of :class:`InfeasibleAssignment`.
    candidates : consider only each application's best ``candidates`` jurors (plus its best industry jurors when
        a majority is required, plus each juror's best applications). Exact when None on pools of up to two
        million pairs; larger pools default to 12 k candidates (see :func:`assign_pool`). The result reports
        ``upper_bound``, a bound on the optimum, so the gap is known.
    """
    affinity = np.asarray(affinity, dtype=float)
    if affinity.ndim != 2 or not np.isfinite(affinity).all():
        raise ValueError("affinity must be a finite 2-D array (applications x jurors).")
    n_apps, n_jurors = affinity.shape
    conflicts = np.zeros(affinity.shape, dtype=bool) if conflicts is None else np.asarray(conflicts, dtype=bool)
    if conflicts.shape != affinity.shape:
        raise ValueError("conflicts must have the shape of affinity.")
    if k < 1:
        raise ValueError("k must be at least 1.")
    if candidates is None and n_apps * n_jurors <= 2_000_000:
        load = n_apps if max_load is None else int(max_load)
        is_industry = np.zeros(n_jurors, dtype=bool) if industry is None else np.asarray(industry, dtype=bool)
        need_industry = majority_size(k) if industry_majority else 0
        names = _names(labels, affinity.shape)
        free = (~conflicts).sum(axis=1)
        free_industry = (~conflicts & is_industry).sum(axis=1)
        _explain_obvious_infeasibility(free, free_industry, is_industry, k, load, need_industry, names)
        apps_idx, jurors_idx = np.nonzero(~conflicts)
        pool = Candidates(
            apps_idx,
            jurors_idx,
            affinity[apps_idx, jurors_idx],
            affinity.shape,
            free,
            free_industry,
            _upper_bound(affinity, conflicts, k),
        )
        return _solve(pool, k, load, is_industry, need_industry, names)
    return assign_pool(
        lambda rows: affinity[rows],
        affinity.shape,
        k=k,
        max_load=max_load,
        blocked=_pairs_of(conflicts),
        industry=industry,
        industry_majority=industry_majority,
        labels=labels,
        candidates=candidates,
    )


def assign_pool(
    block: Callable[[slice], NDArray[Any]],
    shape: tuple[int, int],
    *,
    k: int = 3,
    max_load: int | None = None,
    blocked: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
    industry: NDArray[np.bool_] | None = None,
    industry_majority: bool = False,
    labels: tuple[list[str], list[str]] | None = None,
    candidates: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Assignment:
    """:func:`assign` for pools too large to hold: affinities come block by block from ``block(rows)`` (for
    example :meth:`innopart.analytics.affinity.ExpertiseMatch.block`) and conflicts as a list of ``blocked``
    (application, juror) pairs. Only candidate pairs reach the solver: each application's best ``candidates``
    jurors (default 12 k), its best industry jurors, and each juror's best applications (twice the load cap). If
    that proves infeasible, the lists double until they are not, or until every pair is a candidate and the
    infeasibility is real. ``progress(stage, done, total)`` reports the stages "affinities" and "solve"."""
    n_apps, n_jurors = shape
    if k < 1:
        raise ValueError("k must be at least 1.")
    load = n_apps if max_load is None else int(max_load)
    is_industry = np.zeros(n_jurors, dtype=bool) if industry is None else np.asarray(industry, dtype=bool)
    need_industry = majority_size(k) if industry_majority else 0
    names = _names(labels, shape)
    per_application = candidates or 12 * k
    per_juror = max(2 * min(load, n_apps), 2 * k)
    while True:
        pool = candidate_pairs(
            block,
            shape,
            k=k,
            per_application=per_application,
            per_juror=per_juror,
            blocked=blocked,
            industry=is_industry if need_industry else None,
            progress=(lambda done, total: progress("affinities", done, total)) if progress else None,
        )
        _explain_obvious_infeasibility(pool.free, pool.free_industry, is_industry, k, load, need_industry, names)
        if progress:
            progress("solve", 0, 1)
        try:
            return _solve(pool, k, load, is_industry, need_industry, names)
        except InfeasibleAssignment:
            if per_application >= n_jurors or per_juror >= n_apps:
                raise
            per_application, per_juror = min(2 * per_application, n_jurors), min(2 * per_juror, n_apps)


def _pairs_of(mask: NDArray[np.bool_]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    rows, cols = np.nonzero(mask)
    return rows.astype(np.int64), cols.astype(np.int64)


def _names(labels: tuple[list[str], list[str]] | None, shape: tuple[int, int]) -> tuple[list[str], list[str]]:
    if labels:
        return labels
    return [f"application {i + 1}" for i in range(shape[0])], [f"juror {j + 1}" for j in range(shape[1])]


def _solve(
    pool: Candidates,
    k: int,
    load: int,
    is_industry: NDArray[np.bool_],
    need_industry: int,
    names: tuple[list[str], list[str]],
) -> Assignment:
    n_apps, n_jurors = pool.shape
    apps_idx, jurors_idx = pool.applications, pool.jurors

    flow = min_cost_flow.SimpleMinCostFlow()
    source = 0
    juror_node = 1 + np.arange(n_jurors)
    app_open = 1 + n_jurors + np.arange(n_apps)
    app_industry = 1 + n_jurors + n_apps + np.arange(n_apps)
    cost = -np.rint(pool.affinity * SCALE).astype(np.int64)
    # An industry juror's only edge to an application goes to its industry slots, which absorb the majority and
    # pass any extra industry juror on to the open slots (a lower bound turned into supplies). No juror can reach
    # an application twice, so the flow stays a plain assignment.
    to_industry = is_industry[jurors_idx] if need_industry else np.zeros(apps_idx.size, dtype=bool)
    pair_heads = np.where(to_industry, app_industry[apps_idx], app_open[apps_idx])
    all_tails = np.concatenate([np.full(n_jurors, source), juror_node[jurors_idx], app_industry])
    all_heads = np.concatenate([juror_node, pair_heads, app_open])
    capacities = np.concatenate(
        [np.full(n_jurors, load), np.ones(apps_idx.size, dtype=np.int64), np.full(n_apps, k - need_industry)]
    )
    unit_costs = np.concatenate([np.zeros(n_jurors, dtype=np.int64), cost, np.zeros(n_apps, dtype=np.int64)])
    flow.add_arcs_with_capacity_and_unit_cost(all_tails, all_heads, capacities, unit_costs)
    supplies = np.zeros(1 + n_jurors + 2 * n_apps, dtype=np.int64)
    supplies[source] = n_apps * k
    supplies[app_open] = -(k - need_industry)
    supplies[app_industry] = -need_industry
    flow.set_nodes_supplies(np.arange(supplies.size), supplies)

    status = flow.solve()
    if status != flow.OPTIMAL:
        raise InfeasibleAssignment(_explain_by_max_flow(pool, k, load, names))

    used = flow.flows(np.arange(n_jurors, n_jurors + apps_idx.size)) > 0
    pairs = np.column_stack([apps_idx[used], jurors_idx[used]]).astype(np.int64)
    values = pool.affinity[used]
    per_app = np.bincount(pairs[:, 0], weights=values, minlength=n_apps)
    return Assignment(
        pairs=pairs,
        total_affinity=float(values.sum()),
        min_application_affinity=float(per_app.min()) if n_apps else 0.0,
        loads=np.bincount(pairs[:, 1], minlength=n_jurors).astype(np.int64),
        upper_bound=pool.upper_bound,
        affinity=values,
    )


def _upper_bound(affinity: NDArray[np.float64], conflicts: NDArray[np.bool_], k: int) -> float:
    """Each application's k best non-conflicted affinities, ignoring loads: no assignment can do better."""
    scores = np.where(conflicts, -np.inf, affinity)
    top = -np.partition(-scores, k - 1, axis=1)[:, :k]
    return float(np.where(np.isfinite(top), top, 0.0).sum())


def _explain_obvious_infeasibility(
    free: NDArray[np.int64],
    free_industry: NDArray[np.int64],
    industry: NDArray[np.bool_],
    k: int,
    load: int,
    need_industry: int,
    names: tuple[list[str], list[str]],
) -> None:
    reasons = []
    n_apps, n_jurors = free.size, industry.size
    for i in np.flatnonzero(free < k):
        reasons.append(f"{names[0][i]} has {free[i]} juror(s) without a conflict of interest; it needs {k}.")
    if need_industry:
        for i in np.flatnonzero(free_industry < need_industry):
            reasons.append(
                f"{names[0][i]} has {free_industry[i]} industry juror(s) without a conflict; an industry majority "
                f"of a panel of {k} needs {need_industry}."
            )
    if n_apps * k > n_jurors * load:
        reasons.append(
            f"{n_apps} applications x {k} jurors need {n_apps * k} reviews; {n_jurors} jurors with a load cap of "
            f"{load} can give {n_jurors * load}."
        )
    if need_industry and n_apps * need_industry > int(industry.sum()) * load:
        reasons.append(
            f"The industry majority needs {n_apps * need_industry} industry reviews; {int(industry.sum())} industry "
            f"jurors with a load cap of {load} can give {int(industry.sum()) * load}."
        )
    if reasons:
        raise InfeasibleAssignment(reasons)


def _explain_by_max_flow(pool: Candidates, k: int, load: int, names: tuple[list[str], list[str]]) -> list[str]:
    """Which applications cannot be fully staffed: found from a maximum flow without costs."""
    from ortools.graph.python import max_flow

    n_apps, n_jurors = pool.shape
    graph = max_flow.SimpleMaxFlow()
    source, sink = 0, 1 + n_jurors + n_apps
    a, j = pool.applications, pool.jurors
    tails = np.concatenate([np.zeros(n_jurors, dtype=np.int64), 1 + j, 1 + n_jurors + np.arange(n_apps)])
    heads = np.concatenate([1 + np.arange(n_jurors), 1 + n_jurors + a, np.full(n_apps, sink)])
    caps = np.concatenate([np.full(n_jurors, load), np.ones(a.size, dtype=np.int64), np.full(n_apps, k)])
    graph.add_arcs_with_capacity(tails, heads, caps)
    graph.solve(source, sink)
    last = np.arange(tails.size - n_apps, tails.size)
    short = [int(i) for i, f in enumerate(graph.flows(last)) if f < k]
    if not short:
        return ["No assignment satisfies the industry majority together with the load cap and the conflicts."]
    listed = ", ".join(names[0][i] for i in short[:10]) + (" ..." if len(short) > 10 else "")
    return [
        f"With the load cap of {load} and the conflicts, {len(short)} application(s) cannot get {k} jurors: "
        f"{listed}. Raise the load cap or add jurors."
    ]
