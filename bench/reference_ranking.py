"""The reference for `bench/selection.py`'s ranking case: the row-by-row ranking that `innopart.analytics.ranking.rank`
replaced (as of f4217be, with the tie text's self-listing fix), kept to time the array version against and to check
that both give the same table."""

import numpy as np
import pandas as pd

from innopart.analytics.ranking import Rules, criterion_means, weighted_total


def rank_row_by_row(scores: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """One row per application, best first: criterion means, total, whether it passes every threshold, its rank
    (applications below a threshold are not ranked), ex-aequo flags and a plain explanation."""
    means = criterion_means(scores)
    missing = [c for c in rules.weights if c not in means.columns]
    if missing:
        raise ValueError(f"No scores for criterion/criteria {', '.join(missing)}.")
    table = means[list(rules.weights)].copy()
    table["total"] = weighted_total(means, rules.weights)
    failing = {
        app: [c for c, t in rules.thresholds.items() if table.loc[app, c] < t]
        + (["overall"] if table.loc[app, "total"] < rules.overall_threshold else [])
        for app in table.index
    }
    table["passes"] = [not failing[a] for a in table.index]
    keys = ["total", *rules.tie_break]
    ordered = table.sort_values(["passes", *keys], ascending=False, kind="mergesort")
    ranks: dict[str, float] = {}
    previous: tuple[float, ...] | None = None
    position = 0
    for count, (app, row) in enumerate(ordered.iterrows(), start=1):
        if not row["passes"]:
            ranks[str(app)] = np.nan
            continue
        key = tuple(round(float(row[k]), 9) for k in keys)
        if key != previous:
            position, previous = count, key
        ranks[str(app)] = position
    ordered["rank"] = [ranks[str(a)] for a in ordered.index]
    ordered["ex_aequo"] = ordered["rank"].duplicated(keep=False) & ordered["rank"].notna()
    ordered["explanation"] = [_explain(str(app), row, ordered, rules, failing[app]) for app, row in ordered.iterrows()]
    return ordered


def _explain(app: str, row: pd.Series, table: pd.DataFrame, rules: Rules, failing: list[str]) -> str:
    if failing:
        parts = [
            f"{c}: {row[c]:.2f} below the threshold {rules.thresholds[c]:.2f}"
            if c != "overall"
            else f"total {row['total']:.2f} below the overall threshold {rules.overall_threshold:.2f}"
            for c in failing
        ]
        return "Not ranked: " + "; ".join(parts) + "."
    text = f"Rank {int(row['rank'])} with a weighted total of {row['total']:.2f}."
    same_total = table[
        (table["passes"]) & (np.isclose(table["total"], row["total"])) & (table.index.astype(str) != app)
    ]
    if not same_total.empty:
        others = ", ".join(map(str, same_total.index))
        decided = next((c for c in rules.tie_break if not np.isclose(same_total[c], row[c]).all()), None)
        if row["ex_aequo"]:
            text += f" Tied with {others} on the total and on every tie-break criterion (ex aequo)."
        elif decided:
            text += f" Same total as {others}; the tie was broken on {decided} ({row[decided]:.2f})."
    return text
