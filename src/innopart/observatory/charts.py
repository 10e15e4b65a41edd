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
