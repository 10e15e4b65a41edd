from django.db import models
from django.utils.translation import gettext_lazy as _


class CallState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class CallStatus(models.TextChoices):
    """Where a published call stands for applicants, by the server's clock in the call's own time zone."""

    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed")


# The allowed state changes; `innopart.calls.services.change_call_state` is the only place that applies them.
CALL_TRANSITIONS: dict[str, set[str]] = {
    CallState.DRAFT: {CallState.PUBLISHED, CallState.CANCELLED},
    CallState.PUBLISHED: {CallState.CANCELLED},
    CallState.CANCELLED: set(),
}


class Criterion(models.TextChoices):
    """The four selection criteria of the briefing (Figure 12)."""

    POTENTIAL = "potential", _("Potential for development and innovation")
    NETWORK = "network", _("Performance of the network")
    IMPLEMENTATION = "implementation", _("Implementation strategy")
    FUTURE = "future", _("Future-orientation and sustainability")


GUIDING_QUESTIONS: dict[str, list] = {
    Criterion.POTENTIAL: [
        _("Is there a clear technological and market vision?"),
        _("Does the envisaged outcome have market potential?"),
        _("Does it have the potential to integrate the regional value chain?"),
    ],
    Criterion.NETWORK: [
        _("Is the composition of the Innovation Partnership relevant, and does the Partnership attain critical mass?"),
        _("Does it go beyond existing networks, including universities and research institutions?"),
        _("Does it include cross-sector co-operation?"),
        _("Are stakeholders committed?"),
    ],
    Criterion.IMPLEMENTATION: [
        _(
            "Does the Innovation Partnership follow a systematic approach and allocate adequate time and other "
            "resources to building up strategic capabilities from the beginning?"
        ),
        _(
            "Does the implementation strategy set out realistic actions for the consolidation of the partnership, "
            "including first projects for trust building?"
        ),
        _("Has the Innovation Partnership defined clear long-term goals and milestones?"),
        _("Do the suggested activities plausibly support the achievement of these goals?"),
    ],
    Criterion.FUTURE: [
        _("Is the Innovation Partnership planning for the future and not the present?"),
        _(
            "Does the Innovation Partnership propose a robust plan to reach a satisfactory degree of "
            "self-sustainability?"
        ),
        _("Are relevant megatrends (digitalisation, demography) picked up and taken into account?"),
    ],
}


class EligibilityRule(models.TextChoices):
    """Consortium composition rules (briefing, Figure 11, requirement 4). Each takes a whole-number minimum."""

    MIN_PARTNERS = "min_partners", _("Minimum number of organisations in the consortium")
    MIN_RESEARCH = "min_research", _("Minimum number of research organisations (universities or institutes)")
    MIN_KEY_PARTNERS = (
        "min_key_partners",
        _("Minimum number of key partners able to attract SMEs and connect to international value chains"),
    )
    MIN_PARTNER_TYPES = "min_partner_types", _("Minimum number of different partner types")
    MIN_SECTORS = (
        "min_sectors",
        _("Minimum number of economic sectors (NACE sections) for cross-sector composition"),
    )
    MIN_SMES = "min_smes", _("Minimum number of SMEs")


DEFAULT_ELIGIBILITY = {
    EligibilityRule.MIN_PARTNERS.value: 5,
    EligibilityRule.MIN_RESEARCH.value: 1,
    EligibilityRule.MIN_KEY_PARTNERS.value: 1,
    EligibilityRule.MIN_PARTNER_TYPES.value: 3,
    EligibilityRule.MIN_SECTORS.value: 2,
    EligibilityRule.MIN_SMES.value: 1,
}
DEFAULT_COORDINATOR_COUNTRIES = ["LT"]

DEFAULT_CRITERIA = [
    {"code": Criterion.POTENTIAL.value, "weight": 30, "threshold": 3.0},
    {"code": Criterion.NETWORK.value, "weight": 25, "threshold": 3.0},
    {"code": Criterion.IMPLEMENTATION.value, "weight": 25, "threshold": 3.0},
    {"code": Criterion.FUTURE.value, "weight": 20, "threshold": 3.0},
]
SCORE_MAX = 5

# Ties on the weighted total are broken by the mean score on these criteria, in this order.
DEFAULT_TIE_BREAK = [
    Criterion.POTENTIAL.value,
    Criterion.IMPLEMENTATION.value,
    Criterion.NETWORK.value,
    Criterion.FUTURE.value,
]


# A call's process as its step indicator draws it: a published call stands where the clock puts it (CallStatus);
# a cancelled one stands at the last step under its own name.
CALL_STEPS = [
    ("draft", _("Draft")),
    (CallStatus.UPCOMING, _("Opens soon")),
    (CallStatus.OPEN, _("Open for applications")),
    (CallStatus.CLOSED, _("Closed")),
]
CALL_NEXT_STEPS = {
    "draft": _("You publish it when its text and rules are final."),
    CallStatus.UPCOMING: _("Applications are taken from the publication day."),
    CallStatus.OPEN: _("Applicants submit until the deadline; then the jury starts."),
    CallStatus.CLOSED: _("The jury evaluates the applications submitted; the selection follows on the jury's pages."),
    CallState.CANCELLED: _("Cancelled: no application is taken or evaluated."),
    f"{CallState.CANCELLED}:label": _("Cancelled"),
}
