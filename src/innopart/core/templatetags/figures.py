"""Numbers as people read them: `{{ value|figure:indicator }}` with the indicator's decimals, grouped and
separated as the reader's language writes them (50,300.5 in English, 50 300,5 in Lithuanian)."""

import math

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value, decimals=None):
    """``decimals`` is a number or anything with a ``decimals`` attribute (an indicator); a missing value is a
    dash."""
    if value is None or value == "":
        return "\u2013"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    if not math.isfinite(number):
        return "\u2013"
    places = getattr(decimals, "decimals", decimals)
    places = 2 if places is None or places == "" else int(places)
    return number_format(round(number, places), places, use_l10n=True, force_grouping=True)
