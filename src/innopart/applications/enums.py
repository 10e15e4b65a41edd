from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    AWARDED = "awarded", _("Awarded")
    RESERVE = "reserve", _("Reserve list")
    NOT_SELECTED = "not_selected", _("Not selected")


DECIDED_STATES = (ApplicationState.AWARDED, ApplicationState.RESERVE, ApplicationState.NOT_SELECTED)

# The application's process as its step indicator draws it; a decided or withdrawn application stands at the last
# step under its own name (see innopart.core.steps).
APPLICATION_STEPS = [
    (ApplicationState.DRAFT, _("Draft")),
    (ApplicationState.SUBMITTED, _("Submitted")),
    ("decided", _("Decided")),
]
APPLICATION_NEXT_STEPS = {
    ApplicationState.DRAFT: _(
        "The coordinator completes the sections, consortium and plan, and submits them before the deadline."
    ),
    ApplicationState.SUBMITTED: _(
        "After the deadline the jury scores it; the ministry then decides and writes to the coordinator."
    ),
    ApplicationState.AWARDED: _("The ministry prepares the funding agreement for the partnership to sign."),
    ApplicationState.RESERVE: _(
        "On the reserve list: it moves up if an awarded partnership does not take up its award."
    ),
    ApplicationState.NOT_SELECTED: _("The decision letter says how to improve the application for the next call."),
    ApplicationState.WITHDRAWN: _("Withdrawn by the consortium: nothing more happens to it."),
    f"{ApplicationState.AWARDED}:label": _("Awarded"),
    f"{ApplicationState.RESERVE}:label": _("Reserve list"),
    f"{ApplicationState.NOT_SELECTED}:label": _("Not selected"),
    f"{ApplicationState.WITHDRAWN}:label": _("Withdrawn"),
}

APPLICATION_TRANSITIONS: dict[str, set[str]] = {
    ApplicationState.DRAFT: {ApplicationState.SUBMITTED, ApplicationState.WITHDRAWN},
    ApplicationState.SUBMITTED: {ApplicationState.WITHDRAWN, *DECIDED_STATES},
    ApplicationState.WITHDRAWN: set(),
    # A reserve application moves up when an awarded partnership does not take up its award.
    ApplicationState.RESERVE: {ApplicationState.AWARDED, ApplicationState.NOT_SELECTED},
    ApplicationState.AWARDED: set(),
    ApplicationState.NOT_SELECTED: set(),
}


class SectionKind(models.TextChoices):
    """The six requirements for applicant networks (briefing, Figure 11)."""

    STRATEGIC_RELEVANCE = "strategic_relevance", _("Strategic relevance")
    TECHNOLOGY = "technology", _("Technological analysis of the application and value chain")
    MARKET = "market", _("Market analysis of the application and value chain")
    STAKEHOLDERS = "stakeholders", _("Assessment of stakeholders")
    COLLABORATION = "collaboration", _("Conceptual design of collaboration building")
    RESOURCES = "resources", _("Resource plan: strategy towards own resources")


SECTION_GUIDANCE = {
    SectionKind.STRATEGIC_RELEVANCE: _(
        "Explain how the application or value chain supports the overall strategic focus, for instance "
        "sustainable high-productivity jobs and/or resource efficiency or other strategic policy objectives."
    ),
    SectionKind.TECHNOLOGY: _(
        "Do the technologies needed for the application already exist (or can they be developed), and can the "
        "consortium use them?"
    ),
    SectionKind.MARKET: _(
        "Show your understanding of the markets in which the application would be produced and sold."
    ),
    SectionKind.STAKEHOLDERS: _(
        "Which stakeholders are needed to develop and foster the value chain, and how will you engage them? "
        "How will the partnership develop over time and integrate new partners when needed?"
    ),
    SectionKind.COLLABORATION: _(
        "How will the collaboration work and develop? Include the coordination managers' training and expertise "
        "needs, and a concept for trust-building, such as small starting projects to get to know each other."
    ),
    SectionKind.RESOURCES: _(
        "Describe the strategic approach to increasing the partnership's own financial resources (membership "
        "fees, service fees, EU funds) over the whole funding period, towards self-sustainability. The yearly "
        "figures go in the resource plan table."
    ),
}


class PartnerRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")


class CostCategory(models.TextChoices):
    MANAGEMENT = "management", _("Partnership management and coordination staff")
    TRAINING = "training", _("Training of coordination managers")
    TRUST_BUILDING = "trust_building", _("Trust-building and pilot projects")
    EVENTS = "events", _("Events, matchmaking and communication")
    INTERNATIONAL = "international", _("International representation")
    SERVICES = "services", _("External services")
    OTHER = "other", _("Other costs")


class IncomeSource(models.TextChoices):
    GRANT = "grant", _("Grant requested")
    MEMBERSHIP_FEES = "membership_fees", _("Membership fees")
    SERVICE_FEES = "service_fees", _("Service fees")
    PUBLIC_FUNDS = "public_funds", _("EU and other public funds")
    OTHER = "other", _("Other income")


class PlanKind(models.TextChoices):
    COST = "cost", _("Cost")
    INCOME = "income", _("Income")
