from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.applications import selectors as application_selectors
from innopart.applications.views import _application
from innopart.core.access import get_visible_or_404
from innopart.core.forms import add_service_errors
from innopart.organisations.models import Organisation

from . import selectors, services
from .forms import ContactRequestForm, PartnerSearchForm
from .models import ContactRequest


@login_required
def find_partners(request, pk: int):
    """For the coordinator of a draft: what the consortium lacks, who would close it and why, and a search."""
    application = _application(request, pk, "applications.manage_consortium")
    form = PartnerSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        results = selectors.search(
            text=data["text"],
            type_=data["type"],
            country=data["country"],
            exclude=[p.organisation_id for p in application.partners.all()],
        )
    readiness = application_selectors.readiness(application)
    return render(
        request,
        "matchmaking/find_partners.html",
        {
            "application": application,
            "gaps": [r for r in readiness.eligibility if not r.passed],
            "suggestions": selectors.suggestions(application),
            "form": form,
            "results": results,
        },
    )


@login_required
def contact_new(request):
    """Ask an organisation that agreed to be contacted for a talk; others are not found (404)."""
    recipient = get_visible_or_404(Organisation.objects.filter(is_contactable=True), pk=request.GET.get("to"))
    form = ContactRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_request(
                actor=request.user,
                sender=form.cleaned_data["sender"],
                recipient=recipient,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to %(org)s.") % {"org": recipient.name})
            return redirect("matchmaking:contacts")
    return render(request, "matchmaking/contact_new.html", {"form": form, "recipient": recipient})


@login_required
def contacts(request):
    """Requests to and from the user's organisations."""
    mine = Organisation.objects.of_user(request.user)
    related = ContactRequest.objects.select_related("sender", "recipient")
    return render(
        request,
        "matchmaking/contacts.html",
        {
            "incoming": related.filter(recipient__in=mine),
            "outgoing": related.filter(sender__in=mine),
        },
    )


@login_required
@require_POST
def answer(request, pk: int):
    contact = get_visible_or_404(
        ContactRequest.objects.filter(recipient__memberships__user=request.user).distinct(), pk=pk
    )
    try:
        services.answer(actor=request.user, request=contact, accept=request.POST.get("accept") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("matchmaking:contacts")
