"""Every inline check on every page of the demo, sent as the browser sends it: it answers with the field it checked
and never acts (core.forms.ChecksInline).

Each page someone may open (tests/security/matrix.py) is opened as each identity allowed, in turn, until one of
them sees forms that check (the public pages show their forms to the people who edit them). Every such form is
read as the page shows it (its values, the choices made, its hidden edit token) and sent, as a check of its first
and of its last checked field, to where the form goes. That is the worst case for a check: a complete form that a
submit would save, or one that ends something for good (recording a payment, for one). Whatever the form:

- the answer is the page again (200, no redirect), holding the checked field's block, which HTMX swaps in;
- nothing is written: every change writes an audit row in its transaction, so the audit log must not grow.
"""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.test import Client

from innopart.accounts.models import User
from innopart.core.models import AuditEntry

from .matrix import ACCESS, IDENTITIES, _address

pytestmark = pytest.mark.django_db

PREFERENCE = ["outsider", "coordinator", "manager", "analyst", "chair", "juror", "adviser", "partner", "observer"]
PREFERENCE += ["administrator", "anonymous"]


@dataclass
class ShownForm:
    action: str
    values: dict = field(default_factory=dict)  # name -> list of values, as the browser would send them
    checks: list = field(default_factory=list)  # (block id, what the check adds), in page order


class _ShownForms(HTMLParser):
    """The POST forms of a page with the values a browser would send as the page stands."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[ShownForm | None] = []
        self._select: tuple[str, list] | None = None
        self._textarea: str | None = None

    @property
    def _form(self) -> ShownForm | None:
        return self.forms[-1] if self.forms else None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(ShownForm(a.get("action", "")) if a.get("method", "").lower() == "post" else None)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name", "")
        if tag in ("div", "td") and '"_check"' in a.get("hx-vals", ""):  # a field's block, or a grid's cell
            form.checks.append((a["id"], json.loads(a["hx-vals"])))
        elif tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.values.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "file", "button", "reset"):
                form.values.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            form.values[name] = [""]
        elif tag == "select" and name:
            self._select = (name, [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form.values[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            chosen = [v for v, selected in options if selected] or [v for v, _ in options[:1]]
            self._form.values.setdefault(name, []).extend(chosen)
            self._select = None


def _checked_forms(page: str) -> list[ShownForm]:
    parser = _ShownForms()
    parser.feed(page)
    return [f for f in parser.forms if f is not None and f.checks]


def _client(who: str, clients: dict) -> Client:
    if who not in clients:
        clients[who] = Client()
        if who != "anonymous":
            clients[who].force_login(User.objects.get(email=IDENTITIES[who]))
    return clients[who]


def _shown_forms(name: str, rule, demo, clients: dict) -> tuple[str, Client, str, list[ShownForm]] | None:
    """The first identity allowed that sees checked forms on the page, with its client, the address and the forms."""
    url = _address(name, demo)
    for who in (i for i in PREFERENCE if i in rule.allowed):
        client = _client(who, clients)
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        forms = _checked_forms(page.content.decode())
        if forms:
            return who, client, url, forms
    return None


def test_every_inline_check_answers_its_field_and_never_acts(demo):
    clients: dict[str, Client] = {}
    checked_pages, checks = set(), 0
    for name, rule in sorted(ACCESS.items()):
        shown = None if rule.post_only else _shown_forms(name, rule, demo, clients)
        if shown is None:
            continue
        who, client, url, forms = shown
        for form in forms:
            for block, sent in {form.checks[0][0]: form.checks[0][1], form.checks[-1][0]: form.checks[-1][1]}.items():
                audit_rows = AuditEntry.objects.count()
                response = client.post(form.action or url, {**form.values, **sent})
                where = f"{name} as {who}: a check of {sent} sent to {form.action or url}"
                assert response.status_code == 200, where
                assert f'id="{block}"' in response.content.decode(), f"{where} did not answer with {block}"
                assert AuditEntry.objects.count() == audit_rows, f"{where} wrote something"
                checks += 1
            checked_pages.add(name)
    # The demo shows checked forms on most of the pages that edit something; fewer means the walk went blind.
    assert len(checked_pages) >= 30, sorted(checked_pages)
    assert checks >= 60, checks
