"""Public observatory pages are computed once per version of the data, on every web node, and answer conditional
requests: a corrected figure shows at once, an unchanged page costs a 304."""

import pytest
from django.urls import reverse

from innopart.observatory import revisions
from innopart.observatory.importers import import_tidy, load_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def lt01(db):
    load_regions()
    import_tidy(
        [{"region": "LT01", "indicator": "gdp_mio_eur", "year": "2019", "value": "30000"}], create_indicators=True
    )


def test_a_corrected_figure_shows_at_once_and_an_unchanged_import_keeps_the_cache(client, lt01, analyst):
    url = reverse("observatory:region", args=["LT01"])
    map_url = reverse("observatory:map") + "?indicator=gdp_mio_eur"
    assert "30,000" in client.get(url).text or "30000" in client.get(url).text
    assert ">30,000.0<" in client.get(map_url).text  # an indicator nobody has described: one decimal
    version = revisions.current()
    import_tidy([{"region": "LT01", "indicator": "gdp_mio_eur", "year": "2019", "value": "30000"}], actor=analyst)
    assert revisions.current() == version  # nothing changed: the cached page stays valid
    import_tidy([{"region": "LT01", "indicator": "gdp_mio_eur", "year": "2019", "value": "31234"}], actor=analyst)
    assert revisions.current() != version
    page = client.get(url).text
    assert "31,234" in page or "31234" in page
    drawn = client.get(map_url).text
    assert ">31,234.0<" in drawn and ">30,000.0<" not in drawn
    assert "30,000" not in page and ">30000<" not in page


def test_public_data_answer_conditional_requests(client, call):
    first = client.get("/api/calls")
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag
    again = client.get("/api/calls", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    # After a change the tag changes, and the old one no longer short-cuts the answer.
    from innopart.calls.models import CallVersion

    CallVersion.objects.update(summary="Corrected summary.")
    changed = client.get("/api/calls", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
