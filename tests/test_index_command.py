"""The analysts' command line: `innopart index build` and `innopart index uncertainty`."""

from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

SPEC = Path(__file__).resolve().parents[1] / "docs/examples/asem.yaml"
REFERENCE = Path(__file__).resolve().parent / "analytics/reference"


def test_build_writes_every_data_set_in_coinr_layout(tmp_path, capsys):
    call_command("index", "build", str(SPEC), "--out", str(tmp_path))
    names = {p.name for p in tmp_path.iterdir()}
    assert {
        "Raw.csv",
        "Denominated.csv",
        "Imputed.csv",
        "Screened.csv",
        "Treated.csv",
        "Normalised.csv",
        "Aggregated.csv",
        "Ranks.csv",
        "Treatment_details.csv",
    } <= names
    aggregated = pd.read_csv(tmp_path / "Aggregated.csv")
    assert aggregated.columns[0] == "uCode" and "Index" in aggregated.columns
    details = pd.read_csv(tmp_path / "Treatment_details.csv").set_index("iCode")
    reference = pd.read_csv(REFERENCE / "B4_treat_details.csv").set_index("iCode")
    assert (details["winsorise.nwin"].fillna(0) == reference["winsorise.nwin"].fillna(0)).all()
    assert "Wrote 10 files" in capsys.readouterr().out


def test_uncertainty_writes_rank_statistics(tmp_path, capsys):
    call_command("index", "uncertainty", str(SPEC), "--n", "200", "--out", str(tmp_path))
    summary = pd.read_csv(tmp_path / "rank_summary.csv")
    assert list(summary.columns) == ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95"]
    assert len(summary) == 51
    assert pd.read_csv(tmp_path / "choices.csv").shape == (200, 4)
    assert "Replications [" in capsys.readouterr().err


def test_a_bad_spec_is_reported_with_its_place(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(SPEC.read_text().replace("normalise: {method: minmax", "normalise: {method: minmux"))
    spec.write_text(spec.read_text().replace("../../src", str(SPEC.parents[2] / "src")))
    with pytest.raises(CommandError, match="Unknown normalisation method 'minmux'"):
        call_command("index", "build", str(spec), "--out", str(tmp_path / "out"))
    with pytest.raises(CommandError, match="No such file"):
        call_command("index", "build", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "out"))
