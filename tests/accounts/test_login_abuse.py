"""Login abuse behind a reverse proxy: lock-outs keyed on the user name and the real client address, a separate
per-address limit across user names (password spraying), and e-mail addresses in any case."""

import pytest

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128"]


def _login(client, username, password, via=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if via is not None:
        extra["HTTP_X_FORWARDED_FOR"] = via
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_an_e_mail_typed_in_capitals_logs_in(client):
    user = UserFactory(email="case@example.org")
    response = _login(client, "  Case@Example.ORG ", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_stranger_behind_the_proxy_cannot_lock_a_user_out_for_everybody(client, behind_proxy):
    UserFactory(email="victim@example.org")
    for _ in range(5):
        _login(client, "victim@example.org", "wrong", via="198.51.100.7")
    assert _login(client, "victim@example.org", PASSWORD, via="198.51.100.7").status_code == 429
    # The victim, from her own address through the same proxy, still logs in.
    assert _login(client, "victim@example.org", PASSWORD, via="203.0.113.9").status_code == 302


def test_what_the_client_writes_left_of_the_proxys_entry_is_ignored(client, behind_proxy):
    UserFactory(email="victim@example.org")
    for n in range(5):
        _login(client, "victim@example.org", "wrong", via=f"10.0.0.{n}, 198.51.100.7")
    assert _login(client, "victim@example.org", PASSWORD, via="192.0.2.1, 198.51.100.7").status_code == 429


def test_without_a_trusted_proxy_a_forged_forwarded_header_changes_nothing(client):
    UserFactory(email="victim@example.org")
    for n in range(5):
        _login(client, "victim@example.org", "wrong", via=f"192.0.2.{n}", remote="198.51.100.7")
    assert _login(client, "victim@example.org", PASSWORD, via="192.0.2.99", remote="198.51.100.7").status_code == 429


def test_lock_outs_do_not_depend_on_the_case_of_the_address(client):
    UserFactory(email="victim@example.org")
    for name in ("Victim@example.org", "VICTIM@example.org", "victim@Example.org", "victim@example.ORG", "ViCtIm@x"):
        _login(client, name.replace("@x", "@example.org"), "wrong", remote="198.51.100.7")
    assert _login(client, "victim@example.org", PASSWORD, remote="198.51.100.7").status_code == 429


def test_password_spraying_from_one_address_is_locked_out(client, behind_proxy, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 20
    UserFactory(email="real@example.org")
    for n in range(20):
        assert _login(client, f"guess{n}@example.org", "Winter2026!", via="198.51.100.7").status_code == 200
    refused = _login(client, "real@example.org", PASSWORD, via="198.51.100.7")
    assert refused.status_code == 429
    assert "Too many failed log-in attempts" in refused.text
    # Another address is not affected.
    assert _login(client, "real@example.org", PASSWORD, via="203.0.113.9").status_code == 302
