"""The index framework: indicators and aggregates with levels, parents, weights and directions.

Read from COINr's iMeta table (one row per indicator, aggregate, group or denominator column) and validated
with messages that name the row and the code at fault.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import FrameworkError

REQUIRED = ("Level", "iCode", "Direction", "Weight", "Parent", "Type")
TYPES = {"Indicator", "Aggregate", "Group", "Denominator", "Other"}


@dataclass(frozen=True)
class Framework:
    """A validated hierarchy. ``indicators`` keeps iMeta's order; ``children`` maps each aggregate to its parts."""

    meta: pd.DataFrame
    indicators: tuple[str, ...]
    levels: int
    children: Mapping[str, tuple[str, ...]]
    weights: Mapping[str, float]
    directions: Mapping[str, int]
    groups: tuple[str, ...] = ()
    denominators: tuple[str, ...] = ()
    denominate_by: Mapping[str, str] = field(default_factory=dict)
    targets: Mapping[str, float] = field(default_factory=dict)

    def codes_at(self, level: int) -> list[str]:
        """Aggregate (or indicator) codes of a level, sorted as COINr orders its aggregated columns."""
        if level == 1:
            return list(self.indicators)
        return sorted(code for code, kids in self.children.items() if self._level_of(code) == level)

    def _level_of(self, code: str) -> int:
        level = 1
        while code in self.children:
            code = self.children[code][0]
            level += 1
        return level

    @property
    def aggregates(self) -> list[str]:
        return [c for level in range(2, self.levels + 1) for c in self.codes_at(level)]

    def with_weights(self, weights: Mapping[str, float]) -> "Framework":
        unknown = set(weights) - set(self.weights)
        if unknown:
            raise FrameworkError(f"Weights given for unknown codes: {', '.join(sorted(unknown))}.")
        return Framework(**{**self.__dict__, "weights": {**self.weights, **weights}})

    @classmethod
    def from_imeta(cls, imeta: pd.DataFrame) -> "Framework":
        missing = [c for c in REQUIRED if c not in imeta.columns]
        if missing:
            raise FrameworkError(f"iMeta is missing the column(s) {', '.join(missing)}.")
        meta = imeta.copy()
        meta["Parent"] = meta["Parent"].replace({"": np.nan})
        for i, row in meta.iterrows():
            where = f"iMeta row {_row(i)} ({row['iCode']})"
            if not isinstance(row["iCode"], str) or not row["iCode"].strip():
                raise FrameworkError(f"iMeta row {_row(i)}: iCode is empty.")
            if row["Type"] not in TYPES:
                raise FrameworkError(f"{where}: Type '{row['Type']}' is not one of {', '.join(sorted(TYPES))}.")
        duplicated = meta.loc[meta["iCode"].duplicated(), "iCode"].tolist()
        if duplicated:
            raise FrameworkError(f"iMeta has duplicate iCode(s): {', '.join(duplicated)}.")

        nodes = meta[meta["Type"].isin(["Indicator", "Aggregate"])].copy()
        if nodes.empty:
            raise FrameworkError("iMeta has no indicators.")
        for column in ("Level", "Weight", "Direction"):
            values = pd.to_numeric(nodes[column], errors="coerce")
            bad = nodes.loc[values.isna(), "iCode"].tolist()
            if bad:
                raise FrameworkError(f"iMeta column {column} is not a number for: {', '.join(bad)}.")
            nodes[column] = values
        bad_dir = nodes.loc[~nodes["Direction"].isin([1, -1]), "iCode"].tolist()
        if bad_dir:
            raise FrameworkError(f"iMeta Direction must be 1 or -1; it is not for: {', '.join(bad_dir)}.")
        level_of = dict(zip(nodes["iCode"], nodes["Level"].astype(int), strict=True))
        top = max(level_of.values())
        if not (nodes["Level"][nodes["Type"] == "Indicator"] == 1).all():
            raise FrameworkError("iMeta: every indicator must be at Level 1.")
        _check_cycles({c: [r for r in nodes.loc[nodes["Parent"] == c, "iCode"]] for c in level_of})
        children: dict[str, list[str]] = {c: [] for c, lv in level_of.items() if lv > 1}
        for i, row in nodes.iterrows():
            code, parent = row["iCode"], row["Parent"]
            if pd.isna(parent):
                if level_of[code] != top:
                    raise FrameworkError(f"iMeta row {_row(i)} ({code}): it has no parent but is not at the top level.")
                continue
            if parent not in level_of:
                raise FrameworkError(f"iMeta row {_row(i)} ({code}): parent '{parent}' is not an aggregate in iMeta.")
            if level_of[parent] != level_of[code] + 1:
                raise FrameworkError(
                    f"iMeta row {_row(i)} ({code}): its parent '{parent}' must be one level up "
                    f"(level {level_of[code] + 1}), not level {level_of[parent]}."
                )
            children[parent].append(code)
        empty = [c for c, kids in children.items() if not kids]
        if empty:
            raise FrameworkError(f"iMeta: aggregate(s) without any children: {', '.join(empty)}.")
        roots = [c for c, lv in level_of.items() if lv == top]
        if len(roots) != 1:
            raise FrameworkError(f"iMeta must have one top-level index; it has {len(roots)}: {', '.join(roots)}.")

        denominate_by: dict[str, str] = {}
        if "Denominator" in nodes.columns:
            for code, denominator in zip(nodes["iCode"], nodes["Denominator"], strict=True):
                if isinstance(denominator, str) and denominator.strip():
                    denominate_by[code] = denominator.strip()
        targets: dict[str, float] = {}
        if "Target" in nodes.columns:
            t = pd.to_numeric(nodes["Target"], errors="coerce")
            targets = {c: float(v) for c, v in zip(nodes["iCode"], t, strict=True) if not np.isnan(v)}
        return cls(
            meta=nodes.reset_index(drop=True),
            indicators=tuple(nodes.loc[nodes["Type"] == "Indicator", "iCode"]),
            levels=top,
            children={p: tuple(k) for p, k in children.items()},
            weights={c: float(w) for c, w in zip(nodes["iCode"], nodes["Weight"], strict=True)},
            directions={c: int(d) for c, d in zip(nodes["iCode"], nodes["Direction"], strict=True)},
            groups=tuple(meta.loc[meta["Type"] == "Group", "iCode"]),
            denominators=tuple(meta.loc[meta["Type"] == "Denominator", "iCode"]),
            denominate_by=denominate_by,
            targets=targets,
        )


def _row(index: object) -> int:
    # Rows are counted as a person counts them in the file: the header is line 1.
    return int(index) + 2 if isinstance(index, int | np.integer) else 0


def _check_cycles(graph: Mapping[str, list[str]]) -> None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 1:
            cycle = [*path[path.index(node) :], node]
            raise FrameworkError(f"iMeta: the hierarchy has a cycle: {' -> '.join(cycle)}.")
        if state.get(node) == 2:
            return
        state[node] = 1
        for child in graph.get(node, []):
            visit(child, [*path, node])
        state[node] = 2

    for node in graph:
        visit(node, [])
