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


def test_rows_already_computed_are_searched_sorted_and_paged_like_a_query(rf):
    """RowsTable: a cached frame's records (the map's regions) get the same sorting, search and pages in memory."""
    from innopart.core.tables import Column, RowsTable

    rows = [{"code": f"R{i:03d}", "name": f"Région {i:03d}", "value": float(i % 7)} for i in range(120)]
    rows.append({"code": "LT01", "name": "Sostinės regionas", "value": None})
    columns = [Column("name", "Region", "name"), Column("value", "Value", "value", numeric=True)]

    def table(**params):
        return RowsTable(
            rf.get("/map/", {"indicator": "x", **params}),
            rows,
            columns=columns,
            search=["code", "name"],
            default="-value",
            per_page=50,
            anchor="values",
        )

    first = table()
    assert [r["value"] for r in first.rows[:3]] == [6.0, 6.0, 6.0] and first.page.paginator.count == 121
    # Ties keep the order the rows came in, and a row without a value comes last in either direction.
    assert [r["code"] for r in first.rows[:2]] == ["R006", "R013"]
    assert table(page=3).rows[-1]["code"] == "LT01" and table(sort="value", page=3).rows[-1]["code"] == "LT01"
    assert table(sort="value").rows[0]["value"] == 0.0
    assert table(sort="-name").rows[0]["code"] == "LT01"  # "sostinės" after "région", case and accents aside
    # Search: every word, in any named field, whatever the case.
    assert [r["code"] for r in table(q="sOSTINĖS").rows] == ["LT01"]
    assert table(q="région 11").page.paginator.count == 11  # 011, 110-119 minus none: "11" in the name
    # A sort or page link keeps the page's own parameters and lands on the table.
    header = next(h for h in first.headers if h.label == "Region")
    assert header.url == "?indicator=x&sort=name#values" and first.next_url == "?indicator=x&page=2#values"
    # A sort the view did not name is ignored, not obeyed.
    assert table(sort="code").sort == "-value"
