"""The partnership's charts, as static SVG like every chart of the platform (see observatory.charts)."""

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from innopart.observatory.charts import HIGHLIGHT, OTHER, to_svg


def money_chart(rows) -> str | None:
    """Grant by year: agreed, released and paid side by side."""
    data = pd.DataFrame(
        [
            {
                "year": str(r.calendar_year),
                "what": what,
                "eur": float(value),
                "label": f"{r.calendar_year} {what}: EUR {value:,.0f}",
            }
            for r in rows
            for what, value in ((_("agreed"), r.grant), (_("released"), r.released), (_("paid"), r.paid))
        ]
    )
    if data.empty:
        return None
    title = _("Grant per year (EUR)")
    chart = (
        alt.Chart(data, title=alt.Title(title, anchor="start"))
        .mark_bar()
        .encode(
            x=alt.X("year:N", title=None),
            xOffset=alt.XOffset("what:N", sort=[_("agreed"), _("released"), _("paid")]),
            y=alt.Y("eur:Q", title=None),
            color=alt.Color(
                "what:N",
                sort=[_("agreed"), _("released"), _("paid")],
                scale=alt.Scale(range=[OTHER, HIGHLIGHT, "#1e6b35"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            description="label:N",
        )
        .properties(width=420, height=200)
    )
    return to_svg(chart, label=title)


def kpi_chart(row, start_year: int) -> str | None:
    """Target and actual of one KPI over the agreement years."""
    points = []
    for cell in row.cells:
        year = str(start_year + cell["year"] - 1)
        if cell["target"] is not None:
            points.append({"year": year, "what": _("target"), "value": float(cell["target"])})
        if cell["actual"] is not None:
            points.append({"year": year, "what": _("actual"), "value": float(cell["actual"].value)})
    if not points:
        return None
    data = pd.DataFrame(points)
    data["label"] = data["year"] + " " + data["what"] + ": " + data["value"].map("{:,.1f}".format)
    title = row.kpi.get_kind_display()
    chart = (
        alt.Chart(data, title=alt.Title(title, subtitle=row.kpi.get_unit_display(), anchor="start"))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:N", title=None),
            y=alt.Y("value:Q", title=None),
            color=alt.Color(
                "what:N",
                scale=alt.Scale(domain=[_("target"), _("actual")], range=[OTHER, HIGHLIGHT]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            strokeDash=alt.StrokeDash("what:N", legend=None),
            description="label:N",
        )
        .properties(width=300, height=160)
    )
    return to_svg(chart, label=f"{title} ({row.kpi.get_unit_display()})")


def projection_chart(rows: list[dict], target: float) -> str:
    """Own-resources share (actual, then projected) against the public share and the self-funding target."""
    points = []
    for r in rows:
        points.append({"year": str(r["calendar_year"]), "what": _("own resources"), "share": r["own_share"] * 100})
        points.append({"year": str(r["calendar_year"]), "what": _("public grant"), "share": r["public_share"] * 100})
    data = pd.DataFrame(points)
    data["label"] = data["year"] + " " + data["what"] + ": " + data["share"].map("{:.0f}%".format)
    title = _("Share of the budget (%)")
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:N", title=None),
            y=alt.Y("share:Q", title=None, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "what:N", scale=alt.Scale(range=[HIGHLIGHT, OTHER]), legend=alt.Legend(title=None, orient="bottom")
            ),
            description="label:N",
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"share": [target * 100]}))
        .mark_rule(strokeDash=[4, 4], color="#b3261e")
        .encode(y="share:Q")
    )
    chart = (lines + rule).properties(width=420, height=200, title=alt.Title(title, anchor="start"))
    return to_svg(chart, label=title)
