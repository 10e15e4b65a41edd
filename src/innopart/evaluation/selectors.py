"""Reads for the jury: who may see what. Deny by default: a juror sees an application's content only after
declaring no conflict (or being cleared by the chair), and never when an affiliation conflict is detected."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.applications.enums import ApplicationState
from innopart.applications.models import Application, Partner

from .enums import RECENT_AFFILIATION_YEARS, ConflictLevel, ReviewState, Ruling
from .models import Declaration, Evaluation, Juror, Review

EVALUATED_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.AWARDED,
    ApplicationState.RESERVE,
    ApplicationState.NOT_SELECTED,
)


@dataclass
class Access:
    """What one juror may do with one application, and why not."""

    declared: bool
    blocked: bool
    reasons: list[str] = field(default_factory=list)
    declaration: Declaration | None = None

    @property
    def can_see_content(self) -> bool:
        return self.declared and not self.blocked


def evaluated_applications(evaluation: Evaluation):
    return (
        Application.objects.filter(call_id=evaluation.call_id, state__in=EVALUATED_STATES)
        .select_related("coordinator", "thematic_field")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.select_related("organisation")))
        .order_by("acronym")
    )


def detected_conflicts(juror: Juror, application: Application, today: date | None = None) -> list[str]:
    """Affiliation conflicts found without asking anyone: a current affiliation with a consortium member, or one
    that ended less than three years ago."""
    today = today or timezone.localdate()
    members = {p.organisation_id: p.organisation.name for p in application.partners.all()}
    reasons = []
    if juror.affiliation_id in members:
        reasons.append(_("Works for %(org)s, a member of the consortium.") % {"org": members[juror.affiliation_id]})
    limit = today - timedelta(days=365 * RECENT_AFFILIATION_YEARS)
    for past in juror.past_affiliations.all():
        if past.organisation_id in members and past.ended_on >= limit:
            reasons.append(
                _("Worked for %(org)s, a member of the consortium, until %(date)s.")
                % {"org": members[past.organisation_id], "date": past.ended_on.isoformat()}
            )
    # A support-agency adviser who advised the consortium on this application (consent ever granted).
    from innopart.matchmaking.models import AdviceConsent

    if AdviceConsent.objects.filter(adviser_id=juror.user_id, application_id=application.pk).exists():
        reasons.append(_("Advised the consortium on this application for a support agency."))
    return reasons


def access(juror: Juror, application: Application, declaration: Declaration | None = None) -> Access:
    if declaration is None:
        declaration = next((d for d in juror.declarations.all() if d.application_id == application.pk), None)
    reasons = detected_conflicts(juror, application)
    if juror.evaluation.panel_size and not any(a.application_id == application.pk for a in juror.assignments.all()):
        reasons.append(_("Not on this application's panel."))
    if declaration is not None:
        if declaration.level == ConflictLevel.DISQUALIFYING:
            reasons.append(_("Declared a disqualifying conflict."))
        elif declaration.ruling == Ruling.PENDING:
            reasons.append(_("Declared a potential conflict; the chair has not ruled yet."))
        elif declaration.ruling == Ruling.CONFLICTED:
            reasons.append(_("The chair ruled a conflict of interest."))
    return Access(declared=declaration is not None, blocked=bool(reasons), reasons=reasons, declaration=declaration)


def juror_of(user, evaluation: Evaluation) -> Juror | None:
    return (
        Juror.objects.filter(evaluation=evaluation, user=user)
        .select_related("affiliation")
        .prefetch_related("past_affiliations", "declarations", "assignments")
        .first()
    )


def panel(evaluation: Evaluation, application: Application) -> list[Juror]:
    """The jurors who may score an application: a national jury, so everyone without a conflict."""
    jurors = evaluation.jurors.select_related("user", "affiliation").prefetch_related(
        "past_affiliations", "declarations", "assignments"
    )
    return [j for j in jurors if not access(j, application).blocked]


def reviews_of(application: Application):
    return Review.objects.filter(application=application).select_related("juror__user").prefetch_related("scores")


def submitted(review: Review | None) -> bool:
    return review is not None and review.state == ReviewState.SUBMITTED
