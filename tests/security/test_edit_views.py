"""Every view that shows a form pre-filled from a stored object must refuse a stale save.

The views are enumerated from the URL configuration. A view that builds a form with `instance=` or `initial=` is an
edit view unless it is listed below as something else (a filter, a create form with defaults); an edit view passes
when each form it pre-fills from a stored object is a `GuardedForm` (innopart.core.concurrency) or carries a
`version` field (the sections), or when it passes an `expected_version` to its service (the resource plan). (Forms
that create something new, or record a decision on a submitted item, are not pre-filled and need no token.)
NOT_YET_GUARDED lists edit views still to convert; it is empty and may only stay so: a listed view that became
guarded fails the test until it is taken off the list.
"""

import inspect
import re

from django import forms
from django.template.loader import get_template
from django.urls import URLPattern, URLResolver, get_resolver

from innopart.core.concurrency import GuardedForm

NOT_EDITS = {
    "applications.views.partners": "adds a new partner; the initial values are suggestions",
    "observatory.views.region_map": "a filter (indicator, year) read from the query string",
    "observatory.refresh_views.refreshes": "asks for a new refresh; the dataset code may come from the link",
    "partnerships.monitoring_views.projection": "the projection's assumptions, a filter read from the query string",
    "partnerships.views.pay": "records a new payment; the amount shown is a suggestion",
    "partnerships.views.prepare": "prepares a new agreement from the awarded plan",
    "partnerships.views.agreement": "an amendment is a new version; signed versions never change",
}

NOT_YET_GUARDED: set[str] = set()


def _views():
    def walk(patterns):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns)
            elif isinstance(entry, URLPattern):
                yield inspect.unwrap(entry.callback)

    seen = set()
    for view in walk(get_resolver().url_patterns):
        if not inspect.isfunction(view):
            continue  # class-based views of Django and the API framework: no form edits a stored object there
        name = f"{view.__module__.removeprefix('innopart.')}.{view.__name__}"
        if view.__module__.startswith("innopart.") and name not in seen:
            seen.add(name)
            yield name, view


def _forms_built(view) -> list[type]:
    module = inspect.getmodule(view)
    source = inspect.getsource(view)
    names = set(re.findall(r"\b([A-Z]\w*Form)\(", source))
    found = [getattr(module, n) for n in sorted(names) if isinstance(getattr(module, n, None), type)]
    # A view may pick its form from a table (diagnosis parts: FORMS[kind]).
    for table in re.findall(r"\b([A-Z_]+)\[\w+\]\(", source):
        found += list(getattr(module, table, {}).values())
    return found


def _guarded(form: type) -> bool:
    return issubclass(form, GuardedForm) or isinstance(form.base_fields.get("version"), forms.Field)


def _calls(source: str, name: str) -> list[str]:
    """The argument text of every call `name(...)` in `source` (parentheses matched)."""
    found = []
    for match in re.finditer(rf"\b{name}\(", source):
        depth, start = 1, match.end()
        for i in range(start, len(source)):
            depth += {"(": 1, ")": -1}.get(source[i], 0)
            if depth == 0:
                found.append(source[start:i])
                break
    return found


def _prefilled(view, form: type) -> bool:
    """Built from a stored object: given an instance, initial values or initial scores."""
    source = inspect.getsource(view)
    return any(re.search(r"\b(instance|initial|initial_scores)=", args) for args in _calls(source, form.__name__))


def test_every_edit_view_refuses_a_stale_save():
    unguarded = set()
    for name, view in _views():
        source = inspect.getsource(view)
        if name in NOT_EDITS or not re.search(r"\b(instance|initial|initial_scores)=", source):
            continue
        # The resource plan checks its own version outside a form class (expected_version).
        if "expected_version=" in source:
            continue
        built = _forms_built(view)
        editing = [form for form in built if _prefilled(view, form)] or built
        if not editing or not all(_guarded(form) for form in editing):
            unguarded.add(name)
    assert unguarded - NOT_YET_GUARDED == set(), "edit views without a stale-save check"
    assert _without_hidden_fields() == [], "templates of guarded views that drop the hidden edit token"
    assert NOT_YET_GUARDED - unguarded == set(), "now guarded: take them off NOT_YET_GUARDED"


def _without_hidden_fields() -> list[str]:
    """A guarded form is only guarded if its page sends the token back: its template renders the hidden fields."""
    missing = []
    for name, view in _views():
        built = _forms_built(view)
        if not built or not any(issubclass(form, GuardedForm) for form in built):
            continue
        for template in re.findall(r'render\(\s*request,\s*"([^"]+\.html)"', inspect.getsource(view)):
            text = get_template(template).template.source
            if not re.search(r"form_fields\.html|hidden_fields|edit_token", text):
                missing.append(f"{name}: {template}")
    return missing


def test_the_lists_name_views_that_exist():
    names = {name for name, _ in _views()}
    assert set(NOT_EDITS) <= names and names >= NOT_YET_GUARDED
