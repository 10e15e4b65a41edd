"""The composite index of industrial change: seven dimensions, built from tidy regional data with the composite
engine (:mod:`innopart.analytics.composite`), with the uncertainty of every region's rank.

The European Observatory for Clusters and Industrial Change publishes the dimensions (Evolution towards a more
innovative regional economy; New and emerging technologies; Digitalisation; Firm investments;
Internationalisation; Creativity; Entrepreneurship) but not its indicator list. The specification is therefore data
(a mapping, usually read from YAML) that names, per dimension, the indicators the data hold and what is missing::

    name: Industrial change
    window: 3                 # an indicator's value may be up to 3 years older than its reference year
    coverage: 0.5             # reference year = latest year in which at least half of the units have a value
    screen: 0.5               # units need at least half of the indicators
    dimensions:
      - code: digitalisation
        name: Digitalisation
        indicators:
          - emp_high_tech_kis_pct
          - {code: ht_change, from: emp_high_tech_sectors_pct, change: 5}   # percentage-point change over 5 years
        missing: Broadband access and online purchases (isoc_r_*) are not in the data.
        when_present:         # scored as soon as the data hold them (parse_spec's `available`), else listed as waiting
          - {code: broadband_households_pct, label: Households with broadband access, dataset: isoc_r_broad_h}
    uncertainty: {n: 1000, seed: 1, weights: {1: 0.25, 2: 0.25}}

The build: latest values within the window (a unit without a value takes its predecessor code's value, recorded
as such), COINr's outlier treatment (winsorising up to 5 points, else a log), min-max normalisation to 0-1, and
arithmetic means at both levels (a dimension from the indicators a unit has; the index from its dimensions). The EU
average is the unweighted mean over the units. Rank uncertainty: Monte Carlo over noisy weights (both levels) and
the choice of normalisation (min-max or rank percentiles) and aggregation (arithmetic mean or median).
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .composite import Coin
from .composite.errors import CompositeError
from .composite.uncertainty import Choice, WeightNoise, uncertainty

INDEX = "Index"
Progress = Callable[[int, int], None]


class SpecError(ValueError):
    """A specification the index cannot be built from; the message names the item."""


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    source: str
    change: int = 0
    direction: int = 1
    weight: float = 1.0
    label: str = ""  # what to call it while the data do not hold it yet (a `when_present` entry)
    dataset: str = ""  # where it would come from, for the same reader


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name: str
    indicators: tuple[IndicatorSpec, ...]
    missing: str = ""
    weight: float = 1.0
    waiting: tuple[IndicatorSpec, ...] = ()  # `when_present` indicators the data do not hold yet


@dataclass(frozen=True)
class IndexSpec:
    name: str
    dimensions: tuple[DimensionSpec, ...]
    window: int = 3
    coverage: float = 0.5
    screen: float = 0.5
    n: int = 1000
    seed: int = 1
    weight_noise: Mapping[int, float] = field(default_factory=lambda: {1: 0.25, 2: 0.25})

    @property
    def sources(self) -> set[str]:
        return {i.source for d in self.dimensions for i in d.indicators}


def _indicator(item: Any, dim: str, seen: set[str]) -> IndicatorSpec:
    entry = {"code": item} if isinstance(item, str) else dict(item) if isinstance(item, Mapping) else {}
    if not entry.get("code"):
        raise SpecError(f"Dimension '{dim}': every indicator needs a 'code'.")
    ind_code = str(entry["code"])
    if ind_code in seen:
        raise SpecError(f"Dimension '{dim}': the indicator '{ind_code}' is used twice.")
    seen.add(ind_code)
    try:
        change = int(entry.get("change", 0))
        direction = int(entry.get("direction", 1))
        weight = float(entry.get("weight", 1))
    except (TypeError, ValueError) as error:
        raise SpecError(f"Indicator '{ind_code}': change, direction and weight must be numbers.") from error
    if change < 0 or direction not in (1, -1) or weight <= 0:
        raise SpecError(
            f"Indicator '{ind_code}': change must be a number of years >= 0, direction 1 or -1, weight > 0."
        )
    source = str(entry.get("from", ind_code))
    return IndicatorSpec(
        ind_code, source, change, direction, weight, str(entry.get("label", "")), str(entry.get("dataset", ""))
    )


def parse_spec(data: Any, available: Collection[str] | None = None) -> IndexSpec:
    """Validate a specification (see the module docstring); errors name the dimension or indicator.

    A dimension's `when_present` indicators join its `indicators` when their source is among `available` (the
    indicators the data hold); the others wait in `DimensionSpec.waiting`. Without `available`, all of them wait.
    So a specification names today what would fill a thin dimension, and an import alone brings it in."""
    if not isinstance(data, Mapping):
        raise SpecError("The specification must be a mapping with 'name' and 'dimensions'.")
    dims = data.get("dimensions")
    if not isinstance(dims, list) or not dims:
        raise SpecError("'dimensions' must be a non-empty list.")
    seen: set[str] = set()
    dimensions = []
    for position, dim in enumerate(dims, start=1):
        if not isinstance(dim, Mapping) or not dim.get("code"):
            raise SpecError(f"Dimension {position}: give it a 'code'.")
        code = str(dim["code"])
        if code in seen or code == INDEX:
            raise SpecError(f"Dimension {position}: the code '{code}' is used twice.")
        seen.add(code)
        indicators = [_indicator(item, code, seen) for item in dim.get("indicators") or []]
        waiting: list[IndicatorSpec] = []
        for item in dim.get("when_present") or []:
            entry = _indicator(item, code, seen)
            (indicators if available is not None and entry.source in available else waiting).append(entry)
        dimensions.append(
            DimensionSpec(
                code=code,
                name=str(dim.get("name", code)),
                indicators=tuple(indicators),
                missing=str(dim.get("missing", "") or ""),
                weight=float(dim.get("weight", 1)),
                waiting=tuple(waiting),
            )
        )
    if not any(d.indicators for d in dimensions):
        raise SpecError("No dimension has an indicator.")
    ua = data.get("uncertainty") or {}
    try:
        spec = IndexSpec(
            name=str(data.get("name", "Index")),
            dimensions=tuple(dimensions),
            window=int(data.get("window", 3)),
            coverage=float(data.get("coverage", 0.5)),
            screen=float(data.get("screen", 0.5)),
            n=int(ua.get("n", 1000)),
            seed=int(ua.get("seed", 1)),
            weight_noise={int(k): float(v) for k, v in (ua.get("weights") or {1: 0.25, 2: 0.25}).items()},
        )
    except (TypeError, ValueError, AttributeError) as error:
        raise SpecError(f"window, coverage, screen and uncertainty must be numbers: {error}") from error
    if not (0 <= spec.coverage <= 1 and 0 <= spec.screen <= 1 and spec.window >= 0 and spec.n >= 1):
        raise SpecError("coverage and screen lie between 0 and 1; window >= 0; uncertainty n >= 1.")
    return spec


@dataclass(frozen=True)
class IndicatorTable:
    values: pd.DataFrame  # units x indicator codes
    years: dict[str, int]  # reference year per indicator
    borrowed: pd.DataFrame  # unit, indicator, code whose value was used


def indicator_table(
    tidy: pd.DataFrame,
    spec: IndexSpec,
    units: Sequence[str],
    predecessors: Mapping[str, Sequence[str]] | None = None,
) -> IndicatorTable:
    """Units x indicators from tidy data (columns geo, indicator, year, value).

    Each indicator's reference year is the latest year in which at least ``spec.coverage`` of the units have a
    value; a unit takes its latest value no older than ``spec.window`` years before it. A change indicator is the
    difference between the reference year and ``change`` years earlier (same unit, exact years). A unit without a
    value takes the value of its first predecessor code that has one (NUTS recodings and splits).
    """
    missing_columns = {"geo", "indicator", "year", "value"} - set(tidy.columns)
    if missing_columns:
        raise SpecError(f"The data lack the column(s) {', '.join(sorted(missing_columns))}.")
    predecessors = predecessors or {}
    units = list(units)
    wanted = tidy[tidy["indicator"].isin(spec.sources)]
    columns: dict[str, pd.Series] = {}
    years: dict[str, int] = {}
    borrowed: list[tuple[str, str, str]] = []
    for dim in spec.dimensions:
        for ind in dim.indicators:
            panel = wanted[wanted["indicator"] == ind.source].pivot_table(
                index="geo", columns="year", values="value", aggfunc="first"
            )
            if panel.empty:
                columns[ind.code] = pd.Series(np.nan, index=units)
                continue
            own = panel.reindex(units)
            share = own.notna().mean(axis=0)
            eligible = share[share >= spec.coverage].index
            ref = int(max(eligible) if len(eligible) else max(panel.columns))
            years[ind.code] = ref

            def value_of(frame: pd.DataFrame, ref: int = ref, change: int = ind.change) -> pd.Series:
                if change:
                    if ref not in frame.columns or ref - change not in frame.columns:
                        return pd.Series(np.nan, index=frame.index)
                    return frame[ref] - frame[ref - change]
                window = [y for y in frame.columns if ref - spec.window <= y <= ref]
                return frame[sorted(window)].ffill(axis=1).iloc[:, -1] if window else pd.Series(np.nan, frame.index)

            series = value_of(own)
            by_code = value_of(panel)
            for unit in series.index[series.isna()]:
                for old in predecessors.get(unit, ()):
                    if old in by_code.index and pd.notna(by_code[old]):
                        series[unit] = by_code[old]
                        borrowed.append((unit, ind.code, old))
                        break
            columns[ind.code] = series
    values = pd.DataFrame(columns, index=units)
    values.index.name = "uCode"
    return IndicatorTable(values, years, pd.DataFrame(borrowed, columns=["unit", "indicator", "code"]))


def framework_rows(spec: IndexSpec, available: Sequence[str]) -> pd.DataFrame:
    """COINr's iMeta for the indicators that have data; a dimension without any is left out of the build."""
    rows: list[dict[str, Any]] = [
        {"Level": 3, "iCode": INDEX, "Direction": 1, "Weight": 1.0, "Parent": "", "Type": "Aggregate"}
    ]
    for dim in spec.dimensions:
        present = [i for i in dim.indicators if i.code in available]
        if not present:
            continue
        rows.append(
            {"Level": 2, "iCode": dim.code, "Direction": 1, "Weight": dim.weight, "Parent": INDEX, "Type": "Aggregate"}
        )
        rows += [
            {
                "Level": 1,
                "iCode": i.code,
                "Direction": i.direction,
                "Weight": i.weight,
                "Parent": dim.code,
                "Type": "Indicator",
            }
            for i in present
        ]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class IndexResult:
    scores: pd.DataFrame  # units x (dimensions..., Index), 0-1; units screened out are absent
    eu_average: pd.Series  # per dimension and Index
    ranks: pd.DataFrame  # units x (dimensions..., Index), 1 = best
    uncertainty: pd.DataFrame  # units: Nominal, Median, Q5, Q95 of the index rank
    dimensions_without_data: list[str]
    indicators_without_data: list[str]
    table: IndicatorTable
    coin: Coin


def build(table: IndicatorTable, spec: IndexSpec) -> Coin:
    values = table.values
    available = [c for c in values.columns if values[c].notna().sum() >= 3 and values[c].nunique() > 1]
    if not available:
        raise SpecError("None of the indicators has data for at least three units.")
    imeta = framework_rows(spec, available)
    idata = values[available].reset_index()
    try:
        coin = Coin.from_coinr(idata, imeta)
        return (
            coin.screen(dat_thresh=spec.screen)
            .treat(winmax=5)
            .normalise(method="minmax", params={"l_u": (0.0, 1.0)})
            .aggregate(method="amean")
        )
    except CompositeError as error:
        raise SpecError(str(error)) from error


def compute(
    table: IndicatorTable,
    spec: IndexSpec,
    *,
    n: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
) -> IndexResult:
    """Scores on 0-1, the EU average, ranks and the Monte Carlo uncertainty of each unit's index rank."""
    coin = build(table, spec)
    framework = coin.framework
    aggregated = coin.dataset("Aggregated")
    outputs = [*framework.codes_at(2), INDEX]
    scores = aggregated[outputs]
    ranks = coin.ranks()[outputs]
    factors: list[Choice | WeightNoise] = [
        WeightNoise(levels=dict(spec.weight_noise), n=100),
        Choice(
            "Normalisation",
            (
                {"normalise": {"method": "minmax", "params": {"l_u": (0.0, 1.0)}}},
                {"normalise": {"method": "prank", "params": {}}},
            ),
        ),
        # Not the geometric mean: min-max puts each indicator's lowest unit at 0, which would zero its index.
        Choice("Aggregation", ({"aggregate": {"method": "amean"}}, {"aggregate": {"method": "median"}})),
    ]
    result = uncertainty(coin, factors, n=n or spec.n, seed=spec.seed if seed is None else seed, progress=progress)
    summary = result.summary[["Nominal", "Median", "Q5", "Q95"]]
    without = [d.name for d in spec.dimensions if d.code not in framework.codes_at(2)]
    used = set(framework.indicators)
    return IndexResult(
        scores=scores,
        eu_average=scores.mean(axis=0),
        ranks=ranks,
        uncertainty=summary,
        dimensions_without_data=without,
        indicators_without_data=[i.code for d in spec.dimensions for i in d.indicators if i.code not in used],
        table=table,
        coin=coin,
    )


def region_types(
    index: pd.Series, stars: pd.Series, *, many_stars: float, few_stars: float, moderate: float, high: float
) -> pd.Series:
    """The briefing's three types of region (Figure 4), with its thresholds as parameters:

    1. many cluster stars (>= ``many_stars``) but a moderate index (< ``moderate``);
    2. moderate on both (stars < ``few_stars`` and index < ``high``);
    3. a high index (>= ``high``).

    Anything else (for instance stars between the two star thresholds) is "other"; a region without an index or
    stars is missing.
    """
    frame = pd.DataFrame({"index": index, "stars": stars})
    kind = pd.Series("other", index=frame.index, dtype=object)
    kind[(frame["stars"] < few_stars) & (frame["index"] < high)] = "moderate"
    kind[(frame["stars"] >= many_stars) & (frame["index"] < moderate)] = "cluster_rich"
    kind[frame["index"] >= high] = "leader"
    kind[frame.isna().any(axis=1)] = None
    return kind
