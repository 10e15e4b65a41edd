"""Charts as Vega-Lite specs (Altair) rendered to static SVG by vl-convert: fully offline, no script on the page
(our CSP allows none inline), and the same spec will serve the briefing PDF.

Rendering takes about 50 ms a chart, and the data change only on import, so SVGs are cached by their spec.
"""

import hashlib
import html
import json

import altair as alt
import pandas as pd
import vl_convert
from django.core.cache import cache

HIGHLIGHT = "#0b5394"
OTHER = "#9aa5b1"


def to_svg(chart: alt.Chart, *, label: str) -> str:
    """The chart as an SVG element with an accessible name (the page's table holds the same numbers)."""
    spec = chart.to_dict()
    key = "chart:" + hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, timeout=24 * 3600)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def peer_bars(rows: list[dict], *, column: int, title: str, subtitle: str, highlight: str = "") -> str | None:
    """Horizontal bars, one per region of a peer comparison (see `selectors.peer_comparison`), highest first."""
    data = pd.DataFrame(
        [
            {
                "region": f"{row['code']} {row['name']}"[:40],
                "member": row["member"],
                "value": row["cells"][column]["value"],
                "year": row["cells"][column]["year"],
                "highlight": row["member"] == highlight,
            }
            for row in rows
            if row["cells"][column]
        ]
    )
    if data.empty:
        return None
    chart = (
        alt.Chart(data, title=alt.Title(title, subtitle=subtitle, anchor="start"))
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=None),
            y=alt.Y("region:N", sort="-x", title=None),
            color=alt.Color(
                "highlight:N", scale=alt.Scale(domain=[True, False], range=[HIGHLIGHT, OTHER]), legend=None
            ),
        )
        .properties(width=360, height=alt.Step(16))
    )
    return to_svg(chart, label=f"{title}. {subtitle}")


def dimension_bars(rows: list[dict], *, region: str, title: str, subtitle: str, eu_label: str) -> str | None:
    """Figure 3: the region's score on each dimension (0-1) beside the EU average, one pair of bars per dimension."""
    data = pd.DataFrame(
        [
            {"dimension": row["name"], "who": who, "score": value}
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
        )
        .properties(width=360, height=alt.Step(14))
    )
    return to_svg(chart, label=f"{title}. {subtitle}")


def index_vs_stars(points: list[dict], *, title: str, subtitle: str, thresholds: dict, labels: dict) -> str | None:
    """Figure 4: total index against total cluster stars, one point per region, coloured by the region type,
    with the typology's thresholds drawn as rules."""
    data = pd.DataFrame(
        [
            {key: p[key] for key in ("code", "index", "stars", "type")}
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
    return to_svg(chart, label=f"{title}. {subtitle}")
