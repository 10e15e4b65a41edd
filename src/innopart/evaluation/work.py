"""What waits for the jury, the chair, the ministry and applicants in the selection: scores to give, conflicts to
rule on, questions to answer, an award to decide; and the juries a person sits on."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innopart.accounts.enums import Role
from innopart.core.worklist import Item

from .enums import PHASE_RIGHTS, Phase, ReviewState, Ruling
from .models import Assignment, Declaration, Evaluation, Juror, Question, Review
from .selectors import evaluated_applications


def waiting(user, now) -> list[Item]:
    items = []
    seats = Juror.objects.filter(user=user).exclude(evaluation__phase=Phase.PUBLISHED)
    for juror in seats.select_related("evaluation__call__published_version"):
        items += _for_juror(juror)
    items += _answers_owed(user)
    if user.has_role(Role.PROGRAMME_MANAGER):
        items += _for_ministry()
    return items


def _for_juror(juror: Juror) -> list[Item]:
    evaluation = juror.evaluation
    call = evaluation.call
    version = call.published_version
    url = reverse("evaluation:jury_call", args=[call.slug])
    items = []
    if evaluation.phase == Phase.INDIVIDUAL:
        if evaluation.panel_size:
            to_score = Assignment.objects.filter(juror=juror).count()
        else:
            to_score = evaluated_applications(evaluation).count()
        to_score -= Declaration.objects.filter(juror=juror, ruling=Ruling.CONFLICTED).count()
        done = Review.objects.filter(juror=juror, state=ReviewState.SUBMITTED).count()
        if done < to_score:
            items.append(
                Item(
                    text=ngettext(
                        "Score %(count)d application of %(call)s",
                        "Score %(count)d applications of %(call)s",
                        to_score - done,
                    )
                    % {"count": to_score - done, "call": version.title_shown},
                    url=url,
                    due=evaluation.scoring_deadline,
                    zone=version.time_zone,
                    state=_("%(done)d of %(total)d scored") % {"done": done, "total": to_score},
                    next_step=_("The chair moves the jury on to clarification when the scores are in."),
                )
            )
    if evaluation.phase == Phase.CONSENSUS:
        items.append(
            Item(
                text=_("Agree the jury's consensus scores for %(call)s") % {"call": version.title_shown},
                url=url,
                state=evaluation.get_phase_display(),
                next_step=_("The ministry ranks and decides once the consensus is recorded."),
            )
        )
    if juror.is_chair:
        pending = Declaration.objects.filter(juror__evaluation=evaluation, ruling=Ruling.PENDING).exclude(juror=juror)
        count = pending.count()
        if count:
            items.append(
                Item(
                    text=ngettext(
                        "Rule on %(count)d declared conflict of interest (%(call)s)",
                        "Rule on %(count)d declared conflicts of interest (%(call)s)",
                        count,
                    )
                    % {"count": count, "call": version.title_shown},
                    url=url,
                    next_step=_("The juror scores the application only if you clear them."),
                )
            )
    return items


def _answers_owed(user) -> list[Item]:
    """Clarification questions on applications the person's organisation coordinates, not answered yet."""
    questions = (
        Question.objects.filter(
            application__coordinator__memberships__user=user,
            application__call__evaluation__phase__in=[p for p, rights in PHASE_RIGHTS.items() if rights["answer"]],
        )
        .annotate(answer_count=Count("answers"))
        .filter(answer_count=0)
        .select_related("application__call__evaluation", "application__call__published_version")
    )
    by_application: dict[int, list[Question]] = {}
    for question in questions:
        by_application.setdefault(question.application_id, []).append(question)
    items = []
    for asked in by_application.values():
        application = asked[0].application
        items.append(
            Item(
                text=ngettext(
                    "Answer the jury's question on %(acronym)s",
                    "Answer the jury's %(count)d questions on %(acronym)s",
                    len(asked),
                )
                % {"count": len(asked), "acronym": application.acronym},
                url=reverse("evaluation:questions", args=[application.pk]),
                due=application.call.evaluation.clarification_deadline,
                zone=application.call.published_version.time_zone,
                next_step=_("The jurors read your answer and may revise their scores."),
            )
        )
    return items


def _for_ministry() -> list[Item]:
    items = []
    evaluations = Evaluation.objects.filter(phase__in=[Phase.SETUP, Phase.DECISION]).select_related(
        "call__published_version"
    )
    for evaluation in evaluations:
        call = evaluation.call
        version = call.published_version
        if version is None:
            continue
        if evaluation.phase == Phase.DECISION:
            items.append(
                Item(
                    text=_("Rank the applications of %(call)s and decide the award") % {"call": version.title_shown},
                    url=reverse("evaluation:ranking", args=[call.slug]),
                    state=evaluation.get_phase_display(),
                    next_step=_("Publishing the results sends every applicant a decision letter."),
                )
            )
        elif not version.before_deadline() and evaluated_applications(evaluation).exists():
            items.append(
                Item(
                    text=_("Start the jury's work on %(call)s") % {"call": version.title_shown},
                    url=reverse("evaluation:manage_jury", args=[call.slug]),
                    state=evaluation.get_phase_display(),
                    next_step=_("The jurors declare conflicts of interest, then score."),
                )
            )
    return items


def current(user) -> list[Item]:
    seats = (
        Juror.objects.filter(user=user)
        .select_related("evaluation__call__published_version")
        .order_by("-evaluation__created_at")
    )
    items = [
        Item(
            text=(_("Chair of the jury of %(call)s") if seat.is_chair else _("Jury of %(call)s"))
            % {"call": seat.evaluation.call.published_version.title_shown},
            url=reverse("evaluation:jury_call", args=[seat.evaluation.call.slug]),
            state=seat.evaluation.get_phase_display(),
        )
        for seat in seats
    ]
    if user.has_role(Role.PROGRAMME_MANAGER, Role.OBSERVER):
        # An observer follows the selection on the ministry's pages, reading everything and changing nothing.
        evaluations = Evaluation.objects.exclude(phase=Phase.PUBLISHED).select_related("call__published_version")
        seated = {seat.evaluation_id for seat in seats}  # the seats read above, not a query per evaluation
        for evaluation in evaluations:
            if evaluation.call.published_version is None or evaluation.pk in seated:
                continue
            items.append(
                Item(
                    text=_("Selection of %(call)s") % {"call": evaluation.call.published_version.title_shown},
                    url=reverse("evaluation:manage_jury", args=[evaluation.call.slug]),
                    state=evaluation.get_phase_display(),
                )
            )
    return items
