"""The decision and what follows it: the award (with the reserve list and the grants), the decision letters
queued one task per letter, and the coordinator of an awarded partnership. Apart from the jury's services so that
each module stays readable; ``services`` hands these on."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innopart.applications.enums import ApplicationState
from innopart.applications.services import change_application_state
from innopart.core import audit
from innopart.core.concurrency import check_fresh

from . import selectors
from .enums import Phase
from .models import (
    Evaluation,
    LetterBatch,
)

MIN_JUSTIFICATION = 20


def award(*, actor, evaluation: Evaluation, awarded: list, reserve: list, password: str):
    """Award partnerships: re-confirm identity, keep within the call's number of awards, budget and thresholds."""
    from .ranking import ranking_table

    with transaction.atomic():
        if not actor.check_password(password):
            raise ValidationError({"password": _("The password is not correct.")})
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if evaluation.phase != Phase.DECISION:
            raise ValidationError(_("Awards are decided in the decision phase."))
        version = evaluation.call.published_version
        table = ranking_table(evaluation)
        passing = {row["application_id"] for row in table if row["passes"]}
        if not version.min_awards <= len(awarded) <= version.max_awards:
            raise ValidationError(
                _("The call awards %(lo)d to %(hi)d partnerships; %(n)d were chosen.")
                % {"lo": version.min_awards, "hi": version.max_awards, "n": len(awarded)}
            )
        failing = [a.acronym for a in [*awarded, *reserve] if a.pk not in passing]
        if failing:
            raise ValidationError(
                _("Below a threshold, so it cannot be awarded or kept in reserve: %(apps)s.")
                % {"apps": ", ".join(failing)}
            )
        requested = sum((_grant(a) for a in awarded), Decimal(0))
        if requested > version.total_budget:
            raise ValidationError(
                _("The awarded grants (EUR %(g)s) exceed the call's budget (EUR %(b)s).")
                % {"g": f"{requested:,.0f}", "b": f"{version.total_budget:,.0f}"}
            )
        chosen = {a.pk for a in awarded} | {a.pk for a in reserve}
        for application in selectors.evaluated_applications(evaluation):
            to = (
                ApplicationState.AWARDED
                if application.pk in {a.pk for a in awarded}
                else ApplicationState.RESERVE
                if application.pk in chosen
                else ApplicationState.NOT_SELECTED
            )
            if application.state == ApplicationState.SUBMITTED:
                change_application_state(
                    actor=actor,
                    application=application,
                    to=to,
                    reason=_("Decision on the call “%(call)s”.") % {"call": version.title_shown},
                )
        audit.record(
            actor=actor,
            obj=evaluation,
            action="evaluation.awarded",
            changes={"awarded": [a.acronym for a in awarded], "reserve": [a.acronym for a in reserve]},
        )
    return evaluation


def _grant(application) -> Decimal:
    from innopart.applications.selectors import plan_summary

    return plan_summary(application).total_grant


def request_letters(*, actor, evaluation: Evaluation) -> LetterBatch:
    """Queue the writing of every decision letter, once the decision is made and every letter passes the gate."""
    from .letters import letter_problems
    from .tasks import write_letter

    with transaction.atomic():
        applications = list(selectors.evaluated_applications(evaluation))
        if any(a.state == ApplicationState.SUBMITTED for a in applications):
            raise ValidationError(_("Record the decision before writing the letters."))
        problems = [f"{a.acronym}: {p}" for a in applications for p in letter_problems(a)]
        if problems:
            raise ValidationError(problems)
        batch = LetterBatch.objects.create(evaluation=evaluation, requested_by=actor, total=len(applications))
        audit.record(
            actor=actor, obj=evaluation, action="evaluation.letters_requested", changes={"letters": len(applications)}
        )
        ids = [a.pk for a in applications]
        transaction.on_commit(lambda: [write_letter.enqueue(batch.pk, pk) for pk in ids])
    return batch


def appoint_coordinator(*, actor, application, full_name: str, email: str, organisation, edit_token: str | None = None):
    """Appoint the coordinator of an awarded partnership; the organisation must be in the consortium. Refused
    (StaleEdit) if the appointment changed since the form with `edit_token` was read (None: a program)."""
    from .models import CoordinatorAppointment

    with transaction.atomic():
        stored = CoordinatorAppointment.objects.select_for_update().filter(application=application).first()
        if edit_token is not None and stored is not None:
            check_fresh(stored, ("full_name", "email", "organisation"), edit_token)
        if application.state != ApplicationState.AWARDED:
            raise ValidationError(_("Only an awarded partnership gets a coordinator."))
        if not application.partners.filter(organisation=organisation).exists():
            raise ValidationError({"organisation": _("The coordinator must work for a member of the partnership.")})
        appointment, created = CoordinatorAppointment.objects.update_or_create(
            application=application,
            defaults={"full_name": full_name, "email": email, "organisation": organisation, "appointed_by": actor},
        )
        audit.record(
            actor=actor,
            obj=application,
            action="evaluation.coordinator_appointed",
            changes={"coordinator": full_name, "organisation": organisation.name, "changed": not created},
        )
    return appointment
