"""Every observatory chart downloads as SVG and PNG and its data as CSV and XLSX; a region profile's and the map's
tables download as CSV and XLSX with exactly the figures shown."""

import csv
import io
import re

import pytest

from innopart.observatory.importers import load_shipped
from innopart.observatory.models import Observation

MAP = "/observatory/map/?indicator=employment_rate_15_64"


@pytest.fixture
def shipped(db):
    load_shipped(indicators={"employment_rate_15_64", "unemployment_rate_15_74"})


def _csv(answer) -> list[dict]:
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def test_a_chart_downloads_as_svg_png_csv_and_xlsx(client, shipped):
    page = client.get(MAP).text
    found = re.findall(r'href="(/observatory/charts/[0-9a-f]{64})\.(\w+)" download', page)
    links = {fmt: base for base, fmt in found}
    assert set(links) == {"svg", "png", "csv", "xlsx"}
    svg = client.get(links["svg"] + ".svg")
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.lstrip().startswith(b"<svg")
    assert svg["Content-Disposition"].startswith('attachment; filename="employment-rate')
    png = client.get(links["png"] + ".png")
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    rows = _csv(client.get(links["csv"] + ".csv"))
    lt01 = next(r for r in rows if r["id"] == "LT01")
    year = int(re.search(r"(\d{4})\. Source", lt01["notes"]).group(1))
    stored = Observation.objects.get(region__code="LT01", indicator__code="employment_rate_15_64", year=year).value
    assert float(lt01["value"]) == stored and lt01["chart"].startswith("Employment rate")
    assert "geometry" not in rows[0]
    assert client.get(links["xlsx"] + ".xlsx").content[:2] == b"PK"
    assert client.get("/observatory/charts/" + "0" * 64 + ".svg").status_code == 404


def test_the_profile_and_map_tables_download_with_the_figures_shown(client, shipped):
    page = client.get("/observatory/regions/LT01/").text
    assert 'href="?format=csv" download' in page
    rows = _csv(client.get("/observatory/regions/LT01/?format=csv"))
    employment = next(r for r in rows if r["Indicator code"] == "employment_rate_15_64")
    shown = re.search(r"Employment rate of people aged 15-64</span></th><td class=\"num\">([^<]+)</td>", page).group(1)
    assert employment["Value as shown"] == shown and employment["Source dataset"]
    assert employment["Licence"].startswith("Source: Eurostat")
    assert client.get("/observatory/regions/LT01/?format=xlsx").content[:2] == b"PK"
    assert client.get("/observatory/regions/LT01/?format=pdf").status_code == 404  # the PDF has its own address

    # The map's table is paged: its download holds every page's rows, in the order the pages show them.
    table = _csv(client.get(MAP + "&format=csv"))
    shown, number = [], 1
    while True:
        page = client.get(f"{MAP}&page={number}").text
        shown += re.findall(r'<th scope="row"><a href="/observatory/regions/(\w+)/', page)
        if f"page={number + 1}" not in page:
            break
        number += 1
    assert number > 4 and [r["Region code"] for r in table] == shown and len(shown) > 200
    assert {"Region code", "Value as shown", "Source"} <= set(table[0])
    # Searched and sorted, the download follows the table, not the whole map.
    searched = _csv(client.get(MAP + "&q=LT0&sort=-code&page=2&format=csv"))
    assert [r["Region code"] for r in searched] == ["LT02", "LT01"]


def test_the_page_script_reads_the_same_specification_as_json(client, shipped):
    """The live chart is drawn from the very specification the static SVG and the downloads came from."""
    page = client.get(MAP).text
    view = re.search(r'<div class="chart-view" data-spec="(/observatory/charts/([0-9a-f]{64})\.json)"', page)
    assert view, "the map is not marked for the live chart"
    answer = client.get(view.group(1))
    assert answer["Content-Type"] == "application/json"
    body = answer.json()
    assert set(body) == {"spec", "locale"} and body["spec"]["$schema"].startswith("https://vega.github.io/schema/")
    assert body["locale"]["decimal"] == "."
    rows = [row for dataset in body["spec"]["datasets"].values() for row in dataset]
    lt01 = next(r for r in rows if r.get("properties", {}).get("id") == "LT01")
    assert lt01["properties"]["value"] is not None and lt01["properties"]["url"] == "/observatory/regions/LT01/"
    assert client.get("/observatory/charts/" + "0" * 64 + ".json").status_code == 404
    assert client.get(f"/observatory/charts/{view.group(2)}.exe").status_code == 404
