"""The access matrix: every URL pattern, requested as every demo role and as an anonymous visitor, on the demo data.

The URL patterns come from the URL configuration, so a new view fails this test until it has a line in ACCESS
(who may use it) and, if its address has parameters, a line in ARGS (which demo object to ask for). Each identity
must get what ACCESS says:

- allowed: 200, or a redirect that is not to the login page (a form that sends one on after saving);
- anonymous and not allowed: a redirect to the login page (pages), 401 (API) or 404 (a private object);
- signed in and not allowed: 403 or 404, never the page.

Pages are requested with GET, and every identity not allowed also sends them an empty POST (the cross-user
write): it must be refused in the same way, or with 405 where the page takes no form, and the audit log must not
grow. Views that only accept POST are sent an empty POST by every identity that is not
allowed (refused before anything is read or written), and checked with GET by nobody. The objects asked for
belong to the Nemunas consortium (its submitted application FOODCIRCLE and its funded partnership AGRIVAL), or,
for what only a draft allows, to the outsider's draft TEXLOOP, so every refusal is tested while the data that
could leak exist. A 500 anywhere fails.

The table records decisions, some of them found by this test: only applicants start applications (a ministry
officer belonging to the ministry's organisation could start one before); the observer reads the selection
(jury and ranking) but not applications or the audit log; the stress test and events are for signed-in people
with a part in them.

Run with INNOPART_PRINT_MATRIX=1 to print what each identity got, in the table's own syntax.
"""

import os

import pytest
from django.test import Client

from innopart.accounts.models import User
from innopart.core.models import AuditEntry

from .matrix import ACCESS, ARGS, IDENTITIES, _address, _outcome, _patterns

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_an_access_rule_and_its_demo_arguments():
    patterns = _patterns()
    assert sorted(set(patterns) - set(ACCESS)) == [], "views without a line in ACCESS"
    assert sorted(set(ACCESS) - set(patterns)) == [], "ACCESS names views that no longer exist"
    needs_args = {name for name, p in patterns.items() if p.pattern.converters}
    assert sorted(needs_args - set(ARGS)) == [], "addresses with parameters but no demo object in ARGS"


def test_every_role_gets_what_the_matrix_says(demo):
    clients = {}
    for identity, email in IDENTITIES.items():
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        clients[identity] = client
    observed, wrong = {}, []
    for name, expected in sorted(ACCESS.items()):
        url = _address(name, demo)
        for identity, client in clients.items():
            allowed = identity in expected.allowed
            if expected.post_only:
                if allowed:
                    continue  # a real change; each app's own tests make it
                audit_rows = AuditEntry.objects.count()
                got = _outcome(client.post(url, {}))
                if AuditEntry.objects.count() != audit_rows:
                    wrong.append(f"POST {name} ({url}) as {identity} wrote to the audit log")
            else:
                got = _outcome(client.get(url))
            observed.setdefault(name, {})[identity] = got
            want = "ok" if allowed else "login" if identity == "anonymous" else "denied"
            if got != want and not (want == "login" and got == "denied"):
                wrong.append(f"{name} ({url}) as {identity}: {got}, expected {want}")
            if not allowed and not expected.post_only:
                # The cross-user write: a form sent to a page one may not open is refused as the page is (or the
                # page takes no form at all), and writes nothing.
                audit_rows = AuditEntry.objects.count()
                sent = _outcome(client.post(url, {}))
                if sent not in (want, "method") and not (want == "login" and sent == "denied"):
                    wrong.append(f"POST {name} ({url}) as {identity}: {sent}, expected {want}")
                if AuditEntry.objects.count() != audit_rows:
                    wrong.append(f"POST {name} ({url}) as {identity} wrote to the audit log")
    if os.environ.get("INNOPART_PRINT_MATRIX"):
        for name, row in observed.items():
            print(name, sorted(i for i, got in row.items() if got == "ok"), {i: g for i, g in row.items()})
        print("\n".join(wrong))
    assert wrong == []
