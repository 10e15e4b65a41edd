"""Analysts' refreshes from Eurostat: ask for one (the task worker fetches and applies it), follow it, and see
when each dataset was last refreshed."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from innopart.core.access import get_visible_or_404, require

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
    recent = DatasetRefresh.objects.select_related("indicator", "requested_by")[:20]
    return render(
        request,
        "observatory/refreshes.html",
        {"form": form, "latest": sorted(latest.values(), key=lambda r: r.dataset), "recent": recent},
    )


@login_required
def refresh(request, pk: int):
    require(request.user.has_perm("observatory.import_data"))
    found = get_visible_or_404(DatasetRefresh.objects.select_related("indicator"), pk=pk)
    template = "observatory/includes/refresh_progress.html" if request.htmx else "observatory/refresh.html"
    return render(request, template, {"refresh": found, "summary": eurostat.summary(found)})
