"""Pages of the applicants (questions, decision letters) and the public results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from innopart.applications.models import Application
from innopart.core.access import get_visible_or_404, require
from innopart.core.forms import add_service_errors
from innopart.core.tables import Column, Table

from .. import selectors, services
from ..enums import PHASE_RIGHTS
from ..forms import (
    AnswerForm,
)
from ..letters import letter_context, letter_pdf, letter_problems
from ..models import (
    Letter,
    Question,
)
from ..ranking import ranking_table, with_applications
from .common import _evaluation

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
    sent: dict = {}
    if request.method == "POST":
        require(can_answer)
        question = get_visible_or_404(Question.objects.filter(application=application), pk=request.POST.get("question"))
        # The answer is sent to this page: when it is wrong (or only checked) the page comes back with it under its
        # question, the message beside it and the text as typed.
        form = _answer_form(question, request.POST)
        sent = {question.pk: form}
        if form.is_valid():
            try:
                services.answer(actor=request.user, question=question, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your answer was sent to the jury."))
                return redirect("evaluation:questions", pk=pk)
    # Applicants see the questions and the criteria, never which juror asked.
    items = [
        (q, (sent.get(q.pk) or _answer_form(q)) if can_answer else None)
        for q in Question.objects.filter(application=application).prefetch_related("answers")
    ]
    return render(
        request,
        "evaluation/questions.html",
        {
            "application": application,
            "evaluation": evaluation,
            "questions": items,
            "can_answer": can_answer,
            "zone": application.call.published_version.time_zone,
        },
    )


def _answer_form(question: Question, data=None) -> AnswerForm:
    """One form per question, with ids of its own (the answer's box is `answer-<question>-text`)."""
    return AnswerForm(data, auto_id=f"answer-{question.pk}-%s")


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
    rows = with_applications(r for r in ranking_table(evaluation) if r["state"] == "awarded")
    return render(
        request,
        "evaluation/results.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "awarded": rows,
            # An expert pool can be 15,000 people: the public list pages and searches like any other.
            "jurors": Table(
                request,
                evaluation.jurors.select_related("user", "affiliation"),
                columns=[
                    Column("name", _("Name"), "user__full_name"),
                    Column("sector", _("Sector"), "sector"),
                    Column("affiliation", _("Affiliation"), "affiliation__name"),
                    Column("role", _("Role"), "is_chair"),
                ],
                search=["user__full_name", "affiliation__name"],
                default="name",
                prefix="j",
            ),
            "count": selectors.evaluated_applications(evaluation).count(),
        },
    )
