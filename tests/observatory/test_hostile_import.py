"""Hostile data files: every one ends in a message that names the row or the file's fault, never a server error,
and nothing is half-saved. The three defects found by the production probe come first."""

import gzip

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innopart.observatory.importers import ImportRejected, import_tidy, load_regions
from innopart.observatory.models import Indicator, Observation
from innopart.observatory.readers import UnreadableFile, read_upload

URL = reverse("observatory:upload")
HEADER = b"region,indicator,year,value\n"


@pytest.fixture
def data(db):
    load_regions()
    indicator = Indicator.objects.create(code="gdp_mio_eur")
    Observation.objects.create(region_id=_lt01(), indicator=indicator, year=2019, value=45_000.0)


def _lt01():
    from innopart.observatory.models import Region

    return Region.objects.get(code="LT01").pk


def _post(client, content, name="data.csv", **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)} | extra)


def test_a_year_beyond_the_column_is_named_not_a_server_error(client, data, analyst):
    client.force_login(analyst)
    response = _post(client, HEADER + b"LT01,gdp_mio_eur,99999999999,1\nLT01,gdp_mio_eur,20190,1\n")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Row 2, column year: 99999999999 is outside 1900-2100." in page
    assert "Row 3, column year: 20190 is outside 1900-2100." in page
    assert Observation.objects.count() == 1


def test_a_tsv_line_without_its_region_is_named_not_a_server_error(client, data, analyst):
    client.force_login(analyst)
    tsv = b"freq,unit,geo\\TIME_PERIOD\t2019 \nA,MIO_EUR\t1 \n"
    response = _post(client, tsv, name="nama.tsv", indicator="gdp_mio_eur")
    assert response.status_code == 200
    assert "Lines 2 do not have one value for each dimension of the header (freq, unit, geo)." in (
        response.content.decode()
    )
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("value", ["1e400", "-1e400", "1e-400"])
def test_a_number_no_column_can_keep_is_refused_and_the_real_value_stays(client, data, analyst, value):
    client.force_login(analyst)
    response = _post(client, HEADER + f"LT01,gdp_mio_eur,2019,{value}\n".encode())
    assert f"Row 2, column value: “{value}” is too large or too small to store." in response.content.decode()
    assert Observation.objects.get().value == 45_000.0


CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "LT01",
            "gdp_mio_eur",
            "2019",
            "1e400",
            "nan",
            "inf",
            "-0",
            ":",
            "1e-400",
            "\uff11\uff12",
            "\x00",
            "\U0001d7d9",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), max_size=6), name=st.sampled_from(["a.csv", "a.tsv"]))
def test_generated_hostile_files_end_in_a_named_message_or_a_clean_import(data, rows, name):
    sep = "\t" if name.endswith(".tsv") else ","
    head = "unit,geo\\TIME_PERIOD\t2019\t2020" if name.endswith(".tsv") else "region,indicator,year,value"
    text = head + "\n" + "\n".join(sep.join(row) for row in rows)
    before = list(Observation.objects.values_list("region_id", "indicator_id", "year", "value", "flag"))
    try:
        parsed = read_upload(name, text.encode("utf-8", "surrogatepass"), indicator="gdp_mio_eur")
        import_tidy(parsed)
    except UnreadableFile as error:
        assert str(error)
    except ImportRejected as rejected:
        assert rejected.errors and all(e.startswith("Row ") for e in rejected.errors)
        assert list(Observation.objects.values_list("region_id", "indicator_id", "year", "value", "flag")) == before
    else:
        for value in Observation.objects.values_list("value", flat=True):
            assert value == value and abs(value) != float("inf")


@pytest.mark.parametrize(
    "content,name",
    [
        (b"", "empty.csv"),
        (b"\xff\xfe\x00r\x00e\x00g", "utf16.csv"),
        (gzip.compress(HEADER + b"LT01,gdp_mio_eur,2019,1\n", mtime=0)[:20], "cut.csv.gz"),
        (b"PK\x03\x04not really a workbook", "fake.xlsx"),
        (HEADER + b'LT01,gdp_mio_eur,2019,"1\n', "open-quote.csv"),
        (b"\x00" * 100, "nul.csv"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",  # named by the file: parallel workers must agree
)
def test_broken_files_are_refused_with_a_message(client, data, analyst, content, name):
    client.force_login(analyst)
    response = _post(client, content, name=name)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode() or "Nothing was imported" in response.content.decode()
    assert Observation.objects.count() == 1
