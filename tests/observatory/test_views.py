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
def test_empty_catalogue_says_how_to_load_data(client):
    assert "innopart import observatory-data" in client.get(reverse("observatory:catalogue")).content.decode()
