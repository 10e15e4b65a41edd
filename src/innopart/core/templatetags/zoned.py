"""Moments as the clock reads them where they are decided: `{{ version.deadline|in_zone:version.time_zone }}`.

Django's `date` filter shows an aware moment in the reader's active time zone, whatever zone the value carries, so a
deadline converted to a call's zone and then passed to `date` is shown in the server's zone under the call's label.
This filter formats in the zone it is given."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import dateformat, timezone

register = template.Library()


@register.filter(expects_localtime=False)
def in_zone(value, zone: str) -> str:
    """The moment in `zone` as "2026-05-01 08:00" (ISO order, read alike in English and Lithuanian); "" for none."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value, ZoneInfo(zone)), "Y-m-d H:i")


@register.filter(expects_localtime=False)
def time_in_zone(value, zone: str) -> str:
    """The time of day in `zone`, as "08:00": a meeting slot on the day its event names."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value, ZoneInfo(zone)), "H:i")
