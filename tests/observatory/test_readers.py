import io

import pytest
from openpyxl import Workbook

from innopart.observatory.readers import UnreadableFile, parse_select, read_upload

TSV = (
    b"freq,unit,geo\\TIME_PERIOD\t2017 \t2018 \n"
    b"A,MIO_EUR,LT01\t10000 \t11000 p\n"
    b"A,MIO_EUR,LT02\t32000 \t: \n"
    b"A,PPS,LT01\t9000 \t9500 \n"
)


def test_eurostat_tsv_melts_years_keeps_flags_and_selects_one_series():
    rows = read_upload("nama_10r_2gdp.tsv", TSV, indicator="gdp_mio_eur", select={"unit": "MIO_EUR"})
    assert [(r["region"], r["year"], r["value"].strip(), r["_row"]) for r in rows] == [
        ("LT01", "2017", "10000", 2),
        ("LT01", "2018", "11000 p", 2),
        ("LT02", "2017", "32000", 3),
        ("LT02", "2018", ":", 3),
    ]
    assert {r["indicator"] for r in rows} == {"gdp_mio_eur"}


def test_sdmx_csv_reads_value_and_flag_columns():
    content = (
        b"DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
        b"ESTAT:NAMA_10R_2GDP(1.0),01/02/26,A,MIO_EUR,LT01,2023,23400.5,p\n"
        b"ESTAT:NAMA_10R_2GDP(1.0),01/02/26,A,PPS,LT01,2023,30000,\n"
    )
    rows = read_upload("gdp.csv", content, indicator="gdp_mio_eur", select=parse_select("unit=MIO_EUR"))
    assert rows == [
        {"region": "LT01", "indicator": "gdp_mio_eur", "year": "2023", "value": "23400.5", "flag": "p", "_row": 2}
    ]


def test_xlsx_reads_like_tidy_csv_and_skips_empty_lines():
    book = Workbook()
    sheet = book.active
    sheet.append(["Region", "Indicator", "Year", "Value"])
    sheet.append(["LT01", "gdp_mio_eur", 2019, 30000.5])
    sheet.append([None, None, None, None])
    sheet.append(["LT02", "gdp_mio_eur", 2019, 18000])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_upload("data.xlsx", buffer.getvalue())
    assert [(r["region"], r["year"], r["value"], r["_row"]) for r in rows] == [
        ("LT01", "2019", "30000.5", 2),
        ("LT02", "2019", "18000", 4),
    ]


@pytest.mark.parametrize(
    ("name", "content", "indicator", "message"),
    [
        ("x.tsv", TSV, "", "name the indicator"),
        ("x.tsv", b"no header here\n", "gdp", "Eurostat TSV header"),
        ("x.xlsx", b"not a workbook", "", "not a readable XLSX"),
        ("x.pdf", b"%PDF-", "", "reads .csv, .tsv"),
        ("x.csv", b"\xff\xfe\x00bad", "", "not UTF-8"),
    ],
)
def test_unreadable_files_say_why(name, content, indicator, message):
    with pytest.raises(UnreadableFile, match=message):
        read_upload(name, content, indicator=indicator)


def test_series_filter_must_be_pairs():
    assert parse_select(" unit=MIO_EUR , freq=A ") == {"unit": "MIO_EUR", "freq": "A"}
    with pytest.raises(UnreadableFile):
        parse_select("MIO_EUR")
