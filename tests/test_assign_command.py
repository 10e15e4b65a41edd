import pandas as pd
import pytest
from django.core.management import CommandError, call_command


def write(path, rows, columns):
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    return str(path)


def test_assign_reads_tidy_csv_and_writes_the_assignment(tmp_path, capsys):
    affinity = write(
        tmp_path / "affinity.csv",
        [
            ("FOOD", "ana", 0.9),
            ("FOOD", "ben", 0.8),
            ("FOOD", "cai", 0.1),
            ("DIGI", "ana", 0.7),
            ("DIGI", "ben", 0.2),
            ("DIGI", "cai", 0.6),
        ],
        ["application", "juror", "affinity"],
    )
    conflicts = write(tmp_path / "conflicts.csv", [("DIGI", "ana")], ["application", "juror"])
    out = tmp_path / "assignment.csv"
    call_command("assign", affinity, "--conflicts", conflicts, "--k", "2", "--max-load", "2", "--out", str(out))
    result = pd.read_csv(out)
    assert set(map(tuple, result[["application", "juror"]].to_numpy())) == {
        ("DIGI", "ben"),
        ("DIGI", "cai"),
        ("FOOD", "ana"),
        ("FOOD", "ben"),
    }
    assert "total affinity 2.500" in capsys.readouterr().out


def test_assign_explains_an_impossible_request(tmp_path):
    affinity = write(tmp_path / "a.csv", [("FOOD", "ana", 1), ("FOOD", "ben", 1)], ["application", "juror", "affinity"])
    conflicts = write(tmp_path / "c.csv", [("FOOD", "ben")], ["application", "juror"])
    with pytest.raises(CommandError, match="FOOD has 1 juror\\(s\\) without a conflict of interest; it needs 2"):
        call_command("assign", affinity, "--conflicts", conflicts, "--k", "2", "--out", str(tmp_path / "o.csv"))


def test_assign_names_a_bad_line(tmp_path):
    affinity = write(tmp_path / "a.csv", [("FOOD", "ana", "high")], ["application", "juror", "affinity"])
    with pytest.raises(CommandError, match="line 2: affinity 'high' is not a number"):
        call_command("assign", affinity, "--out", str(tmp_path / "o.csv"))
