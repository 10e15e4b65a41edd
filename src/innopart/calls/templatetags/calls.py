"""Pieces of the calls app that other apps' pages show: the home page lists the published calls through this tag,
so the shared core app composes its page without importing a domain app."""

from django import template

from innopart.calls.selectors import published_calls

register = template.Library()


@register.inclusion_tag("calls/includes/call_cards.html")
def published_call_cards(limit: int = 5):
    return {"calls": published_calls()[:limit]}
