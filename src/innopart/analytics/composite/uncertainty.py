"""Uncertainty and sensitivity analysis of ranks (COINr's ``get_sensitivity``, done in a vectorised way).

COINr regenerates the whole coin once per replication (1,000 replications of the ASEM example take minutes).
Here the discrete choices (normalisation, aggregation, imputation, treatment...) are few, so each distinct
combination is regenerated once; noisy weights only enter the aggregation, which is evaluated for all weight
sets of a combination at once with array operations. Results are the same as replication by replication.

References: COINr 1.1.14 ``R/sensitivity.R`` (``get_sensitivity``, ``SA_sample``, ``SA_estimate``,
``get_noisy_weights``); Saltelli et al. (2010), Comput. Phys. Commun. 181, 259-270 (first-order estimator);
Jansen (1999), Comput. Phys. Commun. 117, 35-43 (total-order estimator).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .coin import Coin
from .errors import CompositeError
from .framework import Framework
from .stats import Array, rank_min

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Choice:
    """An uncertain input with discrete, equally likely alternatives; each one is a set of step changes, as
    given to :meth:`Coin.regenerate`, e.g. ``{"normalise": {"method": "zscore", "params": {"m_sd": (10, 2)}}}``."""

    name: str
    alternatives: tuple[Mapping[str, Mapping[str, Any]], ...]


@dataclass(frozen=True)
class WeightNoise:
    """Noisy weights (COINr's ``get_noisy_weights``): ``n`` weight sets drawn once, each weight of the listed
    levels moved uniformly within +/- its factor (0.25 = 25%) of the nominal value."""

    levels: Mapping[int, float] = field(default_factory=lambda: {2: 0.25, 3: 0.25})
    n: int = 100
    name: str = "Weights"


Factor = Choice | WeightNoise


def noisy_weights(framework: Framework, levels: Mapping[int, float], n: int, rng: np.random.Generator) -> Array:
    """``n`` weight sets (rows) over ``framework_codes(framework)`` (columns)."""
    codes = framework_codes(framework)
    nominal = np.array([framework.weights[c] for c in codes])
    level_of = {c: lv for lv in range(1, framework.levels + 1) for c in framework.codes_at(lv)}
    sets = np.repeat(nominal[None, :], n, axis=0)
    for level, factor in levels.items():
        if not 1 <= level <= framework.levels:
            raise CompositeError(f"Weight noise: level {level} does not exist (the index has {framework.levels}).")
        cols = np.array([level_of[c] == level for c in codes])
        noise = (rng.random((n, int(cols.sum()))) * 2 - 1) * factor * nominal[cols]
        sets[:, cols] += noise
    return sets


def framework_codes(framework: Framework) -> list[str]:
    return [*framework.indicators, *framework.aggregates]


def sa_sample(n: int, d: int, rng: np.random.Generator) -> Array:
    """The N(d+2) x d Monte Carlo design of COINr's ``SA_sample``: A, B, then A with column i taken from B."""
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def sa_estimate(
    y: Array, n: int, d: int, *, n_boot: int | None = None, rng: np.random.Generator | None = None
) -> tuple[float, pd.DataFrame]:
    """First-order (Saltelli 2010) and total (Jansen) sensitivity indices, with bootstrap 5%/95% quantiles."""
    if y.size != n * (d + 2):
        raise CompositeError(f"The output has {y.size} values; a design of N={n}, d={d} gives {n * (d + 2)}.")
    ya, yb, yab = y[:n], y[n : 2 * n], y[2 * n :].reshape(d, n).T
    var = float(np.var(np.concatenate([ya, yb]), ddof=1))
    first_terms = yb[:, None] * (yab - ya[:, None])
    total_terms = ya[:, None] - yab
    table = pd.DataFrame(
        {
            "Variable": [f"V{i + 1}" for i in range(d)],
            "Si": first_terms.mean(axis=0) / var,
            "STi": (total_terms**2).sum(axis=0) / (2 * n * var),
        }
    )
    if n_boot:
        rng = rng or np.random.default_rng(0)
        picks = rng.integers(0, n, size=(n_boot, n))
        si_boot = first_terms[picks].mean(axis=1) / var
        sti_boot = (total_terms[picks] ** 2).sum(axis=1) / (2 * n * var)
        table["Si_q5"], table["Si_q95"] = np.quantile(si_boot, [0.05, 0.95], axis=0)
        table["STi_q5"], table["STi_q95"] = np.quantile(sti_boot, [0.05, 0.95], axis=0)
    return var, table


@dataclass(frozen=True)
class UncertaintyResult:
    nominal: pd.Series
    ranks: pd.DataFrame
    scores: pd.DataFrame
    choices: pd.DataFrame
    weights: pd.DataFrame

    @property
    def summary(self) -> pd.DataFrame:
        """Per unit: nominal rank, and the mean, median, 5th and 95th percentile of its ranks."""
        r = self.ranks.to_numpy()
        q5, median, q95 = np.nanquantile(r, [0.05, 0.5, 0.95], axis=0)
        return pd.DataFrame(
            {"Nominal": self.nominal, "Mean": np.nanmean(r, axis=0), "Median": median, "Q5": q5, "Q95": q95},
            index=self.ranks.columns,
        ).sort_values("Nominal")


@dataclass(frozen=True)
class SensitivityResult:
    variance: float
    indices: pd.DataFrame
    uncertainty: UncertaintyResult


class _Evaluator:
    """Scores of the target for many replications, each a vector of alternative indices, one per factor."""

    def __init__(self, coin: Coin, factors: Sequence[Factor], target: str | None, rng: np.random.Generator):
        if not coin.log or coin.log[-1].name != "aggregate":
            raise CompositeError("Build the coin up to aggregate() before an uncertainty analysis.")
        self.coin, self.factors = coin, list(factors)
        framework = coin.framework
        self.target = target or framework.codes_at(framework.levels)[0]
        self.codes = framework_codes(framework)
        noise = [f for f in self.factors if isinstance(f, WeightNoise)]
        if len(noise) > 1:
            raise CompositeError("Give at most one WeightNoise factor.")
        nominal = coin.log[-1].params.get("weights") or {}
        base = np.array([{**framework.weights, **nominal}[c] for c in self.codes])
        self.weight_sets = (
            noisy_weights(framework.with_weights(nominal), noise[0].levels, noise[0].n, rng) if noise else base[None, :]
        )
        self.sizes = [len(f.alternatives) if isinstance(f, Choice) else f.n for f in self.factors]
        for f, size in zip(self.factors, self.sizes, strict=True):
            if size < 1:
                raise CompositeError(f"Factor '{f.name}' has no alternatives.")

    def indices(self, u: Array) -> np.ndarray:
        """Map a sample in [0, 1) to alternative numbers, one equal interval per alternative."""
        sizes = np.array(self.sizes)
        return np.asarray(np.minimum((u * sizes).astype(int), sizes - 1))

    def scores(self, idx: np.ndarray, progress: Progress | None = None) -> Array:
        choice_cols = [i for i, f in enumerate(self.factors) if isinstance(f, Choice)]
        weight_col = next((i for i, f in enumerate(self.factors) if isinstance(f, WeightNoise)), None)
        keys = idx[:, choice_cols] if choice_cols else np.zeros((idx.shape[0], 0), dtype=int)
        groups, inverse = np.unique(keys, axis=0, return_inverse=True)
        weight_ids = idx[:, weight_col] if weight_col is not None else np.zeros(idx.shape[0], dtype=int)
        units = self.coin.dataset("Aggregated").index
        out = np.empty((idx.shape[0], len(units)))
        for g, key in enumerate(groups):
            changes: dict[str, dict[str, Any]] = {}
            for col, alt in zip(choice_cols, key, strict=True):
                factor = self.factors[col]
                assert isinstance(factor, Choice)
                for step_name, params in factor.alternatives[int(alt)].items():
                    changes.setdefault(step_name, {}).update(params)
            coin = self.coin.regenerate(**changes) if changes else self.coin
            rows = np.flatnonzero(inverse.ravel() == g)
            used, back = np.unique(weight_ids[rows], return_inverse=True)
            step = coin.log[-1]
            scores = aggregate_many(
                coin.dataset(step.source),
                coin.framework,
                method=step.params["method"],
                params=step.params.get("params"),
                weights=self.weight_sets[used],
                codes=self.codes,
                target=self.target,
            )
            if list(coin.dataset(step.source).index) != list(units):
                raise CompositeError("An alternative changes the set of units; ranks could not be compared.")
            out[rows] = scores[back.ravel()]
            if progress:
                progress(g + 1, len(groups))
        return out


def aggregate_many(
    data: pd.DataFrame,
    framework: Framework,
    *,
    method: str | Sequence[str],
    params: Any,
    weights: Array,
    codes: Sequence[str],
    target: str,
) -> Array:
    """Scores of ``target`` for every row of ``weights`` (weight sets x codes): arithmetic and geometric means
    are computed for all weight sets at once; other methods fall back to one aggregation per weight set."""
    steps = framework.levels - 1
    methods = [method] * steps if isinstance(method, str) else list(method)
    if any(m not in ("amean", "gmean") for m in methods) or (params and any(params)):
        from .aggregate import aggregate

        rows = []
        for w in weights:
            result = aggregate(data, framework, method=method, params=params, weights=dict(zip(codes, w, strict=True)))
            rows.append(result[target].to_numpy(dtype=float))
        return np.vstack(rows)
    position = {c: j for j, c in enumerate(codes)}
    block = data[list(framework.indicators)].to_numpy(dtype=float)
    values: dict[str, Array] = {c: block[None, :, j] for j, c in enumerate(framework.indicators)}
    for step, level in enumerate(range(2, framework.levels + 1)):
        for parent in framework.codes_at(level):
            kids = framework.children[parent]
            x = np.stack(np.broadcast_arrays(*[values[c] for c in kids]), axis=-1)  # (1 or m, units, k)
            w = weights[:, [position[c] for c in kids]][:, None, :]  # (m, 1, k)
            present = ~np.isnan(x)
            wp = np.where(present, w, 0.0)
            total = wp.sum(axis=-1)
            with np.errstate(invalid="ignore", divide="ignore"):
                if methods[step] == "amean":
                    y = (np.where(present, x, 0.0) * wp).sum(axis=-1) / total
                else:
                    if np.any(x[present] <= 0):
                        raise CompositeError("Geometric mean: zero or negative values cannot be aggregated.")
                    y = np.exp((np.log(np.where(present, x, 1.0)) * wp).sum(axis=-1) / total)
            values[parent] = np.where(total == 0, np.nan, y)
    return np.broadcast_to(values[target], (weights.shape[0], block.shape[0])).copy()


def _rank_rows(scores: Array) -> Array:
    return np.vstack([rank_min(row, descending=True) for row in scores])


def uncertainty(
    coin: Coin,
    factors: Sequence[Factor],
    *,
    n: int = 1000,
    seed: int = 0,
    target: str | None = None,
    progress: Progress | None = None,
) -> UncertaintyResult:
    """Monte Carlo over the factors: ``n`` replications, each a random alternative of every factor.

    ``result.choices`` numbers the alternative each replication used (1-based; for WeightNoise, the row of
    ``result.weights``), so any replication can be rebuilt with :meth:`Coin.regenerate`.
    """
    rng = np.random.default_rng(seed)
    evaluator = _Evaluator(coin, factors, target, rng)
    idx = evaluator.indices(rng.random((n, len(factors))))
    return _result(coin, evaluator, idx, progress)


def sensitivity(
    coin: Coin,
    factors: Sequence[Factor],
    *,
    n: int = 500,
    seed: int = 0,
    n_boot: int | None = 1000,
    target: str | None = None,
    progress: Progress | None = None,
) -> SensitivityResult:
    """First-order and total sensitivity indices of the mean absolute rank change (N(d+2) replications)."""
    rng = np.random.default_rng(seed)
    evaluator = _Evaluator(coin, factors, target, rng)
    d = len(factors)
    idx = evaluator.indices(sa_sample(n, d, rng))
    result = _result(coin, evaluator, idx, progress)
    shift = np.nanmean(np.abs(result.ranks.to_numpy() - result.nominal.to_numpy()[None, :]), axis=1)
    variance, table = sa_estimate(shift, n, d, n_boot=n_boot, rng=rng)
    table["Variable"] = [f.name for f in factors]
    return SensitivityResult(variance=variance, indices=table, uncertainty=result)


def _result(coin: Coin, evaluator: _Evaluator, idx: np.ndarray, progress: Progress | None) -> UncertaintyResult:
    units = coin.dataset("Aggregated").index
    scores = evaluator.scores(idx, progress)
    nominal = pd.Series(
        rank_min(coin.dataset("Aggregated")[evaluator.target].to_numpy(dtype=float), descending=True), index=units
    )
    choices = pd.DataFrame(idx + 1, columns=[f.name for f in evaluator.factors])
    weight_sets = pd.DataFrame(
        evaluator.weight_sets, columns=evaluator.codes, index=range(1, len(evaluator.weight_sets) + 1)
    )
    return UncertaintyResult(
        weights=weight_sets,
        nominal=nominal,
        ranks=pd.DataFrame(_rank_rows(scores), columns=units),
        scores=pd.DataFrame(scores, columns=units),
        choices=choices,
    )
