"""Forming an expert pool's panels by optimisation: read the pool (``pool.read_pool``), solve
(``innopart.analytics.assignment.assign_pool``), write the rows. Run by the background task ``tasks.form_panels``
(queued by ``services.request_panels``) or directly by a program; apart from the services so that the task and the
services do not import each other."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innopart.core import audit
from innopart.core.concurrency import check_fresh

from .enums import Phase
from .models import Evaluation, Juror


def affinity_of(juror: Juror, application) -> float:
    """Expertise match from 0 to 2 for one pair, as the pool optimisation computes it (``pool.read_pool``): the
    share of the juror's expertise words found in the application's title, summary and thematic field, plus the
    share of the juror's NACE sections that the consortium works in."""
    from innopart.analytics.affinity import ExpertiseMatch, words

    from .pool import sections_of

    field = application.thematic_field.name_en if application.thematic_field_id else ""
    consortium = set().union(*(sections_of(p.organisation.nace_codes) for p in application.partners.all()))
    match = ExpertiseMatch(
        [words(f"{application.title} {application.summary} {field}")],
        [consortium],
        [words(juror.expertise)],
        [sections_of(juror.nace_codes)],
    )
    return float(match.block(slice(0, 1))[0, 0])


def assign_panels(
    *, actor, evaluation: Evaluation, panel_size: int, max_load: int | None, edit_token: str | None = None
) -> int:
    """Form the panels now (see :func:`form_panels`); the number of assignments."""
    result = form_panels(
        actor=actor, evaluation=evaluation, panel_size=panel_size, max_load=max_load, edit_token=edit_token
    )
    return len(result.pairs)


def form_panels(
    *,
    actor,
    evaluation: Evaluation,
    panel_size: int,
    max_load: int | None,
    edit_token: str | None = None,
    progress=None,
):
    """Compute every application's panel of ``panel_size`` jurors by optimisation (industry majority, no
    conflicted pair, load cap, best expertise match). Replaces the optimised rows; the chair's additions stay.

    The pool is read and solved outside any lock (a large pool takes seconds); the rows are written in one
    transaction that checks again that scoring has not started. ``progress(stage, done, total)`` reports the
    stages profiles, conflicts, affinities, solve and write."""
    from innopart.analytics.assignment import InfeasibleAssignment, assign_pool

    from .models import Assignment
    from .pool import read_pool

    report = progress or (lambda stage, done, total: None)
    if evaluation.phase != Phase.SETUP:
        raise ValidationError(_("Panels are formed before scoring starts."))
    if edit_token is not None:
        check_fresh(evaluation, ("panel_size", "max_load"), edit_token)
    pool = read_pool(evaluation, progress=lambda stage: report(stage, 0, 1))
    if not pool.juror_ids or not pool.application_ids:
        raise ValidationError(_("Appoint jurors and wait for submissions before forming panels."))
    try:
        result = assign_pool(
            pool.match.block,
            pool.match.shape,
            k=panel_size,
            max_load=max_load,
            blocked=pool.blocked,
            industry=pool.industry,
            industry_majority=True,
            labels=(pool.application_labels, pool.juror_labels),
            progress=report,
        )
    except InfeasibleAssignment as error:
        raise ValidationError(error.reasons) from None
    report("write", 0, 1)
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.phase != Phase.SETUP:
            raise ValidationError(_("Panels are formed before scoring starts."))
        if edit_token is not None:
            check_fresh(locked, ("panel_size", "max_load"), edit_token)
        Assignment.objects.filter(juror__evaluation=locked, source=Assignment.Source.OPTIMISED).delete()
        Assignment.objects.bulk_create(
            [
                Assignment(juror_id=pool.juror_ids[j], application_id=pool.application_ids[a], affinity=float(value))
                for (a, j), value in zip(result.pairs, result.affinity, strict=True)
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        locked.panel_size, locked.max_load = panel_size, max_load
        locked.save(update_fields=["panel_size", "max_load"])
        audit.record(
            actor=actor,
            obj=locked,
            action="evaluation.panels_assigned",
            changes={
                "panel_size": panel_size,
                "max_load": max_load,
                "pairs": len(result.pairs),
                "total_affinity": round(result.total_affinity, 3),
                "gap_to_bound": round(result.gap, 4),
            },
        )
    evaluation.panel_size, evaluation.max_load = panel_size, max_load
    return result
