"""The vocabulary of awarded partnerships, from the briefing's Steps 3 and 4 (section 4.1) and Table 2."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PARTNERSHIP_SIGNED = "partnership_signed", _("Signed by the partnership")
    SIGNED = "signed", _("Signed")
    SUPERSEDED = "superseded", _("Superseded by an amendment")


AGREEMENT_STEPS = [
    (AgreementState.DRAFT, _("Draft")),
    (AgreementState.PARTNERSHIP_SIGNED, _("Signed by the partnership")),
    (AgreementState.SIGNED, _("Signed")),
]
AGREEMENT_NEXT_STEPS = {
    AgreementState.DRAFT: _("The coordinating organisation signs for the partnership; the ministry countersigns."),
    AgreementState.PARTNERSHIP_SIGNED: _("The ministry countersigns; the agreement is then in force."),
    AgreementState.SIGNED: _("In force: an amendment is a new version, signed the same way."),
    AgreementState.SUPERSEDED: _("Replaced by a later version."),
    f"{AgreementState.SUPERSEDED}:label": _("Superseded by an amendment"),
}


class MilestoneKind(models.TextChoices):
    """The four organisational milestones of the set-up phase (briefing, Step 3)."""

    MANAGEMENT = "management", _("Innovation Partnership management set up")
    PROCESSES = "processes", _("Working processes and action plan agreed between the stakeholders")
    TRAINING = "training", _("Innovation Partnership management trained")
    EMBEDDING = "embedding", _("Policy needs identified and the partnership embedded in the support framework")


class ReviewState(models.TextChoices):
    """Milestones and annual reports: written, submitted, reviewed, then accepted or returned for changes."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")


# A report's process as its step indicator draws it; a returned report stands at the first step again.
REPORT_STEPS = [
    (ReviewState.DRAFT, _("Draft")),
    (ReviewState.SUBMITTED, _("Submitted")),
    (ReviewState.REVIEWED, _("Reviewed")),
    (ReviewState.ACCEPTED, _("Accepted")),
]
REPORT_NEXT_STEPS = {
    ReviewState.DRAFT: _("The coordinator completes the report and submits it by the deadline."),
    ReviewState.SUBMITTED: _("An agency or ministry reviewer checks the figures against the evidence."),
    ReviewState.REVIEWED: _("A second person at the ministry accepts the report or returns it."),
    ReviewState.ACCEPTED: _("Accepted: the tranche that waited for it is released, and its public summary published."),
    ReviewState.RETURNED: _("The coordinator corrects the report and submits it again."),
    f"{ReviewState.RETURNED}:label": _("Returned for changes"),
}


MILESTONE_STEPS = [
    (ReviewState.DRAFT, _("Draft")),
    (ReviewState.SUBMITTED, _("Submitted")),
    (ReviewState.ACCEPTED, _("Accepted")),
]
MILESTONE_NEXT_STEPS = {
    ReviewState.DRAFT: _("The coordinator reports what was achieved, with evidence, and submits it by the due date."),
    ReviewState.SUBMITTED: _("The ministry's gate review accepts the milestone or returns it."),
    ReviewState.ACCEPTED: _("Accepted: the tranche that waited for it is released."),
    ReviewState.RETURNED: _("The coordinator completes the report and submits it again."),
    f"{ReviewState.RETURNED}:label": _("Returned for changes"),
}


class TrancheState(models.TextChoices):
    PENDING = "pending", _("Pending")
    RELEASED = "released", _("Released")
    CANCELLED = "cancelled", _("Cancelled by an amendment")


class PolicySupport(models.TextChoices):
    TRAINING = "training", _("Training")
    REGULATION = "regulation", _("Regulation")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    FUNDING = "funding", _("Complementary funding")


class Programme(models.TextChoices):
    """Existing support programmes an action plan ties into (briefing, Step 3 and 'Conditions for success')."""

    INOKLASTER = "inoklaster", "Inoklaster"
    CLUSTERFY = "clusterfy", "ClusterFY"
    VOUCHERS = "vouchers", _("Innovation Vouchers")
    INTELEKTAS = "intelektas", "Intelektas"
    HORIZON = "horizon", "Horizon Europe"
    ERDF = "erdf", _("ERDF")


class WorkStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActivityKind(models.TextChoices):
    """Delivery activities (briefing, Step 4)."""

    RESEARCH = "research", _("Joint research and innovation project")
    TRAINING = "training", _("Cluster management training")
    EXCHANGE = "exchange", _("Staff exchange")
    MARKETING = "marketing", _("Marketing")
    MEMBER_SUPPORT = "member_support", _("Development support to members")
    INTERNATIONAL = "international", _("International representation")


class MembershipChangeKind(models.TextChoices):
    JOINED = "joined", _("Joined")
    LEFT = "left", _("Left")


class Unit(models.TextChoices):
    EUR = "eur", _("EUR")
    EUR_PER_EMPLOYEE = "eur_per_employee", _("EUR per employee")
    PERCENT = "percent", _("%")
    COUNT = "count", _("number")
    KWH_PER_EUR_THOUSAND = "kwh_per_keur", _("kWh per EUR 1,000 of output")


class KpiKind(models.TextChoices):
    """Strategic indicators of the delivery phase (briefing, Step 4) and the partnership's own growth."""

    PRODUCT_VALUE = "product_value", _("Economic value of members' products from the partnership")
    PRODUCTIVITY = "productivity", _("Labour productivity of member companies")
    RESOURCE_EFFICIENCY = "resource_efficiency", _("Energy use per output (resource efficiency)")
    OWN_RESOURCES = "own_resources", _("Own-resources share of the budget")
    MEMBERS = "members", _("Members involved")
    SMES = "smes", _("SMEs involved")
    JOINT_PROJECTS = "joint_projects", _("Joint projects")
    INTERNATIONAL = "international", _("International partners")


KPI_UNITS = {
    KpiKind.PRODUCT_VALUE: Unit.EUR,
    KpiKind.PRODUCTIVITY: Unit.EUR_PER_EMPLOYEE,
    KpiKind.RESOURCE_EFFICIENCY: Unit.KWH_PER_EUR_THOUSAND,
    KpiKind.OWN_RESOURCES: Unit.PERCENT,
    KpiKind.MEMBERS: Unit.COUNT,
    KpiKind.SMES: Unit.COUNT,
    KpiKind.JOINT_PROJECTS: Unit.COUNT,
    KpiKind.INTERNATIONAL: Unit.COUNT,
}
LESS_IS_BETTER = {KpiKind.RESOURCE_EFFICIENCY}


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", _("Not yet verified")
    VERIFIED = "verified", _("Verified against the evidence")
    QUERIED = "queried", _("Queried")


class RoadmapStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    LATE = "late", _("Late")
