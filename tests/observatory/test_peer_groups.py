import re

import pytest
from django.urls import reverse

from innopart.observatory.importers import load_shipped
from innopart.observatory.models import PeerGroup
from innopart.observatory.peers import load_pilot_regions
from innopart.observatory.selectors import FIGURE_1, FIGURE_2, peer_comparison


@pytest.fixture
def shipped(db):
    load_shipped(indicators=set(FIGURE_1 + FIGURE_2))
    return PeerGroup.objects.get(slug="pilot-regions")


def test_pilot_regions_are_the_briefings_ten_and_load_idempotently(shipped):
    assert shipped.members.count() == 10
    load_pilot_regions()
    assert PeerGroup.objects.count() == 1 and shipped.members.count() == 10
    assert shipped.members.get(label="Saxony").codes == ["DED2", "DED4", "DED5"]


def test_comparison_takes_each_regions_latest_year(shipped):
    rows = {row["code"]: row for row in peer_comparison(shipped, FIGURE_1)}
    assert len(rows) == 19 and rows["LT01"]["member"] == "Lithuania" and rows["LT02"]["first"] is False
    employment = rows["LT01"]["cells"][1]
    assert employment["year"] == 2024 and 60 < employment["value"] < 90
    # Belgian R&D exists only for Wallonia as a whole (BE3): the NUTS-2 cell is empty, not zero.
    assert peer_comparison(shipped, ["berd_pct_gdp"])[-1]["cells"] == [None]


def test_comparison_page_shows_values_years_and_sources(client, shipped):
    page = client.get(reverse("observatory:peer_group", args=["pilot-regions"])).content.decode()
    assert page.count('<th scope="row" rowspan') == 2 * 10  # two tables, ten pilot regions
    assert "Sostinės regionas" in page and "nama_10r_2gdp" in page and "Eurostat" in page
    assert re.search(r"ITC1</a> .*?</th>\s*<td class=\"num\">\d{2,3} <span class=\"muted\">20\d\d", page)
    assert client.get(reverse("observatory:peer_group", args=["no-such-group"])).status_code == 404


def test_comparison_charts_are_accessible_svgs_with_the_chosen_region_highlighted(client, shipped):
    url = reverse("observatory:peer_group", args=["pilot-regions"])
    page = client.get(url).content.decode()
    assert page.count('<svg role="img" aria-label="') == len(FIGURE_1 + FIGURE_2)
    assert 'aria-label="Employment rate (% of the population aged 15-64). Source: Eurostat, lfst_r_lfe2emprt' in page
    assert page.count('fill="#0b5394"') >= 2  # Lithuania's two regions
    saxony = client.get(url, {"highlight": "Saxony"}).content.decode()
    assert "<option selected>Saxony</option>" in saxony
    assert client.get(url, {"highlight": "<script>"}).status_code == 200


def test_peer_charts_draw_the_eu_median_as_a_reference_and_full_names(client, shipped):
    from statistics import median

    from innopart.observatory.models import Observation

    page = client.get(reverse("observatory:peer_group", args=["pilot-regions"])).content.decode()
    year = 2024  # most pilot regions' latest employment rate (see the test above)
    values = Observation.objects.filter(
        indicator__code="employment_rate_15_64", year=year, region__level=2, region__in_nuts2021=True
    ).values_list("value", flat=True)
    expected = f"Dashed line: median of the EU&#x27;s regions in {year}, {median(values):.1f}"
    assert expected in page
    assert page.count('stroke-dasharray="4,3"') >= 5  # one reference line per chart with enough EU data
    assert "Vidurio ir vakarų Lietuvos regionas" in page  # names in full, not cut at 40 characters
