"""The industrial-change index on the platform's data: the specification (shipped YAML, editable by analysts),
its computation in the task worker with visible progress, and the results pages read.

The computation itself is `innopart.analytics.industrial_change`; this module feeds it the observations of the
EU's NUTS-2 regions (NUTS 2021 codes, earlier codes as predecessors) and stores what it returns.
"""

from collections import defaultdict
from pathlib import Path

import pandas as pd
import yaml
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from innopart.analytics import industrial_change as ic
from innopart.core import audit
from innopart.core.concurrency import StaleEdit

from .models import IndexRun, Indicator, NutsChange, Observation, Region, Theme
from .selectors import EU27

SHIPPED = Path(__file__).resolve().parent / "data" / "industrial_change.yaml"
CACHE_KEY = "observatory:index:latest"

# The briefing's dimension names, translatable; a dimension an analyst adds keeps the name in its specification.
# The dimensions' names in the reader's language (the themes of the indicator catalogue).
DIMENSION_NAMES = {theme.value: theme.label for theme in Theme if theme != Theme.CONTEXT}
# The shipped specification's `when_present` indicators in the reader's language (an analyst's own keep their label).
WAITING_NAMES = {
    "smes_innovating_pct": gettext_lazy(
        "SMEs introducing product or process innovations (Regional Innovation Scoreboard)"
    ),
    "patent_applications_epo_per_million": gettext_lazy(
        "Patent applications to the European Patent Office per million inhabitants"
    ),
    "broadband_households_pct": gettext_lazy("Households with broadband access"),
    "online_purchases_pct": gettext_lazy("People who bought online in the last 12 months"),
    "international_copublications_per_million": gettext_lazy(
        "International scientific co-publications per million inhabitants (Regional Innovation Scoreboard)"
    ),
    "enterprise_birth_rate_pct": gettext_lazy("Enterprise births as a share of active enterprises"),
    "self_employment_pct": gettext_lazy("Self-employed people as a share of employment"),
}


def shipped_spec() -> str:
    return SHIPPED.read_text(encoding="utf-8")


def current_spec() -> str:
    """The specification of the latest successful computation, else the shipped one."""
    run = IndexRun.objects.filter(state=IndexRun.State.DONE).first()
    return run.spec if run else shipped_spec()


def parse(text: str) -> ic.IndexSpec:
    """Validate a YAML specification against the grammar and the indicators the platform holds."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(n)d") % {"n": mark.line + 1} if mark else _("the text")
        raise ic.SpecError(_("The YAML cannot be read at %(where)s.") % {"where": where}) from None
    known = set(Indicator.objects.values_list("code", flat=True))
    # A `when_present` indicator counts once it has values, not merely a catalogue entry.
    held = Indicator.objects.filter(Exists(Observation.objects.filter(indicator=OuterRef("pk"))))
    spec = ic.parse_spec(data, available=set(held.values_list("code", flat=True)))
    for dim in spec.dimensions:
        for ind in dim.indicators:
            if ind.source not in known:
                raise ic.SpecError(
                    _("Dimension “%(dim)s”: there is no indicator “%(code)s” in the data catalogue.")
                    % {"dim": dim.code, "code": ind.source}
                )
    return spec


def latest_request_id() -> int:
    """The version an edit of the specification starts from: the newest run asked for (0 before any)."""
    return IndexRun.objects.order_by("-id").values_list("id", flat=True).first() or 0


def request(*, actor, text: str, note: str = "", expected_version: int | None = None) -> IndexRun:
    """Queue a computation with the given specification (validated first); the task worker does the work.
    Refused (StaleEdit) if someone asked for another run since the editor read version `expected_version`."""
    parse(text)
    with transaction.atomic():
        newest = IndexRun.objects.select_for_update(of=("self",)).order_by("-id").select_related("requested_by").first()
        if expected_version is not None and (newest.pk if newest else 0) != expected_version:
            raise StaleEdit([(str(_("specification")), f"{newest.note} ({newest.requested_by})")])
        run = IndexRun.objects.create(spec=text, note=note, requested_by=actor)
        audit.record(actor=actor, obj=run, action="observatory.index_requested", changes={"note": note})
        transaction.on_commit(lambda: compute_index.enqueue(run.pk))
    return run


def units() -> list[str]:
    """EU NUTS-2 regions as in NUTS 2021 (the codes of the maps and of the latest statistics)."""
    return list(
        Region.objects.filter(level=2, country__in=EU27, in_nuts2021=True)
        .exclude(code__endswith="Z")
        .values_list("code", flat=True)
    )


def predecessors() -> dict[str, list[str]]:
    """Where a region's own value is missing: its earlier NUTS codes first, then its NUTS-1 region (Eurostat
    publishes Belgian R&D only for BE3, Wallonia). Every value taken this way is listed with the results."""
    earlier: dict[str, list[str]] = defaultdict(list)
    for old, new in NutsChange.objects.values_list("old_code", "new_code"):
        earlier[new].append(old)
    for code in units():
        earlier[code].append(code[:-1])
    return earlier


def tidy(sources: set[str]) -> pd.DataFrame:
    rows = Observation.objects.filter(indicator__code__in=sources).values_list(
        "region__code", "indicator__code", "year", "value"
    )
    return pd.DataFrame(list(rows), columns=["geo", "indicator", "year", "value"])


def run(run_id: int, progress=None) -> IndexRun:
    """Compute one queued run; a failure is recorded on the run for the person who asked."""
    index_run = IndexRun.objects.get(pk=run_id)
    if index_run.state == IndexRun.State.DONE:
        return index_run  # run again after its worker died between the results and the task's end
    IndexRun.objects.filter(pk=run_id).update(state=IndexRun.State.RUNNING, total=4, done=0)

    def step(done: int, total: int) -> None:
        IndexRun.objects.filter(pk=run_id).update(done=done, total=total)
        if progress:
            progress(done, total)

    try:
        spec = parse(index_run.spec)
        table = ic.indicator_table(tidy(spec.sources), spec, units(), predecessors())
        result = ic.compute(table, spec, progress=step)
    except Exception as error:
        IndexRun.objects.filter(pk=run_id).update(
            state=IndexRun.State.FAILED, error=str(error), finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        IndexRun.objects.filter(pk=run_id).update(
            state=IndexRun.State.DONE, results=serialise(spec, result), finished_at=timezone.now()
        )
        audit.record(
            actor=index_run.requested_by,
            obj=index_run,
            action="observatory.index_computed",
            changes={"regions": len(result.scores), "replications": spec.n},
        )
    index_run.refresh_from_db()
    return index_run


@task()
def compute_index(run_id: int) -> int:
    """The task worker's entry: compute one queued run (`request` queues it)."""
    return run(run_id).pk


def _clean(value):
    return None if pd.isna(value) else round(float(value), 6)


def serialise(spec: ic.IndexSpec, result: ic.IndexResult) -> dict:
    dims = [d.code for d in spec.dimensions if d.code in result.scores.columns]
    scores = {unit: {code: _clean(row[code]) for code in [*dims, ic.INDEX]} for unit, row in result.scores.iterrows()}
    ranks = {unit: {code: _clean(row[code]) for code in [*dims, ic.INDEX]} for unit, row in result.ranks.iterrows()}
    ua = {unit: {k: _clean(v) for k, v in row.items()} for unit, row in result.uncertainty.iterrows()}
    return {
        "name": spec.name,
        "dimensions": [
            {
                "code": d.code,
                "name": d.name,
                "scored": d.code in dims,
                "indicators": [
                    {
                        "code": i.code,
                        "source": i.source,
                        "change": i.change,
                        "year": result.table.years.get(i.code),
                        "regions": int(result.table.values[i.code].notna().sum()),
                        "used": i.code not in result.indicators_without_data,
                    }
                    for i in d.indicators
                ],
                "missing": d.missing,
                "waiting": [{"code": i.code, "label": i.label, "dataset": i.dataset} for i in d.waiting],
            }
            for d in spec.dimensions
        ],
        "scores": scores,
        "ranks": ranks,
        "uncertainty": ua,
        "eu_average": {k: _clean(v) for k, v in result.eu_average.items()},
        "borrowed": result.table.borrowed.to_dict("records"),
        "units": len(result.table.values),
        "scored_units": len(result.scores),
        "replications": spec.n,
        "seed": spec.seed,
    }


def latest() -> dict | None:
    """The results of the latest successful computation, with its run, cached until the next one.

    The key names the run: the worker that computes a new one may be another process or host, with a cache of its
    own, so deleting a fixed key there would leave every web process serving the old results."""
    done = IndexRun.objects.filter(state=IndexRun.State.DONE)
    newest = done.values_list("pk", "created_at", "finished_at").first()
    if newest is None:
        return None
    # The times too: a number alone can come back (SQLite reuses the number of a row rolled back).
    key = f"{CACHE_KEY}:{newest[0]}:{newest[1].isoformat()}:{newest[2].isoformat() if newest[2] else ''}"
    found = cache.get(key)
    if found is None:
        run_ = done.only("pk", "results", "finished_at").get(pk=newest[0])
        found = {"run": run_.pk, "finished_at": run_.finished_at, **run_.results}
        cache.set(key, found, timeout=3600)
    return found


def dimension_name(dim: dict) -> str:
    return str(DIMENSION_NAMES.get(dim["code"], dim["name"]))


def region_scores(code: str) -> dict | None:
    """The region's seven dimensions against the EU average, with ranks and the index's rank interval."""
    data = latest()
    if not data or code not in data["scores"]:
        return None
    scores, ranks = data["scores"][code], data["ranks"][code]
    rows = [
        {
            "code": d["code"],
            "name": dimension_name(d),
            "scored": d["scored"],
            "score": scores.get(d["code"]),
            "eu": data["eu_average"].get(d["code"]),
            "rank": ranks.get(d["code"]),
        }
        for d in data["dimensions"]
    ]
    return {
        "rows": rows,
        "index": scores[ic.INDEX],
        "eu_index": data["eu_average"][ic.INDEX],
        "rank": ranks[ic.INDEX],
        "of": data["scored_units"],
        "uncertainty": data["uncertainty"].get(code),
        "borrowed": [b for b in data["borrowed"] if b["unit"] == code],
        "run": data["run"],
        "replications": data["replications"],
    }
