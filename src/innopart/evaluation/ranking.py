"""The ranking of a call's applications, from the consensus scores, with the call's weights, thresholds and
tie-break chain (innopart.analytics.ranking does the computing)."""

import pandas as pd
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Sum

from innopart.analytics.ranking import Rules, juror_severity, rank, rank_uncertainty
from innopart.applications.models import Application
from innopart.calls.enums import Criterion

from . import selectors
from .models import ConsensusScore, Evaluation, Review, Score, ScoreRevision


def scores_version(evaluation: Evaluation) -> str:
    """What the ranking is computed from, as a cache key: the submitted reviews (a submitted review's scores change
    only by a revision, which adds a row; a review reopened leaves the count), the consensus, the call's rules.
    Revisions are counted over every call: the newest one is an index lookup, where joining 60,000 scores to find
    this call's took 0.1 s per page."""
    submitted = Review.objects.filter(juror__evaluation=evaluation, state="submitted").aggregate(
        n=Count("pk"), top=Max("pk"), at=Max("submitted_at")
    )
    consensus = ConsensusScore.objects.filter(application__call_id=evaluation.call_id).aggregate(
        n=Count("pk"), at=Max("recorded_at")
    )
    revised = ScoreRevision.objects.aggregate(top=Max("pk"))
    # Times beside the numbers: a number alone can come back (SQLite reuses the number of a row rolled back).
    stamps = [found["at"].timestamp() if found["at"] else "" for found in (submitted, consensus)]
    return (
        f"{evaluation.pk}:{evaluation.call.published_version_id}:{submitted['n']}-{submitted['top']}-{stamps[0]}:"
        f"{consensus['n']}-{stamps[1]}:{revised['top']}"
    )


def version_of(evaluation: Evaluation) -> str:
    """`scores_version`, read once per evaluation object: a page that shows the ranking, its uncertainty and the
    severity asks for it once."""
    memo = evaluation.__dict__.setdefault("_ranking_memo", {})
    if "version" not in memo:
        memo["version"] = scores_version(evaluation)
    return memo["version"]


def _cached(evaluation: Evaluation, name: str, compute):
    """A ranking computation cached until the scores, the consensus or the rules change (the ministry reads the
    page many times)."""
    return cache.get_or_set(f"ranking:{name}:{version_of(evaluation)}", compute, timeout=3600)


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
    # Straight from the rows into columns (60,000 scores at EU size: a dict per row took a third of a second).
    frame = pd.DataFrame.from_records(list(rows), columns=["application", "juror", "criterion", "score"])
    frame["score"] = frame["score"].astype(float)
    return frame


def applications_of(evaluation: Evaluation) -> list:
    """The evaluated applications as (pk, call_id, acronym, state) rows, read once per evaluation object: building
    5,000 model objects took a third of a second per page; `with_applications` loads the few a page shows."""
    memo = evaluation.__dict__.setdefault("_ranking_memo", {})
    if "applications" not in memo:
        memo["applications"] = list(
            selectors.evaluated_applications(evaluation)
            .prefetch_related(None)
            .select_related(None)
            .values_list("pk", "call_id", "acronym", "state", named=True)
        )
    return memo["applications"]


def ranking_table(evaluation: Evaluation) -> list[dict]:
    """One row per application with a complete consensus: scores, total, rank, explanation, the application's
    number and state. Falls back to the mean of the submitted individual scores before consensus."""
    applications = applications_of(evaluation)
    by_acronym = {a.acronym: a for a in applications}

    def compute() -> list[dict]:
        frame = _consensus_frame(evaluation, applications)
        complete = frame.groupby("application")["criterion"].nunique()
        if frame.empty or (complete < len(Criterion)).any() or len(complete) < len(applications):
            frame = individual_frame(applications)
        if frame.empty:
            return []
        ranked = rank(frame, rules_of(evaluation))
        criteria = [c.value for c in Criterion]
        scores = ranked.reindex(columns=criteria).to_dict("records")  # columns, not 5,000 row objects
        fields = ranked[["total", "rank", "passes", "ex_aequo", "explanation"]].to_dict("records")
        return [
            {"code": str(code), **row, "scores": score}
            for code, row, score in zip(ranked.index, fields, scores, strict=True)
        ]

    return [
        {**row, "application_id": by_acronym[row["code"]].pk, "state": by_acronym[row["code"]].state}
        for row in _cached(evaluation, "ranked", compute)
        if row["code"] in by_acronym
    ]


def evaluated_summary(evaluation: Evaluation) -> dict:
    """How many applications are evaluated and the sum of their numbers (which changes when one leaves or joins),
    read once per evaluation object: one index lookup, where listing them took 15 ms at 5,000."""
    memo = evaluation.__dict__.setdefault("_ranking_memo", {})
    if "summary" not in memo:
        memo["summary"] = selectors.evaluated_applications(evaluation).aggregate(n=Count("pk"), ids=Sum("pk"))
    return memo["summary"]


def ranking_page(evaluation: Evaluation, number, per_page: int = 50) -> Page:
    """One page of `ranking_table`, cached with its row count under the scores' version and the set of evaluated
    applications: the ministry reads the first pages again and again, and at 5,000 applications reading the whole
    table (its rows merged with 5,000 applications) cost 45 ms per page. The rows carry no application object;
    `with_applications` loads those of the page (their state too, which the award changes)."""
    evaluated = evaluated_summary(evaluation)
    key = f"ranking:page:{version_of(evaluation)}:{evaluated['n']}-{evaluated['ids']}:{per_page}"
    count = cache.get_or_set(f"{key}:count", lambda: len(ranking_table(evaluation)), timeout=3600)
    page = Paginator(range(count), per_page).get_page(number)

    def rows() -> list[dict]:
        return ranking_table(evaluation)[page.start_index() - 1 : page.end_index()] if count else []

    page.object_list = cache.get_or_set(f"{key}:{page.number}", rows, timeout=3600)
    return page


def with_applications(rows) -> list[dict]:
    """The rows a page shows, each with its application (and coordinator) loaded in one query."""
    rows = list(rows)
    found = Application.objects.select_related("coordinator", "coordinator_appointment").in_bulk(
        [r["application_id"] for r in rows]
    )
    for row in rows:
        row["application"] = found[row["application_id"]]
    return rows


def draws_for(applications: int) -> int:
    """Bootstrap draws: 2,000 for a national call; fewer for a large one (at least 100), so that the background
    task's answer follows new scores within seconds."""
    return 2000 if applications <= 250 else max(100, 500_000 // applications)


def uncertainty_table(evaluation: Evaluation, draws: int | None = None, progress=None) -> pd.DataFrame | None:
    """The bootstrap itself (seconds at EU size): the background task calls it, and the page reads its result
    through `robustness.uncertainty`."""
    applications = applications_of(evaluation)
    frame = individual_frame(applications)
    if frame.empty:
        return None
    return rank_uncertainty(
        frame,
        rules_of(evaluation),
        awards=evaluation.call.published_version.max_awards,
        draws=draws or draws_for(len(applications)),
        seed=evaluation.pk,
        progress=progress,
    ).table


def uncertainty_records(table: pd.DataFrame | None) -> list[dict]:
    """The table as JSON-ready records; a rank that is not reached in 5 % of the draws is None, not NaN."""
    if table is None:
        return []
    records = []
    for application, row in table.iterrows():
        records.append(
            {
                "application": str(application),
                "rank_q5": None if pd.isna(row["rank_q5"]) else int(row["rank_q5"]),
                "rank_q95": None if pd.isna(row["rank_q95"]) else int(row["rank_q95"]),
                "p_award": float(row["p_award"]),
                "not_robust": bool(row["not_robust"]),
                "near_tie": bool(row["near_tie"]),
            }
        )
    return records


def severity_table(evaluation: Evaluation) -> pd.DataFrame | None:
    def compute():
        frame = individual_frame(applications_of(evaluation))
        return None if frame.empty else juror_severity(frame)

    return _cached(evaluation, "severity", compute)
