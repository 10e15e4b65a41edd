"""The JSON API driven from its own OpenAPI schema by schemathesis (property-based, in process): generated paths,
queries and identifiers, anonymous and as a signed-in applicant; no operation may answer with a server error, and
responses must match the schema they declare."""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from hypothesis import HealthCheck, settings

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


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_with_a_server_error(case, applicant_cookie):
    for headers in ({}, {"Cookie": applicant_cookie}):
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        case.validate_response(response)
