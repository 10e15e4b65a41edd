"""The observatory's open data in the JSON API: regions, the indicator catalogue, observations, the industrial-change
index with its rank intervals, and the cluster stars.

JSON by default; CSV of the same rows on the same address with ``?format=csv`` (or ``Accept: text/csv``). Every
answer carries an ETag made from the data's version (`revisions.current`) and the request, so a client that sends
it back in ``If-None-Match`` gets 304 before any data is read.
"""

import csv
import hashlib
import io
from datetime import datetime
from enum import StrEnum

from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja import Path as PathParam

from innopart.accounts.api_auth import OpenData
from innopart.core.schemas import Invalid, Message

from . import change_index, cluster_map, revisions
from .models import Indicator, Observation, Region, Theme

router = Router(tags=["observatory"], auth=OpenData())
CSV_TYPE = "text/csv"
# Open data: no credential needed ({}), a token accepted; a list's rows also as CSV.
OPEN = {"security": [{}, {"OpenData": []}]}
OPEN_CSV = {**OPEN, "responses": {200: {"content": {CSV_TYPE: {"schema": {"type": "string"}}}}}}
STARS_VERSION = "sbs2015-1"
# Codes as they are written: anything else (a NUL byte, say, which PostgreSQL refuses) is a 422 naming the field.
NUTS = r"^[A-Za-z0-9]{2,9}$"
CODE = r"^[A-Za-z0-9_-]{1,80}$"  # the stars come from shipped files that change only with a release


class Format(StrEnum):
    json = "json"
    csv = "csv"


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="page number, from 1")
    page_size: int = Field(100, ge=1, le=1000, description="rows per page (at most 1,000)")
    format: Format = Field(Format.json, description="json, or csv for the same rows as CSV")


class RegionFilter(Paging):
    level: int | None = Field(None, ge=0, le=3, description="NUTS level (0 country, 1, 2, 3)")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="two-letter country code, e.g. LT")
    current: bool | None = Field(None, description="true: only regions of NUTS 2021; false: only earlier codes")


class RegionOut(Schema):
    code: str
    name: str
    name_native: str
    country: str
    level: int
    in_nuts2021: bool
    profile: str = Field(description="the region's profile page")


class RegionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RegionOut]


class IndicatorOut(Schema):
    code: str
    name_en: str
    name_lt: str
    short_name_en: str
    short_name_lt: str
    definition_en: str
    definition_lt: str
    unit_code: str
    unit_en: str
    unit_lt: str
    decimals: int
    higher_is_better: bool | None
    theme: str
    source: str
    dataset: str
    dataset_url: str
    licence: str


class ObservationFilter(Paging):
    region: str | None = Field(None, pattern=NUTS, description="a NUTS code, e.g. LT01")
    indicator: str | None = Field(None, pattern=CODE, description="an indicator code from /observatory/indicators")
    year: int | None = Field(None, ge=1900, le=2100)
    year_from: int | None = Field(None, ge=1900, le=2100)
    year_to: int | None = Field(None, ge=1900, le=2100)


class ObservationOut(Schema):
    region: str
    indicator: str
    year: int
    value: float
    flag: str = Field(description="Eurostat's flag: e estimated, p provisional, b break in series, ...")
    dataset: str
    licence: str


class ObservationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ObservationOut]


class IndexRegionOut(Schema):
    region: str
    index: float | None
    rank: float | None
    rank_q5: float | None = Field(description="5th percentile of the rank over the Monte Carlo replications")
    rank_q95: float | None = Field(description="95th percentile of the rank over the Monte Carlo replications")
    dimensions: dict[str, float | None]


class DimensionOut(Schema):
    code: str
    name: str
    scored: bool
    eu_average: float | None


class IndexOut(Schema):
    run: int
    finished_at: datetime | None
    name: str
    replications: int
    seed: int | None
    dimensions: list[DimensionOut]
    eu_average: float | None
    results: list[IndexRegionOut]


class FormatOnly(Schema):
    format: Format = Field(Format.json, description="json, or csv for the same rows as CSV")


class StarsFilter(FormatOnly):
    region: str | None = Field(None, pattern=NUTS, description="a NUTS-2 code, e.g. LT01")


class StarOut(Schema):
    region: str = Field(description="the region in the 2015 structural business statistics (LT00 for Lithuania)")
    category: str
    employment: float | None
    location_quotient: float | None
    size: bool
    specialisation: bool
    stars: int


class StarsOut(Schema):
    count: int
    results: list[StarOut]


def _known(value) -> float | None:
    return None if value != value else float(value)  # NaN is the only value unequal to itself


def _etag(request, version: str) -> str:
    asked = sorted(request.GET.lists())
    digest = hashlib.sha256(repr([version, request.path, asked, request.headers.get("Accept", "")]).encode())
    return f'"{digest.hexdigest()[:32]}"'


def _fresh(request, etag: str) -> bool:
    sent = request.headers.get("If-None-Match", "")
    return etag in [t.strip().removeprefix("W/") for t in sent.split(",")] or sent.strip() == "*"


def _wants_csv(request, fmt: Format) -> bool:
    return fmt == Format.csv or request.headers.get("Accept", "").split(",")[0].strip() == CSV_TYPE


def _csv(rows: list[dict], filename: str, etag: str) -> HttpResponse:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    answer = HttpResponse(out.getvalue(), content_type=f"{CSV_TYPE}; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return _headers(answer, etag)


def _headers(answer: HttpResponse, etag: str) -> HttpResponse:
    answer["ETag"] = etag
    answer["Cache-Control"] = "public, no-cache"  # keep it, but ask again (cheaply, with the ETag) each time
    answer["Vary"] = "Accept, Authorization"
    return answer


def _answer(request, response: HttpResponse, fmt: Format, version: str, build, filename: str, rows_of=None):
    """304 when the client has this version; otherwise the built payload as JSON (through the schema) or CSV."""
    etag = _etag(request, version)
    if _fresh(request, etag):
        return _headers(HttpResponse(status=304), etag)
    payload = build()
    if _wants_csv(request, fmt):
        rows = rows_of(payload) if rows_of else payload["results"]
        return _csv([row if isinstance(row, dict) else row.dict() for row in rows], filename, etag)
    _headers(response, etag)
    return payload


def _page(queryset, paging: Paging, out) -> dict:
    count = queryset.count()
    start = (paging.page - 1) * paging.page_size
    rows = [out(item) for item in queryset[start : start + paging.page_size]]
    return {"count": count, "page": paging.page, "page_size": paging.page_size, "results": rows}


def _region(region: Region) -> dict:
    return {
        "code": region.code,
        "name": region.name,
        "name_native": region.name_native,
        "country": region.country,
        "level": region.level,
        "in_nuts2021": region.in_nuts2021,
        "profile": reverse("observatory:region", args=[region.code]),
    }


def _indicator(i: Indicator) -> dict:
    return {
        "code": i.code,
        "name_en": i.name_en,
        "name_lt": i.name_lt,
        "short_name_en": i.short_name_en,
        "short_name_lt": i.short_name_lt,
        "definition_en": i.definition_en,
        "definition_lt": i.definition_lt,
        "unit_code": i.unit,
        "unit_en": i.unit_en,
        "unit_lt": i.unit_lt,
        "decimals": i.decimals,
        "higher_is_better": i.higher_is_better,
        "theme": i.theme,
        "source": i.source,
        "dataset": i.dataset,
        "dataset_url": i.dataset_url,
        "licence": i.licence,
    }


COMMON = {304: None, 401: Message, 422: Invalid}


@router.get("/regions", response={200: RegionPage, **COMMON}, summary="Regions (NUTS)", openapi_extra=OPEN_CSV)
def regions(request, response: HttpResponse, filters: Query[RegionFilter]):
    def build():
        found = Region.objects.order_by("level", "code")
        if filters.level is not None:
            found = found.filter(level=filters.level)
        if filters.country:
            found = found.filter(country=filters.country.upper())
        if filters.current is not None:
            found = found.filter(in_nuts2021=filters.current)
        return _page(found, filters, _region)

    return _answer(request, response, filters.format, revisions.current(), build, "regions")


@router.get(
    "/regions/{code}", response={200: RegionOut, **COMMON, 404: Message}, summary="One region", openapi_extra=OPEN
)
def region(request, response: HttpResponse, code: str = PathParam(..., pattern=NUTS)):
    found = Region.objects.filter(code=code.upper()).first()
    if found is None:
        return Status(404, {"detail": f"No region has the code {code!r}."})
    return _answer(request, response, Format.json, revisions.current(), lambda: _region(found), code)


@router.get(
    "/indicators",
    response={200: list[IndicatorOut], **COMMON},
    summary="The indicator catalogue",
    openapi_extra=OPEN_CSV,
)
def indicators(request, response: HttpResponse, filters: Query[FormatOnly], theme: Theme | None = None):
    def build():
        found = Indicator.objects.order_by("code")
        return [_indicator(i) for i in (found.filter(theme=theme) if theme else found)]

    return _answer(request, response, filters.format, revisions.current(), build, "indicators", rows_of=lambda p: p)


@router.get(
    "/indicators/{code}",
    response={200: IndicatorOut, **COMMON, 404: Message},
    summary="One indicator",
    openapi_extra=OPEN,
)
def indicator(request, response: HttpResponse, code: str = PathParam(..., pattern=CODE)):
    found = Indicator.objects.filter(code=code).first()
    if found is None:
        return Status(404, {"detail": f"No indicator has the code {code!r}."})
    return _answer(request, response, Format.json, revisions.current(), lambda: _indicator(found), code)


@router.get(
    "/observations",
    response={200: ObservationPage, **COMMON, 404: Message},
    summary="Observations, filtered by region, indicator and years",
    openapi_extra=OPEN_CSV,
)
def observations(request, response: HttpResponse, filters: Query[ObservationFilter]):
    if filters.region and not Region.objects.filter(code=filters.region.upper()).exists():
        return Status(404, {"detail": f"No region has the code {filters.region!r}."})
    if filters.indicator and not Indicator.objects.filter(code=filters.indicator).exists():
        return Status(404, {"detail": f"No indicator has the code {filters.indicator!r}."})

    def build():
        wanted = Q()
        if filters.region:
            wanted &= Q(region__code=filters.region.upper())
        if filters.indicator:
            wanted &= Q(indicator__code=filters.indicator)
        if filters.year is not None:
            wanted &= Q(year=filters.year)
        if filters.year_from is not None:
            wanted &= Q(year__gte=filters.year_from)
        if filters.year_to is not None:
            wanted &= Q(year__lte=filters.year_to)
        found = (
            Observation.objects.filter(wanted)
            .order_by("indicator__code", "region__code", "year")
            .values_list("region__code", "indicator__code", "year", "value", "flag", "indicator__dataset")
        )
        licences = dict(Indicator.objects.values_list("code", "licence"))
        return _page(
            found,
            filters,
            lambda r: {
                "region": r[0],
                "indicator": r[1],
                "year": r[2],
                "value": r[3],
                "flag": r[4],
                "dataset": r[5],
                "licence": licences.get(r[1], ""),
            },
        )

    return _answer(request, response, filters.format, revisions.current(), build, "observations")


@router.get(
    "/index",
    response={200: IndexOut, **COMMON, 404: Message},
    summary="The industrial-change index: scores, ranks and rank intervals of the latest computation",
    openapi_extra=OPEN_CSV,
)
def index(request, response: HttpResponse, filters: Query[FormatOnly]):
    data = change_index.latest()
    if data is None:
        return Status(404, {"detail": "The index has not been computed yet."})

    def build():
        scored = [d["code"] for d in data["dimensions"] if d["scored"]]
        results = []
        for unit in sorted(data["scores"]):
            scores, ranks, ua = data["scores"][unit], data["ranks"][unit], data["uncertainty"].get(unit) or {}
            results.append(
                {
                    "region": unit,
                    "index": scores.get("Index"),
                    "rank": ranks.get("Index"),
                    "rank_q5": ua.get("Q5"),
                    "rank_q95": ua.get("Q95"),
                    "dimensions": {code: scores.get(code) for code in scored},
                }
            )
        return {
            "run": data["run"],
            "finished_at": data["finished_at"],
            "name": data.get("name", ""),
            "replications": data.get("replications") or 0,
            "seed": data.get("seed"),
            "dimensions": [
                {
                    "code": d["code"],
                    "name": change_index.dimension_name(d),
                    "scored": d["scored"],
                    "eu_average": data["eu_average"].get(d["code"]),
                }
                for d in data["dimensions"]
            ],
            "eu_average": data["eu_average"].get("Index"),
            "results": results,
        }

    def flat(payload):
        return [
            {k: v for k, v in row.items() if k != "dimensions"}
            | {f"dimension_{k}": v for k, v in row["dimensions"].items()}
            for row in payload["results"]
        ]

    return _answer(request, response, filters.format, revisions.current(), build, "industrial-change-index", flat)


@router.get(
    "/stars",
    response={200: StarsOut, **COMMON, 404: Message},
    summary="Cluster stars by region and category (2015 structural business statistics)",
    openapi_extra=OPEN_CSV,
)
def stars(request, response: HttpResponse, filters: Query[StarsFilter]):
    data = cluster_map.star_map()
    wanted = None
    if filters.region:
        code = filters.region.upper()
        wanted = cluster_map.PREDECESSORS.get(code) or data.successors.get(code) or code
        if wanted not in data.employment.index:
            return Status(404, {"detail": f"The 2015 statistics have no region {filters.region!r}."})

    def build():
        criteria = data.criteria
        rows = []
        for unit in [wanted] if wanted else sorted(data.employment.index):
            given = criteria["stars"].loc[unit]
            for category in given.index[given > 0]:
                rows.append(
                    {
                        "region": unit,
                        "category": category,
                        "employment": _known(data.employment.at[unit, category]),
                        "location_quotient": _known(data.lq.at[unit, category]),
                        "size": bool(criteria["size"].at[unit, category]),
                        "specialisation": bool(criteria["specialisation"].at[unit, category]),
                        "stars": int(given[category]),
                    }
                )
        return {"count": len(rows), "results": rows}

    return _answer(request, response, filters.format, STARS_VERSION, build, "cluster-stars")
