"""Index specifications as YAML: the data, the framework and the steps with their parameters.

A spec (paths are relative to the spec file)::

    data: ASEM_iData.csv          # COINr's iData: uCode, groups, denominators, indicators
    meta: ASEM_iMeta.csv          # COINr's iMeta: Level, iCode, Direction, Weight, Parent, Type, ...
    steps:                        # run in this order; each is a Coin method with its keyword arguments
      - denominate: {}
      - impute: {method: group_mean, group: EurAsia_group}
      - screen: {dat_thresh: 0.9}
      - treat: {winmax: 5}
      - normalise: {method: minmax, params: {l_u: [0, 100]}}
      - aggregate: {method: amean}
    uncertainty:                  # optional: for `innopart index uncertainty`
      seed: 1
      weights: {levels: {2: 0.25, 3: 0.25}, n: 100}
      choices:
        - name: Normalisation
          alternatives:
            - normalise: {method: minmax, params: {l_u: [1, 100]}}
            - normalise: {method: zscore, params: {m_sd: [10, 2]}}
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .coin import STEPS, Coin
from .errors import CompositeError
from .io import read_coinr
from .uncertainty import Choice, Factor, UncertaintyResult, WeightNoise, uncertainty


def load_spec(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CompositeError(f"{path}: not valid YAML ({error}).") from None
    if not isinstance(spec, dict):
        raise CompositeError(f"{path}: a spec is a mapping with data, meta and steps.")
    for key in ("data", "meta", "steps"):
        if key not in spec:
            raise CompositeError(f"{path}: the spec has no '{key}'.")
    spec["_base"] = path.resolve().parent
    return spec


def _tuples(value: Any) -> Any:
    # YAML has lists only; the engine's range parameters are pairs.
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def build_from_spec(spec: dict[str, Any]) -> Coin:
    base: Path = spec["_base"]
    coin = Coin.from_coinr(*read_coinr(base / spec["data"], base / spec["meta"]))
    for number, entry in enumerate(spec["steps"], start=1):
        if not isinstance(entry, dict) or len(entry) != 1:
            raise CompositeError(f"Step {number}: write each step as '- name: {{parameters}}'.")
        ((name, params),) = entry.items()
        if name not in STEPS:
            raise CompositeError(f"Step {number}: '{name}' is not one of {', '.join(STEPS)}.")
        try:
            coin = getattr(coin, name)(**_tuples(params or {}))
        except TypeError as error:
            raise CompositeError(f"Step {number} ({name}): {error}.") from None
    return coin


def factors_from_spec(spec: dict[str, Any]) -> list[Factor]:
    section = spec.get("uncertainty") or {}
    factors: list[Factor] = []
    if "weights" in section:
        w = section["weights"]
        factors.append(
            WeightNoise(levels={int(k): float(v) for k, v in w.get("levels", {}).items()}, n=int(w.get("n", 100)))
        )
    for number, choice in enumerate(section.get("choices", []), start=1):
        if "name" not in choice or not choice.get("alternatives"):
            raise CompositeError(f"Uncertainty choice {number}: give a name and a list of alternatives.")
        factors.append(Choice(str(choice["name"]), tuple(_tuples(a) for a in choice["alternatives"])))
    if not factors:
        raise CompositeError("The spec's uncertainty section names no weights and no choices.")
    return factors


def write_build(coin: Coin, out: Path) -> list[Path]:
    """Every data set as CSV in COINr's layout (uCode, then one column per code), plus ranks and treatment."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in coin.datasets.items():
        written.append(_csv(frame, out / f"{name}.csv"))
    if "Aggregated" in coin.datasets:
        written.append(_csv(coin.ranks(), out / "Ranks.csv"))
    report = coin.analysis.get("Treated")
    if report is not None:
        written.append(_csv(report.details, out / "Treatment_details.csv", index_label="iCode"))
        written.append(_csv(report.points, out / "Treatment_points.csv"))
    return written


def run_uncertainty(
    spec: dict[str, Any], *, n: int, out: Path, progress: Callable[[int, int], None] | None = None
) -> UncertaintyResult:
    coin = build_from_spec(spec)
    section = spec.get("uncertainty") or {}
    result = uncertainty(coin, factors_from_spec(spec), n=n, seed=int(section.get("seed", 0)), progress=progress)
    out.mkdir(parents=True, exist_ok=True)
    _csv(result.summary, out / "rank_summary.csv")
    _csv(result.ranks.T, out / "ranks_by_replication.csv")
    result.choices.to_csv(out / "choices.csv", index_label="replication")
    return result


def _csv(frame: pd.DataFrame, path: Path, index_label: str = "uCode") -> Path:
    frame.to_csv(path, index_label=index_label, float_format="%.17g")
    return path
