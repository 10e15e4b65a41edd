"""Panels: the same index built for several years, optionally normalised over all years together.

COINr calls a set of coins a "purse"; here it is a :class:`Panel` of coins keyed by year.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import normalise as _normalise
from .coin import STEPS, Coin, Step
from .errors import CompositeError
from .stats import rank_min


@dataclass(frozen=True)
class Panel:
    coins: Mapping[Any, Coin]

    @classmethod
    def from_coinr(cls, idata: pd.DataFrame, imeta: pd.DataFrame, *, time: str = "Time") -> "Panel":
        if time not in idata.columns:
            raise CompositeError(f"Panel data need a '{time}' column with the year of each row.")
        years = sorted(idata[time].dropna().unique())
        if not years:
            raise CompositeError(f"The '{time}' column is empty.")
        return cls({year: Coin.from_coinr(idata[idata[time] == year].drop(columns=[time]), imeta) for year in years})

    @property
    def years(self) -> list[Any]:
        return list(self.coins)

    def impute_latest(self, *, max_back: int | None = None) -> "Panel":
        """Fill a missing raw value with the unit's latest earlier value (at most ``max_back`` years back)."""
        filled: dict[Any, Coin] = {}
        seen: dict[Any, pd.DataFrame] = {}
        for year in self.years:
            coin = self.coins[year]
            raw = coin.dataset("Raw").copy()
            imputed = pd.DataFrame(False, index=raw.index, columns=raw.columns)
            for earlier in sorted((y for y in seen if max_back is None or year - y <= max_back), reverse=True):
                previous = seen[earlier].reindex(index=raw.index, columns=raw.columns)
                take = raw.isna() & previous.notna()
                raw = raw.where(~take, previous)
                imputed |= take
            seen[year] = raw
            filled[year] = coin._with(
                Step("impute", {"method": "latest", "max_back": max_back}, "Raw", "Imputed"), raw, imputed
            )
        return Panel(filled)

    def build(self, steps: Sequence[tuple[str, Mapping[str, Any]]], *, global_normalise: bool = False) -> "Panel":
        """Run the same steps in every year. With ``global_normalise`` the normalisation uses all years' values
        together, so that scores are comparable over time."""
        coins = dict(self.coins)
        for name, params in steps:
            if name not in STEPS:
                raise CompositeError(f"'{name}' is not one of {', '.join(STEPS)}.")
            if name == "normalise" and global_normalise:
                coins = _normalise_together(coins, dict(params))
            else:
                coins = {year: getattr(coin, name)(**params) for year, coin in coins.items()}
        return Panel(coins)

    def results(self, code: str | None = None) -> pd.DataFrame:
        """One row per year and unit: the score of ``code`` (default: the index) and its rank in that year."""
        frames = []
        for year, coin in self.coins.items():
            code = code or coin.framework.codes_at(coin.framework.levels)[0]
            scores = coin.dataset("Aggregated")[code]
            frames.append(
                pd.DataFrame(
                    {
                        "Time": year,
                        "uCode": scores.index,
                        "Score": scores.to_numpy(),
                        "Rank": rank_min(scores.to_numpy(dtype=float), descending=True),
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)


def _normalise_together(coins: dict[Any, Coin], params: dict[str, Any]) -> dict[Any, Coin]:
    sources = {year: coin.dataset(params.get("dset") or coin.last) for year, coin in coins.items()}
    stacked = pd.concat(sources, names=["Time", "uCode"])
    framework = next(iter(coins.values())).framework
    method = params.get("method", "minmax")
    para = params.get("params") or ({"l_u": (0.0, 100.0)} if method == "minmax" else {})
    result = _normalise.normalise(
        stacked,
        framework.directions,
        method=method,
        params=para,
        per_indicator=params.get("per_indicator"),
        targets=framework.targets,
    )
    if np.isnan(result.to_numpy()).all():
        raise CompositeError("Global normalisation produced no values.")
    out = {}
    for year, coin in coins.items():
        part = result.xs(year, level="Time")
        step = Step("normalise", {"method": method, "params": para, "global": True}, coin.last, "Normalised")
        out[year] = coin._with(step, part)
    return out
