"""The selection's pages, one module per actor: the ministry, the jury (jurors and the chair), the applicants and
the public."""

from .applicants import decision_letter, decision_letter_pdf, questions, results
from .jury import (
    ask,
    chair_advance,
    consensus,
    jury_application,
    jury_call,
    jury_home,
    override,
    revise,
    rule,
)
from .ministry import (
    letter_batch,
    letters_zip,
    manage_jury,
    panel_run,
    publish,
    ranking,
    ranking_uncertainty,
    request_letters,
    start_scoring,
)

__all__ = [
    "ask",
    "chair_advance",
    "consensus",
    "decision_letter",
    "decision_letter_pdf",
    "jury_application",
    "jury_call",
    "jury_home",
    "letter_batch",
    "letters_zip",
    "manage_jury",
    "override",
    "panel_run",
    "publish",
    "questions",
    "ranking",
    "ranking_uncertainty",
    "request_letters",
    "results",
    "revise",
    "rule",
    "start_scoring",
]
