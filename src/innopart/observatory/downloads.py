"""The observatory's downloads: every chart as SVG or PNG and the data it draws as CSV or XLSX (the chart's own
specification, kept when the page drew it by `charts.to_svg(downloads=True)`, rendered again by vl-convert), and the
tables of a region profile and of the map as CSV or XLSX, exactly as shown, with their provenance."""

import vl_convert
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innopart.core.exports import FORMATS, table_response
from innopart.core.templatetags.figures import figure

from .charts import chart_title, spec_rows, stored_spec


def chart(request, key: str, fmt: str):
    stored = stored_spec(key)
    if stored is None or fmt not in {"svg", "png", "json", *FORMATS}:
        raise Http404(_("This chart is no longer kept: reload the page it was on."))
    spec, locale = stored["spec"], stored["locale"]
    if fmt == "json":  # for the page's script, which draws the chart again in the browser (static/js/charts.js)
        return JsonResponse({"spec": spec, "locale": locale})
    name = slugify(str(chart_title(spec).get("text", "")))[:60] or "chart"
    if fmt in FORMATS:
        header, rows = spec_rows(spec)
        return table_response(name, fmt, header, rows)
    if fmt == "svg":
        answer = HttpResponse(vl_convert.vegalite_to_svg(spec, format_locale=locale), content_type="image/svg+xml")
    else:
        answer = HttpResponse(vl_convert.vegalite_to_png(spec, scale=2, format_locale=locale), content_type="image/png")
    answer["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return answer


def profile_table(region, public: dict, fmt: str):
    """The profile's indicator tables as CSV or XLSX: exactly the figures shown, with their provenance."""
    header = [
        _("Theme"),
        _("Indicator"),
        _("Indicator code"),
        _("Unit"),
        _("Year"),
        _("Value as shown"),
        _("Value"),
        _("Median of the EU's regions"),
        _("Flags"),
        _("Source dataset"),
        _("Licence"),
    ]
    rows = [
        [
            str(section["theme"]),
            row["indicator"].name,
            row["indicator"].code,
            row["indicator"].unit_words,
            row["year"],
            figure(row["value"], row["indicator"]),
            row["value"],
            row["eu_median"],
            ", ".join(row["flags"]),
            row["indicator"].dataset or row["indicator"].source,
            row["indicator"].licence,
        ]
        for section in public["sections"]
        for row in section["rows"]
    ]
    return table_response(f"profile-{region.code}", fmt, header, rows)


def map_table(figures_: dict, rows: list[dict], fmt: str):
    """The map's values as CSV or XLSX, as its table shows them: ``rows`` are every page's, searched and sorted."""
    found = figures_["found"]
    header = [_("Region code"), _("Region"), _("Value as shown"), _("Value"), _("Year"), _("Unit"), _("Source")]
    rows = [
        [
            r["code"],
            r["name"],
            figure(r["value"], found.get("decimals")),
            r["value"],
            found["year"] or "",
            found["unit"],
            found["source"],
        ]
        for r in rows
    ]
    return table_response(slugify(figures_["label"])[:60] or "map", fmt, header, rows)
