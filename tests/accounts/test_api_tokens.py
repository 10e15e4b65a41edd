"""Personal API tokens: made on a page and shown once, stored as a digest, limited to their scopes, revocable by
their owner only; every change audited."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from innopart.accounts import tokens
from innopart.accounts.models import ApiToken
from innopart.core.models import AuditEntry

PAGE = "/accounts/api-tokens/"
MINE = "/api/me/applications"


def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_is_shown_once_stored_as_a_digest_and_reads_what_its_scope_allows(client, applicant_a, application_a):
    client.force_login(applicant_a)
    made = client.post(PAGE, {"name": "Our CRM", "scopes": ["applications:read"], "days": "30"})
    assert made.status_code == 302  # a reload of the next page makes no second token
    page = client.get(PAGE)
    secret = re.search(r'value="(ipt_[^"]+)"', page.text).group(1)
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]
    token = ApiToken.objects.get(user=applicant_a)
    assert token.digest == tokens.digest(secret) and secret not in token.digest and token.prefix == secret[:10]
    assert token.expires_at > timezone.now() + timedelta(days=29)
    assert AuditEntry.objects.filter(action="token.created", object_id=str(token.pk)).count() == 1
    assert secret not in client.get(PAGE).text  # never again
    assert "new_api_token" not in client.session

    program = Client()  # no session: the token alone
    answer = program.get(MINE, **_bearer(secret))
    assert answer.status_code == 200 and [a["acronym"] for a in answer.json()] == [application_a.acronym]
    assert program.get(f"{MINE}/{application_a.pk}", **_bearer(secret)).json()["id"] == application_a.pk
    token.refresh_from_db()
    assert token.last_used_at is not None
    refused = program.get("/api/partnerships", **_bearer(secret))
    assert refused.status_code == 403 and "partnerships:read" in refused.json()["detail"]
    assert program.get("/api/observatory/indicators", **_bearer(secret)).status_code == 200


def test_unknown_revoked_and_expired_tokens_are_refused(client, applicant_a, application_a):
    assert Client().get(MINE).status_code == 401
    assert Client().get(MINE, **_bearer("ipt_made-up")).status_code == 401
    open_data = Client().get("/api/observatory/indicators", **_bearer("ipt_made-up"))
    assert open_data.status_code == 401 and "unknown, revoked or expired" in open_data.json()["detail"]

    token, secret = tokens.make(user=applicant_a, name="old", scopes=["applications:read"], days=None)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(MINE, **_bearer(secret)).status_code == 401

    token, secret = tokens.make(user=applicant_a, name="script", scopes=["applications:read"], days=None)
    assert Client().get(MINE, **_bearer(secret)).status_code == 200
    client.force_login(applicant_a)
    client.post(f"/accounts/api-tokens/{token.pk}/revoke/")
    assert Client().get(MINE, **_bearer(secret)).status_code == 401
    assert AuditEntry.objects.filter(action="token.revoked", object_id=str(token.pk)).count() == 1
    assert "revoked" in client.get(PAGE).text


def test_nobody_revokes_or_sees_another_persons_token(client, applicant_a, applicant_b, application_a):
    token, secret = tokens.make(user=applicant_a, name="A's program", scopes=["applications:read"], days=None)
    client.force_login(applicant_b)
    assert "A&#x27;s program" not in client.get(PAGE).text
    assert client.post(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 404
    assert Client().get(MINE, **_bearer(secret)).status_code == 200
    assert not AuditEntry.objects.filter(action="token.revoked").exists()


@pytest.mark.django_db
def test_a_token_form_without_a_name_or_with_a_bad_scope_is_refused_with_the_field_named(client, applicant_a):
    client.force_login(applicant_a)
    page = client.post(PAGE, {"name": "", "scopes": ["everything:write"], "days": "0"})
    assert page.status_code == 200 and not ApiToken.objects.exists()
    errors = page.context["form"].errors
    assert set(errors) == {"name", "scopes", "days"}
