import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innopart.accounts.enums import Role
from innopart.core import limits

from .enums import ApplicationState, PartnerRole, PlanKind, SectionKind


def private_storage():
    # Never reachable by address: files are served only through views that check access (innopart.core.storage).
    from innopart.core.storage import private

    return private


def letter_path(partner: "Partner", filename: str) -> str:
    return f"applications/{partner.application_id}/letters/{uuid.uuid4().hex}.pdf"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Consortium members see their applications; the ministry sees them once submitted. Nobody else."""
        if not user.is_authenticated:
            return self.none()
        condition = Q(pk__in=Partner.objects.filter(organisation__memberships__user=user).values("application"))
        if user.has_role(Role.PROGRAMME_MANAGER):
            condition |= ~Q(state=ApplicationState.DRAFT)
        return self.filter(condition)


class Application(models.Model):
    """A consortium's bid to a call. State changes only through `services.change_application_state`."""

    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="applications")
    coordinator = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="coordinated_applications"
    )
    title = models.CharField(_("title"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30)
    thematic_field = models.ForeignKey(
        "calls.ThematicField",
        verbose_name=_("thematic field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    summary = models.TextField(_("summary"), blank=True, max_length=limits.PARAGRAPHS)
    duration_years = models.PositiveSmallIntegerField(_("duration (years)"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=ApplicationState.choices,
        default=ApplicationState.DRAFT,
        db_index=True,
    )
    plan_version = models.PositiveIntegerField(default=0, help_text="Optimistic lock for the resource plan.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application")
        constraints = [models.UniqueConstraint(fields=["call", "acronym"], name="unique_acronym_per_call")]

    def __str__(self) -> str:
        return f"{self.acronym}: {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.state == ApplicationState.DRAFT


class Partner(models.Model):
    """An organisation in a consortium; the coordinator is a partner row too, with the coordinator role."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    contribution = models.TextField(_("role in the partnership"), blank=True, max_length=limits.PARAGRAPHS)
    is_key_partner = models.BooleanField(
        _("key partner"),
        default=False,
        help_text=_("Able to attract SMEs and transfer knowledge from and to international value chains."),
    )
    commitment_letter = models.FileField(
        _("letter of commitment (PDF)"), storage=private_storage, upload_to=letter_path, blank=True
    )
    letter_uploaded_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "organisation"], name="unique_partner_per_application")
        ]
        verbose_name = _("partner")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Section(models.Model):
    """One of the six required sections. `version` is the optimistic lock between co-editing partners."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("section"), max_length=32, choices=SectionKind.choices)
    body = models.TextField(_("text"), blank=True, max_length=limits.DOCUMENT)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="unique_section")]
        verbose_name = _("section")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def order(self) -> int:
        return SectionKind.values.index(self.kind)


class PlanLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="plan_lines")
    kind = models.CharField(max_length=8, choices=PlanKind.choices)
    category = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "category", "year"], name="unique_plan_cell"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="plan_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.category} year {self.year}: {self.amount}"


class Snapshot(models.Model):
    """The frozen content of a submission: what the jury will read, whatever happens to the live rows."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveIntegerField()
    call_version = models.ForeignKey("calls.CallVersion", on_delete=models.PROTECT, related_name="+")
    data = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="unique_snapshot")]

    def __str__(self) -> str:
        return f"{self.application} v{self.number}"
