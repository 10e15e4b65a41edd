import zoneinfo
from datetime import datetime, time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from innopart.core import limits
from innopart.core.bilingual import Bilingual

from .enums import (
    DEFAULT_COORDINATOR_COUNTRIES,
    DEFAULT_CRITERIA,
    DEFAULT_ELIGIBILITY,
    DEFAULT_TIE_BREAK,
    CallState,
    CallStatus,
    Criterion,
)


def _default_eligibility() -> dict:
    return dict(DEFAULT_ELIGIBILITY)


def _default_criteria() -> list:
    return [dict(c) for c in DEFAULT_CRITERIA]


def _default_tie_break() -> list:
    return list(DEFAULT_TIE_BREAK)


def _default_countries() -> list:
    return list(DEFAULT_COORDINATOR_COUNTRIES)


class ThematicField(models.Model):
    """A field of activity a call is open to (the briefing's examples: Industry 4.0, circular economy)."""

    code = models.SlugField(_("code"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=120)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("thematic field")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_lt if (get_language() or "").startswith("lt") and self.name_lt else self.name_en


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=CallState.PUBLISHED)

    def with_versions(self):
        return self.select_related("published_version", "draft_version")


class Call(models.Model):
    """A competition. Its content lives in `CallVersion`s: a published version is frozen.

    State changes only through `innopart.calls.services.change_call_state`.
    """

    slug = models.SlugField(_("short name in addresses"), unique=True)
    state = models.CharField(_("state"), max_length=16, choices=CallState.choices, default=CallState.DRAFT)
    published_version = models.OneToOneField(
        "CallVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    draft_version = models.OneToOneField(
        "CallVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("call")

    def __str__(self) -> str:
        version = self.published_version or self.draft_version
        return version.title_shown if version else self.slug

    @property
    def current(self) -> "CallVersion":
        """What applicants see: the published version, or the draft before the first publication."""
        return self.published_version or self.draft_version  # type: ignore[return-value]

    def is_open(self, now=None) -> bool:
        return self.state == CallState.PUBLISHED and self.published_version.accepts_submissions(now)

    def step(self, now=None) -> str:
        """Where the call stands in CALL_STEPS: a draft, cancelled, or the published version's status now."""
        if self.state == CallState.PUBLISHED and self.published_version:
            return self.published_version.status(now)
        return "draft" if self.state == CallState.DRAFT else self.state

    def takes_questions(self, now=None) -> bool:
        """Questions about the conditions are welcome from publication until the deadline, before opening too."""
        return self.state == CallState.PUBLISHED and self.published_version.before_deadline(now)


class CallVersion(models.Model):
    """One version of a call's text and rules. Editable while unpublished, frozen once `published_at` is set."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # What the ministry writes, in English and in Lithuanian side by side (innopart.core.bilingual).
    title = models.CharField(_("title in English"), max_length=200, blank=True)
    title_lt = models.CharField(_("title in Lithuanian"), max_length=200, blank=True)
    summary = models.TextField(_("summary in English"), blank=True, max_length=limits.PARAGRAPHS)
    summary_lt = models.TextField(_("summary in Lithuanian"), blank=True, max_length=limits.PARAGRAPHS)
    description = models.TextField(_("description and conditions in English"), blank=True, max_length=limits.DOCUMENT)
    description_lt = models.TextField(
        _("description and conditions in Lithuanian"), blank=True, max_length=limits.DOCUMENT
    )
    thematic_fields = models.ManyToManyField(ThematicField, verbose_name=_("thematic fields"), blank=True)
    total_budget = models.DecimalField(
        _("total budget (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    max_grant = models.DecimalField(
        _("maximum grant per partnership (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("5000000"),
        validators=[MinValueValidator(Decimal(0))],
    )
    min_years = models.PositiveSmallIntegerField(_("shortest funding period (years)"), default=7)
    max_years = models.PositiveSmallIntegerField(_("longest funding period (years)"), default=10)
    min_awards = models.PositiveSmallIntegerField(_("fewest awards"), default=2)
    max_awards = models.PositiveSmallIntegerField(_("most awards"), default=3)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Vilnius")
    publication_date = models.DateField(_("publication"))
    deadline = models.DateTimeField(_("application deadline"))
    award_date = models.DateField(_("award of partnerships"))
    start_date = models.DateField(_("start of partnerships"))
    eligibility = models.JSONField(_("eligibility rules"), default=_default_eligibility)
    coordinator_countries = models.JSONField(_("coordinator countries"), default=_default_countries, blank=True)
    criteria = models.JSONField(_("selection criteria"), default=_default_criteria)
    overall_threshold = models.DecimalField(
        _("overall threshold (weighted total, 0-5)"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("3.5"),
        validators=[MinValueValidator(Decimal(0))],
    )
    tie_break = models.JSONField(_("tie-break chain"), default=_default_tie_break)
    changelog = models.TextField(_("what changed in this version"), blank=True, max_length=limits.PARAGRAPHS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call", "number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="unique_call_version")]
        verbose_name = _("call version")

    title_shown = Bilingual("title")
    summary_shown = Bilingual("summary")
    description_shown = Bilingual("description")

    def __str__(self) -> str:
        return f"{self.title_shown} (v{self.number})"

    @property
    def is_frozen(self) -> bool:
        return self.published_at is not None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_deadline(self):
        return timezone.localtime(self.deadline, self.zone)

    @property
    def opens_at(self) -> datetime:
        """Applications are taken from the start of the publication day in the call's time zone."""
        return datetime.combine(self.publication_date, time(0), tzinfo=self.zone)

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallStatus.UPCOMING
        return CallStatus.OPEN if now < self.deadline else CallStatus.CLOSED

    def accepts_submissions(self, now=None) -> bool:
        return self.status(now) == CallStatus.OPEN

    def before_deadline(self, now=None) -> bool:
        return (now or timezone.now()) < self.deadline

    def why_closed(self, now=None) -> str:
        """Why applications are not taken now, with the date that matters in the call's time zone."""
        if self.status(now) == CallStatus.UPCOMING:
            return gettext("This call opens for applications on %(date)s at 00:00 (%(tz)s).") % {
                "date": self.publication_date.isoformat(),
                "tz": self.time_zone,
            }
        return gettext(
            "The deadline for this call passed on %(deadline)s (%(tz)s). Submissions are no longer accepted."
        ) % {"deadline": self.local_deadline.strftime("%Y-%m-%d %H:%M"), "tz": self.time_zone}

    def tie_break_labels(self) -> list:
        return [Criterion(code).label for code in self.tie_break]

    def criteria_rows(self) -> list[dict]:
        """Criteria with their translated names and guiding questions, in the briefing's order."""
        from .enums import GUIDING_QUESTIONS

        by_code = {c["code"]: c for c in self.criteria}
        return [
            {**by_code[code], "name": Criterion(code).label, "questions": GUIDING_QUESTIONS[code]}
            for code in Criterion.values
            if code in by_code
        ]
