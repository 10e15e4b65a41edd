"""Reading COINr's two-table form (iData, iMeta) from CSV or XLSX."""

from pathlib import Path

import pandas as pd

from .errors import CompositeError


def _read(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return imeta_from_yaml(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return pd.read_excel(path)
    # Keep codes as text and empty cells as missing; numbers parse as the same doubles R wrote.
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def read_coinr(idata: str | Path, imeta: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _read(idata), _read(imeta)


EXAMPLE_DIR = Path(__file__).resolve().parent / "data"


def example() -> tuple[pd.DataFrame, pd.DataFrame]:
    """COINr's ASEM example (iData, iMeta), shipped with the package."""
    return read_coinr(EXAMPLE_DIR / "ASEM_iData.csv", EXAMPLE_DIR / "ASEM_iMeta.csv")


def imeta_from_yaml(path: str | Path) -> pd.DataFrame:
    """Build COINr's iMeta from a YAML tree: aggregates are mappings, indicators are list items (a code, or a
    mapping with code, direction, weight, denominator, target, name). Optional top-level keys: ``weights``
    (aggregate weights), ``groups`` and ``denominators`` (column names in iData).

    Example::

        tree:
          Index:
            Conn:
              Physical: [LPI, Flights, {code: CostImpEx, direction: -1}]
            Sust:
              Social: [Poverty, TertGrad]
        weights: {Conn: 1, Sust: 1}
        groups: [EurAsia_group]
        denominators: [GDP, Population]
    """
    import yaml

    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or not isinstance(spec.get("tree"), dict) or len(spec["tree"]) != 1:
        raise CompositeError(f"{path}: give the framework as 'tree:' with exactly one top aggregate.")
    weights = spec.get("weights") or {}
    rows: list[dict[str, object]] = []

    def depth(node: object) -> int:
        if isinstance(node, dict):
            return 1 + max((depth(child) for child in node.values()), default=0)
        return 1

    def walk(code: str, node: object, level: int, parent: str | None) -> None:
        rows.append(
            {
                "Level": level,
                "iCode": code,
                "Direction": 1,
                "Weight": float(weights.get(code, 1)),
                "Parent": parent or "",
                "Type": "Aggregate",
            }
        )
        if isinstance(node, dict):
            for child, sub in node.items():
                walk(str(child), sub, level - 1, code)
        elif isinstance(node, list):
            for item in node:
                entry = {"code": item} if isinstance(item, str) else dict(item)
                if "code" not in entry:
                    raise CompositeError(f"{path}: an indicator under '{code}' has no code.")
                rows.append(
                    {
                        "Level": 1,
                        "iCode": str(entry["code"]),
                        "iName": entry.get("name", ""),
                        "Direction": int(entry.get("direction", 1)),
                        "Weight": float(entry.get("weight", 1)),
                        "Parent": code,
                        "Type": "Indicator",
                        "Denominator": entry.get("denominator", ""),
                        "Target": entry.get("target"),
                    }
                )
        else:
            raise CompositeError(f"{path}: '{code}' must hold aggregates (a mapping) or indicators (a list).")

    ((top, tree),) = spec["tree"].items()
    walk(str(top), tree, depth(tree) + 1, None)
    rows += [{"iCode": g, "Type": "Group"} for g in spec.get("groups", [])]
    rows += [{"iCode": d, "Type": "Denominator"} for d in spec.get("denominators", [])]
    return pd.DataFrame(rows)
