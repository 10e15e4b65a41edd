"""The ranking of a call's applications, from the consensus scores, with the call's weights, thresholds and
tie-break chain (innopart.analytics.ranking does the computing)."""

import pandas as pd
from django.core.cache import cache
from django.db.models import Count, Max

from innopart.analytics.ranking import Rules, juror_severity, rank, rank_uncertainty
from innopart.applications.models import Application
from innopart.calls.enums import Criterion

from . import selectors
from .models import ConsensusScore, Evaluation, Score, ScoreRevision


def scores_version(evaluation: Evaluation) -> str:
    """What the ranking is computed from, as a cache key: the submitted scores (a submitted review's scores change
    only by a revision, which adds a row), the consensus, the call's rules. Three aggregate queries."""
    submitted = Score.objects.filter(review__juror__evaluation=evaluation, review__state="submitted").aggregate(
        n=Count("pk"), top=Max("pk"), at=Max("review__submitted_at")
    )
    consensus = ConsensusScore.objects.filter(application__call_id=evaluation.call_id).aggregate(
        n=Count("pk"), at=Max("recorded_at")
    )
    revised = ScoreRevision.objects.filter(score__review__juror__evaluation=evaluation).aggregate(top=Max("pk"))
    # Times beside the numbers: a number alone can come back (SQLite reuses the number of a row rolled back).
    stamps = [found["at"].timestamp() if found["at"] else "" for found in (submitted, consensus)]
    return (
        f"{evaluation.pk}:{evaluation.call.published_version_id}:{submitted['n']}-{submitted['top']}-{stamps[0]}:"
        f"{consensus['n']}-{stamps[1]}:{revised['top']}"
    )


def _cached(evaluation: Evaluation, name: str, compute):
    """A ranking computation cached until the scores, the consensus or the rules change (a bootstrap over 5,000
    applications takes seconds; the ministry reads the page many times). The version is read once per evaluation
    object, so a page that shows the ranking, its uncertainty and the severity asks for it once."""
    memo = evaluation.__dict__.setdefault("_ranking_memo", {})
    if "version" not in memo:
        memo["version"] = scores_version(evaluation)
    return cache.get_or_set(f"ranking:{name}:{memo['version']}", compute, timeout=3600)


def rules_of(evaluation: Evaluation) -> Rules:
    criteria = evaluation.call.published_version.criteria
    return Rules(
        weights={c["code"]: float(c["weight"]) for c in criteria},
        thresholds={c["code"]: float(c["threshold"]) for c in criteria},
        overall_threshold=float(evaluation.call.published_version.overall_threshold),
        tie_break=tuple(evaluation.call.published_version.tie_break),
    )


def _evaluated(prefix: str, applications) -> dict:
    """A filter on the evaluated applications: by call and state when given the list of a call (an IN list of
    5,000 numbers is slow to plan), by the list otherwise."""
    ids = [a.pk for a in applications]
    if not ids:
        return {f"{prefix}__in": []}
    call = applications[0].call_id
    whole = Application.objects.filter(call_id=call, state__in=selectors.EVALUATED_STATES)
    if all(a.call_id == call for a in applications) and whole.count() == len(set(ids)):
        return {f"{prefix}__call_id": call, f"{prefix}__state__in": selectors.EVALUATED_STATES}
    return {f"{prefix}__in": ids}


def _consensus_frame(evaluation: Evaluation, applications) -> pd.DataFrame:
    rows = ConsensusScore.objects.filter(**_evaluated("application", applications)).values_list(
        "application__acronym", "criterion", "score"
    )
    return pd.DataFrame(
        [{"application": a, "juror": "consensus", "criterion": c, "score": float(s)} for a, c, s in rows],
        columns=["application", "juror", "criterion", "score"],
    )


def individual_frame(applications) -> pd.DataFrame:
    rows = Score.objects.filter(
        **_evaluated("review__application", applications), review__state="submitted"
    ).values_list("review__application__acronym", "review__juror_id", "criterion", "score")
    return pd.DataFrame(
        [{"application": a, "juror": j, "criterion": c, "score": float(s)} for a, j, c, s in rows],
        columns=["application", "juror", "criterion", "score"],
    )


def _applications(evaluation: Evaluation) -> list:
    """The evaluated applications without their partners (the ranking needs their names and states only), read
    once per evaluation object."""
    memo = evaluation.__dict__.setdefault("_ranking_memo", {})
    if "applications" not in memo:
        memo["applications"] = list(
            selectors.evaluated_applications(evaluation).prefetch_related(None).select_related(None)
        )
    return memo["applications"]


def ranking_table(evaluation: Evaluation) -> list[dict]:
    """One row per application with a complete consensus: scores, total, rank, explanation. Falls back to the
    mean of the submitted individual scores before consensus."""
    applications = _applications(evaluation)
    by_acronym = {a.acronym: a for a in applications}

    def compute() -> list[dict]:
        frame = _consensus_frame(evaluation, applications)
        complete = frame.groupby("application")["criterion"].nunique()
        if frame.empty or (complete < len(Criterion)).any() or len(complete) < len(applications):
            frame = individual_frame(applications)
        if frame.empty:
            return []
        ranked = rank(frame, rules_of(evaluation))
        return [
            {
                "code": str(code),
                "total": row["total"],
                "rank": row["rank"],
                "passes": row["passes"],
                "ex_aequo": row["ex_aequo"],
                "explanation": row["explanation"],
                "scores": {c.value: row.get(c.value) for c in Criterion},
            }
            for code, row in ranked.iterrows()
        ]

    return [
        {**row, "application": by_acronym[row["code"]]}
        for row in _cached(evaluation, "ranked", compute)
        if row["code"] in by_acronym
    ]


def draws_for(applications: int) -> int:
    """Bootstrap draws: 2,000 for a national call; fewer for a large one (at least 100), so that the first reading
    of the page after new scores stays within seconds (the result is cached until the scores change)."""
    return 2000 if applications <= 250 else max(100, 500_000 // applications)


def uncertainty_table(evaluation: Evaluation, draws: int | None = None) -> pd.DataFrame | None:
    applications = _applications(evaluation)
    draws = draws or draws_for(len(applications))
    awards = evaluation.call.published_version.max_awards

    def compute():
        frame = individual_frame(applications)
        if frame.empty:
            return None
        return rank_uncertainty(frame, rules_of(evaluation), awards=awards, draws=draws, seed=evaluation.pk).table

    return _cached(evaluation, f"uncertainty-{draws}", compute)


def severity_table(evaluation: Evaluation) -> pd.DataFrame | None:
    def compute():
        frame = individual_frame(_applications(evaluation))
        return None if frame.empty else juror_severity(frame)

    return _cached(evaluation, "severity", compute)
