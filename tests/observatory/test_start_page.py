"""The analyst's start page: a Eurostat refresh or an index computation whose last try failed waits for them."""

import pytest

from innopart.observatory.models import DatasetRefresh, IndexRun, Indicator

pytestmark = pytest.mark.django_db


def test_a_failed_refresh_waits_until_a_later_one_succeeds(client, analyst, applicant_a):
    indicator = Indicator.objects.create(code="gerd_pct_gdp", name_en="R&D expenditure")
    failed = DatasetRefresh.objects.create(
        dataset="rd_e_gerdreg", indicator=indicator, state=DatasetRefresh.State.FAILED, error="Eurostat answered 503."
    )
    client.force_login(analyst)
    start = client.get("/start/").text
    assert "Refresh “R&amp;D expenditure” from Eurostat again: the last try failed" in start
    assert f'href="/observatory/data/eurostat/{failed.pk}/"' in start
    assert client.get(f"/observatory/data/eurostat/{failed.pk}/").status_code == 200
    client.force_login(applicant_a)
    assert "from Eurostat again" not in client.get("/start/").text
    DatasetRefresh.objects.create(dataset="rd_e_gerdreg", indicator=indicator, state=DatasetRefresh.State.DONE)
    client.force_login(analyst)
    assert "from Eurostat again" not in client.get("/start/").text


def test_a_failed_index_computation_waits_and_a_running_one_is_current_work(client, analyst):
    run = IndexRun.objects.create(spec="{}", state=IndexRun.State.FAILED, error="A weight is negative.")
    client.force_login(analyst)
    start = client.get("/start/").text
    assert "Compute the index of industrial change again: the last computation failed" in start
    assert f'href="/observatory/industrial-change/runs/{run.pk}/"' in start
    IndexRun.objects.create(spec="{}", state=IndexRun.State.RUNNING, requested_by=analyst, done=1, total=4)
    start = client.get("/start/").text
    assert "the last computation failed" not in start  # the newest computation is the running one
    assert "Computation of the index of industrial change" in start and "25%" in start
