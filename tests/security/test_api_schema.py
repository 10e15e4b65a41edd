"""The JSON API driven from its own OpenAPI schema by schemathesis (property-based, in process): generated paths,
queries and identifiers, anonymous, as a signed-in applicant and with a personal API token; no operation may answer
with a server error or a status code it does not document, and responses must match the schema they declare."""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth

from innopart.accounts import tokens
from innopart.accounts.models import TokenScope
from innopart.observatory.importers import load_shipped
from innopart.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def applicant_cookie(applicant_a, application_a):
    session = SessionStore()
    session[SESSION_KEY] = str(applicant_a.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = applicant_a.get_session_auth_hash()
    session.save()
    return f"{django_settings.SESSION_COOKIE_NAME}={session.session_key}"


@pytest.fixture
def applicant_token(applicant_a):
    return tokens.make(user=applicant_a, name="schemathesis", scopes=list(TokenScope.values), days=None)[1]


@pytest.fixture
def open_data(db):
    load_shipped(indicators={"berd_pct_gdp"})


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_with_a_server_error(case, applicant_cookie, applicant_token, open_data):
    for headers in ({}, {"Cookie": applicant_cookie}, {"Authorization": f"Bearer {applicant_token}"}):
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        # With a valid credential sent on purpose, the check that mangles one scheme's credential and expects a
        # refusal does not apply (the other credential still identifies the caller); anonymously it does.
        case.validate_response(response, excluded_checks=[ignored_auth] if headers else None)
