"""`innopart import eurostat` against a local server replaying Eurostat's JSON-stat answers: values and provenance
updated all or nothing; a malformed, partial or refused answer changes nothing and says why."""

import json

import pytest
from django.core.management import CommandError, call_command

from innopart.core.models import AuditEntry
from innopart.observatory import eurostat
from innopart.observatory.importers import load_shipped
from innopart.observatory.models import DataRevision, DatasetRefresh, Indicator, Observation

from .eurostat_server import Recorded, jsonstat, shipped

AREAS = ["LT01", "LT02", "EU27_2020"]  # the EU aggregate comes without a value in these answers
ARGS = ["import", "eurostat", "nama_10r_2gdp", "unit=MIO_EUR", "geo=LT01,LT02,EU27_2020", "since=2014"]


@pytest.fixture
def server(settings, tmp_path):
    with Recorded() as recorded:
        settings.EUROSTAT_API_URL = recorded.url
        settings.EUROSTAT_CACHE_DIR = tmp_path / "cache"
        yield recorded


@pytest.fixture
def gdp(db):
    load_shipped(indicators={"gdp_mio_eur"})
    return Indicator.objects.get(code="gdp_mio_eur")


def _values(indicator) -> dict:
    return {
        (r, str(y)): (v, f)
        for r, y, v, f in Observation.objects.filter(indicator=indicator, region__code__in=AREAS).values_list(
            "region__code", "year", "value", "flag"
        )
    }


def _import(*extra, capsys=None):
    call_command(*ARGS, "--indicator", "gdp_mio_eur", *extra)
    return capsys.readouterr().out if capsys else ""


def test_values_and_provenance_are_updated_then_a_second_run_changes_nothing(server, gdp, capsys):
    real = shipped("gdp_mio_eur", AREAS)
    server.answer("nama_10r_2gdp", jsonstat("nama_10r_2gdp", "MIO_EUR", real, AREAS))
    # The platform's copy is behind Eurostat's: the last two years are missing and one value is out of date.
    Observation.objects.filter(indicator=gdp, region__code="LT01", year__gte=2022).delete()
    Observation.objects.filter(indicator=gdp, region__code="LT02", year=2020).update(value=1.0)
    versions = DataRevision.objects.count()

    said = _import(capsys=capsys)
    assert "2 values added, 1 changed, 17 unchanged" in said and "EU27_2020" in said
    assert _values(gdp) == real  # Eurostat's figures, to the last digit
    path, query = server.requests[-1]
    assert path.endswith("/nama_10r_2gdp") and query["unit"] == ["MIO_EUR"] and query["sinceTimePeriod"] == ["2014"]
    assert query["geo"] == ["LT01", "LT02", "EU27_2020"] and query["format"] == ["JSON"]
    refresh = DatasetRefresh.objects.get()
    assert (refresh.state, refresh.added, refresh.changed, refresh.unchanged) == ("done", 2, 1, 17)
    assert refresh.eurostat_updated == "2025-03-14T23:00:00+0100" and refresh.left_out == ["EU27_2020"]
    assert refresh.label.startswith("Gross domestic product") and refresh.fetched_at is not None
    assert DataRevision.objects.count() == versions + 1
    assert AuditEntry.objects.filter(action="observatory.dataset_refreshed").count() == 1

    said = _import(capsys=capsys)  # Eurostat answers 304: the cached copy, nothing to change
    assert "0 values added, 0 changed, 20 unchanged" in said and "cached copy" in said
    assert DatasetRefresh.objects.first().from_cache and DataRevision.objects.count() == versions + 1

    call_command("import", "eurostat-again")  # the scheduled job repeats it, with the same filters
    again = DatasetRefresh.objects.first()
    assert DatasetRefresh.objects.count() == 3 and again.state == "done" and again.url == refresh.url
    assert "[1/1] gdp_mio_eur: nama_10r_2gdp" in capsys.readouterr().out


@pytest.mark.parametrize(
    "answer, reason",
    [
        (b'{"version": "2.0", "class": "dataset", "value": {"0": 14', "not complete JSON"),
        ("partial", "it is incomplete"),
        ("two units", "add the filter unit=CODE"),
        ("quarters", "yearly values"),
        ("text value", "is not a number"),
        ("outside", "outside its cells"),
    ],
)
def test_a_malformed_or_partial_answer_changes_nothing_and_says_why(server, gdp, answer, reason):
    real = shipped("gdp_mio_eur", AREAS)
    body = jsonstat("nama_10r_2gdp", "MIO_EUR", real, AREAS)
    if answer == "partial":  # a dense array one value short, as a cut-off transfer leaves it
        body["value"] = [v for _k, v in sorted(body["value"].items(), key=lambda kv: int(kv[0]))][:-1]
    elif answer == "two units":
        body["size"][1] = 2
        body["dimension"]["unit"]["category"]["index"] = {"MIO_EUR": 0, "EUR_HAB": 1}
    elif answer == "quarters":
        body["dimension"]["time"]["category"]["index"] = {
            f"{y}-Q1": i for i, y in enumerate(body["dimension"]["time"]["category"]["index"])
        }
    elif answer == "text value":
        body["value"]["0"] = "14552.93"
    elif answer == "outside":
        body["value"]["9999"] = 1.0
    Observation.objects.filter(indicator=gdp, region__code="LT01", year=2023).delete()
    before = _values(gdp)
    server.answer("nama_10r_2gdp", answer if isinstance(answer, bytes) else body)
    with pytest.raises(CommandError) as error:
        _import()
    assert "Nothing was imported." in str(error.value) and reason in str(error.value)
    assert _values(gdp) == before
    assert DatasetRefresh.objects.get().state == "failed" and not AuditEntry.objects.filter(
        action="observatory.dataset_refreshed"
    )
    assert not list((eurostat.settings.EUROSTAT_CACHE_DIR).glob("*.json"))  # a broken answer is not kept


def test_eurostats_own_refusal_and_an_unreachable_server_are_reported(server, gdp, settings):
    error = {"error": [{"status": 400, "id": 100, "label": "Query returns no data: check the filters."}]}
    server.answer("nama_10r_2gdp", error, status=400, etag="")
    with pytest.raises(CommandError, match="Eurostat answered 400: Query returns no data"):
        _import()
    settings.EUROSTAT_API_URL = "http://127.0.0.1:9/nothing-listens-here"
    with pytest.raises(CommandError, match="Eurostat could not be reached"):
        _import()
    with pytest.raises(CommandError, match="is not a filter"):
        call_command("import", "eurostat", "nama_10r_2gdp", "unit", "--indicator", "gdp_mio_eur")


def test_a_new_indicator_is_named_from_the_dataset_and_needs_its_lithuanian_names(server, db):
    load_shipped(indicators=set())
    real = shipped("gdp_mio_eur", AREAS)
    server.answer("nama_10r_2gdp", jsonstat("nama_10r_2gdp", "MIO_EUR", real, AREAS))
    with pytest.raises(CommandError, match="--name-lt and --unit-lt"):
        call_command(*ARGS, "--indicator", "gdp_again", "--new")
    assert not Indicator.objects.filter(code="gdp_again").exists()
    call_command(*ARGS, "--indicator", "gdp_again", "--new", "--name-lt", "BVP", "--unit-lt", "mln. eurų")
    made = Indicator.objects.get(code="gdp_again")
    assert made.name_en.startswith("Gross domestic product") and made.unit_en == "Million euro"
    assert (made.name_lt, made.unit_lt, made.unit, made.dataset) == ("BVP", "mln. eurų", "MIO_EUR", "nama_10r_2gdp")
    assert made.observations.count() == len(real)


def test_an_analyst_queues_a_refresh_and_sees_when_each_dataset_was_last_refreshed(
    server, gdp, client, analyst, django_capture_on_commit_callbacks
):
    real = shipped("gdp_mio_eur", AREAS)
    server.answer("nama_10r_2gdp", jsonstat("nama_10r_2gdp", "MIO_EUR", real, AREAS))
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued once the request's data commit
        page = client.post(
            "/observatory/data/eurostat/",
            {"indicator": gdp.pk, "dataset": "nama_10r_2gdp", "filters": "unit=MIO_EUR, geo=LT01,LT02, since=2014"},
        )
    refresh = DatasetRefresh.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/observatory/data/eurostat/{refresh.pk}/"
    assert refresh.state == "done" and refresh.requested_by == analyst  # the test's task backend runs at once
    shown = client.get(page["Location"]).text
    assert "values added" in shown and "nama_10r_2gdp" in shown
    listing = client.get("/observatory/data/eurostat/").text
    assert "nama_10r_2gdp" in listing and "Gross domestic product" in listing
    refused = client.post("/observatory/data/eurostat/", {"indicator": gdp.pk, "dataset": "NOT A CODE", "filters": ""})
    assert refused.status_code == 200 and "is not a Eurostat dataset code" in refused.text
    assert DatasetRefresh.objects.count() == 1
    assert json.loads(json.dumps(refresh.filters)) == {"unit": ["MIO_EUR"], "geo": ["LT01", "LT02"], "since": ["2014"]}


def test_every_refresh_asked_for_is_listed_searched_and_paged(client, analyst, gdp):
    DatasetRefresh.objects.bulk_create(
        DatasetRefresh(dataset=f"set_{n:02}", indicator=gdp, state=DatasetRefresh.State.FAILED if n == 3 else "done")
        for n in range(25)
    )
    client.force_login(analyst)
    url = "/observatory/data/eurostat/"
    first = client.get(url).text.split('id="history-title"')[1]  # the history, not the table of latest refreshes
    assert "Page 1 of 2 (25 rows)" in first and "set_24" in first and "set_00" not in first  # newest first
    found = client.get(url, {"q": "set_03"}).text.split('id="history-title"')[1]
    assert "set_03" in found and "set_04" not in found and "Failed" in found
    by_dataset = client.get(url, {"sort": "dataset"}).text.split('id="history-title"')[1]
    assert by_dataset.index("set_00") < by_dataset.index("set_01")
