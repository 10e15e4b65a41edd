from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.calls import selectors as call_selectors
from innopart.core import audit
from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.forms import add_service_errors
from innopart.core.steps import progress
from innopart.core.tables import Column, Table
from innopart.organisations.models import Organisation

from . import selectors, services
from .enums import APPLICATION_NEXT_STEPS, APPLICATION_STEPS, SECTION_GUIDANCE, SectionKind
from .forms import (
    DetailsForm,
    PartnerForm,
    PartnerUpdateForm,
    PlanForm,
    SectionForm,
    StartApplicationForm,
    WithdrawForm,
)
from .models import Application, Partner, Section


def _application(request, pk: int, perm: str = "applications.view_application") -> Application:
    application = get_visible_or_404(
        selectors.application_for_pages(Application.objects.visible_to(request.user)), pk=pk
    )
    require(request.user.has_perm(perm, application))
    return application


@login_required
def dashboard(request):
    return render(
        request,
        "applications/dashboard.html",
        {
            "applications": selectors.applications_of_user(request.user),
            "calls": call_selectors.open_calls(),
        },
    )


@login_required
def start(request, slug: str):
    call = get_visible_or_404(call_selectors.published_calls(), slug=slug)
    require(request.user.has_perm("applications.apply"))
    form = StartApplicationForm(request.POST or None, user=request.user, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application was created as a draft."))
            return redirect("applications:detail", pk=application.pk)
    if not form.fields["coordinator"].queryset.exists():
        messages.info(request, _("You need to belong to an organisation to apply."))
    return render(request, "applications/start.html", {"form": form, "call": call, "open": call.is_open()})


@login_required
def detail(request, pk: int):
    application = _application(request, pk)
    state = selectors.readiness(application)
    user = request.user
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "version": application.call.published_version,
            "call_open": application.call.is_open(),
            "sections": sorted(application.sections.all(), key=lambda s: s.order),
            "readiness": state,
            "can_edit": user.has_perm("applications.edit_content", application),
            "can_manage": user.has_perm("applications.manage_consortium", application),
            "can_submit": user.has_perm("applications.submit", application),
            "can_withdraw": user.has_perm("applications.withdraw", application),
            "history": audit.history(application)[:30],
            "evaluation": getattr(application.call, "evaluation", None),
            "has_questions": application.questions.exists(),
            "snapshots": application.snapshots.order_by("-number"),
            "progress": progress(APPLICATION_STEPS, application.state, APPLICATION_NEXT_STEPS, at="decided"),
        },
    )


@login_required
def edit_details(request, pk: int):
    application = _application(request, pk, "applications.manage_consortium")
    form = DetailsForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(
                actor=request.user,
                application=application,
                data=form.cleaned_data,
                edit_token=form.cleaned_data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, Application.objects.get(pk=application.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The details were saved."))
            return redirect("applications:detail", pk=application.pk)
    return render(request, "applications/edit_details.html", {"form": form, "application": application})


@login_required
def edit_section(request, pk: int, kind: str):
    application = _application(request, pk, "applications.edit_content")
    section = get_visible_or_404(Section.objects.filter(application=application), kind=kind)
    step = selectors.SECTION_ORDER.index(kind) + 1
    next_kind = selectors.SECTION_ORDER[step] if step < len(selectors.SECTION_ORDER) else None
    conflict = None
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                services.save_section(
                    actor=request.user,
                    section=section,
                    body=form.cleaned_data["body"],
                    expected_version=form.cleaned_data["version"],
                )
            except services.EditConflict as error:
                conflict = error
                # Keep the user's text in the box; offer the stored text beside it; the next save wins knowingly.
                form = SectionForm(
                    initial={
                        "body": form.cleaned_data["body"],
                        "version": Section.objects.get(pk=section.pk).version,
                    }
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The section “%(s)s” was saved.") % {"s": section.get_kind_display()})
                if "continue" not in request.POST:
                    return redirect("applications:detail", pk=application.pk)
                # Save and continue: the next section, and after the last one the resource plan it introduces.
                if next_kind:
                    return redirect("applications:section", pk=application.pk, kind=next_kind)
                return redirect("applications:plan", pk=application.pk)
    else:
        form = SectionForm(initial={"body": section.body, "version": section.version})
    return render(
        request,
        "applications/edit_section.html",
        {
            "application": application,
            "section": section,
            "form": form,
            "conflict": conflict,
            "guidance": SECTION_GUIDANCE[SectionKind(kind)],
            "step": step,
            "steps": len(selectors.SECTION_ORDER),
            "next_kind": next_kind,
        },
    )


@login_required
def partners(request, pk: int):
    application = _application(request, pk)
    can_manage = request.user.has_perm("applications.manage_consortium", application)
    # A suggestion's "Add to the consortium" link preselects the organisation.
    initial = {"organisation": request.GET.get("organisation")} if request.GET.get("organisation") else {}
    form = PartnerForm(request.POST or None, request.FILES or None, application=application, initial=initial)
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_partner(
                    actor=request.user,
                    application=application,
                    organisation=data["organisation"],
                    contribution=data["contribution"],
                    is_key_partner=data["is_key_partner"],
                    letter=data["letter"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(org)s was added to the consortium.") % {"org": data["organisation"]})
                return redirect("applications:partners", pk=application.pk)
    return render(
        request,
        "applications/partners.html",
        {
            "application": application,
            "form": form,
            "can_manage": can_manage,
            "readiness": selectors.readiness(application),
        },
    )


@login_required
def eligibility_preview(request, pk: int):
    """HTMX fragment: what adding the organisation chosen in the partner form would change."""
    application = _application(request, pk, "applications.manage_consortium")
    organisation = Organisation.objects.filter(pk=_int_or(request.GET.get("organisation"), default=0)).first()
    context = {"organisation": organisation}
    if organisation is not None:
        before, after = selectors.eligibility_with(
            application, organisation, is_key_partner=request.GET.get("is_key_partner") == "on"
        )
        context["fixes"] = [a for b, a in zip(before, after, strict=True) if not b.passed and a.passed]
        context["still_failing"] = [a for a in after if not a.passed]
    return render(request, "applications/includes/eligibility_preview.html", context)


def _partner(request, application: Application, partner_pk: int) -> Partner:
    return get_visible_or_404(application.partners.select_related("organisation"), pk=partner_pk)


@login_required
def edit_partner(request, pk: int, partner_pk: int):
    application = _application(request, pk, "applications.edit_content")
    partner = _partner(request, application, partner_pk)
    from .rules import organisation_ids

    # The coordinator manages everyone; a partner may update its own entry (its letter, its role text).
    require(
        request.user.has_perm("applications.manage_consortium", application)
        or partner.organisation_id in organisation_ids(request.user)
    )
    form = PartnerUpdateForm(
        request.POST or None,
        request.FILES or None,
        initial={"contribution": partner.contribution, "is_key_partner": partner.is_key_partner},
        guarded=partner,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partner(actor=request.user, partner=partner, **form.cleaned_data)
        except StaleEdit as stale:
            show_stale(form, stale, Partner.objects.get(pk=partner.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(org)s was updated.") % {"org": partner.organisation})
            return redirect("applications:partners", pk=application.pk)
    return render(
        request,
        "applications/edit_partner.html",
        {"application": application, "partner": partner, "form": form},
    )


@login_required
@require_POST
def remove_partner(request, pk: int, partner_pk: int):
    application = _application(request, pk, "applications.manage_consortium")
    partner = _partner(request, application, partner_pk)
    try:
        services.remove_partner(actor=request.user, partner=partner)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(org)s was removed from the consortium.") % {"org": partner.organisation})
    return redirect("applications:partners", pk=application.pk)


@login_required
def letter(request, pk: int, partner_pk: int):
    application = _application(request, pk)
    partner = _partner(request, application, partner_pk)
    require(bool(partner.commitment_letter))
    return FileResponse(
        partner.commitment_letter.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{application.acronym}-{partner.organisation.short_name or partner.pk}-letter.pdf",
    )


@login_required
def plan(request, pk: int):
    application = _application(request, pk)
    can_edit = request.user.has_perm("applications.manage_consortium", application)
    version = application.call.published_version
    conflict = False
    if request.method == "POST":
        require(can_edit)
        years = _bounded_int(request.POST.get("duration_years"), default=version.max_years)
        form = PlanForm(request.POST, application=application, years=years)
        if form.is_valid() and "refresh" not in request.POST:
            try:
                services.save_plan(
                    actor=request.user,
                    application=application,
                    duration_years=form.cleaned_data["duration_years"],
                    cells=form.cleaned_data["cells"],
                    expected_version=_int_or(request.POST.get("plan_version"), default=-1),
                )
            except services.EditConflict:
                conflict = True
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The resource plan was saved."))
                return redirect("applications:plan", pk=application.pk)
    else:
        years = application.duration_years or version.min_years
        form = PlanForm(initial={"duration_years": years}, application=application, years=years)
    return render(
        request,
        "applications/plan.html",
        {
            "application": application,
            "form": form,
            "summary": selectors.plan_summary(application),
            "can_edit": can_edit,
            "version": version,
            "conflict": conflict,
        },
    )


def _int_or(value, *, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _bounded_int(value, *, default: int) -> int:
    """The number of year columns to draw: whatever was typed, kept within 1-15."""
    return max(1, min(15, _int_or(value, default=default)))


@login_required
@require_POST
def submit(request, pk: int):
    application = _application(request, pk, "applications.submit")
    try:
        snapshot = services.submit_application(actor=request.user, application=application)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your application was submitted (version %(n)d).") % {"n": snapshot.number})
    return redirect("applications:detail", pk=application.pk)


@login_required
def withdraw(request, pk: int):
    application = _application(request, pk, "applications.withdraw")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_application(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The application was withdrawn."))
            return redirect("applications:detail", pk=application.pk)
    return render(request, "applications/withdraw.html", {"application": application, "form": form})


@login_required
def snapshot(request, pk: int, number: int):
    application = _application(request, pk)
    snap = get_visible_or_404(application.snapshots.select_related("call_version"), number=number)
    sections = [(SectionKind(k).label, snap.data["sections"].get(k, "")) for k in SectionKind.values]
    return render(
        request,
        "applications/snapshot.html",
        {"application": application, "snapshot": snap, "sections": sections},
    )


@login_required
def ministry_list(request, slug: str):
    require(request.user.has_perm("calls.manage_call"))
    call = get_visible_or_404(call_selectors.managed_calls(), slug=slug)
    language = "lt" if translation.get_language() == "lt" else "en"
    table = Table(
        request,
        selectors.applications_for_ministry(call),
        columns=[
            Column("acronym", _("Application"), "acronym"),
            Column("coordinator", _("Coordinator"), "coordinator__name"),
            Column("field", _("Thematic field"), f"thematic_field__name_{language}"),
            Column("partners", _("Partners"), "partner_count", numeric=True),
            Column("research", _("Research partners"), "research_count", numeric=True),
            Column("state", _("State"), "state"),
            Column("submitted", _("Submitted"), "submitted_at"),
        ],
        search=["acronym", "title", "coordinator__name"],
        default="submitted",
    )
    return render(request, "applications/ministry_list.html", {"call": call, "table": table})
