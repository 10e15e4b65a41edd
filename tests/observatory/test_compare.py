"""Regions side by side, shareable by their address, downloadable with exactly the figures shown."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse

from innopart.observatory.importers import load_shipped

URL = reverse("observatory:compare")


@pytest.fixture
def shipped(db):
    load_shipped(indicators={"employment_rate_15_64", "gdp_per_capita_pps", "population_1jan"})


def test_three_regions_side_by_side_and_the_same_figures_in_the_csv(client, shipped):
    page = client.get(URL, {"regions": "LT01, LV00 EE00"}).text
    assert page.count('<th scope="col" class="num"><a href="/observatory/regions/') == 3
    assert "Sostinės regionas" in page and "Employment rate of people aged 15-64" in page
    shown = re.findall(
        r'<td class="num">([\d,.]+) <span class="muted">(\d{4})', page[page.index("Population on 1 January") :]
    )[:3]
    assert len(shown) == 3
    download = client.get(URL, {"regions": "LT01, LV00 EE00", "format": "csv"})
    assert download["Content-Disposition"] == 'attachment; filename="comparison-LT01-LV00-EE00.csv"'
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    population = [r for r in rows if r["Indicator code"] == "population_1jan"]
    assert [r["Region code"] for r in population] == ["LT01", "LV00", "EE00"]
    assert [(r["Value as shown"], r["Year"]) for r in population] == shown  # the page's figures, year by year
    assert {r["Source dataset"] for r in population} == {"demo_r_d2jan"} and population[0]["Licence"].startswith(
        "Source: Eurostat"
    )
    xlsx = client.get(URL, {"regions": "LT01 LV00", "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_bad_choices_are_named_and_a_region_links_to_a_comparison(client, shipped):
    page = client.get(URL, {"regions": "LT01 XX99 <b>"}).text
    assert "Unknown NUTS code: XX99, &lt;B&gt;." in page
    assert "Choose from 2 to 6 regions; you chose 1." in client.get(URL, {"regions": "LT01"}).text
    assert "you chose 7." in client.get(URL, {"regions": "LT01 LT02 LV00 EE00 FI1B FI19 FI1C"}).text
    assert client.get(URL, {"regions": "LT01 LT02", "format": "pdf"}).status_code == 404
    profile = client.get(reverse("observatory:region", args=["LT01"])).text
    assert 'href="/observatory/compare/?regions=LT01+LT02"' in profile


def test_a_comparison_in_lithuanian(client, shipped):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lt"
    page = client.get(URL, {"regions": "LT01 LT02"}).text
    assert "15-64 metų gyventojų užimtumo lygis" in page
    assert re.search(r'<td class="num">\d{3}\xa0\d{3} <span class="muted">\d{4}', page)  # a population, grouped
