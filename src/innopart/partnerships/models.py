"""An awarded partnership and its 7-10-year funding agreement: versions, yearly grants, tranches and payments; the
set-up milestones, the action plan, delivery activities, membership changes, KPIs and annual reports; and the
ministry's programme roadmap (briefing, Table 2)."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innopart.applications.models import private_storage
from innopart.core import limits

from .enums import (
    KPI_UNITS,
    LESS_IS_BETTER,
    ActivityKind,
    AgreementState,
    KpiKind,
    MembershipChangeKind,
    MilestoneKind,
    ReviewState,
    RoadmapStatus,
    TrancheState,
    Unit,
    Verification,
    WorkStatus,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
SHARE = {"max_digits": 5, "decimal_places": 3}


def evidence_path(instance, filename: str) -> str:
    return f"partnerships/{instance.partnership_id}/evidence/{uuid.uuid4().hex}.pdf"


def kpi_evidence_path(instance, filename: str) -> str:
    return f"partnerships/{instance.report.partnership_id}/kpi/{uuid.uuid4().hex}.pdf"


class Partnership(models.Model):
    """Created when the ministry prepares the first agreement of an awarded application."""

    application = models.OneToOneField("applications.Application", on_delete=models.PROTECT, related_name="partnership")
    acronym = models.CharField(_("acronym"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    coordinator = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("partnership")

    def __str__(self) -> str:
        return self.acronym

    @property
    def is_public(self) -> bool:
        """Public once an agreement is signed: from then on its page shows what the public money bought."""
        return self.agreements.filter(state=AgreementState.SIGNED).exists()


class Agreement(models.Model):
    """One version of the funding agreement; an amendment is a new version with its changelog."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agreements")
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(max_length=20, choices=AgreementState.choices, default=AgreementState.DRAFT)
    start_date = models.DateField(_("start date"))
    duration_years = models.PositiveSmallIntegerField(_("duration (years)"))
    setup_years = models.PositiveSmallIntegerField(_("set-up phase (years)"))
    taper_start = models.DecimalField(_("public share during set-up"), **SHARE)
    taper_floor = models.DecimalField(_("lowest public share (floor)"), **SHARE)
    taper_step = models.DecimalField(_("yearly fall of the public share"), **SHARE)
    taper_sensitivity = models.DecimalField(_("adjustment to own resources"), **SHARE)
    self_funding_target = models.DecimalField(_("self-funding target (own share of the budget)"), **SHARE)
    advance_fraction = models.DecimalField(_("advance (share of a year's grant)"), **SHARE)
    report_due_days = models.PositiveSmallIntegerField(_("annual report due (days after the year ends)"))
    changelog = models.TextField(_("what changed"), blank=True, max_length=limits.PARAGRAPHS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    partnership_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    partnership_signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("funding agreement")
        ordering = ["partnership", "number"]
        constraints = [models.UniqueConstraint(fields=["partnership", "number"], name="unique_agreement_version")]

    def __str__(self) -> str:
        return f"{self.partnership} agreement v{self.number}"

    def year_start(self, year: int) -> date:
        return self.start_date.replace(year=self.start_date.year + year - 1)

    @property
    def end_date(self) -> date:
        """The last day of the agreement."""
        return self.year_start(self.duration_years + 1) - timedelta(days=1)

    @property
    def total_grant(self) -> Decimal:
        return sum((y.grant for y in self.years.all()), Decimal(0))


class AgreementYear(models.Model):
    """The baseline of a year: the resource plan's budget and own resources, and the grant by the taper."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    budget = models.DecimalField(_("budget"), **MONEY)
    own_planned = models.DecimalField(_("own resources planned"), **MONEY)
    share = models.DecimalField(_("planned public share"), **SHARE)
    grant = models.DecimalField(_("grant"), **MONEY)

    class Meta:
        verbose_name = _("agreement year")
        ordering = ["agreement", "year"]
        constraints = [models.UniqueConstraint(fields=["agreement", "year"], name="unique_agreement_year")]

    def __str__(self) -> str:
        return f"{self.agreement} year {self.year}"


class Milestone(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("milestone"), max_length=16, choices=MilestoneKind.choices)
    year = models.PositiveSmallIntegerField(_("agreement year"))
    due_date = models.DateField(_("due date"))
    state = models.CharField(max_length=12, choices=ReviewState.choices, default=ReviewState.DRAFT)
    report = models.TextField(_("what was achieved"), blank=True, max_length=limits.PARAGRAPHS)
    evidence = models.FileField(_("evidence (PDF)"), storage=private_storage, upload_to=evidence_path, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("gate review comment"), blank=True, max_length=limits.NOTE)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        ordering = ["partnership", "due_date"]
        constraints = [models.UniqueConstraint(fields=["partnership", "kind"], name="unique_milestone_kind")]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_kind_display()}"


class AnnualReport(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("agreement year"))
    state = models.CharField(max_length=12, choices=ReviewState.choices, default=ReviewState.DRAFT)
    narrative = models.TextField(_("progress in the year"), blank=True, max_length=limits.PARAGRAPHS)
    public_summary = models.TextField(
        _("public summary"),
        blank=True,
        max_length=limits.NOTE,
        help_text=_("What the year achieved, for the public: shown on the partnership's public page once accepted."),
    )
    own_resources = models.DecimalField(
        _("own resources received (EUR)"),
        help_text=_("Membership and service fees, research funding and EU funds received in the year."),
        null=True,
        blank=True,
        **MONEY,
    )
    extension_days = models.PositiveSmallIntegerField(default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review"), blank=True, max_length=limits.PARAGRAPHS)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True, max_length=limits.NOTE)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("annual report")
        ordering = ["partnership", "year"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year"], name="unique_report_year")]

    def __str__(self) -> str:
        return f"{self.partnership} report, year {self.year}"

    def actuals_text(self) -> str:
        """The year's figures as stored, one indicator after another: what a stale-save check compares and shows."""
        parts = []
        for actual in self.actuals.select_related("kpi").order_by("kpi__kind", "kpi_id"):
            evidence = f" ({actual.evidence.name.rsplit('/', 1)[-1]})" if actual.evidence else ""
            parts.append(f"{actual.kpi.get_kind_display()}: {actual.value}{evidence}")
        return "; ".join(parts)

    actuals_text.label = _("figures of the year")  # type: ignore[attr-defined]


class Tranche(models.Model):
    """A part of a year's grant, released when its conditions are met: the signature (first advance), the previous
    year's accepted report (later advances), that year's accepted report and milestones (the balance)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="tranches")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()
    planned_amount = models.DecimalField(_("planned amount"), **MONEY)
    amount = models.DecimalField(_("released amount"), null=True, blank=True, **MONEY)
    state = models.CharField(max_length=12, choices=TrancheState.choices, default=TrancheState.PENDING)
    report_year = models.PositiveSmallIntegerField(null=True, blank=True)
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="tranches")
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tranche")
        ordering = ["partnership", "year", "number"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year", "number"], name="unique_tranche")]

    def __str__(self) -> str:
        return f"{self.partnership} tranche {self.year}.{self.number}"

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments.all()), Decimal(0))


class Payment(models.Model):
    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        ordering = ["paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount}"


class Objective(models.Model):
    """A strategic objective of the partnership; every delivery activity serves one."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("strategic objective"), max_length=200)

    class Meta:
        verbose_name = _("objective")
        ordering = ["partnership", "pk"]

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """An action of the action plan agreed in the set-up phase (briefing, Step 3)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owning partner")
    )
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    policy_support = models.JSONField(_("policy support needed"), default=list, blank=True)
    programmes = models.JSONField(_("linked support programmes"), default=list, blank=True)
    is_pilot = models.BooleanField(
        _("pilot project for trust-building"),
        default=False,
        help_text=_("A small early project with quick benefits for the partners."),
    )
    status = models.CharField(_("status"), max_length=10, choices=WorkStatus.choices, default=WorkStatus.PLANNED)

    class Meta:
        verbose_name = _("action")
        ordering = ["partnership", "starts", "pk"]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """A delivery activity (briefing, Step 4), tied to the strategic objective it serves."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("type"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("activity"), max_length=200)
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="activities", verbose_name=_("strategic objective")
    )
    year = models.PositiveSmallIntegerField(_("agreement year"))
    status = models.CharField(_("status"), max_length=10, choices=WorkStatus.choices, default=WorkStatus.PLANNED)

    class Meta:
        ordering = ["partnership", "year", "pk"]
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class MembershipChange(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="membership_changes")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    kind = models.CharField(_("change"), max_length=8, choices=MembershipChangeKind.choices)
    on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("membership change")
        ordering = ["partnership", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.kind} {self.partnership}"


class Kpi(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="kpis")
    kind = models.CharField(_("indicator"), max_length=24, choices=KpiKind.choices)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))

    class Meta:
        ordering = ["partnership", "pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "kind"], name="unique_kpi_kind")]
        verbose_name = _("KPI")

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.unit = self.unit or KPI_UNITS[KpiKind(self.kind)]
        super().save(*args, **kwargs)

    @property
    def higher_is_better(self) -> bool:
        return self.kind not in LESS_IS_BETTER


class KpiTarget(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("agreement year"))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = _("indicator target")
        ordering = ["kpi", "year"]
        constraints = [models.UniqueConstraint(fields=["kpi", "year"], name="unique_kpi_target")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.year}: {self.value}"


class KpiActual(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="actuals")
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals")
    value = models.DecimalField(_("actual"), max_digits=16, decimal_places=2)
    evidence = models.FileField(_("evidence (PDF)"), storage=private_storage, upload_to=kpi_evidence_path, blank=True)
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )

    class Meta:
        verbose_name = _("indicator figure")
        ordering = ["report", "kpi"]
        constraints = [models.UniqueConstraint(fields=["report", "kpi"], name="unique_kpi_actual")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.report.year}: {self.value}"


class RoadmapItem(models.Model):
    """A row of the programme's roadmap (briefing, Table 2), tracked by the ministry."""

    order = models.PositiveSmallIntegerField()
    action = models.CharField(_("action"), max_length=200)
    timing = models.CharField(_("timing"), max_length=100)
    owner = models.TextField(_("owner and content of the action"), max_length=limits.NOTE)
    status = models.CharField(
        _("status"), max_length=12, choices=RoadmapStatus.choices, default=RoadmapStatus.NOT_STARTED
    )
    note = models.TextField(_("note"), blank=True, max_length=limits.NOTE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("roadmap item")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.action


class Reminder(models.Model):
    """A reminder e-mail already sent, so that each deadline is reminded once per threshold."""

    key = models.CharField(max_length=100, unique=True)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reminders")
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
