"""Regions side by side: every indicator under its theme, the latest value of each region with its year, and the
same figures as a CSV with their provenance (what the page shows is what the file holds)."""

from innopart.core.templatetags.figures import figure

from .models import Indicator, Region
from .profile import by_theme, flag_words
from .selectors import latest_values

MIN_REGIONS, MAX_REGIONS = 2, 6


def comparison(regions: list[Region]) -> list[dict]:
    """``[{"theme", "rows": [{"indicator", "cells": [cell or None per region]}]}]``; an indicator none of the
    regions has is left out."""
    codes = [r.code for r in regions]
    indicators = list(Indicator.objects.all())
    latest = latest_values(codes, [i.code for i in indicators])
    rows = []
    for indicator in indicators:
        cells = [latest.get((code, indicator.code)) for code in codes]
        if any(cells):
            rows.append({"indicator": indicator, "cells": [c and c | {"flags": flag_words(c["flag"])} for c in cells]})
    return by_theme(rows)


def export_rows(regions: list[Region], sections: list[dict]) -> list[list]:
    """One line per region and indicator shown: the figure as the page rounds it and as stored, with provenance."""
    rows = []
    for section in sections:
        for row in section["rows"]:
            indicator = row["indicator"]
            for region, cell in zip(regions, row["cells"], strict=True):
                if cell is None:
                    continue
                rows.append(
                    [
                        str(section["theme"]),
                        indicator.name,
                        indicator.code,
                        indicator.unit_words,
                        region.code,
                        region.name,
                        cell["year"],
                        figure(cell["value"], indicator),  # as the page writes it
                        cell["value"],
                        "; ".join(cell["flags"]),
                        indicator.dataset or indicator.source,
                        indicator.licence,
                    ]
                )
    return rows
