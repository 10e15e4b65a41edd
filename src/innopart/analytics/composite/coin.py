"""A composite indicator under construction: its data sets, step by step, and the log that rebuilds it.

Each building method returns a *new* Coin with one more data set and one more log entry, so a Coin is a value:
``coin.regenerate(normalise={"method": "zscore"})`` re-runs the recorded steps from the raw data with changed
parameters (COINr's "log and regenerate"), which is what the uncertainty analysis does thousands of times.

Example (COINr's canonical ASEM build)::

    coin = (Coin.from_coinr(iData, iMeta)
            .denominate()
            .impute(method="group_mean", group="EurAsia_group")
            .screen(dat_thresh=0.9)
            .treat(winmax=5)
            .normalise(method="minmax", params={"l_u": (0, 100)})
            .aggregate(method="amean"))
    coin.results()   # the aggregated data set with ranks
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from . import aggregate as _aggregate
from . import data as _data
from . import normalise as _normalise
from . import treat as _treat
from .errors import CompositeError
from .framework import Framework
from .stats import rank_min

STEPS = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")


@dataclass(frozen=True)
class Step:
    name: str
    params: Mapping[str, Any]
    source: str
    target: str


@dataclass(frozen=True)
class Coin:
    framework: Framework
    raw: pd.DataFrame
    extra: pd.DataFrame
    datasets: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    analysis: Mapping[str, Any] = field(default_factory=dict)
    log: tuple[Step, ...] = ()

    @classmethod
    def from_coinr(cls, idata: pd.DataFrame, imeta: pd.DataFrame) -> "Coin":
        framework = Framework.from_imeta(imeta)
        raw = _data.check_data(idata, framework)
        extra_columns = [c for c in (*framework.groups, *framework.denominators) if c in idata.columns]
        # COINr orders units by their code; so do we, so that tables line up row by row.
        extra = idata.set_index("uCode")[extra_columns].sort_index()
        indicators = raw[list(framework.indicators)].sort_index()
        return cls(framework=framework, raw=indicators, extra=extra, datasets={"Raw": indicators})

    # -- helpers -------------------------------------------------------------------------------------------------
    def dataset(self, name: str) -> pd.DataFrame:
        if name not in self.datasets:
            raise CompositeError(f"There is no data set '{name}'; there are: {', '.join(self.datasets)}.")
        return self.datasets[name]

    @property
    def last(self) -> str:
        return self.log[-1].target if self.log else "Raw"

    def _with(self, step: Step, result: pd.DataFrame, analysis: Any = None) -> "Coin":
        datasets = {**self.datasets, step.target: result}
        extra = {**self.analysis, step.target: analysis} if analysis is not None else dict(self.analysis)
        return replace(self, datasets=datasets, analysis=extra, log=(*self.log, step))

    # -- building steps ------------------------------------------------------------------------------------------
    def denominate(self, *, dset: str | None = None, by: Mapping[str, str] | None = None) -> "Coin":
        source = dset or self.last
        mapping = dict(by if by is not None else self.framework.denominate_by)
        missing = sorted(set(mapping.values()) - set(self.extra.columns))
        if missing:
            raise CompositeError(f"Denominate: the data have no denominator column(s) {', '.join(missing)}.")
        result = _data.denominate(self.dataset(source), self.extra, mapping)
        return self._with(Step("denominate", {"by": mapping}, source, "Denominated"), result)

    def impute(
        self, *, dset: str | None = None, method: str = "mean", group: str | None = None, normalise_first: bool = True
    ) -> "Coin":
        """Fill missing values: by column (mean, median), by the unit's group column (group_mean, group_median) or
        by the unit's other indicators in the same aggregation group (row_group_mean)."""
        source = dset or self.last
        if method == "row_group_mean":
            result, mask = _data.impute_rows_by_group(
                self.dataset(source),
                self.framework,
                directions=dict(self.framework.directions),
                normalise_first=normalise_first,
            )
            params = {"method": method, "group": group, "normalise_first": normalise_first}
            return self._with(Step("impute", params, source, "Imputed"), result, mask)
        groups = None
        if group is not None:
            if group not in self.extra.columns:
                raise CompositeError(f"Impute: there is no group column '{group}'.")
            groups = self.extra[group]
        result, mask = _data.impute(self.dataset(source), method=method, groups=groups)
        params = {"method": method, "group": group, "normalise_first": normalise_first}
        return self._with(Step("impute", params, source, "Imputed"), result, mask)

    def screen(
        self,
        *,
        dset: str | None = None,
        dat_thresh: float = 2 / 3,
        by: str = "na",
        nonzero_thresh: float = 0.05,
        force_include: tuple[str, ...] = (),
        force_exclude: tuple[str, ...] = (),
    ) -> "Coin":
        source = dset or self.last
        params: dict[str, Any] = {
            "dat_thresh": dat_thresh,
            "by": by,
            "nonzero_thresh": nonzero_thresh,
            "force_include": tuple(force_include),
            "force_exclude": tuple(force_exclude),
        }
        result, table = _data.screen(self.dataset(source), **params)
        return self._with(Step("screen", params, source, "Screened"), result, table)

    def treat(
        self,
        *,
        dset: str | None = None,
        winmax: int | None = 5,
        skew_thresh: float = 2.0,
        kurt_thresh: float = 3.5,
        combine: bool = False,
        skip: tuple[str, ...] = (),
    ) -> "Coin":
        source = dset or self.last
        params: dict[str, Any] = {
            "winmax": winmax,
            "skew_thresh": skew_thresh,
            "kurt_thresh": kurt_thresh,
            "combine": combine,
            "skip": tuple(skip),
        }
        result, report = _treat.treat(self.dataset(source), **params)
        return self._with(Step("treat", params, source, "Treated"), result, report)

    def normalise(
        self,
        *,
        dset: str | None = None,
        method: str = "minmax",
        params: Mapping[str, Any] | None = None,
        per_indicator: Mapping[str, tuple[str, Mapping[str, Any]]] | None = None,
    ) -> "Coin":
        source = dset or self.last
        para = dict(params) if params is not None else ({"l_u": (0.0, 100.0)} if method == "minmax" else {})
        result = _normalise.normalise(
            self.dataset(source),
            self.framework.directions,
            method=method,
            params=para,
            per_indicator=per_indicator,
            targets=self.framework.targets,
        )
        recorded = {"method": method, "params": para, "per_indicator": dict(per_indicator or {})}
        return self._with(Step("normalise", recorded, source, "Normalised"), result)

    def aggregate(
        self,
        *,
        dset: str | None = None,
        method: str | tuple[str, ...] = "amean",
        params: Any = None,
        weights: Mapping[str, float] | None = None,
        dat_thresh: float | None = None,
    ) -> "Coin":
        source = dset or self.last
        result = _aggregate.aggregate(
            self.dataset(source), self.framework, method=method, params=params, weights=weights, dat_thresh=dat_thresh
        )
        recorded = {"method": method, "params": params, "weights": dict(weights or {}), "dat_thresh": dat_thresh}
        return self._with(Step("aggregate", recorded, source, "Aggregated"), result)

    # -- results ---------------------------------------------------------------------------------------------------
    def ranks(self, dset: str = "Aggregated") -> pd.DataFrame:
        """Ranks of every column (1 = highest value; ties share the best rank; missing stays missing)."""
        frame = self.dataset(dset)
        return frame.apply(
            lambda col: pd.Series(rank_min(col.to_numpy(dtype=float), descending=True), index=frame.index)
        )

    def results(self, dset: str = "Aggregated") -> pd.DataFrame:
        """The aggregates of a data set with the index's rank, best first."""
        frame = self.dataset(dset)
        top = self.framework.codes_at(self.framework.levels)[0]
        table = frame[self.framework.aggregates].copy()
        table.insert(0, "Rank", rank_min(frame[top].to_numpy(dtype=float), descending=True))
        return table.sort_values(["Rank"])

    def regenerate(self, **changes: Mapping[str, Any]) -> "Coin":
        """Re-run the log from the raw data, with the parameters of the named steps updated."""
        unknown = set(changes) - {step.name for step in self.log}
        if unknown:
            raise CompositeError(f"Cannot change step(s) {', '.join(sorted(unknown))}: they are not in the log.")
        coin = replace(self, datasets={"Raw": self.raw}, analysis={}, log=())
        for step in self.log:
            params = {**step.params, **changes.get(step.name, {})}
            coin = getattr(coin, step.name)(dset=step.source, **params)
        return coin
