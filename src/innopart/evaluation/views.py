from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.applications.models import Application
from innopart.calls import selectors as call_selectors
from innopart.calls.enums import Criterion
from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale, stale_message
from innopart.core.forms import add_service_errors

from . import selectors, services
from .enums import PHASE_RIGHTS, Phase
from .forms import (
    AnswerForm,
    AppointJurorForm,
    AwardForm,
    ConsensusForm,
    CoordinatorForm,
    DeadlineForm,
    DeclarationForm,
    OverrideForm,
    PanelForm,
    PasswordForm,
    QuestionForm,
    ReviewForm,
    RevisionForm,
    RulingForm,
    ScoringDeadlineForm,
)
from .letters import letter_context, letter_pdf, letter_problems
from .models import (
    Assignment,
    ConsensusScore,
    CoordinatorAppointment,
    Declaration,
    Evaluation,
    Letter,
    LetterBatch,
    Question,
    Review,
)
from .ranking import ranking_table, severity_table, uncertainty_table


def _evaluation(slug: str) -> Evaluation:
    call = get_visible_or_404(call_selectors.published_calls(), slug=slug)
    return services.evaluation_for(call)


def _manager_evaluation(request, slug: str) -> Evaluation:
    require(request.user.has_perm("calls.manage_call"))
    return _evaluation(slug)


def _followed_evaluation(request, slug: str) -> Evaluation:
    """Pages the ministry works on and an observer may read."""
    require(request.user.has_perm("evaluation.follow"))
    return _evaluation(slug)


def _juror(request, evaluation: Evaluation):
    juror = selectors.juror_of(request.user, evaluation)
    if juror is None:
        raise Http404(_("Not found."))
    return juror


def _messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# -- ministry -------------------------------------------------------------------------------------------------------


@login_required
def manage_jury(request, slug: str):
    evaluation = _followed_evaluation(request, slug)
    can_manage = request.user.has_perm("calls.manage_call")
    if request.method == "POST":
        require(can_manage)
    zone = evaluation.call.published_version.time_zone
    if request.method == "POST" and "panel_size" in request.POST:
        panel_form = PanelForm(request.POST, guarded=evaluation)
        if panel_form.is_valid():
            data = panel_form.cleaned_data
            try:
                pairs = services.assign_panels(
                    actor=request.user,
                    evaluation=evaluation,
                    panel_size=data["panel_size"],
                    max_load=data["max_load"],
                    edit_token=data["edit_token"],
                )
            except StaleEdit as stale:
                _stale_inline(request, stale, f"{data['panel_size']} / {data['max_load'] or '—'}")
            except ValidationError as error:
                _messages(request, error)
            else:
                messages.success(request, _("Panels formed: %(n)d assignments.") % {"n": pairs})
        else:
            _messages(request, ValidationError([m for ms in panel_form.errors.values() for m in ms]))
        return redirect("evaluation:manage_jury", slug=slug)
    if request.method == "POST" and "scoring-deadline" in request.POST:
        deadline_form = ScoringDeadlineForm(request.POST, zone=zone, guarded=evaluation, prefix="scoring")
        if deadline_form.is_valid():
            if _set_deadline(request, evaluation, "scoring_deadline", deadline_form):
                messages.success(request, _("The deadline for individual scores was set."))
        else:
            _messages(request, ValidationError([m for ms in deadline_form.errors.values() for m in ms]))
        return redirect("evaluation:manage_jury", slug=slug)
    form = AppointJurorForm(request.POST or None, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        past = [(data["past_affiliation"], data["past_ended_on"])] if data["past_affiliation"] else []
        try:
            services.appoint_juror(
                actor=request.user,
                evaluation=evaluation,
                user=data["user"],
                sector=data["sector"],
                affiliation=data["affiliation"],
                expertise=data["expertise"],
                is_chair=data["is_chair"],
                past_affiliations=past,
                nace_codes=data["nace"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s was appointed to the jury.") % {"name": data["user"]})
            return redirect("evaluation:manage_jury", slug=slug)
    return render(
        request,
        "evaluation/manage_jury.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "can_manage": can_manage,
            "form": form,
            "jurors": evaluation.jurors.select_related("user", "affiliation").prefetch_related("past_affiliations"),
            "panel_form": PanelForm(
                initial={"panel_size": evaluation.panel_size or 3, "max_load": evaluation.max_load},
                guarded=evaluation,
            ),
            "scoring_deadline_form": ScoringDeadlineForm(zone=zone, guarded=evaluation, prefix="scoring"),
            "panels": _panels(evaluation) if evaluation.panel_size else [],
            "composition": selectors.composition(evaluation),
        },
    )


def _stale_inline(request, stale: StaleEdit, yours: str) -> None:
    """A small form on a page of several: what changed and the person's input travel back in the message."""
    messages.error(request, stale_message(stale) + " " + _("Your input, not saved: %(input)s.") % {"input": yours})


def _set_deadline(request, evaluation: Evaluation, field: str, form) -> bool:
    deadline = form.cleaned_data["deadline"]
    try:
        services.set_deadline(
            actor=request.user,
            evaluation=evaluation,
            field=field,
            deadline=deadline,
            edit_token=form.cleaned_data["edit_token"],
        )
    except StaleEdit as stale:
        _stale_inline(request, stale, form.data.get(form.add_prefix("deadline"), ""))
        return False
    return True


def _panels(evaluation: Evaluation) -> list:
    assignments = Assignment.objects.filter(juror__evaluation=evaluation).select_related("juror__user")
    by_application: dict[int, list] = {}
    for assignment in assignments:
        by_application.setdefault(assignment.application_id, []).append(assignment)
    return [
        (application, by_application.get(application.pk, []))
        for application in selectors.evaluated_applications(evaluation)
    ]


@login_required
@require_POST
def start_scoring(request, slug: str):
    evaluation = _manager_evaluation(request, slug)
    _advance(request, evaluation, Phase.INDIVIDUAL)
    return redirect("evaluation:manage_jury", slug=slug)


def _advance(request, evaluation: Evaluation, to: str) -> None:
    try:
        services.change_phase(actor=request.user, evaluation=evaluation, to=to)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("The evaluation is now in the phase “%(p)s”.") % {"p": Phase(to).label})


@login_required
def ranking(request, slug: str):
    evaluation = _followed_evaluation(request, slug)
    can_manage = request.user.has_perm("calls.manage_call")
    if request.method == "POST":
        require(can_manage)
    applications = selectors.evaluated_applications(evaluation)
    deciding = evaluation.phase == Phase.DECISION and can_manage
    award_form = (
        AwardForm(request.POST if "awarded" in request.POST else None, applications=applications) if deciding else None
    )
    if award_form is not None and award_form.is_bound and award_form.is_valid():
        try:
            services.award(
                actor=request.user,
                evaluation=evaluation,
                awarded=list(award_form.cleaned_data["awarded"]),
                reserve=list(award_form.cleaned_data["reserve"]),
                password=award_form.cleaned_data["password"],
            )
        except ValidationError as error:
            add_service_errors(award_form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("evaluation:ranking", slug=slug)
    awarded = [a for a in applications if a.state == "awarded"]
    coordinator_forms = []
    for application in awarded:
        bound = request.method == "POST" and request.POST.get("application") == str(application.pk)
        existing = getattr(application, "coordinator_appointment", None)
        initial = (
            {"full_name": existing.full_name, "email": existing.email, "organisation": existing.organisation_id}
            if existing
            else None
        )
        form = CoordinatorForm(
            request.POST if bound else None,
            application=application,
            initial=initial,
            prefix=f"coordinator-{application.pk}",
            guarded=existing,
        )
        if bound and form.is_valid():
            try:
                services.appoint_coordinator(
                    actor=request.user,
                    application=application,
                    full_name=form.cleaned_data["full_name"],
                    email=form.cleaned_data["email"],
                    organisation=form.cleaned_data["organisation"],
                    edit_token=form.cleaned_data["edit_token"],
                )
            except StaleEdit as stale:
                show_stale(form, stale, CoordinatorAppointment.objects.get(application=application))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The coordinator of %(a)s was appointed.") % {"a": application.acronym})
                return redirect("evaluation:ranking", slug=slug)
        appointment = getattr(application, "coordinator_appointment", None)
        coordinator_forms.append((application, appointment, form if can_manage else None))
    uncertainty = uncertainty_table(evaluation)
    return render(
        request,
        "evaluation/ranking.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "rows": ranking_table(evaluation),
            "uncertainty": uncertainty.reset_index().to_dict("records") if uncertainty is not None else [],
            "severity": severity_table(evaluation),
            "award_form": award_form,
            "can_manage": can_manage,
            "publish_form": PasswordForm() if deciding else None,
            "decided": applications.exclude(state="submitted").exists(),
            "coordinators": coordinator_forms,
        },
    )


@login_required
@require_POST
def publish(request, slug: str):
    evaluation = _manager_evaluation(request, slug)
    form = PasswordForm(request.POST)
    if form.is_valid():
        try:
            services.publish_results(actor=request.user, evaluation=evaluation, password=form.cleaned_data["password"])
        except ValidationError as error:
            _messages(request, error)
        else:
            messages.success(request, _("The results are published."))
    return redirect("evaluation:ranking", slug=slug)


@login_required
@require_POST
def request_letters(request, slug: str):
    evaluation = _manager_evaluation(request, slug)
    try:
        batch = services.request_letters(actor=request.user, evaluation=evaluation)
    except ValidationError as error:
        _messages(request, error)
        return redirect("evaluation:ranking", slug=slug)
    return redirect("evaluation:letter_batch", slug=slug, pk=batch.pk)


@login_required
def letter_batch(request, slug: str, pk: int):
    evaluation = _manager_evaluation(request, slug)
    batch = get_visible_or_404(LetterBatch.objects.filter(evaluation=evaluation), pk=pk)
    template = "evaluation/includes/batch_progress.html" if request.htmx else "evaluation/letter_batch.html"
    return render(request, template, {"evaluation": evaluation, "call": evaluation.call, "batch": batch})


@login_required
def letters_zip(request, slug: str, pk: int):
    import io
    import zipfile

    evaluation = _manager_evaluation(request, slug)
    batch = get_visible_or_404(LetterBatch.objects.filter(evaluation=evaluation, state="done"), pk=pk)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in batch.letters.select_related("application"):
            for language, field in (("en", letter.pdf_en), ("lt", letter.pdf_lt)):
                with field.open("rb") as handle:
                    archive.writestr(f"{letter.application.acronym}-decision-{language}.pdf", handle.read())
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"{slug}-decision-letters.zip")
    return response


# -- jury -----------------------------------------------------------------------------------------------------------


@login_required
def jury_home(request):
    seats = request.user.jury_seats.select_related("evaluation__call__published_version")
    return render(request, "evaluation/jury_home.html", {"seats": seats})


@login_required
def jury_call(request, slug: str):
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
    pending = Declaration.objects.none()
    deadline_form = None
    if juror.is_chair:
        pending = (
            Declaration.objects.filter(juror__evaluation=evaluation, ruling="pending")
            .exclude(juror=juror)
            .select_related("juror__user", "application")
        )
        deadline_form = DeadlineForm(zone=evaluation.call.published_version.time_zone, guarded=evaluation)
    return render(
        request,
        "evaluation/jury_call.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "juror": juror,
            "rows": rows,
            "pending": pending,
            "ruling_form": RulingForm(),
            "deadline_form": deadline_form,
            "override_form": OverrideForm(
                evaluation=evaluation, applications=selectors.evaluated_applications(evaluation)
            )
            if juror.is_chair and evaluation.panel_size
            else None,
            "next_phase": _chair_next(evaluation) if juror.is_chair else None,
        },
    )


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
        form = DeadlineForm(request.POST, zone=evaluation.call.published_version.time_zone, guarded=evaluation)
        if form.is_valid():
            if _set_deadline(request, evaluation, "clarification_deadline", form):
                messages.success(request, _("The deadline for answers was set."))
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
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
    form = OverrideForm(request.POST, evaluation=evaluation, applications=selectors.evaluated_applications(evaluation))
    if form.is_valid():
        try:
            services.override_assignment(actor=request.user, evaluation=evaluation, **form.cleaned_data)
        except ValidationError as error:
            _messages(request, error)
        else:
            messages.success(request, _("The panel was changed."))
    else:
        messages.error(request, _("Choose the juror, the application, the change and its reason."))
    return redirect("evaluation:jury_call", slug=slug)


@login_required
@require_POST
def rule(request, slug: str, pk: int):
    evaluation = _evaluation(slug)
    juror = _juror(request, evaluation)
    require(juror.is_chair)
    declaration = get_visible_or_404(
        Declaration.objects.filter(juror__evaluation=evaluation).exclude(juror=juror), pk=pk
    )
    form = RulingForm(request.POST)
    if form.is_valid():
        try:
            services.rule(
                actor=request.user,
                declaration=declaration,
                conflicted=form.cleaned_data["conflicted"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _messages(request, error)
        else:
            messages.success(request, _("The ruling was recorded."))
    else:
        messages.error(request, _("Choose a ruling and give its reason."))
    return redirect("evaluation:jury_call", slug=slug)


def _jury_application(request, slug: str, pk: int):
    evaluation = _evaluation(slug)
    juror = _juror(request, evaluation)
    application = get_visible_or_404(selectors.evaluated_applications(evaluation), pk=pk)
    return evaluation, juror, application, selectors.access(juror, application)


@login_required
def jury_application(request, slug: str, pk: int):
    evaluation, juror, application, access = _jury_application(request, slug, pk)
    if not access.declared and not access.blocked:
        return _declare(request, evaluation, juror, application)
    require(access.can_see_content)
    rights = PHASE_RIGHTS[evaluation.phase]
    review = Review.objects.filter(juror=juror, application=application).prefetch_related("scores").first()
    own = {s.criterion: s for s in review.scores.all()} if review else {}
    form = ReviewForm(request.POST or None, initial_scores=own, guarded=review)
    if request.method == "POST" and "scores" in request.POST:
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
            consensus_forms.append((criterion, ConsensusForm(initial=initial, prefix=criterion.value, guarded=entry)))
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
            "question_form": QuestionForm(),
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
            _messages(request, error)
        else:
            messages.success(request, _("Your question was sent to the applicants."))
    else:
        messages.error(request, _("Choose the criteria and write the question."))
    return redirect("evaluation:jury_application", slug=slug, pk=pk)


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
    return redirect("evaluation:jury_application", slug=slug, pk=pk)


@login_required
@require_POST
def consensus(request, slug: str, pk: int, criterion: str):
    evaluation, juror, application, access = _jury_application(request, slug, pk)
    require(access.can_see_content and juror.is_chair and criterion in Criterion.values)
    form = ConsensusForm(request.POST, prefix=criterion)
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
            _stale_inline(request, stale, f"{data['score']} · {data['strengths']} · {data['weaknesses']}")
        except ValidationError as error:
            _messages(request, error)
        else:
            messages.success(request, _("The consensus on “%(c)s” was recorded.") % {"c": Criterion(criterion).label})
    return redirect("evaluation:jury_application", slug=slug, pk=pk)


# -- applicants -----------------------------------------------------------------------------------------------------


def _own_application(request, pk: int) -> Application:
    application = get_visible_or_404(
        Application.objects.visible_to(request.user).select_related("call__published_version", "coordinator"), pk=pk
    )
    return application


@login_required
def questions(request, pk: int):
    application = _own_application(request, pk)
    from innopart.applications.rules import is_consortium_member

    require(is_consortium_member(request.user, application))
    evaluation = getattr(application.call, "evaluation", None)
    require(evaluation is not None)
    can_answer = (
        application.coordinator.memberships.filter(user=request.user).exists()
        and PHASE_RIGHTS[evaluation.phase]["answer"]
    )
    if request.method == "POST":
        require(can_answer)
        question = get_visible_or_404(Question.objects.filter(application=application), pk=request.POST.get("question"))
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer(actor=request.user, question=question, text=form.cleaned_data["text"])
            except ValidationError as error:
                _messages(request, error)
            else:
                messages.success(request, _("Your answer was sent to the jury."))
                return redirect("evaluation:questions", pk=pk)
    # Applicants see the questions and the criteria, never which juror asked.
    items = Question.objects.filter(application=application).prefetch_related("answers")
    return render(
        request,
        "evaluation/questions.html",
        {
            "application": application,
            "evaluation": evaluation,
            "questions": items,
            "can_answer": can_answer,
            "form": AnswerForm(),
        },
    )


def _letter_application(request, pk: int) -> Application:
    application = _own_application(request, pk)
    evaluation = getattr(application.call, "evaluation", None)
    from innopart.applications.rules import is_consortium_member

    if evaluation is None:
        raise Http404
    if is_consortium_member(request.user, application):
        require(evaluation.results_published_at is not None)
    else:
        require(request.user.has_perm("calls.manage_call") and application.state != "submitted")
    return application


@login_required
def decision_letter(request, pk: int):
    application = _letter_application(request, pk)
    problems = letter_problems(application)
    if problems:
        return render(
            request, "evaluation/letter_blocked.html", {"application": application, "problems": problems}, status=409
        )
    return render(request, "evaluation/letter_page.html", letter_context(application))


@login_required
def decision_letter_pdf(request, pk: int):
    application = _letter_application(request, pk)
    if letter_problems(application):
        raise PermissionDenied
    language = "lt" if (request.GET.get("lang") or translation.get_language() or "en").startswith("lt") else "en"
    stored = Letter.objects.filter(application=application).first()
    if stored is not None:
        # The letter as issued by the batch, not a fresh rendering.
        with (stored.pdf_lt if language == "lt" else stored.pdf_en).open("rb") as handle:
            pdf = handle.read()
    else:
        pdf = letter_pdf(application, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{application.acronym}-decision-{language[:2]}.pdf"
    )
    return response


# -- public ---------------------------------------------------------------------------------------------------------


def results(request, slug: str):
    evaluation = _evaluation(slug)
    if evaluation.results_published_at is None:
        raise Http404
    rows = [r for r in ranking_table(evaluation) if r["application"].state == "awarded"]
    return render(
        request,
        "evaluation/results.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "awarded": rows,
            "jurors": evaluation.jurors.select_related("user", "affiliation"),
            "count": selectors.evaluated_applications(evaluation).count(),
        },
    )
