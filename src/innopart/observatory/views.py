from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404, require

from .charts import peer_bars
from .cluster_map import region_stars
from .derived import DERIVED
from .derived import latest as latest_derived
from .forms import UploadForm
from .importers import ImportRejected, import_tidy
from .models import Indicator, NutsChange, PeerGroup, Region
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
    return render(
        request,
        "observatory/peer_group.html",
        {"group": group, "tables": tables, "labels": labels, "highlight": highlight},
    )


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
            "earlier": NutsChange.objects.filter(new_code=region.code),
            "later": NutsChange.objects.filter(old_code=region.code),
            "derived": [(d, found) for d in DERIVED.values() if (found := latest_derived(d, [region.code]))],
        },
    )
