"""Panels for an expert pool: the optimisation's inputs read from the database in a few queries, its result written.

A Horizon-size call has 5,000 applications and 15,000 experts: 75 million pairs. Nothing here visits a pair: the
profiles become sparse matrices (``innopart.analytics.affinity``), the conflicts come from joins (a juror's
current or recent affiliation with a consortium member, an adviser who advised the consortium, a declared
disqualifying conflict), and only candidate pairs reach the solver (``innopart.analytics.assignment.assign_pool``).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from innopart.analytics.affinity import ExpertiseMatch, words
from innopart.applications.models import Partner
from innopart.organisations.nace import nace_section

from . import selectors
from .enums import RECENT_AFFILIATION_YEARS, ConflictLevel, Ruling, Sector
from .models import Declaration, Evaluation, PastAffiliation


@dataclass
class PoolInputs:
    application_ids: list[int]
    application_labels: list[str]
    juror_ids: list[int]
    juror_labels: list[str]
    industry: np.ndarray
    match: ExpertiseMatch
    blocked: tuple[np.ndarray, np.ndarray]


def sections_of(codes) -> set[str]:
    return {s for s in (nace_section(str(c)) for c in codes or []) if s}


def read_pool(evaluation: Evaluation, progress: Callable[[str], None] | None = None) -> PoolInputs:
    """Everything the optimisation needs about the jurors and the evaluated applications, without any per-pair
    query."""
    say = progress or (lambda stage: None)
    say("profiles")
    jurors = _juror_rows(evaluation)
    juror_nace = dict(evaluation.jurors.values_list("pk", "nace_codes"))
    applications = list(
        selectors.evaluated_applications(evaluation)
        .prefetch_related(None)
        .values_list("pk", "acronym", "title", "summary", "thematic_field__name_en")
    )
    application_ids = [a[0] for a in applications]
    partners = _partners(evaluation)
    consortium_sections: dict[int, set[str]] = {pk: set() for pk in application_ids}
    for application, codes in zip(partners["application"], partners["nace"], strict=True):
        consortium_sections[application] |= sections_of(codes)
    match = ExpertiseMatch(
        [words(f"{title} {summary} {field or ''}") for _, _, title, summary, field in applications],
        [consortium_sections[pk] for pk in application_ids],
        [words(j[6]) for j in jurors],
        [sections_of(juror_nace[j[0]]) for j in jurors],
    )
    say("conflicts")
    blocked = blocked_pairs(evaluation, application_ids, jurors, partners)
    return PoolInputs(
        application_ids=application_ids,
        application_labels=[a[1] for a in applications],
        juror_ids=[j[0] for j in jurors],
        juror_labels=[j[1] or j[2] for j in jurors],
        industry=np.array([j[3] == Sector.INDUSTRY for j in jurors], dtype=bool),
        match=match,
        blocked=blocked,
    )


def blocked_pairs(
    evaluation, application_ids: list[int], jurors, partners: pd.DataFrame, *, with_rulings: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Conflicted (application index, juror index) pairs as joins: the rules of ``selectors.detected_conflicts``
    and declared disqualifying conflicts; ``with_rulings`` adds the potential conflicts awaiting the chair's
    ruling and those the chair ruled conflicted (as ``selectors.access`` blocks them). ``jurors`` rows start
    with (pk, name, e-mail, sector, affiliation id, user id)."""
    from innopart.matchmaking.models import AdviceConsent

    limit = timezone.localdate() - timedelta(days=365 * RECENT_AFFILIATION_YEARS)
    affiliations = [(j[0], j[4]) for j in jurors if j[4]]
    affiliations += list(
        PastAffiliation.objects.filter(juror__evaluation=evaluation, ended_on__gte=limit).values_list(
            "juror_id", "organisation_id"
        )
    )
    worked_for = pd.DataFrame(affiliations, columns=["juror", "organisation"])
    pairs = [worked_for.merge(partners[["application", "organisation"]], on="organisation")[["application", "juror"]]]
    juror_of_user = {j[5]: j[0] for j in jurors}
    # Joins, not lists of 15,000 numbers: the evaluation's jurors and the call's applications.
    advised = (
        AdviceConsent.objects.filter(
            adviser__jury_seats__evaluation=evaluation, application__call_id=evaluation.call_id
        )
        .values_list("application_id", "adviser_id")
        .distinct()
    )
    pairs.append(
        pd.DataFrame(
            [(a, juror_of_user[u]) for a, u in advised if u in juror_of_user], columns=["application", "juror"]
        )
    )
    refused = Q(level=ConflictLevel.DISQUALIFYING)
    if with_rulings:
        refused |= Q(ruling__in=[Ruling.PENDING, Ruling.CONFLICTED])
    declared = Declaration.objects.filter(refused, juror__evaluation=evaluation).values_list(
        "application_id", "juror_id"
    )
    pairs.append(pd.DataFrame(list(declared), columns=["application", "juror"]))
    found = pd.concat(pairs).drop_duplicates()
    apps = pd.Index(application_ids).get_indexer(found["application"])
    jurors_index = pd.Index([j[0] for j in jurors]).get_indexer(found["juror"])
    known = (apps >= 0) & (jurors_index >= 0)
    return apps[known].astype(np.int64), jurors_index[known].astype(np.int64)


def shown_composition(evaluation: Evaluation) -> dict:
    """`composition` for the jury page, cached under a fingerprint of everything it reads: at 15,000 experts and
    5,000 applications it takes over 100 ms, the fingerprint about a tenth of that. Decisions (starting the
    scoring) call `composition` itself."""
    key = f"jury-composition:{evaluation.pk}:{_inputs_version(evaluation)}:{get_language()}"
    return cache.get_or_set(key, lambda: composition(evaluation), timeout=3600)


def _inputs_version(evaluation: Evaluation) -> str:
    """Counts and sums of the rows `composition` reads, so that any added, removed or changed juror, affiliation,
    declaration, ruling, assignment or consent, and any application entering or leaving the evaluation, changes it.
    The consortia of evaluated applications are fixed (partners change only in drafts); today's date is part of it
    because recent affiliations are counted back from today."""
    from innopart.matchmaking.models import AdviceConsent

    from .models import Assignment

    def summary(rows, **extra):
        return tuple(rows.aggregate(n=Count("pk"), ids=Sum("pk"), **extra).values())

    refused = Q(level=ConflictLevel.DISQUALIFYING) | Q(ruling__in=[Ruling.PENDING, Ruling.CONFLICTED])
    parts = [
        timezone.localdate().isoformat(),
        summary(
            evaluation.jurors.all(),
            users=Sum("user_id"),
            places=Sum("affiliation_id"),
            industry=Count("pk", filter=Q(sector=Sector.INDUSTRY)),
            chairs=Count("pk", filter=Q(is_chair=True)),
        ),
        summary(selectors.evaluated_applications(evaluation).prefetch_related(None).order_by()),
        summary(Declaration.objects.filter(juror__evaluation=evaluation), refused=Sum("pk", filter=refused)),
        summary(Assignment.objects.filter(juror__evaluation=evaluation), jurors=Sum("juror_id")),
        summary(
            PastAffiliation.objects.filter(juror__evaluation=evaluation),
            places=Sum("organisation_id"),
            ended=Max("ended_on"),
        ),
        summary(AdviceConsent.objects.filter(application__call_id=evaluation.call_id), advisers=Sum("adviser_id")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def composition(evaluation: Evaluation) -> dict:
    """Industry majority in the jury and in every application's panel, as the briefing requires. A panel is the
    application's assigned jurors (an expert pool) or every juror (a national jury), less the conflicted."""
    jurors = _juror_rows(evaluation, profiles=False)
    industry = np.array([j[3] == Sector.INDUSTRY for j in jurors], dtype=bool)
    problems = []
    if not jurors:
        problems.append(_("No juror has been appointed yet."))
    elif int(industry.sum()) * 2 <= len(jurors):
        problems.append(
            _("The jury has %(i)d industry members out of %(n)d; industry needs a majority.")
            % {"i": int(industry.sum()), "n": len(jurors)}
        )
    if not evaluation.jurors.filter(is_chair=True).exists():
        problems.append(_("No chair has been appointed."))
    applications = list(
        selectors.evaluated_applications(evaluation).prefetch_related(None).values_list("pk", "acronym")
    )
    ids = [a[0] for a in applications]
    if jurors and ids:
        blocked = blocked_pairs(evaluation, ids, jurors, _partners(evaluation, nace=False), with_rulings=True)
        if evaluation.panel_size:
            from .models import Assignment

            assigned = pd.DataFrame(
                Assignment.objects.filter(juror__evaluation=evaluation).values_list("application_id", "juror_id"),
                columns=["application", "juror"],
            )
            a = pd.Index(ids).get_indexer(assigned["application"])
            j = pd.Index([r[0] for r in jurors]).get_indexer(assigned["juror"])
            known = (a >= 0) & (j >= 0)
            # Pairs as single numbers: a panel member is an assigned pair that is not blocked.
            pairs = a[known].astype(np.int64) * len(jurors) + j[known]
            members = pairs[~np.isin(pairs, blocked[0] * len(jurors) + blocked[1])]
            member_apps, member_jurors = members // len(jurors), members % len(jurors)
            size = np.bincount(member_apps, minlength=len(ids))
            ind = np.bincount(member_apps, weights=industry[member_jurors], minlength=len(ids)).astype(int)
        else:
            size = np.full(len(ids), len(jurors)) - np.bincount(blocked[0], minlength=len(ids))
            ind = np.full(len(ids), int(industry.sum())) - np.bincount(
                blocked[0], weights=industry[blocked[1]], minlength=len(ids)
            ).astype(int)
        for i in np.flatnonzero(ind * 2 <= size):
            problems.append(
                _(
                    "The panel of %(app)s has %(i)d industry members out of %(n)d without a conflict; industry needs a "
                    "majority."
                )
                % {"app": applications[i][1], "i": int(ind[i]), "n": int(size[i])}
            )
    return {"jurors": len(jurors), "industry": int(industry.sum()), "problems": problems, "ok": not problems}


def _juror_rows(evaluation: Evaluation, *, profiles: bool = True) -> list[tuple]:
    """(pk, name, e-mail, sector, affiliation id, user id, expertise) per juror; without ``profiles`` the name,
    e-mail and expertise are None (the composition needs none of them, and reading 15,000 expertise texts took
    half its time)."""
    jurors = evaluation.jurors.order_by("pk")
    if profiles:
        return list(
            jurors.values_list(
                "pk", "user__full_name", "user__email", "sector", "affiliation_id", "user_id", "expertise"
            )
        )
    return [
        (pk, None, None, s, a, u, None)
        for pk, s, a, u in jurors.values_list("pk", "sector", "affiliation_id", "user_id")
    ]


def _partners(evaluation: Evaluation, *, nace: bool = True) -> pd.DataFrame:
    """The consortium members of the evaluated applications (a join on the call, not a list of 5,000 numbers)."""
    fields = ["application_id", "organisation_id"] + (["organisation__nace_codes"] if nace else [])
    # Unordered: the model's default order (role, then date added) sorted 30,000 rows for nothing.
    rows = (
        Partner.objects.filter(
            application__call_id=evaluation.call_id, application__state__in=selectors.EVALUATED_STATES
        )
        .order_by()
        .values_list(*fields)
    )
    if not nace:  # two numbers per row: read straight from the cursor (Django's rows took 0.1 s for 30,000)
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 2)
            return pd.DataFrame(found, columns=["application", "organisation"])
    return pd.DataFrame(rows, columns=["application", "organisation", "nace"][: len(fields)])
