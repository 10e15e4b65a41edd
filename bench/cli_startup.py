"""Command-line start-up benchmark: `innopart assign` on 1,000 applications x 300 jurors and `innopart index build`
on the ASEM example, timed as whole processes (start-up, reading, computing, writing).

Targets from the scale-out issue: assign within 1.0 s, index build within 0.8 s. The reference in the same run is
the same command through Django's full start-up (INNOPART_CLI_FULL_START=1: every application loaded, as before
these commands skipped it). Runs alternate, five of each after a warm-up; medians and the median ratio.

    python bench/cli_startup.py
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
INNOPART = str(Path(sys.executable).with_name("innopart"))
RUNS = 5


def _inputs(folder: Path) -> list[str]:
    rng = np.random.default_rng(0)
    apps, jurors = np.meshgrid(range(1000), range(300), indexing="ij")
    pd.DataFrame(
        {
            "application": [f"A{x:04d}" for x in apps.ravel()],
            "juror": [f"J{x:03d}" for x in jurors.ravel()],
            "affinity": rng.random(apps.size).round(4),
        }
    ).to_csv(folder / "affinity.csv", index=False)
    ca, cj = np.nonzero(rng.random((1000, 300)) < 0.02)
    pd.DataFrame({"application": [f"A{x:04d}" for x in ca], "juror": [f"J{x:03d}" for x in cj]}).to_csv(
        folder / "conflicts.csv", index=False
    )
    return [str(folder / "affinity.csv"), "--conflicts", str(folder / "conflicts.csv"), "--k", "3"]


def _time(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [
            (
                "innopart assign (1,000 x 300)",
                1.0,
                [INNOPART, "assign", *_inputs(folder), "--max-load", "13", "--out", str(folder / "a.csv")],
            ),
            (
                "innopart index build (ASEM)",
                0.8,
                [INNOPART, "index", "build", str(ROOT / "docs/examples/asem.yaml"), "--out", str(folder / "idx")],
            ),
        ]
        fast_env = {k: v for k, v in os.environ.items() if k != "INNOPART_CLI_FULL_START"}
        full_env = {**fast_env, "INNOPART_CLI_FULL_START": "1"}
        for label, target, command in cases:
            _time(command, fast_env), _time(command, full_env)  # warm-up
            fast, full = [], []
            for _ in range(RUNS):
                fast.append(_time(command, fast_env))
                full.append(_time(command, full_env))
            median = statistics.median(fast)
            ratios = statistics.median(f / g for f, g in zip(fast, full, strict=True))
            print(
                f"{label}: median {median:.2f} s (min {min(fast):.2f}, max {max(fast):.2f}); target {target:.1f} s: "
                f"{median / target:.2f}x; vs full Django start-up ({statistics.median(full):.2f} s): {ratios:.2f}x"
            )


if __name__ == "__main__":
    main()
