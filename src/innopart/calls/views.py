from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.forms import add_service_errors
from innopart.core.steps import progress

from . import selectors, services
from .enums import CALL_NEXT_STEPS, CALL_STEPS, CallStatus, EligibilityRule
from .forms import CallForm
from .models import Call, CallVersion


def public_list(request):
    return render(request, "calls/public_list.html", selectors.calls_by_status())


def public_detail(request, slug: str):
    call = get_visible_or_404(selectors.published_calls(), slug=slug)
    return render(
        request,
        "calls/public_detail.html",
        {
            "call": call,
            "version": call.published_version,
            "status": CallStatus(call.published_version.status()),
            "rules": _rule_rows(call.published_version.eligibility),
            "history": selectors.version_history(call),
        },
    )


def _rule_rows(eligibility: dict) -> list[tuple[str, int]]:
    return [(rule.label, eligibility.get(rule.value, 0)) for rule in EligibilityRule]


def _managed_call(request, slug: str) -> Call:
    require(request.user.has_perm("calls.manage_call"))
    return get_visible_or_404(selectors.managed_calls(), slug=slug)


@login_required
def manage_list(request):
    require(request.user.has_perm("calls.manage_call"))
    calls = selectors.managed_calls().annotate(
        submitted=Count("applications", filter=Q(applications__state="submitted"))
    )
    return render(request, "calls/manage_list.html", {"calls": calls})


@login_required
def create(request):
    require(request.user.has_perm("calls.manage_call"))
    form = CallForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.create_call(
                actor=request.user,
                slug=form.cleaned_data["slug"],
                data=form.to_service_data(),
                thematic_fields=form.cleaned_data["thematic_fields"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call was saved as a draft."))
            return redirect("calls:manage_detail", slug=call.slug)
    return render(request, "calls/edit.html", {"form": form, "creating": True})


@login_required
def manage_detail(request, slug: str):
    call = _managed_call(request, slug)
    return render(
        request,
        "calls/manage_detail.html",
        {
            "call": call,
            "version": call.current,
            "rules": _rule_rows(call.current.eligibility),
            "history": selectors.version_history(call),
            "audit": services.audit.history(call)[:20],
            "progress": progress(CALL_STEPS, call.step(), CALL_NEXT_STEPS, at=CallStatus.CLOSED),
        },
    )


@login_required
def edit(request, slug: str):
    call = _managed_call(request, slug)
    version = call.draft_version
    if version is None:
        messages.error(request, _("A published call cannot be edited. Start a correction to change it."))
        return redirect("calls:manage_detail", slug=call.slug)
    form = CallForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call_draft(
                actor=request.user,
                call=call,
                data=form.to_service_data(),
                thematic_fields=form.cleaned_data["thematic_fields"],
                edit_token=form.cleaned_data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, CallVersion.objects.get(pk=version.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("calls:manage_detail", slug=call.slug)
    return render(request, "calls/edit.html", {"form": form, "call": call, "version": version})


@login_required
@require_POST
def publish(request, slug: str):
    call = _managed_call(request, slug)
    try:
        version = services.publish_call(actor=request.user, call=call)
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Version %(n)s of the call is published.") % {"n": version.number})
    return redirect("calls:manage_detail", slug=call.slug)


@login_required
@require_POST
def correct(request, slug: str):
    call = _managed_call(request, slug)
    try:
        services.start_correction(actor=request.user, call=call)
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect("calls:manage_detail", slug=call.slug)
    return redirect("calls:edit", slug=call.slug)


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{msg}" for msgs in error.message_dict.values() for msg in msgs]
    return list(error.messages)
