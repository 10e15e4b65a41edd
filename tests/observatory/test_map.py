import re

import pytest
from django.urls import reverse

from innopart.observatory.charts import outermost
from innopart.observatory.importers import load_shipped

MAP = reverse("observatory:map")


@pytest.fixture
def employment(db):
    load_shipped(indicators={"employment_rate_15_64"})


def test_map_of_an_indicator_in_its_latest_well_covered_year(client, employment):
    page = client.get(MAP, {"indicator": "employment_rate_15_64"}).text
    svg = re.search(r"<svg[^>]*>", page).group(0)
    assert 'role="img"' in svg and "Employment rate of people aged 15-64 (% of the population aged 15-64)" in svg
    assert "employment_rate_15_64" not in re.sub(r'(value|href)="[^"]*"', "", page)  # the code only in the form
    assert page.count("<path") > 250  # the NUTS-2 regions drawn
    # The default year is the latest with at least half of the regions: 2024 in the shipped data.
    assert "2024. Source: Eurostat lfst_r_lfe2emprt" in page
    lithuania = client.get(MAP, {"indicator": "employment_rate_15_64", "q": "LT0"}).text
    row = re.search(r'Sostinės regionas</a></th><td>LT01</td><td class="num">([\d.]+)</td>', lithuania)
    assert row and 70 < float(row.group(1)) < 90
    older = client.get(MAP, {"indicator": "employment_rate_15_64", "year": 2015}).text
    assert "2015. Source: Eurostat lfst_r_lfe2emprt" in older


def test_outermost_regions_are_listed_not_drawn(client, employment):
    assert {"ES70", "PT20", "PT30", "FRY1"} <= set(outermost())
    assert "ITC1" not in outermost() and "CY00" not in outermost()


def test_a_bad_choice_names_the_field(client, employment):
    page = client.get(MAP, {"indicator": "no_such_series", "year": "abc"}).text
    assert "Indicator: Select a valid choice." in page and "Year: Enter a whole number." in page


def test_regions_show_their_name_and_value_on_hover(client, employment):
    page = client.get(MAP, {"indicator": "employment_rate_15_64", "year": 2019}).text
    # An SVG <title> per region: the browser's own tooltip, no script (the CSP allows none inline).
    assert re.search(r"<title>LT01 Sostinės regionas: 7\d\.\d</title>", page)
    assert re.search(r"<title>[A-Z]{2}\w\w [^<]*: \u2013</title>", page)  # regions without a value say so


def test_the_map_zooms_to_a_country(client, employment):
    page = client.get("/observatory/map/", {"indicator": "employment_rate_15_64", "country": "LT"}).text
    linked = set(re.findall(r'xlink:href="/observatory/regions/(\w+)/"', page))
    assert linked == {"LT01", "LT02"}
    assert '<option value="LT" selected>Lietuva</option>' in page
    whole = client.get("/observatory/map/", {"indicator": "employment_rate_15_64"}).text
    assert len(set(re.findall(r'xlink:href="/observatory/regions/(\w+)/"', whole))) > 200


def test_the_values_table_is_sorted_searched_and_paged_by_the_reader(client, employment):
    """The map's table of regions: highest value first, as the legend reads; sortable by name or value; searched by
    name or code; fifty rows a page; its links keep the map's choice and land on the table."""
    page = client.get(MAP, {"indicator": "employment_rate_15_64"}).text
    values = [float(v) for v in re.findall(r'</td><td class="num">([\d.]+)</td></tr>', page)]
    assert len(values) == 50 and values == sorted(values, reverse=True)
    assert 'aria-sort="descending"' in page and "?indicator=employment_rate_15_64&amp;page=2#values" in page
    ascending = client.get(MAP, {"indicator": "employment_rate_15_64", "sort": "value"}).text
    low = [float(v) for v in re.findall(r'</td><td class="num">([\d.]+)</td></tr>', ascending)]
    assert low == sorted(low) and low[0] < values[-1]
    found = client.get(MAP, {"indicator": "employment_rate_15_64", "q": "sostinės"}).text
    assert re.findall(r"<td>([A-Z]{2}\w\w)</td>", found) == ["LT01"]
    nothing = client.get(MAP, {"indicator": "employment_rate_15_64", "q": "atlantis"}).text
    assert "No region matches the search." in nothing
