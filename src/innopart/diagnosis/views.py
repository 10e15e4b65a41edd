from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale

from . import briefing, services
from .enums import PEST, SWOT
from .forms import FORMS, DiagnosisForm
from .models import Challenge, Diagnosis, Item, Measure, Objective
from .selectors import items_with_evidence, visible_diagnoses

MODELS = {"item": Item, "challenge": Challenge, "objective": Objective, "measure": Measure}


def _diagnosis(request, slug) -> Diagnosis:
    return get_visible_or_404(visible_diagnoses(request.user).select_related("region", "peer_group"), slug=slug)


def diagnosis_list(request):
    return render(
        request,
        "diagnosis/list.html",
        {
            "diagnoses": visible_diagnoses(request.user).select_related("region"),
            "can_edit": request.user.has_perm("diagnosis.edit"),
        },
    )


def detail(request, slug):
    """The workspace: PEST and SWOT with evidence, and the chain from challenges to measures."""
    diagnosis = _diagnosis(request, slug)
    items = items_with_evidence(diagnosis)
    by_category = {c: [i for i in items if i.category == c] for c in [*PEST, *SWOT]}
    can_edit = request.user.has_perm("diagnosis.edit")
    return render(
        request,
        "diagnosis/detail.html",
        {
            "diagnosis": diagnosis,
            "pest": [(c, by_category[c]) for c in PEST],
            "swot": [(c, by_category[c]) for c in SWOT],
            "challenges": diagnosis.challenges.prefetch_related("items"),
            "objectives": diagnosis.objectives.prefetch_related("challenges"),
            "measures": diagnosis.measures.prefetch_related("objectives").select_related("call"),
            "can_edit": can_edit,
            "forms": {kind: form(prefix=kind, **_extra(kind, diagnosis)) for kind, form in FORMS.items()}
            if can_edit
            else {},
        },
    )


def _extra(kind: str, diagnosis) -> dict:
    return {} if kind == "item" else {"diagnosis": diagnosis}


@login_required
def edit(request, slug=None):
    require(request.user.has_perm("diagnosis.edit"))
    diagnosis = _diagnosis(request, slug) if slug else None
    form = DiagnosisForm(request.POST or None, instance=diagnosis)
    if request.method == "POST" and form.is_valid():
        try:
            diagnosis = services.save_diagnosis(
                actor=request.user,
                diagnosis=form.save(commit=False),
                fields=form.checked_fields,
                edit_token=form.cleaned_data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, Diagnosis.objects.get(pk=diagnosis.pk))
        else:
            messages.success(request, _("Diagnosis saved."))
            return redirect("diagnosis:detail", slug=diagnosis.slug)
    return render(request, "diagnosis/edit.html", {"form": form, "diagnosis": diagnosis})


@login_required
@require_POST
def publish(request, slug):
    require(request.user.has_perm("diagnosis.edit"))
    diagnosis = _diagnosis(request, slug)
    services.set_published(actor=request.user, diagnosis=diagnosis, published=request.POST.get("publish") == "1")
    return redirect("diagnosis:detail", slug=slug)


@login_required
def part(request, slug, kind, pk=None):
    """Add or change a PEST/SWOT item, a challenge, an objective or a measure."""
    require(request.user.has_perm("diagnosis.edit") and kind in FORMS)
    diagnosis = _diagnosis(request, slug)
    instance = get_visible_or_404(MODELS[kind].objects.filter(diagnosis=diagnosis), pk=pk) if pk else None
    form = FORMS[kind](request.POST or None, instance=instance, prefix=kind, **_extra(kind, diagnosis))
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.diagnosis = diagnosis
        try:
            services.save_part(
                actor=request.user,
                part=obj,
                links=form.links() if kind != "item" else None,
                fields=form.checked_fields,
                edit_token=form.cleaned_data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, MODELS[kind].objects.get(pk=obj.pk))
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{diagnosis_url(diagnosis)}#{kind}s")
    return render(
        request, "diagnosis/part.html", {"form": form, "diagnosis": diagnosis, "kind": kind, "part": instance}
    )


def diagnosis_url(diagnosis) -> str:
    from django.urls import reverse

    return reverse("diagnosis:detail", args=[diagnosis.slug])


@login_required
@require_POST
def delete_part(request, slug, kind, pk):
    require(request.user.has_perm("diagnosis.edit") and kind in MODELS)
    diagnosis = _diagnosis(request, slug)
    services.delete_part(
        actor=request.user, part=get_visible_or_404(MODELS[kind].objects.filter(diagnosis=diagnosis), pk=pk)
    )
    messages.success(request, _("Deleted."))
    return redirect(f"{diagnosis_url(diagnosis)}#{kind}s")


def briefing_html(request, slug):
    diagnosis = _diagnosis(request, slug)
    return render(request, "diagnosis/briefing.html", briefing.context(diagnosis, pdf=False))


def briefing_pdf(request, slug):
    diagnosis = _diagnosis(request, slug)
    response = HttpResponse(briefing.pdf(diagnosis), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"briefing-{diagnosis.slug}.pdf")
    return response
