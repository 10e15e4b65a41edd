import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innopart.core.models import AuditEntry
from innopart.observatory.importers import load_regions
from innopart.observatory.models import Indicator, Observation

URL = reverse("observatory:upload")
BAD = b"region,indicator,year,value\nLT01,gdp_mio_eur,2019,1\nXX99,gdp_mio_eur,2019,2\nLT02,gdp_mio_eur,2019,n/a\n"


@pytest.fixture
def data(db):
    load_regions()
    Indicator.objects.create(code="gdp_mio_eur")


def _post(client, content, name="data.csv", **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)} | extra)


def test_only_analysts_and_the_ministry_may_import(client, data, applicant_a, analyst, ministry_officer):
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(applicant_a)
    assert client.get(URL).status_code == 404
    assert _post(client, b"region,indicator,year,value\nLT01,gdp_mio_eur,2019,1\n").status_code == 404
    assert not Observation.objects.exists()
    for user in (analyst, ministry_officer):
        client.force_login(user)
        assert client.get(URL).status_code == 200


def test_bad_file_lists_every_row_and_imports_nothing(client, data, analyst):
    client.force_login(analyst)
    page = _post(client, BAD).content.decode()
    assert "Nothing was imported: 2 rows have problems." in page
    assert "Row 3, column region: unknown region code “XX99”." in page
    assert "Row 4, column value: “n/a” is not a number." in page
    assert not Observation.objects.exists() and not AuditEntry.objects.exists()


def test_good_eurostat_file_is_imported_and_audited(client, data, analyst):
    client.force_login(analyst)
    tsv = b"unit,geo\\TIME_PERIOD\t2019 \t2020 \nMIO_EUR,LT01\t30000 \t31000 p\n"
    response = _post(client, tsv, name="nama.tsv", indicator="gdp_mio_eur")
    assert response.status_code == 302
    assert "2 values added" in client.get(response.url).content.decode()
    assert Observation.objects.get(year=2020).flag == "p"
    assert AuditEntry.objects.get(action="observatory.data_imported").actor == analyst


def test_eurostat_file_without_indicator_is_refused_on_the_field(client, data, analyst):
    client.force_login(analyst)
    page = _post(client, b"unit,geo\\TIME_PERIOD\t2019 \nMIO_EUR,LT01\t1 \n", name="x.tsv").content.decode()
    assert "Data file: A Eurostat file carries no indicator code" in page
    assert not Observation.objects.exists()


NEW = b"unit,geo\\TIME_PERIOD\t2021 \nPC_ENT,LT01\t23.5 e\n"


def test_a_new_indicator_is_named_before_it_is_created(client, data, analyst):
    client.force_login(analyst)
    page = _post(client, NEW, name="isoc.tsv", indicator="broadband_pct_enterprises", new_indicators="on").text
    assert "Name of the new indicator in English: Name the new indicator “broadband_pct_enterprises”" in page
    assert not Indicator.objects.filter(code="broadband_pct_enterprises").exists()
    described = {
        "name_en": "Enterprises with fast broadband",
        "name_lt": "Įmonės, turinčios spartųjį plačiajuostį ryšį",
        "unit_en": "% of enterprises",
        "unit_lt": "% įmonių",
        "decimals": "0",
        "direction": "higher",
        "theme": "digitalisation",
    }
    response = _post(
        client, NEW, name="isoc.tsv", indicator="broadband_pct_enterprises", new_indicators="on", **described
    )
    assert response.status_code == 302
    created = Indicator.objects.get(code="broadband_pct_enterprises")
    assert (created.name_en, created.name_lt, created.unit_lt) == (
        "Enterprises with fast broadband",
        "Įmonės, turinčios spartųjį plačiajuostį ryšį",
        "% įmonių",
    )
    assert (created.decimals, created.higher_is_better, created.theme) == (0, True, "digitalisation")
    page = client.get(reverse("observatory:region", args=["LT01"])).text
    # One region has the indicator: too few for an EU median, which shows as a dash.
    assert "Enterprises with fast broadband" in page
    assert '>24</td><td class="num">\u2013</td><td>% of enterprises' in page


def test_a_description_needs_one_new_indicator_to_describe(client, data, analyst):
    client.force_login(analyst)
    known = b"region,indicator,year,value\nLT01,gdp_mio_eur,2019,1\n"
    page = _post(client, known, name_en="Something").text
    assert "Create indicators the file introduces: Tick this to create the indicator you describe." in page
    page = _post(client, known, name_en="Something", new_indicators="on").text
    assert "The description is for one new indicator; this file introduces 0." in page
    two = (
        b"region,indicator,year,value,name_en,name_lt\n"
        b"LT01,first_new,2019,1,First,Pirmas\nLT01,second_new,2019,2,Second,Antras\n"
    )
    page = _post(client, two, name_en="Something", name_lt="Kažkas", new_indicators="on").text
    assert "this file introduces 2." in page and not Observation.objects.exists()
    # Without a description in the form, each new indicator takes its names from the file's own columns.
    assert _post(client, two, new_indicators="on").status_code == 302
    assert Indicator.objects.get(code="second_new").name_lt == "Antras"


def test_an_analyst_corrects_an_indicators_description_and_every_page_shows_it(client, analyst, applicant_a):
    from innopart.observatory.importers import load_shipped
    from innopart.observatory.models import Indicator

    load_shipped(indicators={"employment_rate_15_64"})
    url = "/observatory/data/indicators/employment_rate_15_64/edit/"
    client.force_login(applicant_a)
    assert client.get(url).status_code == 404  # refused as if it did not exist
    client.force_login(analyst)
    assert "Employment rate of people aged 15-64" in client.get("/observatory/regions/LT01/").text  # cached now
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data["higher_is_better"] = "true"
    data |= {"name_en": "Employment rate (15-64)", "name_lt": "Užimtumo lygis (15-64 m.)", "decimals": "2"}
    assert client.post(url, data).status_code == 302
    profile = client.get("/observatory/regions/LT01/").text
    assert "Employment rate (15-64)" in profile  # a new data version: the cached page is drawn again
    indicator = Indicator.objects.get(code="employment_rate_15_64")
    assert (indicator.name_lt, indicator.decimals) == ("Užimtumo lygis (15-64 m.)", 2)
    entry = AuditEntry.objects.get(action="observatory.indicator_described", actor=analyst)
    assert entry.changes["name_en"] == ["Employment rate of people aged 15-64", "Employment rate (15-64)"]

    stale = client.post(url, data | {"name_en": "Another name"})  # the same old page, saved again
    assert stale.status_code == 200 and "Someone else saved this" in stale.text
    assert Indicator.objects.get(code="employment_rate_15_64").name_en == "Employment rate (15-64)"
    fresh = client.get(url).context["form"].initial["edit_token"]
    refused = client.post(url, data | {"edit_token": fresh, "name_lt": "", "decimals": "9"})
    assert refused.status_code == 200 and set(refused.context["form"].errors) == {"name_lt", "decimals"}
