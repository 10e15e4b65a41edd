"""Analysts' refreshes from Eurostat: ask for one (the task worker fetches and applies it), follow it, and see
when each dataset was last refreshed."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404, require
from innopart.core.tables import Column, Table

from . import eurostat
from .forms import RefreshForm
from .models import DatasetRefresh


@login_required
def refreshes(request):
    require(request.user.has_perm("observatory.import_data"))
    form = RefreshForm(request.POST or None, initial={"dataset": request.GET.get("dataset", "")[:60]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            refresh = eurostat.request(
                dataset=data["dataset"].strip(),
                indicator=data["indicator"],
                filters=data["parsed_filters"],
                actor=request.user,
            )
            transaction.on_commit(lambda: eurostat.refresh_dataset.enqueue(refresh.pk))
        return redirect("observatory:refresh", pk=refresh.pk)
    latest: dict[str, DatasetRefresh] = {}
    for done in DatasetRefresh.objects.filter(state=DatasetRefresh.State.DONE).select_related("indicator")[:500]:
        latest.setdefault(done.dataset, done)
    # Every refresh ever asked for, newest first: years of them once a ministry refreshes monthly.
    history = Table(
        request,
        DatasetRefresh.objects.select_related("indicator", "requested_by"),
        columns=[
            Column("asked", _("Asked"), "created_at"),
            Column("dataset", _("Dataset"), "dataset"),
            Column("indicator", _("Indicator")),
            Column("by", _("Asked by"), "requested_by__full_name"),
            Column("state", _("State"), "state"),
            Column("added", _("Added"), "added", numeric=True),
            Column("changed", _("Changed"), "changed", numeric=True),
        ],
        search=["dataset", "label", "indicator__code", "indicator__name_en", "indicator__name_lt"],
        default="-asked",
        per_page=20,
    )
    return render(
        request,
        "observatory/refreshes.html",
        {"form": form, "latest": sorted(latest.values(), key=lambda r: r.dataset), "table": history},
    )


@login_required
def refresh(request, pk: int):
    require(request.user.has_perm("observatory.import_data"))
    found = get_visible_or_404(DatasetRefresh.objects.select_related("indicator"), pk=pk)
    template = "observatory/includes/refresh_progress.html" if request.htmx else "observatory/refresh.html"
    return render(request, template, {"refresh": found, "summary": eurostat.summary(found)})
