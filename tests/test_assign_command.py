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


def _console(*args, cwd):
    """`innopart ...` as a person types it, reporting at exit whether Django's applications were loaded."""
    import subprocess
    import sys

    probe = (
        "import atexit, sys\n"
        "loaded = lambda: 'innopart.evaluation.models' in sys.modules\n"
        "atexit.register(lambda: sys.stderr.write('apps loaded: %s\\n' % loaded()))\n"
        "from innopart.cli import main\n"
        f"main(['innopart', *{list(args)!r}])\n"
    )
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_the_console_assigns_from_files_without_loading_the_platform(tmp_path):
    rows = [("FOOD", "ana", 0.9), ("FOOD", "ben", 0.8), ("DIGI", "ana", 0.7), ("DIGI", "ben", 0.2)]
    affinity = write(tmp_path / "affinity.csv", rows, ["application", "juror", "affinity"])
    done = _console("assign", affinity, "--k", "2", "--out", "out.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 applications x 2 jurors assigned" in done.stdout and "apps loaded: False" in done.stderr
    assert len(pd.read_csv(tmp_path / "out.csv")) == 4
    refused = _console("assign", affinity, "--k", "3", "--out", "out.csv", cwd=tmp_path)
    assert refused.returncode == 1 and "innopart assign: No assignment is possible." in refused.stderr


def test_the_console_builds_an_index_without_loading_the_platform(tmp_path):
    from pathlib import Path

    spec = Path(__file__).resolve().parents[1] / "docs/examples/asem.yaml"
    done = _console("index", "build", str(spec), "--out", str(tmp_path / "idx"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "apps loaded: False" in done.stderr and (tmp_path / "idx").is_dir()
