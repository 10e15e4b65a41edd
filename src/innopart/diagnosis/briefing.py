"""The policy-briefing export, laid out like the briefing's chapters 1-3: (1) the region against its peers
(Figures 1-4), (2) PEST and SWOT, (3) challenges, objectives and measures. The same content renders as a page and,
through WeasyPrint, as a PDF whose charts are the pages' SVGs."""

from django.template.loader import render_to_string
from django.utils import timezone

from innopart.observatory import change_index, figures
from innopart.observatory.cluster_map import region_stars
from innopart.observatory.forms import TypologyForm
from innopart.observatory.models import Region

from .enums import PEST, SWOT
from .selectors import items_with_evidence


def _scored_regions(region) -> list:
    """The region itself if the index scores it, else its NUTS-2 regions (Lithuania: LT01 and LT02)."""
    if change_index.region_scores(region.code):
        return [region]
    if region.level >= 2:
        return []
    children = Region.objects.filter(code__startswith=region.code, level=2, in_nuts2021=True)
    return [child for child in children if change_index.region_scores(child.code)]


def context(diagnosis, *, pdf: bool) -> dict:
    region, group = diagnosis.region, diagnosis.peer_group
    highlight = ""
    if group:
        highlight = next((m.label for m in group.members.all() if any(c.startswith(region.code) for c in m.codes)), "")
    items = items_with_evidence(diagnosis)
    dimension_figures = []
    for scored in _scored_regions(region):
        dimensions = change_index.region_scores(scored.code)
        dimension_figures.append(
            {"region": scored, "dimensions": dimensions, "chart": figures.figure3(scored, dimensions)}
        )
    return {
        "diagnosis": diagnosis,
        "region": region,
        "group": group,
        "highlight": highlight,
        "tables": figures.peer_tables(group, highlight) if group else [],
        "dimension_figures": dimension_figures,
        "typology": figures.region_typology(group, TypologyForm().thresholds()) if group else {},
        "stars": region_stars(region.code),
        "pest": [(c, [i for i in items if i.category == c]) for c in PEST],
        "swot": [(c, [i for i in items if i.category == c]) for c in SWOT],
        "challenges": diagnosis.challenges.prefetch_related("items"),
        "objectives": diagnosis.objectives.prefetch_related("challenges"),
        "measures": diagnosis.measures.prefetch_related("objectives").select_related("call"),
        "generated": timezone.now(),
        "pdf": pdf,
    }


def html(diagnosis) -> str:
    return render_to_string("diagnosis/briefing_pdf.html", context(diagnosis, pdf=True))


def pdf(diagnosis) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(diagnosis)).write_pdf()
