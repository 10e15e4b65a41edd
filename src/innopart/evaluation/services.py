"""Writes of the selection. Each function owns its transaction and writes its audit rows in it."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.applications.enums import ApplicationState
from innopart.calls.enums import Criterion
from innopart.core import audit
from innopart.core.concurrency import check_fresh

from . import selectors
from .decision import appoint_coordinator, award, request_letters  # noqa: F401  (the services' public face)
from .enums import PHASE_RIGHTS, PHASE_TRANSITIONS, ConflictLevel, Phase, ReviewState, Ruling
from .models import (
    Answer,
    ConsensusScore,
    Declaration,
    Evaluation,
    Juror,
    PastAffiliation,
    Question,
    Review,
    Score,
    ScoreRevision,
)
from .panels import affinity_of, assign_panels, form_panels  # noqa: F401
from .pool import composition

MIN_JUSTIFICATION = 20


def _require_phase(evaluation: Evaluation, right: str) -> None:
    # Read the phase from the database: the chair may have moved on since this object was loaded.
    phase = Evaluation.objects.values_list("phase", flat=True).get(pk=evaluation.pk)
    if not PHASE_RIGHTS[phase][right]:
        raise ValidationError(_("This is not possible during the phase “%(phase)s”.") % {"phase": Phase(phase).label})


def evaluation_for(call) -> Evaluation:
    evaluation, _created = Evaluation.objects.get_or_create(call=call)
    return evaluation


def appoint_juror(
    *,
    actor,
    evaluation: Evaluation,
    user,
    sector: str,
    affiliation=None,
    expertise: str = "",
    is_chair: bool = False,
    past_affiliations=(),
    nace_codes=(),
) -> Juror:
    """Appoint a juror, with the affiliations that create conflicts and the expertise (words, NACE sectors) that
    the pool optimisation matches against the applications."""
    with transaction.atomic():
        if evaluation.phase not in (Phase.SETUP, Phase.INDIVIDUAL):
            raise ValidationError(_("Jurors are appointed before the clarification phase."))
        if Juror.objects.filter(evaluation=evaluation, user=user).exists():
            raise ValidationError({"user": _("%(name)s is already on this jury.") % {"name": user}})
        if is_chair and evaluation.jurors.filter(is_chair=True).exists():
            raise ValidationError({"is_chair": _("The jury already has a chair.")})
        juror = Juror.objects.create(
            evaluation=evaluation,
            user=user,
            sector=sector,
            affiliation=affiliation,
            expertise=expertise,
            nace_codes=list(nace_codes),
            is_chair=is_chair,
            appointed_by=actor,
        )
        for organisation, ended_on in past_affiliations:
            PastAffiliation.objects.create(juror=juror, organisation=organisation, ended_on=ended_on)
        audit.record(
            actor=actor,
            obj=evaluation,
            action="evaluation.juror_appointed",
            changes={"juror": str(user), "sector": sector, "chair": is_chair},
        )
    return juror


def change_phase(*, actor, evaluation: Evaluation, to: str, reason: str = "") -> Evaluation:
    """The only function that changes an evaluation's phase; it checks what the next phase needs."""
    caller = evaluation
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if to not in PHASE_TRANSITIONS[evaluation.phase]:
            raise ValidationError(
                _("The evaluation cannot go from “%(a)s” to “%(b)s”.")
                % {"a": Phase(evaluation.phase).label, "b": Phase(to).label}
            )
        problems = _phase_problems(evaluation, to)
        if problems:
            raise ValidationError(problems)
        before = evaluation.phase
        evaluation.phase = to
        evaluation.save(update_fields=["phase"])
        audit.record(
            actor=actor,
            obj=evaluation,
            action="evaluation.phase_changed",
            from_state=before,
            to_state=to,
            reason=reason,
        )
    caller.phase = to  # the caller's object is current too
    return evaluation


def _phase_problems(evaluation: Evaluation, to: str) -> list[str]:
    if to == Phase.INDIVIDUAL:
        problems = list(composition(evaluation)["problems"])
        if evaluation.call.published_version.before_deadline():
            problems.insert(0, _("Scoring starts after the application deadline."))
        return problems
    applications = list(selectors.evaluated_applications(evaluation))
    if to == Phase.CLARIFICATION:
        problems = [] if evaluation.clarification_deadline else [_("Set the deadline for answers first.")]
        reviews = {(r.juror_id, r.application_id): r for r in Review.objects.filter(application__in=applications)}
        for application in applications:
            for juror in selectors.panel(evaluation, application):
                if not selectors.submitted(reviews.get((juror.pk, application.pk))):
                    problems.append(
                        _("%(juror)s has not submitted the scores of %(app)s.")
                        % {"juror": juror.user, "app": application.acronym}
                    )
        return problems
    if to == Phase.DECISION:
        done = set(
            ConsensusScore.objects.filter(application__in=applications).values_list("application_id", "criterion")
        )
        return [
            _("Consensus is missing for %(app)s on “%(criterion)s”.") % {"app": a.acronym, "criterion": c.label}
            for a in applications
            for c in Criterion
            if (a.pk, c.value) not in done
        ]
    return []


def declare(*, actor, juror: Juror, application, level: str, reason: str = "") -> Declaration:
    with transaction.atomic():
        _require_phase(juror.evaluation, "declare")
        if juror.user_id != actor.pk:
            raise PermissionDenied
        if Declaration.objects.filter(juror=juror, application=application).exists():
            raise ValidationError(_("You have already declared for this application; ask the chair to change it."))
        if level != ConflictLevel.NONE and not reason.strip():
            raise ValidationError({"reason": _("Explain the conflict so that the chair can rule on it.")})
        ruling = {
            ConflictLevel.NONE: Ruling.NOT_NEEDED,
            ConflictLevel.POTENTIAL: Ruling.PENDING,
            ConflictLevel.DISQUALIFYING: Ruling.CONFLICTED,
        }[ConflictLevel(level)]
        declaration = Declaration.objects.create(
            juror=juror, application=application, level=level, reason=reason, ruling=ruling
        )
        audit.record(
            actor=actor,
            obj=application,
            action="evaluation.conflict_declared",
            to_state=level,
            reason=reason,
            changes={"juror": str(juror.user)},
        )
    return declaration


def rule(*, actor, declaration: Declaration, conflicted: bool, reason: str) -> Declaration:
    with transaction.atomic():
        declaration = Declaration.objects.select_for_update().select_related("juror__evaluation").get(pk=declaration.pk)
        chair = declaration.juror.evaluation.jurors.filter(user=actor, is_chair=True).first()
        if chair is None or chair.pk == declaration.juror_id:
            raise PermissionDenied
        if declaration.ruling != Ruling.PENDING:
            raise ValidationError(_("This declaration needs no ruling."))
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the ruling.")})
        before = declaration.ruling
        declaration.ruling = Ruling.CONFLICTED if conflicted else Ruling.CLEARED
        declaration.ruling_reason, declaration.ruled_by, declaration.ruled_at = reason, actor, timezone.now()
        declaration.save()
        audit.record(
            actor=actor,
            obj=declaration.application,
            action="evaluation.conflict_ruled",
            from_state=before,
            to_state=declaration.ruling,
            reason=reason,
            changes={"juror": str(declaration.juror.user)},
        )
    return declaration


def save_review(
    *, actor, juror: Juror, application, scores: dict[str, dict], submit: bool, now=None, edit_token: str | None = None
) -> Review:
    """Save a juror's scores; submitting needs every criterion scored, justified and with advice. Refused
    (StaleEdit) if the scores were saved since the form with `edit_token` was read (None: a program)."""
    now = now or timezone.now()
    with transaction.atomic():
        _require_phase(juror.evaluation, "score")
        deadline = Evaluation.objects.values_list("scoring_deadline", flat=True).get(pk=juror.evaluation_id)
        if deadline and now >= deadline:
            raise ValidationError(_("The deadline for individual scores has passed."))
        if juror.user_id != actor.pk or not selectors.access(juror, application).can_see_content:
            raise PermissionDenied
        review, created = Review.objects.select_for_update().get_or_create(juror=juror, application=application)
        if review.state == ReviewState.SUBMITTED:
            raise ValidationError(_("These scores were submitted and can no longer be changed."))
        if edit_token is not None and not created:
            check_fresh(review, ("scores_text",), edit_token)
        errors = {}
        for criterion in Criterion:
            data = scores.get(criterion.value) or {}
            value = data.get("score")
            if value is None or value == "":
                if submit:
                    errors[f"{criterion.value}-score"] = _("Score “%(c)s”.") % {"c": criterion.label}
                continue
            value = Decimal(str(value))
            if value < 0 or value > 5 or value * 2 % 1 != 0:
                errors[f"{criterion.value}-score"] = _("Scores run from 0 to 5 in half points.")
                continue
            if submit and len((data.get("justification") or "").strip()) < MIN_JUSTIFICATION:
                errors[f"{criterion.value}-justification"] = _(
                    "Justify the score on “%(c)s” in at least %(n)d characters."
                ) % {"c": criterion.label, "n": MIN_JUSTIFICATION}
            if submit and not (data.get("improvement") or "").strip():
                errors[f"{criterion.value}-improvement"] = _("Say how the applicants could improve on “%(c)s”.") % {
                    "c": criterion.label
                }
            Score.objects.update_or_create(
                review=review,
                criterion=criterion.value,
                defaults={
                    "score": value,
                    "justification": data.get("justification", ""),
                    "strengths": data.get("strengths", ""),
                    "weaknesses": data.get("weaknesses", ""),
                    "improvement": data.get("improvement", ""),
                },
            )
        if errors:
            raise ValidationError(errors)
        if submit:
            review.state, review.submitted_at = ReviewState.SUBMITTED, timezone.now()
            review.save(update_fields=["state", "submitted_at"])
        audit.record(
            actor=actor,
            obj=application,
            action="evaluation.scores_submitted" if submit else "evaluation.scores_saved",
            changes={"juror": str(juror.user)},
        )
    return review


def ask(*, actor, juror: Juror, application, criteria: list[str], text: str) -> Question:
    with transaction.atomic():
        _require_phase(juror.evaluation, "ask")
        if juror.user_id != actor.pk or not selectors.access(juror, application).can_see_content:
            raise PermissionDenied
        if not criteria or set(criteria) - set(Criterion.values):
            raise ValidationError({"criteria": _("Choose the criteria the question concerns.")})
        if len(text.strip()) < 10:
            raise ValidationError({"text": _("Write the question.")})
        question = Question.objects.create(application=application, asked_by=juror, criteria=criteria, text=text)
        audit.record(actor=actor, obj=application, action="evaluation.question_asked", changes={"criteria": criteria})
    return question


def answer(*, actor, question: Question, text: str, now=None) -> Answer:
    """The coordinator answers; the deadline is the same for every applicant and decided by the server."""
    now = now or timezone.now()
    with transaction.atomic():
        evaluation = question.asked_by.evaluation
        _require_phase(evaluation, "answer")
        if not question.application.coordinator.memberships.filter(user=actor).exists():
            raise PermissionDenied
        if evaluation.clarification_deadline and now >= evaluation.clarification_deadline:
            raise ValidationError(_("The deadline for answers has passed."))
        if not text.strip():
            raise ValidationError({"text": _("Write the answer.")})
        version = question.answers.count() + 1
        reply = Answer.objects.create(question=question, version=version, text=text, answered_by=actor)
        audit.record(
            actor=actor,
            obj=question.application,
            action="evaluation.question_answered",
            changes={"question": question.pk, "version": version},
        )
    return reply


def revise_score(*, actor, score: Score, value, question: Question) -> Score:
    """After clarification, a juror may re-score only the criteria an answered question touched."""
    with transaction.atomic():
        review = score.review
        _require_phase(review.juror.evaluation, "ask")
        if review.juror.user_id != actor.pk or question.application_id != review.application_id:
            raise PermissionDenied
        if score.criterion not in question.criteria or not question.answers.exists():
            raise ValidationError(_("Only criteria that an answered question concerns can be scored again."))
        value = Decimal(str(value))
        if value < 0 or value > 5 or value * 2 % 1 != 0:
            raise ValidationError({"score": _("Scores run from 0 to 5 in half points.")})
        ScoreRevision.objects.create(score=score, before=score.score, after=value, question=question)
        before = score.score
        score.score = value
        score.save(update_fields=["score"])
        audit.record(
            actor=actor,
            obj=review.application,
            action="evaluation.score_revised",
            changes={"criterion": score.criterion, "before": str(before), "after": str(value)},
        )
    return score


def record_consensus(
    *,
    actor,
    evaluation: Evaluation,
    application,
    criterion: str,
    score,
    strengths: str,
    weaknesses: str,
    improvement: str,
    dissent: str = "",
    edit_token: str | None = None,
) -> ConsensusScore:
    """The chair records the agreed score; refused (StaleEdit) if it was recorded since the form with `edit_token`
    was read (None: a program)."""
    with transaction.atomic():
        _require_phase(evaluation, "consensus")
        chair = (
            evaluation.jurors.filter(user=actor, is_chair=True)
            .prefetch_related("past_affiliations", "declarations")
            .first()
        )
        if chair is None or not selectors.access(chair, application).can_see_content:
            raise PermissionDenied
        missing = [
            name
            for name, value in (("strengths", strengths), ("weaknesses", weaknesses), ("improvement", improvement))
            if not value.strip()
        ]
        if missing:
            raise ValidationError({m: _("This is needed for the decision letter.") for m in missing})
        stored = ConsensusScore.objects.select_for_update().filter(application=application, criterion=criterion).first()
        if edit_token is not None and stored is not None:
            check_fresh(stored, ("score", "strengths", "weaknesses", "improvement", "dissent"), edit_token)
        consensus, _created = ConsensusScore.objects.update_or_create(
            application=application,
            criterion=criterion,
            defaults={
                "score": Decimal(str(score)),
                "strengths": strengths,
                "weaknesses": weaknesses,
                "improvement": improvement,
                "dissent": dissent,
                "recorded_by": actor,
            },
        )
        audit.record(
            actor=actor,
            obj=application,
            action="evaluation.consensus_recorded",
            changes={"criterion": criterion, "score": str(score)},
        )
    return consensus


def publish_results(
    *, actor, evaluation: Evaluation, password: str, announcement: str = "", announcement_lt: str = ""
) -> Evaluation:
    """Publish the ranking and the awards, with the ministry's statement in either language or both."""
    with transaction.atomic():
        if not actor.check_password(password):
            raise ValidationError({"password": _("The password is not correct.")})
        if not selectors.evaluated_applications(evaluation).filter(state=ApplicationState.AWARDED).exists():
            raise ValidationError(_("Award the partnerships before publishing the results."))
        evaluation.results_published_at = timezone.now()
        evaluation.announcement, evaluation.announcement_lt = announcement.strip(), announcement_lt.strip()
        evaluation.save(update_fields=["results_published_at", "announcement", "announcement_lt"])
        if evaluation.announcement or evaluation.announcement_lt:
            audit.record(
                actor=actor,
                obj=evaluation,
                action="evaluation.results_announced",
                changes={"announcement": evaluation.announcement, "announcement_lt": evaluation.announcement_lt},
            )
        change_phase(actor=actor, evaluation=evaluation, to=Phase.PUBLISHED)
    return evaluation


def request_panels(
    *, actor, evaluation: Evaluation, panel_size: int, max_load: int | None, edit_token: str | None = None
):
    """Queue the formation of the panels (a background task: a Horizon-size pool takes seconds to minutes). The
    panel size and load cap are recorded at once, so that a form read before this request is refused as stale."""
    from .models import PanelRun
    from .tasks import form_panels as form_panels_task

    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if evaluation.phase != Phase.SETUP:
            raise ValidationError(_("Panels are formed before scoring starts."))
        if edit_token is not None:
            check_fresh(evaluation, ("panel_size", "max_load"), edit_token)
        if PanelRun.objects.filter(evaluation=evaluation, state__in=["queued", "running"]).exists():
            raise ValidationError(_("The panels are being formed; wait for that run to finish."))
        if not evaluation.jurors.exists() or not selectors.evaluated_applications(evaluation).exists():
            raise ValidationError(_("Appoint jurors and wait for submissions before forming panels."))
        evaluation.panel_size, evaluation.max_load = panel_size, max_load
        evaluation.save(update_fields=["panel_size", "max_load"])
        run = PanelRun.objects.create(
            evaluation=evaluation, requested_by=actor, panel_size=panel_size, max_load=max_load
        )
        audit.record(
            actor=actor,
            obj=evaluation,
            action="evaluation.panels_requested",
            changes={"panel_size": panel_size, "max_load": max_load},
        )
        transaction.on_commit(lambda: form_panels_task.enqueue(run.pk))
    return run


DEADLINES = {
    "clarification_deadline": "evaluation.clarification_deadline_set",
    "scoring_deadline": "evaluation.scoring_deadline_set",
}


def set_deadline(*, actor, evaluation: Evaluation, field: str, deadline, edit_token: str | None = None) -> Evaluation:
    """Set the deadline for answers or for individual scores, audited; refused (StaleEdit) if someone set it since
    the form with `edit_token` was read (None: a program)."""
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if edit_token is not None:
            check_fresh(evaluation, (field,), edit_token)
        before = getattr(evaluation, field)
        setattr(evaluation, field, deadline)
        evaluation.save(update_fields=[field])
        audit.record(
            actor=actor,
            obj=evaluation,
            action=DEADLINES[field],
            changes={"from": before.isoformat() if before else None, "to": deadline.isoformat()},
        )
    return evaluation


def override_assignment(*, actor, evaluation: Evaluation, juror: Juror, application, add: bool, reason: str):
    """The chair adds a juror to a panel or takes one off; every override is audited with its reason."""
    from .models import Assignment

    with transaction.atomic():
        chair = evaluation.jurors.filter(user=actor, is_chair=True).first()
        if chair is None:
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the change.")})
        if add:
            if selectors.detected_conflicts(juror, application):
                raise ValidationError(
                    _("%(juror)s has a conflict of interest with %(app)s.")
                    % {"juror": juror.user, "app": application.acronym}
                )
            Assignment.objects.get_or_create(
                juror=juror, application=application, defaults={"source": Assignment.Source.CHAIR}
            )
        else:
            Assignment.objects.filter(juror=juror, application=application).delete()
        audit.record(
            actor=actor,
            obj=application,
            action="evaluation.panel_changed",
            to_state="added" if add else "removed",
            reason=reason,
            changes={"juror": str(juror.user)},
        )
