"""The observatory's open data through the JSON API: JSON and CSV of the same rows, conditional requests, the index
with its rank intervals, the cluster stars, and refusals that name what was wrong."""

import csv
import io

import pytest

from innopart.observatory import revisions

from .test_industrial_change import computed  # noqa: F401  (the fixture: the shipped index on the shipped data)

API = "/api/observatory"


@pytest.fixture
def shipped(db):
    from innopart.observatory.importers import load_shipped

    load_shipped(indicators={"employment_rate_15_64", "berd_pct_gdp"})


def test_regions_and_catalogue_in_json_and_csv(client, shipped):
    lithuania = client.get(f"{API}/regions", {"country": "lt", "level": 2, "current": "true"}).json()
    assert [r["code"] for r in lithuania["results"]] == ["LT01", "LT02"] and lithuania["count"] == 2
    earlier = client.get(f"{API}/regions", {"country": "LT", "level": 2, "current": "false"}).json()
    assert [(r["code"], r["in_nuts2021"]) for r in earlier["results"]] == [("LT00", False)]  # before NUTS 2016
    assert lithuania["results"][0]["profile"] == "/observatory/regions/LT01/"
    one = client.get(f"{API}/regions/lt01").json()
    assert one["name"] == "Sostinės regionas" and one["level"] == 2

    catalogue = client.get(f"{API}/indicators").json()
    berd = next(i for i in catalogue if i["code"] == "berd_pct_gdp")
    assert berd["name_en"] and berd["name_lt"] and berd["unit_en"] and berd["dataset"] and berd["higher_is_better"]
    assert client.get(f"{API}/indicators/berd_pct_gdp").json() == berd
    as_csv = client.get(f"{API}/indicators", {"format": "csv"})
    assert as_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert [r["code"] for r in rows] == [i["code"] for i in catalogue]
    assert next(r for r in rows if r["code"] == "berd_pct_gdp")["name_lt"] == berd["name_lt"]


def test_observations_filtered_paginated_and_the_same_in_csv(client, shipped):
    query = {"region": "LT01", "indicator": "employment_rate_15_64", "page_size": 5}
    first = client.get(f"{API}/observations", query).json()
    assert first["count"] > 5 and len(first["results"]) == 5
    years = [r["year"] for r in first["results"]]
    assert years == sorted(years)
    assert {r["dataset"] for r in first["results"]} == {"lfst_r_lfe2emprt"}
    assert first["results"][0]["licence"].startswith("Source: Eurostat")
    second = client.get(f"{API}/observations", {**query, "page": 2}).json()
    assert second["results"][0]["year"] > years[-1]
    in_csv = client.get(f"{API}/observations", {**query, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(in_csv.content.decode())))
    assert [(int(r["year"]), float(r["value"])) for r in rows] == [(r["year"], r["value"]) for r in first["results"]]
    accepted = client.get(f"{API}/observations", query, HTTP_ACCEPT="text/csv")
    assert accepted.content == in_csv.content
    recent = client.get(f"{API}/observations", {**query, "year_from": 2020, "year_to": 2021}).json()
    assert {r["year"] for r in recent["results"]} <= {2020, 2021} and recent["results"]


def test_unknown_codes_and_bad_filters_are_named(client, shipped):
    assert client.get(f"{API}/regions/ZZ99").json() == {"detail": "No region has the code 'ZZ99'."}
    answer = client.get(f"{API}/observations", {"indicator": "no_such_thing"})
    assert answer.status_code == 404 and "no_such_thing" in answer.json()["detail"]
    bad = client.get(f"{API}/observations", {"page_size": 5000})
    assert bad.status_code == 422 and "page_size" in str(bad.json()["detail"])
    assert client.get(f"{API}/observations", {"year": "last"}).status_code == 422


def test_conditional_requests_answer_304_until_the_data_change(client, shipped):
    url = f"{API}/observations?region=LT01&indicator=berd_pct_gdp"
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url + "&format=csv", HTTP_IF_NONE_MATCH=etag).status_code == 200  # another representation
    revisions.bump("a new import")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag and changed.json() == first.json()


def test_stars_of_a_region_and_of_all(client, db):
    lithuania = client.get(f"{API}/stars", {"region": "LT01"}).json()
    assert lithuania["count"] == len(lithuania["results"]) > 5
    assert {r["region"] for r in lithuania["results"]} == {"LT00"}  # the 2015 statistics knew one region
    assert all(1 <= r["stars"] <= 3 and r["location_quotient"] > 0 for r in lithuania["results"])
    everyone = client.get(f"{API}/stars", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(everyone.content.decode())))
    assert len({r["region"] for r in rows}) > 200 and len(rows) > lithuania["count"]
    assert client.get(f"{API}/stars", {"region": "XX99"}).status_code == 404


def test_index_is_not_found_before_its_first_computation(client, db):
    answer = client.get(f"{API}/index")
    assert answer.status_code == 404 and answer.json() == {"detail": "The index has not been computed yet."}


@pytest.mark.usefixtures("computed")
def test_index_results_with_rank_intervals(client):
    data = client.get(f"{API}/index").json()
    lt01 = next(r for r in data["results"] if r["region"] == "LT01")
    assert lt01["rank_q5"] <= lt01["rank"] <= lt01["rank_q95"]
    assert set(lt01["dimensions"]) == {d["code"] for d in data["dimensions"] if d["scored"]}
    assert data["replications"] > 0 and data["eu_average"] is not None
    rows = list(csv.DictReader(io.StringIO(client.get(f"{API}/index", {"format": "csv"}).content.decode())))
    row = next(r for r in rows if r["region"] == "LT01")
    assert float(row["rank"]) == lt01["rank"] and any(k.startswith("dimension_") for k in row)


@pytest.mark.parametrize(
    "url",
    [
        "/api/observatory/regions?country=L%00",
        "/api/observatory/regions/LT%0001",
        "/api/observatory/indicators/gdp%00",
        "/api/observatory/observations?region=LT%0001",
        "/api/observatory/observations?indicator=a%00b",
        "/api/observatory/stars?region=%00",
        "/api/calls/a%00b",
    ],
)
def test_a_nul_byte_in_a_code_is_refused_with_the_parameter_named(client, db, url):
    # PostgreSQL refuses NUL in text: unchecked, such a code ended in a server error (found by schemathesis in CI).
    answer = client.get(url)
    assert answer.status_code == 422 and answer.json()["detail"][0]["type"] == "string_pattern_mismatch"
