"""Decision letters, generated from the consensus record: scores, strengths, weaknesses and, for every criterion,
how to improve; the rank; the redress path; an offer of support for the next call."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from innopart.applications.enums import ApplicationState
from innopart.calls.enums import Criterion

from .models import ConsensusScore
from .ranking import ranking_table

REDRESS_DAYS = 30


def letter_problems(application) -> list[str]:
    """The quality gate: a letter may only go out when every criterion has a score, a justification (strengths and
    weaknesses) and advice on how to improve."""
    consensus = {c.criterion: c for c in ConsensusScore.objects.filter(application=application)}
    problems = []
    for criterion in Criterion:
        entry = consensus.get(criterion.value)
        if entry is None:
            problems.append(_("No consensus on “%(c)s”.") % {"c": criterion.label})
        elif not (entry.strengths.strip() and entry.weaknesses.strip() and entry.improvement.strip()):
            problems.append(
                _("“%(c)s” lacks strengths, weaknesses or advice on how to improve.") % {"c": criterion.label}
            )
    return problems


def letter_context(application) -> dict:
    evaluation = application.call.evaluation
    row = next((r for r in ranking_table(evaluation) if r["application_id"] == application.pk), None)
    consensus = {c.criterion: c for c in ConsensusScore.objects.filter(application=application)}
    version = application.call.published_version
    weights = {c["code"]: c for c in version.criteria}
    return {
        "application": application,
        "version": version,
        "awarded": application.state == ApplicationState.AWARDED,
        "reserve": application.state == ApplicationState.RESERVE,
        "row": row,
        "criteria": [
            {
                "label": c.label,
                "weight": weights[c.value]["weight"],
                "threshold": weights[c.value]["threshold"],
                "entry": consensus.get(c.value),
            }
            for c in Criterion
        ],
        "redress_days": REDRESS_DAYS,
        "published_at": evaluation.results_published_at,
    }


def letter_html(application, language: str) -> str:
    """The standalone letter that WeasyPrint turns into a PDF (its own print styles)."""
    with translation.override(language):
        return render_to_string("evaluation/letter.html", letter_context(application))


def letter_pdf(application, language: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(application, language)).write_pdf()
