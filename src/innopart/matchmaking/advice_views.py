from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.accounts.enums import Role
from innopart.accounts.models import User
from innopart.applications import selectors as application_selectors
from innopart.applications.views import _application
from innopart.core.access import get_visible_or_404, require
from innopart.core.forms import add_service_errors

from . import advice
from .forms import AdviserCommentForm, GrantAdviceForm
from .models import AdviserComment


@login_required
def applicant_advice(request, pk: int):
    """For the consortium: who may advise, their comments to resolve; the coordinator grants and revokes."""
    application = _application(request, pk)
    can_grant = request.user.has_perm("applications.manage_consortium", application)
    advisers = User.objects.filter(role_assignments__role=Role.AGENCY_ADVISER, is_active=True).order_by("full_name")
    form = GrantAdviceForm(advisers=advisers)
    if request.method == "POST":
        require(can_grant)
        if "revoke" in request.POST:
            consent = get_visible_or_404(application.advice.filter(revoked_at__isnull=True), pk=request.POST["revoke"])
            advice.revoke(actor=request.user, consent=consent)
            return redirect("matchmaking:applicant_advice", pk=pk)
        form = GrantAdviceForm(request.POST, advisers=advisers)
        if form.is_valid():
            adviser = form.cleaned_data["adviser"]
            try:
                advice.grant(actor=request.user, application=application, adviser=adviser)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("%(name)s can now read the draft and comment.") % {"name": adviser})
            return redirect("matchmaking:applicant_advice", pk=pk)
    return render(
        request,
        "matchmaking/applicant_advice.html",
        {
            "application": application,
            "consents": application.advice.filter(revoked_at__isnull=True).select_related("adviser"),
            "advisers": advisers,
            "form": form,
            "comments": AdviserComment.objects.filter(application=application).select_related("author"),
            "can_grant": can_grant,
        },
    )


@login_required
@require_POST
def resolve(request, pk: int, comment: int):
    application = _application(request, pk, "applications.edit_content")
    note = get_visible_or_404(
        AdviserComment.objects.filter(application=application, resolved_at__isnull=True), pk=comment
    )
    advice.resolve(actor=request.user, note=note)
    return redirect("matchmaking:applicant_advice", pk=pk)


@login_required
def adviser_home(request):
    require(request.user.has_role(Role.AGENCY_ADVISER))
    return render(
        request,
        "matchmaking/adviser_home.html",
        {"applications": advice.consented_applications(request.user).select_related("call", "coordinator")},
    )


@login_required
def adviser_application(request, pk: int):
    """The draft as the adviser reads it, comments per section, and the requirements checklist."""
    application = get_visible_or_404(
        application_selectors.application_for_pages(advice.consented_applications(request.user)), pk=pk
    )
    sent: dict[str, AdviserCommentForm] = {}
    if request.method == "POST" and "item" in request.POST:
        try:
            advice.tick(
                actor=request.user,
                application=application,
                item=request.POST["item"],
                ok=request.POST.get("ok") == "1",
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect("matchmaking:adviser_application", pk=pk)
    kinds = {s.kind: s for s in application.sections.all()}
    if request.method == "POST":
        section = kinds.get(request.POST.get("section", ""))
        if section is None:  # a section this application does not have: no form on the page to answer beside
            messages.error(request, _("Choose a section of this application."))
            return redirect("matchmaking:adviser_application", pk=pk)
        # A comment that is wrong (or only checked) comes back under its section with its message and its text.
        form = sent[section.kind] = _comment_form(section, request.POST)
        if form.is_valid():
            try:
                advice.comment(
                    actor=request.user, application=application, section=section.kind, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("matchmaking:adviser_application", pk=pk)
    comments = AdviserComment.objects.filter(application=application).select_related("author")
    sections = sorted(application.sections.all(), key=lambda s: s.order)
    return render(
        request,
        "matchmaking/adviser_application.html",
        {
            "application": application,
            "sections": [
                (s, [c for c in comments if c.section == s.kind], sent.get(s.kind) or _comment_form(s))
                for s in sections
            ],
            "general": [c for c in comments if not c.section],
            "checklist": advice.checklist(application),
            "plan": application_selectors.plan_summary(application),
        },
    )


def _comment_form(section, data=None) -> AdviserCommentForm:
    """One form per section, with ids of its own and the section named in its label."""
    form = AdviserCommentForm(data, auto_id=f"comment-{section.kind}-%s")
    form.fields["text"].label = _("Comment on “%(s)s”") % {"s": section.get_kind_display()}
    return form
