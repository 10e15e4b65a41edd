import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404, require
from innopart.core.bilingual import reader_language
from innopart.core.concurrency import StaleEdit, show_stale, stale_message
from innopart.core.exports import table_response
from innopart.core.tables import Column, RowsTable, Table

from . import catalogue as descriptions  # the module; `catalogue` below is the data catalogue's page
from . import change_index, downloads, figures, maps, profile, revisions
from .charts import choropleth, outermost
from .cluster_map import region_emerging, region_stars
from .compare import comparison, export_rows
from .forms import CompareForm, IndexSpecForm, IndicatorForm, MapForm, PeerGroupForm, TypologyForm, UploadForm
from .importers import ImportRejected, import_tidy
from .models import IndexRun, Indicator, NutsChange, PeerGroup, Region
from .peers import delete_peer_group, save_peer_group
from .selectors import visible_peer_groups

SHOWN_ERRORS = 200


def catalogue(request):
    """The data catalogue: every indicator with its source, licence, years and coverage."""
    indicators = Indicator.objects.annotate(
        first=Min("observations__year"),
        last=Max("observations__year"),
        values=Count("observations"),
        regions=Count("observations__region", distinct=True),
    )
    name = f"name_{reader_language()}"
    table = Table(
        request,
        indicators,
        columns=[
            Column("name", _("Indicator"), name),
            Column("theme", _("Theme"), "theme"),
            Column("unit", _("Unit")),
            Column("source", _("Source"), "source"),
            Column("years", _("Years"), "last"),
            Column("regions", _("Regions"), "regions", numeric=True),
            Column("values", _("Values"), "values", numeric=True),
            Column("licence", _("Licence")),
        ],
        search=["name_en", "name_lt", "short_name_en", "short_name_lt", "code", "definition_en", "definition_lt"],
        default="theme",
    )
    can_import = request.user.has_perm("observatory.import_data")
    return render(
        request,
        "observatory/catalogue.html",
        {
            "table": table,
            "can_import": can_import,
            "peer_groups": visible_peer_groups(request.user),
            "can_define_groups": request.user.has_perm("observatory.define_peer_group"),
        },
    )


@login_required
def edit_indicator(request, code):
    """An analyst corrects how an indicator is named and described (the catalogue fills only blanks, so this
    stays)."""
    require(request.user.has_perm("observatory.import_data"))
    indicator = get_visible_or_404(Indicator.objects.all(), code=code)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            descriptions.describe(
                actor=request.user,
                indicator=indicator,
                changes={f: data[f] for f in descriptions.EDITABLE},
                edit_token=data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, Indicator.objects.get(pk=indicator.pk))
        else:
            messages.success(request, _("The description of %(name)s was saved.") % {"name": data["name_en"]})
            return redirect("observatory:catalogue")
    return render(request, "observatory/indicator_edit.html", {"form": form, "indicator": indicator})


@login_required
def upload(request):
    require(request.user.has_perm("observatory.import_data"))
    form, errors = UploadForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = import_tidy(
                data["rows"],
                actor=request.user,
                create_indicators=data["new_indicators"],
                label=data["file"].name,
                description=data.get("description"),
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)d values added, %(updated)d changed, %(unchanged)d unchanged, "
                    "%(skipped)d not available."
                )
                % vars(report),
            )
            return redirect("observatory:catalogue")
    return render(
        request,
        "observatory/upload.html",
        {
            "form": form,
            "errors": errors[:SHOWN_ERRORS],
            "error_count": len(errors),
            "more": max(0, len(errors) - SHOWN_ERRORS),
        },
    )


def peer_group(request, slug):
    """The briefing's Figures 1 and 2 for a peer group, redone with the latest shipped data, and its Figure 4."""
    group = get_visible_or_404(visible_peer_groups(request.user), slug=slug)
    labels = list(group.members.values_list("label", flat=True))
    highlight = request.GET.get("highlight", "Lithuania")
    highlight = highlight if highlight in labels else ""
    typology = TypologyForm(request.GET if "many_stars" in request.GET else None)
    return render(
        request,
        "observatory/peer_group.html",
        {
            "group": group,
            "tables": figures.peer_tables(group, highlight),
            "labels": labels,
            "highlight": highlight,
            "typology": typology,
            **figures.region_typology(group, typology.thresholds()),
        },
    )


def industrial_change(request):
    """The index: what it is built from (and what it lacks), the EU ranking with rank intervals, past runs."""
    data = change_index.latest()
    rows = []
    if data:
        names = dict(Region.objects.filter(code__in=list(data["scores"])).values_list("code", "name"))
        dims = [d for d in data["dimensions"] if d["scored"]]
        for code, scores in data["scores"].items():
            ua = data["uncertainty"].get(code, {})
            rows.append(
                {
                    "code": code,
                    "name": names.get(code, ""),
                    "index": scores["Index"],
                    "rank": data["ranks"][code]["Index"],
                    "q5": ua.get("Q5"),
                    "q95": ua.get("Q95"),
                    "dims": [scores.get(d["code"]) for d in dims],
                }
            )
        rows.sort(key=lambda r: (r["rank"] is None, r["rank"]))
        described = {i.code: i for i in Indicator.objects.all()}
        for d in data["dimensions"]:
            d["label"] = change_index.dimension_name(d)
            for w in d.get("waiting", []):
                w["label"] = str(change_index.WAITING_NAMES.get(w["code"], w["label"]))
            for i in d["indicators"]:  # a change over n years is named after the indicator it is computed from
                found = described.get(i["source"] or i["code"])
                i["name"] = found.name if found else i["code"].replace("_", " ").capitalize()
        for b in data.get("borrowed", []):
            b["indicator_name"] = described[b["indicator"]].name if b["indicator"] in described else b["indicator"]
    return render(
        request,
        "observatory/industrial_change.html",
        {
            "data": data,
            "rows": rows,
            "dims": [d for d in data["dimensions"] if d["scored"]] if data else [],
            "runs": IndexRun.objects.select_related("requested_by")[:10],
            "can_edit": request.user.has_perm("observatory.edit_index"),
        },
    )


@login_required
def edit_index(request):
    require(request.user.has_perm("observatory.edit_index"))
    form = IndexSpecForm(
        request.POST or None,
        initial={"spec": change_index.current_spec(), "version": change_index.latest_request_id()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = change_index.request(
                actor=request.user, text=data["spec"], note=data["note"], expected_version=data["version"]
            )
        except StaleEdit as stale:
            form.add_error(None, stale_message(stale))
            form.data = form.data.copy()
            form.data["version"] = change_index.latest_request_id()
        else:
            return redirect("observatory:index_run", pk=run.pk)
    return render(request, "observatory/index_edit.html", {"form": form})


def index_run(request, pk: int):
    run = get_visible_or_404(IndexRun.objects.all(), pk=pk)
    template = "observatory/includes/run_progress.html" if request.htmx else "observatory/index_run.html"
    return render(request, template, {"run": run})


def region(request, code):
    """A region's profile: where it sits in NUTS, the latest value of every indicator, and its cluster stars. All
    but the reader's own peer groups is the same for everyone: computed once per data version and language."""
    region = get_visible_or_404(Region.objects.all(), code=code)
    peers = _public_peers(region.code)
    if request.GET.get("format"):
        return downloads.profile_table(region, _public_figures(region, peers), request.GET["format"])
    groups = [
        g
        for g in visible_peer_groups(request.user).prefetch_related("members")
        if any(region.code in m.codes for m in g.members.all())
    ]

    def body() -> str:
        context = {"region": region, "groups": groups, **_public_figures(region, peers)}
        return render_to_string("observatory/includes/region_body.html", context, request=request)

    # The profile's body as drawn (80 KB of tables and charts took 15 ms to draw on every reading), keyed like its
    # figures and by the reader's own peer groups, the one part that differs between readers.
    seen = hashlib.sha256(repr([(g.pk, g.slug, g.name) for g in groups]).encode()).hexdigest()[:16]
    html = revisions.cached("region-page", body, region.code, _peers_key(peers), seen)
    return render(
        request, "observatory/region.html", {"region": region, "body": mark_safe(html)}
    )  # drawn by our template just above


def region_pdf(request, code):
    """The same profile as a PDF (WeasyPrint, from the page's own template and figures), made once per data
    version and language."""
    region = get_visible_or_404(Region.objects.all(), code=code)

    def render_pdf() -> bytes:
        from weasyprint import HTML

        context = {
            "region": region,
            "pdf": True,
            "groups": [],
            "source_line": _("Innopart observatory, %(date)s. Source: Eurostat.")
            % {"date": date_format(timezone.localdate())},
            **_public_figures(region),
        }
        return HTML(string=render_to_string("observatory/region_pdf.html", context, request=request)).write_pdf()

    # Keyed like the page: a change of the region's peer group draws the PDF again too.
    content = revisions.cached("region-pdf", render_pdf, region.code, _peers_key(_public_peers(region.code)))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"profile-{region.code}.pdf")
    return response


def _public_figures(region: Region, peers: dict | None = None) -> dict:
    """The profile's figures, the same for every reader: cached per data version, language and the region's public
    peer group as it stands (an analyst's change of the group changes the key)."""
    peers = peers if peers is not None else _public_peers(region.code)
    return revisions.cached("region", lambda: _region_figures(region, peers), region.code, _peers_key(peers))


def _peers_key(peers: dict | None) -> str:
    return f"{peers['slug']}:{hashlib.sha256(repr(peers['codes']).encode()).hexdigest()[:16]}" if peers else "-"


def _public_peers(code: str) -> dict | None:
    """The first public peer group (the shipped pilot regions first) with the region among its members."""
    for group in PeerGroup.objects.filter(is_public=True).order_by("pk").prefetch_related("members"):
        codes = [c for member in group.members.all() for c in member.codes]
        if code in codes:
            return {"name": group.name, "slug": group.slug, "codes": codes}
    return None


def _region_figures(region: Region, peers: dict | None = None) -> dict:
    dimensions = change_index.region_scores(region.code)
    if dimensions and dimensions.get("borrowed"):
        names = {i.code: i.name for i in Indicator.objects.all()}
        for b in dimensions["borrowed"]:
            b["indicator_name"] = names.get(b["indicator"], b["indicator"])
    return {
        **profile.figures(region.code, peers),
        "parent": Region.objects.filter(code=region.code[:-1]).first() if region.level > 0 else None,
        "children": list(Region.objects.filter(code__startswith=region.code, level=region.level + 1)),
        "compare_with": _neighbours(region),
        "stars": region_stars(region.code),
        "emerging": region_emerging(region.code),
        "dimensions": dimensions,
        "figure3": figures.figure3(region, dimensions),
        "earlier": list(NutsChange.objects.filter(new_code=region.code)),
        "later": list(NutsChange.objects.filter(old_code=region.code)),
        "derived": profile.derived_rows(region.code),
    }


def compare(request):
    """Two to six regions side by side, by theme; ?format=csv or xlsx downloads exactly the figures shown, with
    their provenance. The address holds the choice, so a comparison can be shared."""
    form = CompareForm(request.GET or None)
    context: dict = {"form": form, "regions": [], "sections": []}
    if form.is_bound and form.is_valid():
        regions = form.cleaned_data["regions"]
        sections = comparison(regions)
        fmt = request.GET.get("format")
        if fmt:
            header = [
                _("Theme"),
                _("Indicator"),
                _("Indicator code"),
                _("Unit"),
                _("Region code"),
                _("Region"),
                _("Year"),
                _("Value as shown"),
                _("Value"),
                _("Flags"),
                _("Source dataset"),
                _("Licence"),
            ]
            name = "comparison-" + "-".join(r.code for r in regions)
            return table_response(name, fmt, header, export_rows(regions, sections))
        context |= {"regions": regions, "sections": sections, "query": request.GET.urlencode()}
    return render(request, "observatory/compare.html", context)


def _neighbours(region: Region) -> list[str]:
    """The region beside two of its neighbours in NUTS: where a comparison starts (the reader changes it)."""
    if region.level == 0:
        return [region.code]
    others = (
        Region.objects.filter(code__startswith=region.code[:-1], level=region.level, in_nuts2021=region.in_nuts2021)
        .exclude(code=region.code)
        .values_list("code", flat=True)
    )
    return [region.code, *others[:2]]


def region_map(request):
    """A NUTS-2 choropleth of any indicator, or of the industrial-change index, with the values as a table. The
    figures, the drawing and the table's rows are computed once per data version, indicator, year and language."""
    version = revisions.current()
    options = revisions.cached("map-choices", maps.choices, version=version)
    countries = revisions.cached("map-countries", maps.countries, version=version)
    default = options[0][0] if options else ""
    form = MapForm(request.GET or None, choices=options, countries=countries, initial={"indicator": default})
    key, year, country = default, None, ""
    if form.is_bound and form.is_valid():
        key, year, country = form.cleaned_data["indicator"], form.cleaned_data["year"], form.cleaned_data["country"]
    context = {"form": form, "chart": None, "rows": [], "version": version}
    if key:
        figures_ = revisions.cached(
            "map",
            lambda: _map_figures(key, year, dict(options)[key], country, dict(countries).get(country, "")),
            key,
            year,
            country,
            version=version,
        )
        context |= figures_ | {"cache_key": f"{key}:{year}:{country}"}
        # The regions' values, searched, sorted and paged by the reader; highest first, as the legend reads.
        context["table"] = RowsTable(
            request,
            figures_["rows"],
            columns=[
                Column("region", _("Region"), "name"),
                Column("code", _("NUTS code"), "code"),
                Column("value", _("Value"), "value", numeric=True),
            ],
            search=["code", "name"],
            default="-value",
            anchor="values",
        )
        if request.GET.get("format"):  # every page of the table, as searched and sorted
            return downloads.map_table(figures_, context["table"].selected, request.GET["format"])
    return render(request, "observatory/map.html", context)


def _map_figures(key: str, year, label: str, country: str = "", country_name: str = "") -> dict:
    found = maps.map_values(key, year)
    europe = list(found["values"].values())
    if country:  # zoomed: the country's regions only, and the drawing fitted to them
        found["values"] = {c: v for c, v in found["values"].items() if c.startswith(country)}
        label = f"{label}: {country_name}"
    subtitle = _("Source: %(source)s") % {"source": found["source"]}
    if found["year"]:
        subtitle = _("%(year)s. %(rest)s") % {"year": found["year"], "rest": subtitle}
    names = dict(Region.objects.filter(code__in=list(found["values"])).values_list("code", "name"))
    chart = choropleth(
        found["values"],
        title=label,
        subtitle=subtitle,
        no_data=_("%(n)d regions with a value; grey: no value") % {"n": len(found["values"])},
        decimals=found.get("decimals"),
        country=country,
        classes_from=europe,  # zoomed or not, a colour means the same class of the EU's regions
    )
    return {
        "label": label,
        "found": found,
        "chart": mark_safe(chart),  # our own SVG, drawn from numbers and escaped labels
        "subtitle": subtitle,
        "rows": sorted(
            ({"code": c, "name": names.get(c, ""), "value": v} for c, v in found["values"].items()),
            key=lambda r: -r["value"],
        ),
        "outermost": outermost(),
    }


@login_required
def edit_peer_group(request, slug=None):
    """Define a peer group of one's own, or change one: members as lines of NUTS codes."""
    require(request.user.has_perm("observatory.define_peer_group"))
    group = get_visible_or_404(PeerGroup.objects.filter(owner=request.user), slug=slug) if slug else None
    initial = {}
    if group:
        initial = {
            "name": group.name,
            "description": group.description,
            "is_public": group.is_public,
            "members": group.members_text(),
        }
    form = PeerGroupForm(request.POST or None, initial=initial, guarded=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = group or PeerGroup()
        changed.name, changed.description, changed.is_public = data["name"], data["description"], data["is_public"]
        try:
            changed = save_peer_group(
                actor=request.user, group=changed, members=data["members"], edit_token=data["edit_token"]
            )
        except StaleEdit as stale:
            show_stale(form, stale, PeerGroup.objects.get(pk=group.pk))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Peer group saved."))
            return redirect("observatory:peer_group", slug=changed.slug)
    return render(request, "observatory/peer_group_edit.html", {"form": form, "group": group})


@login_required
def delete_group(request, slug):
    require(request.method == "POST")
    group = get_visible_or_404(PeerGroup.objects.filter(owner=request.user), slug=slug)
    delete_peer_group(actor=request.user, group=group)
    messages.success(request, _("Peer group deleted."))
    return redirect("observatory:catalogue")
