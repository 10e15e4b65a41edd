"""Scoring of the cluster-policy stress test (a self-assessment in modules of questions answered 0-4).

A module's score is the mean of its answered questions divided by the top of the scale, as a share 0-1; questions
left unanswered ("don't know") are left out and counted, never read as zero. The overall score is the mean of the
module scores, so that a module with many questions does not outweigh the others. Traffic lights: red below
``amber`` (0.4 by default), green from ``green`` (0.7), amber between; a module with fewer than ``min_answered`` of
its questions answered (half by default) gets no light.
"""

from collections.abc import Mapping

import numpy as np
import pandas as pd

SCALE_MAX = 4
RED, AMBER, GREEN = "red", "amber", "green"


def module_scores(
    answers: pd.DataFrame,
    *,
    scale_max: int = SCALE_MAX,
    min_answered: float = 0.5,
    lights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Per module: questions, answered, score (0-1 or missing) and light.

    ``answers`` has one row per question: ``module`` and ``score`` (0..scale_max or missing).
    """
    if not {"module", "score"} <= set(answers.columns):
        raise ValueError("answers need the columns 'module' and 'score'.")
    scores = pd.to_numeric(answers["score"], errors="raise")
    bad = scores.dropna()[(scores.dropna() < 0) | (scores.dropna() > scale_max) | (scores.dropna() % 1 != 0)]
    if not bad.empty:
        raise ValueError(f"Scores must be whole numbers from 0 to {scale_max}; found {bad.tolist()}.")
    frame = pd.DataFrame({"module": answers["module"], "score": scores})
    grouped = frame.groupby("module", sort=False)["score"]
    table = pd.DataFrame(
        {"questions": grouped.size(), "answered": grouped.count(), "score": grouped.mean() / scale_max}
    )
    enough = table["answered"] >= np.ceil(min_answered * table["questions"])
    table["light"] = [
        traffic_light(score, **(lights or {})) if ok else None for score, ok in zip(table["score"], enough, strict=True)
    ]
    return table


def overall(table: pd.DataFrame) -> float | None:
    """Mean of the module scores that have a light (enough answers); None when none has."""
    lit = table.loc[table["light"].notna(), "score"]
    return float(lit.mean()) if len(lit) else None


def traffic_light(score: float, *, amber: float = 0.4, green: float = 0.7) -> str | None:
    if not 0 <= amber <= green <= 1:
        raise ValueError("Thresholds must satisfy 0 <= amber <= green <= 1.")
    if score is None or (isinstance(score, float) and np.isnan(score)):
        return None
    return GREEN if score >= green else AMBER if score >= amber else RED
