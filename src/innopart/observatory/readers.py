"""Reading indicator files into tidy rows (``region, indicator, year, value, flag``) for `importers.import_tidy`.

Four formats: tidy CSV, XLSX with the same columns, Eurostat's TSV bulk download (``freq,unit,geo\\TIME_PERIOD``
then one column per year, values such as ``12.3 p`` or ``:``) and Eurostat SDMX-CSV (``geo, TIME_PERIOD,
OBS_VALUE, OBS_FLAG``). The two Eurostat formats carry no indicator code of ours, so the caller names it, and
fixes the other dimensions (``unit=MIO_EUR``) when the file holds several series per region.
Each row keeps ``_row``, its line in the file, so that errors name the line a person can find.
"""

import csv
import gzip
import io
import zlib

from django.utils.translation import gettext as _


class UnreadableFile(ValueError):
    pass


def _text(content: bytes) -> str:
    if content[:2] == b"\x1f\x8b":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError, zlib.error):
            raise UnreadableFile(_("The file is a damaged or truncated gzip archive.")) from None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("The file is not UTF-8 text.")) from None


def read_tidy_csv(content: bytes) -> list[dict]:
    # strict: an unterminated quote is an error, not a value that runs to the end of the file.
    reader = csv.DictReader(io.StringIO(_text(content)), strict=True)
    rows = []
    try:
        for n, row in enumerate(reader, 2):
            rows.append(
                {(k or "").strip().lower(): v if isinstance(v, str) else "" for k, v in row.items()} | {"_row": n}
            )
    except csv.Error as error:
        raise UnreadableFile(
            _("Line %(n)d cannot be read as CSV (%(reason)s).") % {"n": reader.line_num, "reason": error}
        ) from None
    return rows


def read_xlsx(content: bytes) -> list[dict]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise UnreadableFile(_("The file is not a readable XLSX workbook.")) from None
    lines = sheet.iter_rows(values_only=True)
    header = [str(cell or "").strip().lower() for cell in next(lines, ())]
    rows = []
    for number, line in enumerate(lines, start=2):
        if all(cell in (None, "") for cell in line):
            continue
        rows.append({h: "" if v is None else str(v) for h, v in zip(header, line, strict=False)} | {"_row": number})
    return rows


def _selected(dims: dict[str, str], select: dict[str, str]) -> bool:
    return all(dims.get(k) == v for k, v in select.items())


def read_eurostat_tsv(content: bytes, *, indicator: str, select: dict[str, str] | None = None) -> list[dict]:
    lines = _text(content).splitlines()
    if not lines or "\t" not in lines[0] or "\\" not in lines[0].split("\t")[0]:
        raise UnreadableFile(_("The first line is not a Eurostat TSV header such as “unit,geo\\TIME_PERIOD”."))
    head = lines[0].split("\t")
    names = [n.strip() for n in head[0].split("\\")[0].split(",")]
    if "geo" not in names:
        raise UnreadableFile(_("The Eurostat TSV header has no “geo” dimension."))
    years = [y.strip() for y in head[1:]]
    rows, short = [], []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        values = [c.strip() for c in cells[0].split(",")]
        if len(values) != len(names):
            short.append(number)
            continue
        dims = dict(zip(names, values, strict=True))
        if not _selected(dims, select or {}):
            continue
        for year, value in zip(years, cells[1:], strict=False):
            rows.append({"region": dims["geo"], "indicator": indicator, "year": year, "value": value, "_row": number})
    if short:
        raise UnreadableFile(
            _("Lines %(lines)s do not have one value for each dimension of the header (%(names)s).")
            % {"lines": ", ".join(map(str, short[:20])) + (" …" if len(short) > 20 else ""), "names": ", ".join(names)}
        )
    return rows


def read_sdmx_csv(content: bytes, *, indicator: str, select: dict[str, str] | None = None) -> list[dict]:
    rows = []
    for row in read_tidy_csv(content):
        if not _selected(row, {k.lower(): v for k, v in (select or {}).items()}):
            continue
        rows.append(
            {
                "region": row.get("geo", ""),
                "indicator": indicator,
                "year": row.get("time_period", ""),
                "value": row.get("obs_value", ""),
                "flag": row.get("obs_flag") or "",
                "_row": row["_row"],
            }
        )
    return rows


TIDY_COLUMNS = ("indicator", "year", "value")
SDMX_COLUMNS = ("geo", "time_period", "obs_value")


def _require_columns(rows: list[dict], needed: tuple[str, ...], *, either: tuple[str, str] | None = None) -> list[dict]:
    """Name the missing columns, or say that there is no data row at all."""
    if not rows:
        raise UnreadableFile(_("The file holds no data rows."))
    present = set(rows[0])
    missing = [c for c in needed if c not in present]
    if either and not present & set(either):
        missing.insert(0, either[0])
    if missing:
        raise UnreadableFile(
            _("The file has no column %(missing)s; its columns are: %(present)s.")
            % {
                "missing": ", ".join(f"“{c}”" for c in missing),
                "present": ", ".join(sorted(c for c in present if c and c != "_row"))[:300] or "-",
            }
        )
    return rows


def read_upload(name: str, content: bytes, *, indicator: str = "", select: dict[str, str] | None = None) -> list[dict]:
    """Pick the reader from the file name and, for CSV, from its header."""
    rows = _read(name, content, indicator=indicator, select=select)
    if not rows:
        raise UnreadableFile(_("The file holds no data rows."))
    return rows


def _read(name: str, content: bytes, *, indicator: str, select: dict[str, str] | None) -> list[dict]:
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".xlsx"):
        return _require_columns(read_xlsx(content), TIDY_COLUMNS, either=("region", "geo"))
    eurostat = lower.endswith(".tsv") or (lower.endswith(".csv") and "obs_value" in _text(content)[:2000].lower())
    if eurostat and not indicator:
        raise UnreadableFile(_("A Eurostat file carries no indicator code: name the indicator its values belong to."))
    if lower.endswith(".tsv"):
        return read_eurostat_tsv(content, indicator=indicator, select=select)
    if eurostat:
        _require_columns(read_tidy_csv(content), SDMX_COLUMNS)
        return read_sdmx_csv(content, indicator=indicator, select=select)
    if lower.endswith(".csv"):
        return _require_columns(read_tidy_csv(content), TIDY_COLUMNS, either=("region", "geo"))
    raise UnreadableFile(_("“%(name)s”: Innopart reads .csv, .tsv (Eurostat) and .xlsx files.") % {"name": name})


def parse_select(text: str) -> dict[str, str]:
    """``"unit=MIO_EUR, freq=A"`` -> ``{"unit": "MIO_EUR", "freq": "A"}``."""
    pairs = [p.strip() for p in (text or "").split(",") if p.strip()]
    if any("=" not in p for p in pairs):
        raise UnreadableFile(_("Write the series filter as dimension=value, separated by commas."))
    return {k.strip(): v.strip() for k, v in (p.split("=", 1) for p in pairs)}
