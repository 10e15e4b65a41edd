"""Statistical analysis of a composite indicator (COINr's ``get_corr``, ``get_corr_flags``, ``get_cronbach``,
``get_PCA``, ``get_eff_weights``, ``remove_elements``).
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .coin import Coin
from .errors import CompositeError
from .framework import Framework
from .stats import rank_min


def correlations(
    coin: Coin, *, dset: str = "Aggregated", codes: Sequence[str] | None = None, method: str = "pearson"
) -> pd.DataFrame:
    """Correlation matrix of the given codes (default: every indicator and aggregate in the data set), using
    pairwise complete observations as COINr does."""
    frame = coin.dataset(dset)
    columns = list(codes) if codes is not None else list(frame.columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CompositeError(f"Correlations: data set '{dset}' has no column(s) {', '.join(missing)}.")
    if method not in ("pearson", "spearman", "kendall"):
        raise CompositeError(f"Correlations: method must be pearson, spearman or kendall, not '{method}'.")
    return frame[columns].corr(method=method)


def correlation_flags(
    coin: Coin, *, dset: str = "Normalised", level: int = 1, high: float = 0.9, low: float = -0.4
) -> pd.DataFrame:
    """Pairs inside the same aggregation group whose correlation is at least ``high`` (possibly redundant) or
    at most ``low`` (pulling against each other). One row per flagged pair."""
    framework, frame = coin.framework, coin.dataset(dset)
    rows = []
    for parent in framework.codes_at(level + 1):
        kids = [k for k in framework.children[parent] if k in frame.columns]
        matrix = frame[kids].corr()
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                r = float(matrix.loc[a, b])
                if r >= high or r <= low:
                    rows.append(
                        {
                            "Group": parent,
                            "Code1": a,
                            "Code2": b,
                            "Correlation": r,
                            "Flag": "High" if r >= high else "Low",
                        }
                    )
    return pd.DataFrame(rows, columns=["Group", "Code1", "Code2", "Correlation", "Flag"])


def cronbach_alpha(data: pd.DataFrame) -> float:
    """Cronbach's alpha of the columns of ``data`` on its complete rows: k/(k-1) (1 - sum var_i / var total)."""
    complete = data.dropna()
    k = complete.shape[1]
    if k < 2 or len(complete) < 2:
        raise CompositeError("Cronbach's alpha needs at least two columns and two complete rows.")
    item_variance = complete.var(ddof=1).sum()
    total_variance = complete.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_variance / total_variance))


def cronbach_by_group(coin: Coin, *, dset: str = "Normalised", level: int = 1) -> pd.Series:
    framework, frame = coin.framework, coin.dataset(dset)
    return pd.Series(
        {parent: cronbach_alpha(frame[list(framework.children[parent])]) for parent in framework.codes_at(level + 1)},
        name="alpha",
    )


def pca(data: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """PCA of standardised columns on complete rows (R's ``prcomp(center, scale)``).

    Returns the loadings of the first component (unit length; signed so that they add up to a positive number,
    where R leaves the sign to the SVD) and the share of variance each component explains.
    """
    complete = data.dropna()
    if len(complete) < 3:
        raise CompositeError("PCA needs at least three complete rows.")
    standard = (complete - complete.mean()) / complete.std(ddof=1)
    _, singular, vt = np.linalg.svd(standard.to_numpy(), full_matrices=False)
    first = vt[0] if vt[0].sum() >= 0 else -vt[0]
    variance = singular**2 / np.sum(singular**2)
    return (
        pd.Series(first, index=data.columns, name="PC1"),
        pd.Series(variance, index=[f"PC{i + 1}" for i in range(len(variance))], name="Variance share"),
    )


def pca_weights(coin: Coin, *, dset: str = "Normalised", level: int = 1) -> dict[str, float]:
    """COINr's "PCA weights": within each aggregation group, the first component's loadings."""
    framework, frame = coin.framework, coin.dataset(dset)
    weights: dict[str, float] = {}
    for parent in framework.codes_at(level + 1):
        kids = list(framework.children[parent])
        if len(kids) == 1:
            weights[kids[0]] = 1.0
            continue
        loadings, _ = pca(frame[kids])
        weights.update(loadings.to_dict())
    return weights


def effective_weights(framework: Framework, weights: dict[str, float] | None = None) -> pd.Series:
    """Each element's share of the index: its weight over its siblings' total, times its parent's share."""
    w = {**framework.weights, **(weights or {})}
    top = framework.codes_at(framework.levels)[0]
    share = {top: 1.0}
    for level in range(framework.levels, 1, -1):
        for parent in framework.codes_at(level):
            kids = framework.children[parent]
            total = sum(w[k] for k in kids)
            if total == 0:
                raise CompositeError(f"The weights of the children of '{parent}' add up to zero.")
            for kid in kids:
                share[kid] = share[parent] * w[kid] / total
    return pd.Series(share, name="Effective weight")


def removal_impact(coin: Coin, *, level: int, target: str | None = None) -> pd.DataFrame:
    """For each element of ``level``: the ranks of ``target`` with that element's weight set to zero, and the
    mean and largest absolute rank change against the nominal ranks (COINr's ``remove_elements``)."""
    if not coin.log or coin.log[-1].name != "aggregate":
        raise CompositeError("Build the coin up to aggregate() before testing the removal of elements.")
    framework = coin.framework
    target = target or framework.codes_at(framework.levels)[0]
    nominal = rank_min(coin.dataset("Aggregated")[target].to_numpy(dtype=float), descending=True)
    base = dict(coin.log[-1].params.get("weights") or {})
    rows = []
    for code in framework.codes_at(level):
        if code == target:
            continue
        rebuilt = coin.regenerate(aggregate={"weights": {**base, code: 0.0}})
        ranks = rank_min(rebuilt.dataset("Aggregated")[target].to_numpy(dtype=float), descending=True)
        shift = np.abs(ranks - nominal)
        rows.append(
            {
                "Removed": code,
                "MeanAbsRankChange": float(np.nanmean(shift)),
                "MaxAbsRankChange": float(np.nanmax(shift)),
            }
        )
    return pd.DataFrame(rows).set_index("Removed").sort_values("MeanAbsRankChange", ascending=False)
