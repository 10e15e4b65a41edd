"""Tables as CSV or XLSX downloads: one function, so every export has the same shape (a header row, then rows)."""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import Http404, HttpResponse

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_response(name: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        content: bytes = buffer.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read UTF-8
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31])
        sheet.append(list(header))
        for row in rows:
            sheet.append([_cell(v) for v in row])
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _cell(value):
    return float(value) if isinstance(value, Decimal) else value
