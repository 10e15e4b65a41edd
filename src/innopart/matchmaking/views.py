from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from innopart.applications import selectors as application_selectors
from innopart.applications.views import _application

from . import selectors
from .forms import PartnerSearchForm


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
