"""The briefing's figures as inline SVG with their tables: Figures 1-2 (peer comparison), Figure 3 (the seven
dimensions of a region) and Figure 4 (index against stars, with the region types). Pages and the briefing PDF
share them."""

from collections import Counter
from statistics import median

import pandas as pd
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopart.analytics.industrial_change import INDEX, region_types
from innopart.core.templatetags.figures import figure

from . import change_index, profile
from .charts import dimension_bars, index_vs_stars, peer_bars
from .cluster_map import region_stars
from .models import Indicator, Observation
from .selectors import FIGURE_1, FIGURE_2, peer_comparison


def peer_tables(group, highlight: str = "") -> list[dict]:
    """Figure 1 (economy) and Figure 2 (innovation) for the group: a chart per indicator and one table each."""
    tables = []
    for title, codes in ((_("Economy"), FIGURE_1), (_("Innovation"), FIGURE_2)):
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
        ordered = [indicators.get(code) or Indicator(code=code) for code in codes]
        rows = peer_comparison(group, codes)
        for row in rows:  # each figure with its indicator's decimals and its flags in words
            for cell, indicator in zip(row["cells"], ordered, strict=True):
                if cell:
                    cell |= {"decimals": indicator.decimals, "flags": profile.flag_words(cell.get("flag", ""))}
        charts = [
            peer_bars(
                rows,
                column=column,
                title=f"{indicator.short_name} ({indicator.unit_words})"
                if indicator.unit_words
                else indicator.short_name,
                subtitle=_("Source: Eurostat, %(dataset)s; latest year per region")
                % {"dataset": indicator.dataset or indicator.source},
                highlight=highlight,
                reference=_eu_reference(indicator, rows, column),
            )
            for column, indicator in enumerate(ordered)
        ]
        tables.append(
            {"title": title, "indicators": ordered, "rows": rows, "charts": [mark_safe(c) for c in charts if c]}
        )
    return tables


def _eu_reference(indicator: Indicator, rows: list[dict], column: int) -> tuple[float, str] | None:
    """The median of the EU's NUTS-2 regions in the year most of the group's values come from (the EU's own
    aggregate is not in the shipped data), as the dashed line of a peer chart."""
    years = Counter(row["cells"][column]["year"] for row in rows if row["cells"][column])
    if not years or not indicator.pk:
        return None
    year = years.most_common(1)[0][0]
    values = list(
        Observation.objects.filter(
            indicator=indicator, year=year, region__level=2, region__in_nuts2021=True
        ).values_list("value", flat=True)
    )
    if len(values) < profile.MIN_REGIONS:
        return None
    middle = median(values)
    return middle, _("Dashed line: median of the EU's regions in %(year)s, %(value)s") % {
        "year": year,
        "value": figure(middle, indicator),
    }


def figure3(region, dimensions: dict | None):
    if not dimensions:
        return None
    chart = dimension_bars(
        dimensions["rows"],
        region=region.code,
        title=_("Composite indicators for industrial change: %(name)s") % {"name": region.name},
        subtitle=_("Scores 0-1 against the EU average; reconstruction on Eurostat data"),
        eu_label=_("EU average"),
    )
    return mark_safe(chart) if chart else None


TYPE_LABELS = {
    "cluster_rich": gettext_lazy("Many cluster stars, moderate industrial change"),
    "moderate": gettext_lazy("Moderate on both"),
    "leader": gettext_lazy("Industrial-change leader"),
    "other": gettext_lazy("Between the types"),
}


def region_typology(group, thresholds: dict) -> dict:
    """Figure 4 for a peer group: each NUTS region's total index and total stars, and its type."""
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


def _chart_title(indicator: Indicator) -> str:
    return f"{indicator.short_name} ({indicator.unit_words})" if indicator.unit_words else indicator.short_name
