"""Charts as Vega-Lite specs (Altair) rendered to static SVG by vl-convert: fully offline, readable with no script,
and the same spec serves the PDFs. Where script runs, `static/js/charts.js` draws the observatory's charts again from
the same spec with the vendored Vega (tooltips, pointer, click-through), under the strict CSP; the static SVG is what
it replaces, so a failure anywhere leaves the chart as it was.

Rendering takes about 50 ms a chart, and the data change only on import, so SVGs are cached by their spec.
"""

import hashlib
import html
import json
import re
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert
from django.core.cache import cache
from django.urls import reverse
from django.utils.formats import get_format, number_format

from innopart.core.templatetags.figures import figure

HIGHLIGHT = "#0b5394"
OTHER = "#9aa5b1"


# A chart's specification outlives the pages' cached drawings (a day), so their download links keep working.
SPEC_TIMEOUT = 7 * 24 * 3600


def to_svg(chart: alt.Chart, *, label: str, downloads: bool = False) -> str:
    """The chart as an SVG element with an accessible name (the page's table holds the same numbers). With
    ``downloads``, followed by links to the chart as SVG and PNG and to its data as CSV and XLSX
    (`downloads.chart`)."""
    spec = chart.to_dict()
    locale = _number_locale()
    digest = hashlib.sha256(json.dumps([spec, locale], sort_keys=True).encode()).hexdigest()
    key = "chart:" + digest
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec, format_locale=locale)
        cache.set(key, svg, timeout=24 * 3600)
    svg = hover_titles(click_through(svg))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
    if downloads:
        cache.set(f"chart-spec:{digest}", {"spec": spec, "locale": locale}, timeout=SPEC_TIMEOUT)
        live = reverse("observatory:chart_download", args=[digest, "json"])
        svg = f'<div class="chart-view" data-spec="{live}" data-label="{html.escape(label)}">{svg}</div>'
        svg += download_links(digest)
    return svg


def download_links(digest: str) -> str:
    from django.utils.html import format_html, format_html_join
    from django.utils.translation import gettext as _

    links = format_html_join(
        " · ",
        '<a href="{}" download>{}</a>',
        ((reverse("observatory:chart_download", args=[digest, fmt]), label) for fmt, label in DOWNLOADS),
    )
    return format_html('<p class="chart-downloads">{} {}</p>', _("Download:"), links)


DOWNLOADS = [("svg", "SVG"), ("png", "PNG"), ("csv", "CSV"), ("xlsx", "XLSX")]


def stored_spec(digest: str) -> dict | None:
    return cache.get(f"chart-spec:{digest}")


def chart_title(spec: dict) -> dict:
    """``{"text": ..., "subtitle": ...}`` of a chart, or of the first layer of a layered one."""
    title = spec.get("title") or next((layer.get("title") for layer in spec.get("layer", []) if "title" in layer), "")
    return title if isinstance(title, dict) else {"text": title}


def spec_rows(spec: dict) -> tuple[list[str], list[list]]:
    """The data a chart draws, as a table: each record's plain values (a map's region properties, not its
    geometry), with the chart's title and subtitle as provenance columns."""
    records = []
    for values in spec.get("datasets", {}).values():
        records.extend(values)
    records.extend(spec.get("data", {}).get("values", []) if isinstance(spec.get("data"), dict) else [])
    flat = [r.get("properties", r) if isinstance(r, dict) else {} for r in records]
    columns: list[str] = []
    for record in flat:
        columns += [k for k, v in record.items() if k not in columns and not isinstance(v, (dict, list))]
    title = chart_title(spec)
    heading = [str(title.get("text", "")), str(title.get("subtitle", ""))]
    return [*columns, "chart", "notes"], [[record.get(c) for c in columns] + heading for record in flat]


REGION_LINK = re.compile(r'<a xlink:href="[^"]*?(/observatory/regions/[A-Za-z0-9]+/)">')


def click_through(svg: str) -> str:
    """Marks with a region's address (the ``href`` channel) become plain links to its profile: a click on a bar or
    a map area opens it, with no script. Vega puts its data loader's base address in front of the path; it goes.
    The links stay out of the keyboard's tab order (300 map areas would be 300 stops): the table beside each chart
    links every region for keyboard and screen-reader users."""
    return REGION_LINK.sub(r'<a tabindex="-1" xlink:href="\1">', svg)


def _number_locale() -> dict:
    """How the chart's axes and legends write numbers: as the page around them does (Django's formats for the
    reader's language: 50,300.5 in English, 50 300,5 in Lithuanian)."""
    return {
        "decimal": get_format("DECIMAL_SEPARATOR"),
        "thousands": get_format("THOUSAND_SEPARATOR"),
        "grouping": [3],
        "currency": ["", "\u00a0€"],
    }


MARK = re.compile(r'<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="[^"]*"([^>]*?)/>')


def hover_titles(svg: str) -> str:
    """Each mark's description (the ``description`` channel) becomes an SVG <title>: the browser shows it on hover,
    with no script, so the strict CSP stays. The whole chart is one image to assistive technology (its table is the
    accessible alternative), so the marks drop their ARIA roles."""
    svg = MARK.sub(lambda m: f"<path{m.group(2)}><title>{m.group(1)}</title></path>", svg)
    return re.sub(r' role="graphics-object" aria-roledescription="[^"]*"', "", svg)


def peer_bars(
    rows: list[dict],
    *,
    column: int,
    title: str,
    subtitle: str,
    highlight: str = "",
    reference: tuple[float, str] | None = None,
) -> str | None:
    """Horizontal bars, one per region of a peer comparison (see `selectors.peer_comparison`), highest first, with
    full region names, each bar linked to its region; ``reference`` (value, label) draws a dashed line, the EU's
    reference, described on hover."""
    records = []
    for row in rows:
        cell = row["cells"][column]
        if not cell:
            continue
        name = f"{row['code']} {row['name']}"
        records.append(
            {
                "region": name,
                "member": row["member"],
                "value": cell["value"],
                "year": cell["year"],
                "highlight": row["member"] == highlight,
                "url": reverse("observatory:region", args=[row["code"]]) if row.get("name") else "",
                "label": f"{name}: {figure(cell['value'], cell.get('decimals', 1))} ({cell['year']})",
            }
        )
    data = pd.DataFrame(records)
    if data.empty:
        return None
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=None),
            # Full names: the axis may be as wide as the longest (no "Vidurio ir vakarų Lietu…").
            y=alt.Y("region:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
            color=alt.Color(
                "highlight:N", scale=alt.Scale(domain=[True, False], range=[HIGHLIGHT, OTHER]), legend=None
            ),
            description="label:N",
            href="url:N",
        )
    )
    layers = [bars]
    if reference is not None:
        line = pd.DataFrame([{"value": reference[0], "label": reference[1]}])
        layers.append(
            alt.Chart(line)
            .mark_rule(color="#1b1f24", strokeDash=[4, 3], strokeWidth=1.5)
            .encode(x="value:Q", description="label:N")
        )
        subtitle = f"{subtitle}. {reference[1]}"
    chart = alt.layer(*layers, title=alt.Title(title, subtitle=subtitle, anchor="start")).properties(
        width=360, height=alt.Step(16)
    )
    return to_svg(chart, label=f"{title}. {subtitle}", downloads=True)


def dimension_bars(rows: list[dict], *, region: str, title: str, subtitle: str, eu_label: str) -> str | None:
    """Figure 3: the region's score on each dimension (0-1) beside the EU average, one pair of bars per dimension."""
    data = pd.DataFrame(
        [
            {"dimension": row["name"], "who": who, "score": value, "label": f"{row['name']}, {who}: {value:.2f}"}
            for row in rows
            if row["scored"]
            for who, value in ((region, row["score"]), (eu_label, row["eu"]))
            if value is not None
        ]
    )
    if data.empty:
        return None
    chart = (
        alt.Chart(data, title=alt.Title(title, subtitle=subtitle, anchor="start"))
        .mark_bar()
        .encode(
            x=alt.X("score:Q", title=None, scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("who:N", title=None, sort=[region, eu_label]),
            row=alt.Row("dimension:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
            color=alt.Color(
                "who:N",
                scale=alt.Scale(domain=[region, eu_label], range=[HIGHLIGHT, OTHER]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            description="label:N",
        )
        .properties(width=360, height=alt.Step(14))
    )
    return to_svg(chart, label=f"{title}. {subtitle}", downloads=True)


def index_vs_stars(points: list[dict], *, title: str, subtitle: str, thresholds: dict, labels: dict) -> str | None:
    """Figure 4: total index against total cluster stars, one point per region, coloured by the region type,
    with the typology's thresholds drawn as rules."""
    data = pd.DataFrame(
        [
            {key: p[key] for key in ("code", "index", "stars", "type")}
            | {"label": f"{p['code']} ({p['member']}): {p['stars']} stars, index {p['index']:.3f}"}
            for p in points
            if p["index"] is not None and p["stars"] is not None
        ]
    )
    if data.empty:
        return None
    data["type"] = data["type"].map(lambda t: str(labels.get(t, labels["other"])))
    base = alt.Chart(data, title=alt.Title(title, subtitle=subtitle, anchor="start"))
    dots = base.mark_circle(size=70).encode(
        x=alt.X("stars:Q", title=str(labels["x"])),
        y=alt.Y("index:Q", title=str(labels["y"]), scale=alt.Scale(zero=False)),
        color=alt.Color("type:N", legend=alt.Legend(title=None, orient="bottom", columns=1)),
        description="label:N",
    )
    text = base.mark_text(align="left", dx=6, fontSize=10).encode(x="stars:Q", y="index:Q", text="code:N")
    rules = [
        alt.Chart(pd.DataFrame({"v": [value]})).mark_rule(strokeDash=[4, 3], color="#666").encode(**{axis: "v:Q"})
        for axis, value in (
            ("x", thresholds["many_stars"]),
            ("x", thresholds["few_stars"]),
            ("y", thresholds["moderate"]),
            ("y", thresholds["high"]),
        )
    ]
    chart = alt.layer(dots, text, *rules).properties(width=420, height=300)
    return to_svg(chart, label=f"{title}. {subtitle}", downloads=True)


GEOJSON = Path(__file__).resolve().parent / "data" / "nuts2_2021_20m.geojson"
# Mainland Europe and nearby islands; the outermost regions (Canaries, Azores, Madeira, French overseas) would
# shrink the map to nothing, so they are listed in the table instead.
EXTENT = {"lon": (-25.0, 45.0), "lat": (34.0, 72.0)}


@lru_cache(maxsize=1)
def _features() -> tuple[list, tuple[str, ...]]:
    collection = json.loads(GEOJSON.read_text(encoding="utf-8"))
    shown, left_out = [], []

    def points(coords):
        if isinstance(coords[0], (int, float)):
            yield coords
        else:
            for c in coords:
                yield from points(c)

    for feature in collection["features"]:
        xs, ys = zip(*points(feature["geometry"]["coordinates"]), strict=True)
        lon, lat = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        inside = EXTENT["lon"][0] <= lon <= EXTENT["lon"][1] and EXTENT["lat"][0] <= lat <= EXTENT["lat"][1]
        (shown if inside else left_out).append(feature if inside else feature["properties"]["id"])
    return shown, tuple(left_out)


def outermost() -> tuple[str, ...]:
    return _features()[1]


def choropleth(
    values: dict[str, float],
    *,
    title: str,
    subtitle: str,
    no_data: str,
    decimals: int | None = None,
    country: str = "",
    classes_from: list[float] | None = None,
) -> str:
    """NUTS-2 regions (NUTS 2021, GISCO 1:20 million) coloured by quantiles of ``values``; regions without a value
    in grey. Lambert azimuthal equal-area centred on Europe, like Eurostat's maps."""
    # Keyed by the inputs: building and validating a spec with 300 polygons takes longer than drawing it cached.
    locale = _number_locale()
    key = (
        "map:"
        + hashlib.sha256(
            json.dumps(
                [sorted(values.items()), title, subtitle, no_data, decimals, locale, country, classes_from]
            ).encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    features, _ = _features()
    if country:  # zoom: Vega fits the projection to the features it is given
        features = [f for f in features if f["properties"]["id"].startswith(country)]
    data = []
    for f in features:
        value = values.get(f["properties"]["id"])
        shown = _shown(value, decimals)
        label = f"{f['properties']['id']} {f['properties']['name']}: {shown}"
        # Only regions with a value are links: they have a profile (a region of the drawing may have no record).
        url = reverse("observatory:region", args=[f["properties"]["id"]]) if value is not None else ""
        data.append({**f, "properties": {**f["properties"], "value": value, "label": label, "url": url}})
    base = alt.Chart(alt.InlineData(values=data), title=alt.Title(title, subtitle=subtitle, anchor="start"))
    empty = (
        base.mark_geoshape(stroke="white", strokeWidth=0.3, fill="#d9dde3")
        .transform_filter("!isValid(datum.properties.value)")
        .transform_calculate(label="datum.properties.label")
        .encode(description="label:N")
    )
    filled = (
        base.mark_geoshape(stroke="white", strokeWidth=0.3)
        .transform_filter("isValid(datum.properties.value)")
        .transform_calculate(label="datum.properties.label", url="datum.properties.url")
        .encode(
            href="url:N",
            color=alt.Color(
                "properties.value:Q",
                scale=alt.Scale(type="quantile", scheme="blues", domain=sorted(classes_from))
                if classes_from
                else alt.Scale(type="quantile", scheme="blues"),
                # Class breaks rounded to the indicator's decimals (a legend of 0.2928 tells a reader nothing more).
                legend=alt.Legend(title=None, orient="left", format=",.4~g" if decimals is None else f",.{decimals}f"),
            ),
            description="label:N",
        )
    )
    chart = (
        alt.layer(empty, filled)
        .project(type="azimuthalEqualArea", rotate=[-10, -52, 0])
        .properties(width=560, height=520)
    )
    svg = to_svg(chart, label=f"{title}. {subtitle}. {no_data}", downloads=True)
    cache.set(key, svg, timeout=24 * 3600)
    return svg


def _shown(value: float | None, decimals: int | None) -> str:
    """A region's value on hover: as the page's table writes it, or with four significant digits for a series
    without decimals of its own."""
    if value is None or decimals is not None:
        return figure(value, decimals)
    return number_format(float(f"{value:.4g}"), use_l10n=True, force_grouping=True)
