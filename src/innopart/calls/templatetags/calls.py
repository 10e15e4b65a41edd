"""Pieces of the calls app that other apps' pages show: the home page lists the calls through this tag, so the
shared core app composes its page without importing a domain app."""

from django import template

from innopart.calls.enums import CallStatus
from innopart.calls.selectors import calls_by_status

register = template.Library()


@register.inclusion_tag("calls/includes/current_calls.html")
def current_call_cards(limit: int = 5):
    """The calls open now, then those announced and opening later; never one whose deadline has passed."""
    grouped = calls_by_status()
    return {"open": grouped[CallStatus.OPEN][:limit], "upcoming": grouped[CallStatus.UPCOMING][:limit]}
