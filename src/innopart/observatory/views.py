from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopart.core.access import get_visible_or_404, require

from . import change_index
from .charts import dimension_bars, index_vs_stars, peer_bars
from .cluster_map import region_stars
from .derived import DERIVED
from .derived import latest as latest_derived
from .forms import IndexSpecForm, TypologyForm, UploadForm
from .importers import ImportRejected, import_tidy
from .models import IndexRun, Indicator, NutsChange, PeerGroup, Region
from .selectors import FIGURE_1, FIGURE_2, latest_values, peer_comparison

SHOWN_ERRORS = 200


def catalogue(request):
    """The data catalogue: every indicator with its source, licence, years and coverage."""
    indicators = Indicator.objects.annotate(
        first=Min("observations__year"),
        last=Max("observations__year"),
        values=Count("observations"),
        regions=Count("observations__region", distinct=True),
    )
    can_import = request.user.has_perm("observatory.import_data")
    return render(
        request,
        "observatory/catalogue.html",
        {
            "indicators": indicators,
            "can_import": can_import,
            "peer_groups": PeerGroup.objects.all(),
        },
    )


@login_required
def upload(request):
    require(request.user.has_perm("observatory.import_data"))
    form, errors = UploadForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = import_tidy(
                data["rows"], actor=request.user, create_indicators=data["new_indicators"], label=data["file"].name
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)d values added, %(updated)d changed, %(unchanged)d unchanged, "
                    "%(skipped)d not available."
                )
                % vars(report),
            )
            return redirect("observatory:catalogue")
    return render(
        request,
        "observatory/upload.html",
        {
            "form": form,
            "errors": errors[:SHOWN_ERRORS],
            "error_count": len(errors),
            "more": max(0, len(errors) - SHOWN_ERRORS),
        },
    )


def peer_group(request, slug):
    """The briefing's Figures 1 and 2 for a peer group, redone with the latest shipped data: charts and tables."""
    group = get_visible_or_404(PeerGroup.objects.all(), slug=slug)
    labels = list(group.members.values_list("label", flat=True))
    highlight = request.GET.get("highlight", "Lithuania")
    highlight = highlight if highlight in labels else ""
    tables = []
    for title, codes in ((_("Economy"), FIGURE_1), (_("Innovation"), FIGURE_2)):
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
        ordered = [indicators.get(code) or Indicator(code=code) for code in codes]
        rows = peer_comparison(group, codes)
        charts = [
            peer_bars(
                rows,
                column=column,
                title=f"{indicator.code} ({indicator.unit})" if indicator.unit else indicator.code,
                subtitle=_("Source: Eurostat, %(dataset)s; latest year per region") % {"dataset": indicator.source},
                highlight=highlight,
            )
            for column, indicator in enumerate(ordered)
        ]
        tables.append(
            {"title": title, "indicators": ordered, "rows": rows, "charts": [mark_safe(c) for c in charts if c]}
        )
    typology = TypologyForm(request.GET if "many_stars" in request.GET else None)
    figure4 = region_typology(group, typology.thresholds())
    return render(
        request,
        "observatory/peer_group.html",
        {
            "group": group,
            "tables": tables,
            "labels": labels,
            "highlight": highlight,
            "typology": typology,
            **figure4,
        },
    )


TYPE_LABELS = {
    "cluster_rich": gettext_lazy("Many cluster stars, moderate industrial change"),
    "moderate": gettext_lazy("Moderate on both"),
    "leader": gettext_lazy("Industrial-change leader"),
    "other": gettext_lazy("Between the types"),
}


def region_typology(group, thresholds: dict) -> dict:
    """Figure 4 for a peer group: each NUTS region's total index and total stars, and its type."""
    import pandas as pd

    from innopart.analytics.industrial_change import INDEX, region_types

    data = change_index.latest()
    if not data:
        return {"figure4": None, "points": []}
    points = []
    for member in group.members.all():
        for code in member.codes:
            stars = region_stars(code)
            score = data["scores"].get(code, {}).get(INDEX)
            points.append({"member": member.label, "code": code, "index": score, "stars": stars and stars["total"]})
    kinds = region_types(
        pd.Series([p["index"] for p in points], dtype=float),
        pd.Series([p["stars"] for p in points], dtype=float),
        **thresholds,
    )
    for point, kind in zip(points, kinds, strict=True):
        point["type"] = kind
        point["type_label"] = TYPE_LABELS.get(kind, "") if kind else ""
    chart = index_vs_stars(
        points,
        title=_("Industrial change (total index) and cluster stars (total)"),
        subtitle=_("Index: reconstruction on Eurostat data, computation %(run)s; stars: reconstruction on SBS 2015")
        % {"run": data["run"]},
        thresholds=thresholds,
        labels={**TYPE_LABELS, "x": _("Cluster stars"), "y": _("Industrial-change index (0-1)")},
    )
    return {"figure4": mark_safe(chart) if chart else None, "points": points}


def industrial_change(request):
    """The index: what it is built from (and what it lacks), the EU ranking with rank intervals, past runs."""
    data = change_index.latest()
    rows = []
    if data:
        names = dict(Region.objects.filter(code__in=list(data["scores"])).values_list("code", "name"))
        dims = [d for d in data["dimensions"] if d["scored"]]
        for code, scores in data["scores"].items():
            ua = data["uncertainty"].get(code, {})
            rows.append(
                {
                    "code": code,
                    "name": names.get(code, ""),
                    "index": scores["Index"],
                    "rank": data["ranks"][code]["Index"],
                    "q5": ua.get("Q5"),
                    "q95": ua.get("Q95"),
                    "dims": [scores.get(d["code"]) for d in dims],
                }
            )
        rows.sort(key=lambda r: (r["rank"] is None, r["rank"]))
        for d in data["dimensions"]:
            d["label"] = change_index.dimension_name(d)
    return render(
        request,
        "observatory/industrial_change.html",
        {
            "data": data,
            "rows": rows,
            "dims": [d for d in data["dimensions"] if d["scored"]] if data else [],
            "runs": IndexRun.objects.select_related("requested_by")[:10],
            "can_edit": request.user.has_perm("observatory.edit_index"),
        },
    )


@login_required
def edit_index(request):
    require(request.user.has_perm("observatory.edit_index"))
    form = IndexSpecForm(request.POST or None, initial={"spec": change_index.current_spec()})
    if request.method == "POST" and form.is_valid():
        run = change_index.request(actor=request.user, text=form.cleaned_data["spec"], note=form.cleaned_data["note"])
        return redirect("observatory:index_run", pk=run.pk)
    return render(request, "observatory/index_edit.html", {"form": form})


def index_run(request, pk: int):
    run = get_visible_or_404(IndexRun.objects.all(), pk=pk)
    template = "observatory/includes/run_progress.html" if request.htmx else "observatory/index_run.html"
    return render(request, template, {"run": run})


def region(request, code):
    """A region's profile: where it sits in NUTS, the latest value of every indicator, and its cluster stars."""
    region = get_visible_or_404(Region.objects.all(), code=code)
    indicators = list(Indicator.objects.all())
    latest = latest_values([region.code], [i.code for i in indicators])
    values = [(i, latest[(region.code, i.code)]) for i in indicators if (region.code, i.code) in latest]
    parent = Region.objects.filter(code=region.code[:-1]).first() if region.level > 0 else None
    children = Region.objects.filter(code__startswith=region.code, level=region.level + 1)
    groups = [
        g for g in PeerGroup.objects.prefetch_related("members") if any(region.code in m.codes for m in g.members.all())
    ]
    dimensions = change_index.region_scores(region.code)
    figure3 = dimensions and dimension_bars(
        dimensions["rows"],
        region=region.code,
        title=_("Composite indicators for industrial change: %(name)s") % {"name": region.name},
        subtitle=_("Scores 0-1 against the EU average; reconstruction on Eurostat data"),
        eu_label=_("EU average"),
    )
    return render(
        request,
        "observatory/region.html",
        {
            "region": region,
            "values": values,
            "parent": parent,
            "children": children,
            "groups": groups,
            "stars": region_stars(region.code),
            "dimensions": dimensions,
            "figure3": mark_safe(figure3) if figure3 else None,
            "earlier": NutsChange.objects.filter(new_code=region.code),
            "later": NutsChange.objects.filter(old_code=region.code),
            "derived": [(d, found) for d in DERIVED.values() if (found := latest_derived(d, [region.code]))],
        },
    )
