"""`innopart assign AFFINITY.csv --conflicts CONFLICTS.csv --k 3 --max-load 12 --out ASSIGNMENT.csv`

For expert-pool managers: tidy CSV in and out. AFFINITY.csv has the columns application, juror, affinity (a pair
that is absent cannot be assigned); CONFLICTS.csv has application, juror; JURORS.csv (optional, for
--industry-majority) has juror, sector.

No Django here: the `innopart` command runs this module straight (innopart.cli), so that a file-to-file command
starts in a fraction of a second; the management command wraps it for `call_command` and `innopart help`.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from innopart.analytics.assignment import InfeasibleAssignment, assign


class InputError(ValueError):
    """A bad file or option, said in a sentence that names the file, the line or the option."""


def _read(path: str, columns: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype={c: str for c in columns if c != "affinity"})
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing the column(s) {', '.join(missing)}.")
    return frame


HELP = "Assign jurors to applications, maximising expertise affinity under conflicts and load caps."


def add_arguments(parser) -> None:
    parser.add_argument("affinity")
    parser.add_argument("--conflicts")
    parser.add_argument("--jurors", help="CSV with juror, sector (industry counts for the majority)")
    parser.add_argument("--industry-majority", action="store_true")
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--max-load", type=int)
    parser.add_argument("--out", required=True)


def run(options: dict) -> str:
    """Read, assign, write; the summary line. Raises InputError for anything the person must fix."""
    pairs = _read(options["affinity"], ["application", "juror", "affinity"])
    values = pd.to_numeric(pairs["affinity"], errors="coerce")
    if values.isna().any():
        row = int(values.isna().idxmax()) + 2
        raise InputError(f"{options['affinity']}, line {row}: affinity '{pairs['affinity'][row - 2]}' is not a number.")
    apps = sorted(pairs["application"].unique())
    jurors = sorted(pairs["juror"].unique())
    a = pd.Index(apps).get_indexer(pairs["application"])
    j = pd.Index(jurors).get_indexer(pairs["juror"])
    affinity = np.zeros((len(apps), len(jurors)))
    affinity[a, j] = values.to_numpy()
    blocked = np.ones(affinity.shape, dtype=bool)
    blocked[a, j] = False  # pairs missing from AFFINITY.csv are not candidates
    if options["conflicts"]:
        conflicts = _read(options["conflicts"], ["application", "juror"])
        ca = pd.Index(apps).get_indexer(conflicts["application"])
        cj = pd.Index(jurors).get_indexer(conflicts["juror"])
        known = (ca >= 0) & (cj >= 0)
        blocked[ca[known], cj[known]] = True
    industry = None
    if options["industry_majority"]:
        if not options["jurors"]:
            raise InputError("--industry-majority needs --jurors JURORS.csv with a sector per juror.")
        sectors = _read(options["jurors"], ["juror", "sector"]).set_index("juror")["sector"]
        industry = np.array([str(sectors.get(name, "")).strip().lower() == "industry" for name in jurors])
    try:
        result = assign(
            affinity,
            k=options["k"],
            max_load=options["max_load"],
            conflicts=blocked,
            industry=industry,
            industry_majority=options["industry_majority"],
            labels=(apps, jurors),
        )
    except InfeasibleAssignment as error:
        raise InputError("No assignment is possible. " + " ".join(error.reasons)) from None
    out = pd.DataFrame(
        {
            "application": [apps[i] for i in result.pairs[:, 0]],
            "juror": [jurors[x] for x in result.pairs[:, 1]],
            "affinity": affinity[result.pairs[:, 0], result.pairs[:, 1]],
        }
    )
    Path(options["out"]).parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(options["out"], index=False)
    return (
        f"{len(apps)} applications x {options['k']} jurors assigned; "
        f"total affinity {result.total_affinity:.3f}, "
        f"lowest per application {result.min_application_affinity:.3f}, highest load {result.loads.max()}. "
        f"Written to {options['out']}."
    )


def main(argv: list[str]) -> int:
    """`innopart assign ...` without Django: argv as the console passed it."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="innopart assign", description=HELP)
    add_arguments(parser)
    try:
        print(run(vars(parser.parse_args(argv[2:]))))
    except InputError as error:
        sys.stderr.write(f"innopart assign: {error}\n")
        return 1
    return 0
