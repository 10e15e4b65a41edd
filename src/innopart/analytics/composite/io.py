"""Reading COINr's two-table form (iData, iMeta) from CSV or XLSX."""

from pathlib import Path

import pandas as pd


def _read(path: str | Path) -> pd.DataFrame:
    path = Path(path)
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
