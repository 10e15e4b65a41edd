"""Pages of the jurors and the chair: declarations, scores, questions, consensus, panel changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.calls.enums import Criterion
from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.forms import add_service_errors
from innopart.core.steps import progress

from .. import selectors, services
from ..enums import PHASE_NEXT_STEPS, PHASE_RIGHTS, PHASE_STEPS, Phase
from ..forms import (
    ConsensusForm,
    DeadlineForm,
    DeclarationForm,
    OverrideForm,
    QuestionForm,
    ReviewForm,
    RevisionForm,
    RulingForm,
)
from ..models import (
    ConsensusScore,
    Declaration,
    Evaluation,
    Question,
    Review,
)
from .common import _advance, _evaluation, _juror, _messages, _set_deadline

# -- jury -----------------------------------------------------------------------------------------------------------


@login_required
def jury_home(request):
    seats = request.user.jury_seats.select_related("evaluation__call__published_version")
    return render(request, "evaluation/jury_home.html", {"seats": seats})


@login_required
def jury_call(request, slug: str, sent: dict | None = None):
    """The juror's list of applications; for the chair also the conflicts to rule on, the panel change and the
    phase's deadline. `sent` holds a form the chair sent that was wrong (or only checked, core.forms.ChecksInline):
    the page comes back with it, its message beside the field and what was typed."""
    sent = sent or {}
    evaluation = _evaluation(slug)
    juror = _juror(request, evaluation)
    rows = []
    reviews = {r.application_id: r for r in Review.objects.filter(juror=juror)}
    for application in selectors.evaluated_applications(evaluation):
        rows.append(
            {
                "application": application,
                "access": selectors.access(juror, application),
                "review": reviews.get(application.pk),
            }
        )
    rulings, deadline_form, override_form = [], None, None
    if juror.is_chair:
        pending = (
            Declaration.objects.filter(juror__evaluation=evaluation, ruling="pending")
            .exclude(juror=juror)
            .select_related("juror__user", "application")
        )
        rulings = [(d, sent.get(("ruling", d.pk)) or _ruling_form(d)) for d in pending]
        deadline_form = sent.get("deadline") or _deadline_form(evaluation)
        if evaluation.panel_size:
            override_form = sent.get("override") or _override_form(evaluation)
    return render(
        request,
        "evaluation/jury_call.html",
        {
            "evaluation": evaluation,
            "progress": progress(PHASE_STEPS, evaluation.phase, PHASE_NEXT_STEPS),
            "call": evaluation.call,
            "juror": juror,
            "rows": rows,
            "rulings": rulings,
            "deadline_form": deadline_form,
            "override_form": override_form,
            "next_phase": _chair_next(evaluation) if juror.is_chair else None,
        },
    )


def _ruling_form(declaration: Declaration, data=None) -> RulingForm:
    """One form per declaration on the chair's page, with ids of its own."""
    return RulingForm(data, auto_id=f"id_ruling{declaration.pk}_%s")


def _deadline_form(evaluation: Evaluation, data=None) -> DeadlineForm:
    return DeadlineForm(data, zone=evaluation.call.published_version.time_zone, guarded=evaluation)


def _override_form(evaluation: Evaluation, data=None) -> OverrideForm:
    return OverrideForm(data, evaluation=evaluation, applications=selectors.evaluated_applications(evaluation))


def _chair_next(evaluation: Evaluation):
    return {
        Phase.INDIVIDUAL: Phase.CLARIFICATION,
        Phase.CLARIFICATION: Phase.CONSENSUS,
        Phase.CONSENSUS: Phase.DECISION,
    }.get(evaluation.phase)


@login_required
@require_POST
def chair_advance(request, slug: str):
    evaluation = _evaluation(slug)
    juror = _juror(request, evaluation)
    require(juror.is_chair)
    if "deadline" in request.POST:
        form = _deadline_form(evaluation, request.POST)
        if not form.is_valid():  # wrong, or only checked (core.forms.ChecksInline): the page with the message
            return jury_call(request, slug, sent={"deadline": form})
        if _set_deadline(request, evaluation, "clarification_deadline", form):
            messages.success(request, _("The deadline for answers was set."))
        return redirect("evaluation:jury_call", slug=slug)
    to = _chair_next(evaluation)
    require(to is not None)
    _advance(request, evaluation, to)
    return redirect("evaluation:jury_call", slug=slug)


@login_required
@require_POST
def override(request, slug: str):
    evaluation = _evaluation(slug)
    juror = _juror(request, evaluation)
    require(juror.is_chair and evaluation.panel_size)
    form = _override_form(evaluation, request.POST)
    if form.is_valid():
        try:
            services.override_assignment(actor=request.user, evaluation=evaluation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The panel was changed."))
            return redirect("evaluation:jury_call", slug=slug)
    return jury_call(request, slug, sent={"override": form})


@login_required
@require_POST
def rule(request, slug: str, pk: int):
    evaluation = _evaluation(slug)
    juror = _juror(request, evaluation)
    require(juror.is_chair)
    declaration = get_visible_or_404(
        Declaration.objects.filter(juror__evaluation=evaluation).exclude(juror=juror), pk=pk
    )
    form = _ruling_form(declaration, request.POST)
    if form.is_valid():
        try:
            services.rule(
                actor=request.user,
                declaration=declaration,
                conflicted=form.cleaned_data["conflicted"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The ruling was recorded."))
            return redirect("evaluation:jury_call", slug=slug)
    declaration.refresh_from_db()
    if declaration.ruling != "pending":  # ruled meanwhile (another tab): the page no longer shows its form
        messages.error(request, _("This declaration needs no ruling."))
        return redirect("evaluation:jury_call", slug=slug)
    return jury_call(request, slug, sent={("ruling", declaration.pk): form})


def _jury_application(request, slug: str, pk: int):
    evaluation = _evaluation(slug)
    juror = _juror(request, evaluation)
    application = get_visible_or_404(selectors.evaluated_applications(evaluation), pk=pk)
    return evaluation, juror, application, selectors.access(juror, application)


@login_required
def jury_application(request, slug: str, pk: int, sent: dict | None = None):
    """The application, the juror's scores, the questions and, for the chair, the consensus. `sent` holds a small
    form sent to its own address that was wrong or only checked: the page comes back with it and its messages."""
    sent = sent or {}
    evaluation, juror, application, access = _jury_application(request, slug, pk)
    if not access.declared and not access.blocked:
        return _declare(request, evaluation, juror, application)
    require(access.can_see_content)
    rights = PHASE_RIGHTS[evaluation.phase]
    review = Review.objects.filter(juror=juror, application=application).prefetch_related("scores").first()
    own = {s.criterion: s for s in review.scores.all()} if review else {}
    scoring = request.method == "POST" and "scores" in request.POST
    form = ReviewForm(request.POST if scoring else None, initial_scores=own, guarded=review)
    if scoring:
        require(rights["score"])
        if form.is_valid():
            try:
                services.save_review(
                    actor=request.user,
                    juror=juror,
                    application=application,
                    scores=form.scores(),
                    submit="submit" in request.POST,
                    edit_token=form.cleaned_data["edit_token"],
                )
            except StaleEdit as stale:
                show_stale(form, stale, Review.objects.get(juror=juror, application=application))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your scores were submitted.") if "submit" in request.POST else _("Your scores were saved."),
                )
                return redirect("evaluation:jury_application", slug=slug, pk=pk)
    others = []
    if selectors.submitted(review) or not rights["score"]:
        # Independence: other jurors' scores only after one's own are in.
        others = [r for r in selectors.reviews_of(application) if r.juror_id != juror.pk and selectors.submitted(r)]
    snapshot = application.snapshots.order_by("-number").first()
    questions = (
        Question.objects.filter(application=application).prefetch_related("answers").select_related("asked_by__user")
    )
    consensus = {c.criterion: c for c in ConsensusScore.objects.filter(application=application)}
    consensus_forms = []
    if juror.is_chair and rights["consensus"]:
        for criterion in Criterion:
            entry = consensus.get(criterion.value)
            initial = {"criterion": criterion.value}
            if entry:
                initial |= {
                    "score": f"{entry.score:.1f}",
                    "strengths": entry.strengths,
                    "weaknesses": entry.weaknesses,
                    "improvement": entry.improvement,
                    "dissent": entry.dissent,
                }
            consensus_forms.append(
                (
                    criterion,
                    sent.get(("consensus", criterion.value))
                    or ConsensusForm(initial=initial, prefix=criterion.value, guarded=entry),
                )
            )
    return render(
        request,
        "evaluation/jury_application.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "juror": juror,
            "application": application,
            "snapshot": snapshot,
            "form": form,
            "review": review,
            "rights": rights,
            "others": others,
            "submitted": selectors.submitted(review),
            "questions": questions,
            "question_form": sent.get("question") or QuestionForm(),
            "revision_form": RevisionForm(),
            "consensus": consensus,
            "consensus_forms": consensus_forms,
            "sections": _sections(snapshot),
        },
    )


def _sections(snapshot):
    from innopart.applications.enums import SectionKind

    if snapshot is None:
        return []
    return [(SectionKind(k).label, snapshot.data["sections"].get(k, "")) for k in SectionKind.values]


def _declare(request, evaluation, juror, application):
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare(actor=request.user, juror=juror, application=application, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your declaration was recorded."))
            if form.cleaned_data["level"] == "none":
                return redirect("evaluation:jury_application", slug=evaluation.call.slug, pk=application.pk)
            return redirect("evaluation:jury_call", slug=evaluation.call.slug)
    return render(
        request,
        "evaluation/declare.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "application": application,
            "form": form,
            "members": [p.organisation for p in application.partners.all()],
        },
    )


@login_required
@require_POST
def ask(request, slug: str, pk: int):
    _, juror, application, access = _jury_application(request, slug, pk)
    require(access.can_see_content)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.ask(actor=request.user, juror=juror, application=application, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your question was sent to the applicants."))
            return redirect("evaluation:jury_application", slug=slug, pk=pk)
    return jury_application(request, slug, pk, sent={"question": form})


@login_required
@require_POST
def revise(request, slug: str, pk: int):
    _, juror, application, access = _jury_application(request, slug, pk)
    require(access.can_see_content)
    form = RevisionForm(request.POST)
    review = Review.objects.filter(juror=juror, application=application).first()
    if form.is_valid() and review is not None:
        score = get_visible_or_404(review.scores.all(), criterion=form.cleaned_data["criterion"])
        question = get_visible_or_404(
            Question.objects.filter(application=application), pk=form.cleaned_data["question"]
        )
        try:
            services.revise_score(actor=request.user, score=score, value=form.cleaned_data["score"], question=question)
        except ValidationError as error:
            _messages(request, error)
        else:
            messages.success(request, _("Your score was revised."))
    else:  # two lists of fixed choices: only a tampered or outdated page gets here
        messages.error(request, _("Choose the criterion and the new score."))
    return redirect("evaluation:jury_application", slug=slug, pk=pk)


@login_required
@require_POST
def consensus(request, slug: str, pk: int, criterion: str):
    evaluation, juror, application, access = _jury_application(request, slug, pk)
    require(access.can_see_content and juror.is_chair and criterion in Criterion.values)
    entry = ConsensusScore.objects.filter(application=application, criterion=criterion).first()
    form = ConsensusForm(request.POST, prefix=criterion, guarded=entry)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_consensus(
                actor=request.user,
                evaluation=evaluation,
                application=application,
                criterion=criterion,
                score=data["score"],
                strengths=data["strengths"],
                weaknesses=data["weaknesses"],
                improvement=data["improvement"],
                dissent=data["dissent"],
                edit_token=data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, ConsensusScore.objects.get(application=application, criterion=criterion))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consensus on “%(c)s” was recorded.") % {"c": Criterion(criterion).label})
            return redirect("evaluation:jury_application", slug=slug, pk=pk)
    return jury_application(request, slug, pk, sent={("consensus", criterion): form})
