import pytest
from django.urls import reverse

from innopart.observatory.importers import import_tidy, load_regions
from innopart.observatory.models import Indicator


@pytest.mark.django_db
def test_catalogue_names_source_coverage_and_licence(client):
    load_regions()
    Indicator.objects.create(code="gerd_pct_gdp", unit="PC_GDP", source="tgs00042")
    import_tidy(
        [
            {"region": r, "indicator": "gerd_pct_gdp", "year": y, "value": "1.0"}
            for r in ("LT01", "LT02")
            for y in ("2019", "2021")
        ]
    )
    page = client.get(reverse("observatory:catalogue"))
    assert page.status_code == 200
    row = next(line for line in page.content.decode().splitlines() if "gerd_pct_gdp" in line)
    assert "tgs00042" in row and "2019\u20132021" in row and "Eurostat" in row


@pytest.mark.django_db
def test_the_catalogue_is_searched_in_the_reader_s_language_and_sorted_by_coverage(client):
    load_regions()
    Indicator.objects.create(code="gerd_pct_gdp", name_en="R&D expenditure", name_lt="MTEP išlaidos")
    Indicator.objects.create(code="emp_kia", name_en="Employment in knowledge-intensive services")
    import_tidy([{"region": r, "indicator": "gerd_pct_gdp", "year": "2021", "value": "1"} for r in ("LT01", "LT02")])
    import_tidy([{"region": "LT01", "indicator": "emp_kia", "year": "2021", "value": "1"}])
    url = reverse("observatory:catalogue")
    found = client.get(url, {"q": "išlaidos"}).content.decode()
    assert "R&amp;D expenditure" in found and "knowledge-intensive" not in found
    assert "No indicator matches the search." in client.get(url, {"q": "nothing like it"}).content.decode()
    # Most regions first: the R&D indicator (two regions) comes before employment (one).
    by_regions = client.get(url, {"sort": "-regions"}).content.decode()
    assert by_regions.index("R&amp;D expenditure") < by_regions.index("knowledge-intensive")
    fewest = client.get(url, {"sort": "regions"}).content.decode()
    assert fewest.index("knowledge-intensive") < fewest.index("R&amp;D expenditure")


@pytest.mark.django_db
def test_empty_catalogue_says_how_to_load_data(client):
    assert "innopart import observatory-data" in client.get(reverse("observatory:catalogue")).content.decode()
