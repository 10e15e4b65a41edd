"""Scores to ranking: weighted totals, thresholds, an explicit tie-break chain, an explanation per application,
rank uncertainty from the jurors' disagreement, and each juror's severity.

Scores are a tidy table with columns ``application``, ``juror``, ``criterion``, ``score`` (0-5, half points).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Rules:
    """A call's selection rules: weights (any positive numbers; they are relative), per-criterion thresholds on
    the mean score, an overall threshold on the weighted total, and the tie-break chain: criteria compared in
    order when totals are equal."""

    weights: Mapping[str, float]
    thresholds: Mapping[str, float]
    overall_threshold: float = 0.0
    tie_break: Sequence[str] = ()

    def __post_init__(self) -> None:
        if not self.weights or any(w <= 0 for w in self.weights.values()):
            raise ValueError("Every criterion needs a positive weight.")
        unknown = (set(self.thresholds) | set(self.tie_break)) - set(self.weights)
        if unknown:
            raise ValueError(f"Unknown criteria in thresholds or tie-break: {', '.join(sorted(unknown))}.")


def criterion_means(scores: pd.DataFrame) -> pd.DataFrame:
    """Mean score per application and criterion (rows: applications, columns: criteria)."""
    missing = {"application", "juror", "criterion", "score"} - set(scores.columns)
    if missing:
        raise ValueError(f"Scores need the column(s) {', '.join(sorted(missing))}.")
    bad = scores[(scores["score"] < 0) | (scores["score"] > 5) | (scores["score"] * 2 % 1 != 0)]
    if not bad.empty:
        row = bad.iloc[0]
        raise ValueError(
            f"Score {row['score']} by {row['juror']} on {row['criterion']} of {row['application']} is not a half "
            "point from 0 to 5."
        )
    return scores.pivot_table(index="application", columns="criterion", values="score", aggfunc="mean")


def weighted_total(means: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    w = pd.Series(weights, dtype=float)
    return (means[w.index] * w).sum(axis=1) / w.sum()


def rank(scores: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """One row per application, best first: criterion means, total, whether it passes every threshold, its rank
    (applications below a threshold are not ranked), ex-aequo flags and a plain explanation.

    Array operations throughout (a call of 5,000 applications ranks in tens of milliseconds); only applications
    below a threshold or tied on the total get an explanation of their own."""
    means = criterion_means(scores)
    missing = [c for c in rules.weights if c not in means.columns]
    if missing:
        raise ValueError(f"No scores for criterion/criteria {', '.join(missing)}.")
    table = means[list(rules.weights)].copy()
    table["total"] = weighted_total(means, rules.weights)
    failing = _failing(table, rules)
    table["passes"] = ~table.index.isin(list(failing))
    keys = ["total", *rules.tie_break]
    ordered = table.sort_values(["passes", *keys], ascending=False, kind="mergesort")
    passes = ordered["passes"].to_numpy(dtype=bool)
    # Competition ranking ("1224"): a row starts a new place when any sort key differs from the row before.
    key_values = np.round(ordered[keys].to_numpy(dtype=float), 9)
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = (key_values[1:] != key_values[:-1]).any(axis=1)
    place = np.maximum.accumulate(np.where(starts, np.arange(1, len(ordered) + 1), 0))
    ordered["rank"] = place if passes.all() else np.where(passes, place, np.nan)  # whole numbers when all rank
    ordered["ex_aequo"] = ordered["rank"].duplicated(keep=False) & ordered["rank"].notna()
    ordered["explanation"] = _explanations(ordered, rules, failing)
    return ordered


def _failing(table: pd.DataFrame, rules: Rules) -> dict[Any, list[str]]:
    """The thresholds each application misses ("overall" for the total), for those that miss any."""
    below = {c: (table[c] < t).to_numpy() for c, t in rules.thresholds.items()}
    overall = (table["total"] < rules.overall_threshold).to_numpy()
    misses = np.logical_or.reduce([overall, *below.values()])
    return {
        table.index[i]: [c for c in rules.thresholds if below[c][i]] + (["overall"] if overall[i] else [])
        for i in np.flatnonzero(misses)
    }


def _explanations(ordered: pd.DataFrame, rules: Rules, failing: dict[Any, list[str]]) -> list[str]:
    totals, passes = ordered["total"].to_numpy(dtype=float), ordered["passes"].to_numpy(dtype=bool)
    ranks, ex_aequo = ordered["rank"].to_numpy(dtype=float), ordered["ex_aequo"].to_numpy(dtype=bool)
    names = [str(a) for a in ordered.index]
    below = ordered.loc[list(failing), [*rules.weights, "total"]].to_dict("index") if failing else {}
    texts = [
        _below(below[app], rules, failing[app])
        if app in failing
        else f"Rank {int(ranks[i])} with a weighted total of {totals[i]:.2f}."
        for i, app in enumerate(ordered.index)
    ]
    # Passing applications with the same total sit next to each other (sorted by total): each run is one tie.
    joined = np.zeros(len(ordered), dtype=bool)
    joined[1:] = passes[1:] & passes[:-1] & np.isclose(totals[1:], totals[:-1])
    starts = np.flatnonzero(~joined)
    breakers = ordered[list(rules.tie_break)].to_numpy(dtype=float)
    for lo, hi in zip(starts, [*starts[1:], len(ordered)], strict=True):
        if hi - lo < 2 or not passes[lo]:
            continue
        for i in range(lo, hi):
            others = ", ".join(names[j] for j in range(lo, hi) if j != i)
            rest = np.delete(breakers[lo:hi], i - lo, axis=0)
            differs = [not np.isclose(rest[:, k], breakers[i, k]).all() for k in range(len(rules.tie_break))]
            if ex_aequo[i]:
                texts[i] += f" Tied with {others} on the total and on every tie-break criterion (ex aequo)."
            elif any(differs):
                k = differs.index(True)
                texts[i] += (
                    f" Same total as {others}; the tie was broken on {rules.tie_break[k]} ({breakers[i, k]:.2f})."
                )
    return texts


def _below(row: Mapping[str, Any], rules: Rules, failing: list[str]) -> str:
    parts = [
        f"{c}: {row[c]:.2f} below the threshold {rules.thresholds[c]:.2f}"
        if c != "overall"
        else f"total {row['total']:.2f} below the overall threshold {rules.overall_threshold:.2f}"
        for c in failing
    ]
    return "Not ranked: " + "; ".join(parts) + "."


@dataclass(frozen=True)
class RankUncertainty:
    """Bootstrap over each application's jurors: how often each application lands in the award places."""

    table: pd.DataFrame  # per application: nominal rank, rank q5/median/q95, probability of an award place


def rank_uncertainty(
    scores: pd.DataFrame,
    rules: Rules,
    *,
    awards: int,
    draws: int = 10_000,
    seed: int = 0,
    band: tuple[float, float] = (0.1, 0.9),
    progress: Callable[[int, int], None] | None = None,
) -> RankUncertainty:
    """Resample each application's jurors with replacement ``draws`` times, recompute the weighted totals and
    ranks, and flag applications whose chance of an award place lies inside ``band`` (not robust to which jurors
    scored them). Thresholds apply to every draw as to the nominal ranking. ``progress(done, draws)`` is called
    after each batch of draws (a background task shows it)."""
    criteria = list(rules.weights)
    per_juror = scores.pivot_table(index=["application", "juror"], columns="criterion", values="score")[criteria]
    w = np.array([rules.weights[c] for c in criteria], dtype=float)
    app_codes, apps_index = np.unique(per_juror.index.get_level_values(0), return_inverse=True)
    apps = list(app_codes)
    seat = per_juror.groupby(level=0).cumcount().to_numpy()
    counts = np.bincount(apps_index, minlength=len(apps))
    width = int(counts.max())
    # (applications, jurors, criteria), zero-padded where an application has fewer jurors
    cube = np.zeros((len(apps), width, len(w)))
    cube[apps_index, seat] = per_juror.to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    thresholds = np.array([rules.thresholds.get(c, -np.inf) for c in rules.weights])
    n_apps = len(apps)
    # Padding is never drawn: draws stay below each application's juror count.
    ranks = np.empty((draws, n_apps), dtype=np.int32)
    awarded = np.zeros(n_apps)
    chunk = max(1, min(draws, 2_000_000 // max(n_apps * width, 1)))
    uniform = bool((counts == width).all())
    # Resampling jurors with replacement = drawing how many times each juror is picked; the criterion means are
    # then one batched matrix product, which is far cheaper than gathering every picked score.
    for start in range(0, draws, chunk):
        size = min(chunk, draws - start)
        if uniform:
            picks = rng.integers(0, width, size=(size, n_apps, width))
            slots = width
        else:
            # An application with n jurors gets exactly n picks: the picks beyond n go to a spare slot.
            picks = (rng.random((size, n_apps, width)) * counts[None, :, None]).astype(np.int64)
            picks = np.where(np.arange(width)[None, None, :] < counts[None, :, None], picks, width)
            slots = width + 1
        offsets = (np.arange(size * n_apps) * slots)[:, None]
        times = np.bincount((offsets + picks.reshape(-1, width)).ravel(), minlength=size * n_apps * slots)
        times = times.reshape(size, n_apps, slots)[:, :, :width].transpose(1, 0, 2).astype(float)
        means = np.matmul(times, cube) / counts[:, None, None]  # (apps, draws, criteria)
        totals = means @ w / w.sum()
        ok = ((means >= thresholds).all(axis=2) & (totals >= rules.overall_threshold)).T
        keyed = np.where(ok, totals.T, -np.inf)
        order = np.argsort(-keyed, axis=1, kind="stable")
        chunk_ranks = np.empty_like(order)
        np.put_along_axis(chunk_ranks, order, np.arange(1, n_apps + 1)[None, :], axis=1)
        chunk_ranks[~ok] = n_apps + 1  # "not ranked" sorts after every rank
        ranks[start : start + size] = chunk_ranks
        awarded += ((chunk_ranks <= awards) & ok).sum(axis=0)
        if progress is not None:
            progress(start + size, draws)
    nominal = rank(scores, rules)
    q5, median, q95 = _quantiles(ranks, (0.05, 0.5, 0.95))
    unranked = n_apps + 1
    table = pd.DataFrame(
        {
            "nominal_rank": nominal["rank"].reindex(apps).to_numpy(),
            "rank_q5": np.where(q5 >= unranked, np.nan, q5),
            "rank_median": np.where(median >= unranked, np.nan, median),
            "rank_q95": np.where(q95 >= unranked, np.nan, q95),
            "p_award": awarded / draws,
        },
        index=pd.Index(apps, name="application"),
    )
    table["not_robust"] = (table["p_award"] > band[0]) & (table["p_award"] < band[1])
    table["near_tie"] = _near_ties(nominal)
    return RankUncertainty(table=table.sort_values(["nominal_rank", "p_award"], ascending=[True, False]))


def _quantiles(values: np.ndarray, qs: Sequence[float]) -> list[np.ndarray]:
    """Column quantiles with linear interpolation (numpy's default), by partial sorting only."""
    n = values.shape[0]
    positions = [q * (n - 1) for q in qs]
    kth = sorted({int(np.floor(h)) for h in positions} | {int(np.ceil(h)) for h in positions})
    part = np.partition(values, kth, axis=0)
    return [
        part[int(np.floor(h))] + (h - np.floor(h)) * (part[int(np.ceil(h))] - part[int(np.floor(h))]) for h in positions
    ]


def _near_ties(nominal: pd.DataFrame, tolerance: float = 0.1) -> pd.Series:
    totals = nominal.loc[nominal["passes"], "total"].sort_values(ascending=False)
    gaps = totals.diff().abs()
    near = (gaps <= tolerance) | (gaps.shift(-1) <= tolerance)
    return near.reindex(nominal.index, fill_value=False)


def juror_severity(scores: pd.DataFrame) -> pd.DataFrame:
    """Each juror's mean deviation from the other jurors on the same applications and criteria (negative =
    stricter), with the number of scores it rests on: the calibration view."""
    group_sum = scores.groupby(["application", "criterion"])["score"].transform("sum")
    group_n = scores.groupby(["application", "criterion"])["score"].transform("count")
    others = (group_sum - scores["score"]) / (group_n - 1)
    deviation = (scores["score"] - others).where(group_n > 1)
    table = deviation.groupby(scores["juror"]).agg(["mean", "count"])
    return table.rename(columns={"mean": "severity", "count": "scores"}).sort_values("severity")
