"""Long lists: pages, sorting and search that cost the same few queries at any length, and refuse nothing."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from innopart.core import audit

pytestmark = pytest.mark.django_db


def _entries(actor, count: int, start: int = 0) -> None:
    with transaction.atomic():
        for i in range(start, start + count):
            audit.record(actor=actor, obj=actor, action="accounts.role_granted", reason=f"Reason number {i:04d}")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_audit_log_pages_sorts_and_searches(client, administrator):
    _entries(administrator, 120)
    client.force_login(administrator)
    first = client.get("/audit/").text
    assert "Page 1 of 3 (120 rows)" in first and first.count("Reason number") == 50
    assert "Reason number 0119" in first and 'aria-sort="descending"' in first  # newest first by default
    last = client.get("/audit/?page=3").text
    assert "Reason number 0000" in last and 'rel="next"' not in last
    oldest = client.get("/audit/?sort=at").text
    assert "Reason number 0000" in oldest and 'aria-sort="ascending"' in oldest
    found = client.get("/audit/?q=number+0042").text
    assert found.count("Reason number") == 1 and "(1 row)" in found


@pytest.mark.parametrize(
    "query",
    ["?sort=actor__password", "?page=999999", "?page=-1", "?q=%00x", "?q=" + "a" * 5000, "?sort=-", "?jq=x&pq=y"],
)
def test_hostile_list_parameters_get_a_page_not_an_error(client, administrator, query):
    _entries(administrator, 3)
    client.force_login(administrator)
    response = client.get("/audit/" + query)
    assert response.status_code == 200 and "<table" in response.text


def test_the_audit_log_costs_the_same_queries_at_any_length(client, administrator):
    client.force_login(administrator)
    _entries(administrator, 60)
    short = _queries(client, "/audit/?sort=actor")
    _entries(administrator, 240, start=60)
    assert _queries(client, "/audit/?sort=actor") == short
