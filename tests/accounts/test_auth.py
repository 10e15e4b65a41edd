import pytest
from django.core import mail

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2():
    user = UserFactory()
    assert user.password.startswith("argon2$")


def test_login_and_logout(client):
    user = UserFactory(email="x@example.org")
    response = client.post("/accounts/login/", {"username": "x@example.org", "password": PASSWORD}, follow=True)
    assert response.context["user"] == user
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_locked_out_even_with_the_right_password(client):
    UserFactory(email="y@example.org")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "y@example.org", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "y@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="z@example.org")
    client.post("/accounts/password-reset/", {"email": "z@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    new = "a-much-longer-new-secret"
    response = client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Your password was changed" in response.text
    user.refresh_from_db()
    assert user.check_password(new)


def test_security_headers_are_sent(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
