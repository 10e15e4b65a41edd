"""Security events reach the log at WARNING, with the request's id and user bound by django-structlog."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def _events(caplog, name):
    return [r for r in caplog.records if isinstance(r.msg, dict) and r.msg.get("event") == name]


def test_denied_access_to_an_existing_object_is_logged_but_answered_like_a_missing_one(
    client, applicant_b, application_a, caplog
):
    client.force_login(applicant_b)
    with caplog.at_level(logging.WARNING, logger="innopart.security"):
        denied = client.get(f"/applications/{application_a.pk}/")
        missing = client.get("/applications/999999/")
    assert denied.status_code == missing.status_code == 404
    events = _events(caplog, "access_denied")
    assert len(events) == 1
    assert events[0].levelno == logging.WARNING
    assert events[0].msg["model"] == "applications.application"
    assert events[0].msg["user_id"] == applicant_b.pk


def test_failed_logins_and_role_grants_are_logged(client, ministry_officer, applicant_a, caplog):
    from innopart.accounts.services import grant_role

    with caplog.at_level(logging.WARNING, logger="innopart.security"):
        client.post("/accounts/login/", {"username": "a@applicant.example", "password": "wrong"})
        grant_role(actor=ministry_officer, user=applicant_a, role="analyst")
    failed = _events(caplog, "login_failed")
    assert failed and failed[0].msg["username"] == "a@applicant.example"
    granted = _events(caplog, "role_granted")
    assert granted and granted[0].msg["target_user_id"] == applicant_a.pk and granted[0].msg["role"] == "analyst"


def test_password_reset_requests_are_logged(client, applicant_a, caplog):
    with caplog.at_level(logging.WARNING, logger="innopart.security"):
        client.post("/accounts/password-reset/", {"email": "a@applicant.example"})
    assert _events(caplog, "password_reset_requested")[0].msg["email"] == "a@applicant.example"
