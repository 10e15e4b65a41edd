"""A local stand-in for Eurostat's dissemination API: it replays answers in the documented JSON-stat 2.0 format,
on loopback only, and honours conditional requests as Eurostat's server does (ETag -> 304).

The figures in the answers are the real Eurostat values Innopart ships (observations.csv.gz), put into Eurostat's
format; nothing is invented. Aggregates such as EU27_2020 appear as areas without a value."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import innopart.observatory

SHIPPED = Path(innopart.observatory.__file__).parent / "data" / "observations.csv.gz"
DATASET_LABELS = {"nama_10r_2gdp": "Gross domestic product (GDP) at current market prices by NUTS 2 regions"}
UNIT_LABELS = {"MIO_EUR": "Million euro", "EUR_HAB": "Euro per inhabitant"}


def shipped(indicator: str, regions: list[str]) -> dict[tuple[str, str], tuple[float, str]]:
    import csv
    import io

    rows = csv.DictReader(io.StringIO(gzip.decompress(SHIPPED.read_bytes()).decode()))
    return {
        (r["geo"], r["year"]): (float(r["value"]), r["flag"])
        for r in rows
        if r["indicator"] == indicator and r["geo"] in regions
    }


def jsonstat(dataset: str, unit: str, values: dict, areas: list[str], updated: str = "2025-03-14T23:00:00+0100"):
    """A JSON-stat 2.0 dataset as Eurostat's statistics API writes it (freq, unit, geo, time; sparse value and
    status objects keyed by position)."""
    years = sorted({y for _g, y in values})
    value, status = {}, {}
    for g, geo in enumerate(areas):
        for t, year in enumerate(years):
            found = values.get((geo, year))
            if found is not None:
                value[str(g * len(years) + t)] = found[0]
                if found[1]:
                    status[str(g * len(years) + t)] = found[1]
    return {
        "version": "2.0",
        "class": "dataset",
        "label": DATASET_LABELS.get(dataset, dataset),
        "source": "ESTAT",
        "updated": updated,
        "value": value,
        "status": status,
        "id": ["freq", "unit", "geo", "time"],
        "size": [1, 1, len(areas), len(years)],
        "dimension": {
            "freq": {"label": "Time frequency", "category": {"index": {"A": 0}, "label": {"A": "Annual"}}},
            "unit": {"label": "Unit of measure", "category": {"index": {unit: 0}, "label": {unit: UNIT_LABELS[unit]}}},
            "geo": {
                "label": "Geopolitical entity (reporting)",
                "category": {"index": {a: i for i, a in enumerate(areas)}, "label": {a: a for a in areas}},
            },
            "time": {
                "label": "Time",
                "category": {"index": {y: i for i, y in enumerate(years)}, "label": {y: y for y in years}},
            },
        },
        "extension": {"datasetId": dataset, "lang": "EN"},
    }


class Recorded:
    """Answers by dataset; ``requests`` lists the (path, query) of every request received."""

    def __init__(self):
        self.answers: dict[str, tuple[int, bytes, str]] = {}
        self.requests: list[tuple[str, dict]] = []

    def answer(self, dataset: str, body, status: int = 200, etag: str = '"v1"'):
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.answers[dataset] = (status, content, etag)

    def __enter__(self):
        recorded = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                dataset = parts.path.rsplit("/", 1)[-1]
                recorded.requests.append((parts.path, parse_qs(parts.query)))
                status, content, etag = recorded.answers.get(
                    dataset, (404, b'{"error":[{"status":404,"label":"Unknown dataset"}]}', "")
                )
                if status == 200 and etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/eurostat/api/dissemination/statistics/1.0/data"
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
