"""The ranking of a call's applications, from the consensus scores, with the call's weights, thresholds and
tie-break chain (innopart.analytics.ranking does the computing)."""

import pandas as pd

from innopart.analytics.ranking import Rules, juror_severity, rank, rank_uncertainty
from innopart.calls.enums import Criterion

from . import selectors
from .models import ConsensusScore, Evaluation, Score


def rules_of(evaluation: Evaluation) -> Rules:
    criteria = evaluation.call.published_version.criteria
    return Rules(
        weights={c["code"]: float(c["weight"]) for c in criteria},
        thresholds={c["code"]: float(c["threshold"]) for c in criteria},
        overall_threshold=float(evaluation.call.published_version.overall_threshold),
        tie_break=tuple(evaluation.call.published_version.tie_break),
    )


def _consensus_frame(evaluation: Evaluation, applications) -> pd.DataFrame:
    rows = ConsensusScore.objects.filter(application__in=applications).values_list(
        "application__acronym", "criterion", "score"
    )
    return pd.DataFrame(
        [{"application": a, "juror": "consensus", "criterion": c, "score": float(s)} for a, c, s in rows],
        columns=["application", "juror", "criterion", "score"],
    )


def individual_frame(applications) -> pd.DataFrame:
    rows = Score.objects.filter(review__application__in=applications, review__state="submitted").values_list(
        "review__application__acronym", "review__juror_id", "criterion", "score"
    )
    return pd.DataFrame(
        [{"application": a, "juror": j, "criterion": c, "score": float(s)} for a, j, c, s in rows],
        columns=["application", "juror", "criterion", "score"],
    )


def ranking_table(evaluation: Evaluation) -> list[dict]:
    """One row per application with a complete consensus: scores, total, rank, explanation. Falls back to the
    mean of the submitted individual scores before consensus."""
    applications = list(selectors.evaluated_applications(evaluation))
    by_acronym = {a.acronym: a for a in applications}
    frame = _consensus_frame(evaluation, applications)
    complete = frame.groupby("application")["criterion"].nunique()
    if frame.empty or (complete < len(Criterion)).any() or len(complete) < len(applications):
        frame = individual_frame(applications)
    if frame.empty:
        return []
    ranked = rank(frame, rules_of(evaluation))
    return [
        {
            "application": by_acronym[str(code)],
            "total": row["total"],
            "rank": row["rank"],
            "passes": row["passes"],
            "ex_aequo": row["ex_aequo"],
            "explanation": row["explanation"],
            "scores": {c.value: row.get(c.value) for c in Criterion},
        }
        for code, row in ranked.iterrows()
    ]


def uncertainty_table(evaluation: Evaluation, draws: int = 2000) -> pd.DataFrame | None:
    applications = list(selectors.evaluated_applications(evaluation))
    frame = individual_frame(applications)
    if frame.empty:
        return None
    awards = evaluation.call.published_version.max_awards
    return rank_uncertainty(frame, rules_of(evaluation), awards=awards, draws=draws, seed=evaluation.pk).table


def severity_table(evaluation: Evaluation) -> pd.DataFrame | None:
    frame = individual_frame(list(selectors.evaluated_applications(evaluation)))
    return None if frame.empty else juror_severity(frame)
