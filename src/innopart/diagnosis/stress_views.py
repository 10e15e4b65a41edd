from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale

from . import stress
from .forms import AnswersForm, AssessmentForm, QuestionForm
from .models import StressAssessment, StressQuestion


def _can_view(user) -> bool:
    return user.has_perm("diagnosis.view_stress_test")


@login_required
def overview(request):
    """Every assessment, a new one, and the choice of assessments to compare."""
    require(_can_view(request.user))
    can_answer = request.user.has_perm("diagnosis.answer_stress_test")
    form = AssessmentForm(request.POST or None)
    if request.method == "POST":
        require(can_answer)
        if form.is_valid():
            data = form.cleaned_data
            assessment = stress.create_assessment(
                actor=request.user, region=data["region"], year=data["year"], note=data["note"]
            )
            return redirect("diagnosis:stress_assessment", pk=assessment.pk)
    assessments = list(StressAssessment.objects.select_related("region"))
    for a in assessments:
        a.result = stress.scores(a)
    return render(
        request,
        "diagnosis/stress_overview.html",
        {"assessments": assessments, "form": form if can_answer else None},
    )


@login_required
def assessment(request, pk):
    require(_can_view(request.user))
    assessment = get_visible_or_404(StressAssessment.objects.select_related("region"), pk=pk)
    can_answer = request.user.has_perm("diagnosis.answer_stress_test")
    form = AnswersForm(
        request.POST or None,
        questions=stress.questions_for(assessment),
        answers=assessment.answers.all(),
        guarded=assessment,
    )
    if request.method == "POST":
        require(can_answer)
        if form.is_valid():
            try:
                changed = stress.save_answers(
                    actor=request.user,
                    assessment=assessment,
                    answers=form.answers(),
                    edit_token=form.cleaned_data["edit_token"],
                )
            except StaleEdit as stale:
                show_stale(form, stale, StressAssessment.objects.get(pk=pk))
            else:
                messages.success(request, _("%(n)d answers saved.") % {"n": changed})
                return redirect("diagnosis:stress_assessment", pk=pk)
    return render(
        request,
        "diagnosis/stress_assessment.html",
        {"assessment": assessment, "form": form, "result": stress.scores(assessment), "can_answer": can_answer},
    )


@login_required
def compare(request):
    """Module scores side by side for the chosen assessments (regions and years)."""
    require(_can_view(request.user))
    chosen = list(
        StressAssessment.objects.select_related("region").filter(
            pk__in=[v for v in request.GET.getlist("a") if v.isdigit()]
        )
    )
    results = [(a, stress.scores(a)) for a in chosen]
    modules = []
    if results:
        names = {m["code"]: m["name"] for _a, r in results for m in r["modules"]}
        for code, name in sorted(names.items()):
            modules.append(
                {
                    "code": code,
                    "name": name,
                    "cells": [next((m for m in r["modules"] if m["code"] == code), None) for _a, r in results],
                }
            )
    return render(request, "diagnosis/stress_compare.html", {"results": results, "modules": modules})


@login_required
def questions(request):
    require(_can_view(request.user))
    return render(
        request,
        "diagnosis/stress_questions.html",
        {
            "questions": StressQuestion.objects.all(),
            "can_edit": request.user.has_perm("diagnosis.answer_stress_test"),
        },
    )


@login_required
def question(request, pk=None):
    require(request.user.has_perm("diagnosis.answer_stress_test"))
    instance = get_visible_or_404(StressQuestion.objects.all(), pk=pk) if pk else None
    form = QuestionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            stress.save_question(
                actor=request.user,
                question=form.save(commit=False),
                fields=form.checked_fields,
                edit_token=form.cleaned_data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, StressQuestion.objects.get(pk=instance.pk))
        else:
            messages.success(request, _("Question saved."))
            return redirect("diagnosis:stress_questions")
    return render(request, "diagnosis/stress_question.html", {"form": form, "question": instance})
