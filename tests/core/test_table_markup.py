"""Every table a template draws is named and its headings say what they head: a screen reader announces a table by
its name (a caption, or the heading it points at) and reads each cell with its column's (or row's) heading, which it
can only be sure of when the heading says its scope (WCAG 2.1, 1.3.1). The data-table component does both; this
holds the short fixed tables drawn by hand, the PDFs' included, to the same markup."""

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "innopart"
TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)
HEADING = re.compile(r"<th\b([^>]*)>")


def _tables():
    for path in sorted(SOURCE.rglob("templates/**/*.html")):
        for match in TABLE.finditer(path.read_text(encoding="utf-8")):
            yield f"{path.relative_to(SOURCE)}: {match.group(0)[:80]!r}", match.group(1), match.group(2)


def test_every_table_has_a_name():
    unnamed = [
        where
        for where, attributes, body in _tables()
        if "aria-label" not in attributes and not body.lstrip().startswith("<caption")
    ]
    assert unnamed == []


def test_every_heading_cell_says_its_scope():
    tables = list(_tables())
    assert len(tables) > 40  # the walk went through the templates
    missing = [where for where, _, body in tables for attributes in HEADING.findall(body) if "scope=" not in attributes]
    assert missing == []
