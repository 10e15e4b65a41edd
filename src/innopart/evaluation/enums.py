from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Support agency")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    """Jury work in time-boxed phases; each phase carries what jurors may do (see PHASE_RIGHTS)."""

    SETUP = "setup", _("Jury set-up")
    INDIVIDUAL = "individual", _("Individual scoring")
    CLARIFICATION = "clarification", _("Clarification")
    CONSENSUS = "consensus", _("Consensus")
    DECISION = "decision", _("Decision")
    PUBLISHED = "published", _("Results published")


PHASE_ORDER = [Phase.SETUP, Phase.INDIVIDUAL, Phase.CLARIFICATION, Phase.CONSENSUS, Phase.DECISION, Phase.PUBLISHED]
PHASE_TRANSITIONS: dict[str, set[str]] = {
    current: {PHASE_ORDER[i + 1]} for i, current in enumerate(PHASE_ORDER[:-1])
} | {Phase.PUBLISHED: set()}

PHASE_STEPS = [(phase, phase.label) for phase in PHASE_ORDER]
PHASE_NEXT_STEPS = {
    Phase.SETUP: _(
        "The ministry appoints the jury; jurors declare conflicts of interest; the ministry starts scoring."
    ),
    Phase.INDIVIDUAL: _("Each juror scores on their own; the chair then opens clarification."),
    Phase.CLARIFICATION: _("Jurors ask, coordinators answer by the deadline; the chair then opens consensus."),
    Phase.CONSENSUS: _("The chair records the jury's consensus scores, then hands over to the ministry."),
    Phase.DECISION: _("The ministry ranks the applications, decides the award and publishes the results."),
    Phase.PUBLISHED: _("The results are public and every applicant has a decision letter."),
}

# What each phase allows. Scores of others are visible to a juror only after submitting their own.
PHASE_RIGHTS: dict[str, dict[str, bool]] = {
    Phase.SETUP: {"declare": True, "score": False, "ask": False, "answer": False, "consensus": False},
    Phase.INDIVIDUAL: {"declare": True, "score": True, "ask": False, "answer": False, "consensus": False},
    Phase.CLARIFICATION: {"declare": True, "score": False, "ask": True, "answer": True, "consensus": False},
    Phase.CONSENSUS: {"declare": False, "score": False, "ask": False, "answer": False, "consensus": True},
    Phase.DECISION: {"declare": False, "score": False, "ask": False, "answer": False, "consensus": False},
    Phase.PUBLISHED: {"declare": False, "score": False, "ask": False, "answer": False, "consensus": False},
}


class ConflictLevel(models.TextChoices):
    NONE = "none", _("No conflict")
    POTENTIAL = "potential", _("Potential conflict")
    DISQUALIFYING = "disqualifying", _("Disqualifying conflict")


class Ruling(models.TextChoices):
    NOT_NEEDED = "not_needed", _("No ruling needed")
    PENDING = "pending", _("Awaiting the chair's ruling")
    CONFLICTED = "conflicted", _("Conflicted: excluded")
    CLEARED = "cleared", _("Cleared by the chair")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


# Scores run from 0 to 5 in half points.
SCORE_CHOICES = [(f"{x / 2:.1f}", f"{x / 2:.1f}") for x in range(11)]
RECENT_AFFILIATION_YEARS = 3
