"""Is the region improving? Each indicator's values over the years the data hold, as a sparkline (a small SVG
drawn here: no script, no chart engine for thirty lines) and in words."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from innopart.core.templatetags.figures import figure

from .models import Observation

# A change smaller than this share of the series' own range reads as steady.
STEADY = 0.05
WIDTH, HEIGHT, PAD = 96, 24, 3


def series(region_code: str) -> dict[str, list[tuple[int, float]]]:
    """Every indicator's values for the region, by year (one query)."""
    found: dict[str, list[tuple[int, float]]] = {}
    rows = Observation.objects.filter(region__code=region_code).order_by("indicator__code", "year")
    for code, year, value in rows.values_list("indicator__code", "year", "value"):
        found.setdefault(code, []).append((year, value))
    return found


def trend(points: list[tuple[int, float]], indicator) -> dict | None:
    """First and last year and value, the direction in words (better or worse where the indicator has a
    direction), and the sparkline; None for fewer than two years."""
    if len(points) < 2:
        return None
    (first_year, first), (last_year, last) = points[0], points[-1]
    values = [v for _y, v in points]
    spread = max(values) - min(values)
    change = last - first
    if spread == 0 or abs(change) < STEADY * spread:
        moved, verdict = _("steady"), None
    else:
        moved = _("up") if change > 0 else _("down")
        better = indicator.higher_is_better
        verdict = None if better is None else (_("better") if (change > 0) == better else _("worse"))
    words = _("%(moved)s since %(year)d") % {"moved": moved, "year": first_year}
    label = _("Trend %(first_year)d-%(last_year)d: from %(first)s to %(last)s, %(moved)s") % {
        "first_year": first_year,
        "last_year": last_year,
        "first": figure(first, indicator),
        "last": figure(last, indicator),
        "moved": moved,
    }
    return {
        "first_year": first_year,
        "first": first,
        "last_year": last_year,
        "last": last,
        "words": words,
        "verdict": verdict,
        "sparkline": sparkline(points, label=label),
    }


def sparkline(points: list[tuple[int, float]], *, label: str) -> str:
    years = [y for y, _v in points]
    values = [v for _y, v in points]
    low, high = min(values), max(values)
    span_x, span_y = (years[-1] - years[0]) or 1, (high - low) or 1

    def x(year: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * (year - years[0]) / span_x

    def y(value: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / span_y

    line = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in points)
    return format_html(
        '<svg class="sparkline" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">'
        '<title>{}</title><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{}"/>'
        '<circle cx="{}" cy="{}" r="2.2" fill="currentColor"/></svg>',
        label,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        label,
        line,
        f"{x(years[-1]):.1f}",
        f"{y(values[-1]):.1f}",
    )
