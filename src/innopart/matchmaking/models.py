from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innopart.applications.enums import SectionKind
from innopart.core import limits
from innopart.core.bilingual import Bilingual


class ContactRequest(models.Model):
    """One organisation asks another, which agreed to be contacted, to talk about a partnership."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    sender = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="contacts_sent", verbose_name=_("from")
    )
    recipient = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="contacts_received", verbose_name=_("to")
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message"), max_length=limits.NOTE)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        constraints = [
            # One open request per pair and direction: asking again waits for the answer.
            models.UniqueConstraint(
                fields=["sender", "recipient"], condition=models.Q(state="pending"), name="one_pending_request_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender} -> {self.recipient} ({self.state})"


class Event(models.Model):
    """A matchmaking event run by a support agency: time slots for 1:1 meetings at a number of tables."""

    title = models.CharField(_("title"), max_length=200)
    call = models.ForeignKey(
        "calls.Call", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("call")
    )
    starts_at = models.DateTimeField(_("first slot starts"))
    # Where the event is held: its slots are shown as the clock there reads them, whoever reads the page.
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Vilnius")
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=20)
    slots = models.PositiveSmallIntegerField(_("number of slots"), default=12)
    tables = models.PositiveSmallIntegerField(_("number of tables"), default=30)
    location = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    planned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("matchmaking event")

    def __str__(self) -> str:
        return self.title

    def slot_start(self, slot: int):
        """When the slot starts, in the event's own zone."""
        from datetime import timedelta
        from zoneinfo import ZoneInfo

        return (self.starts_at + timedelta(minutes=self.slot_minutes * slot)).astimezone(ZoneInfo(self.time_zone))


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unavailable = models.JSONField(_("slots you cannot attend"), default=list, blank=True)

    class Meta:
        verbose_name = _("event registration")
        constraints = [models.UniqueConstraint(fields=["event", "organisation"], name="one_registration_per_org")]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.event}"


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    source = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_made")
    target = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_received")

    class Meta:
        verbose_name = _("meeting request")
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="one_request_per_pair")]

    def __str__(self) -> str:
        return f"{self.source_id} -> {self.target_id}"


class Meeting(models.Model):
    """A planned meeting. Confirmed meetings stay where they are when the plan is redone."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    a = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField()
    table = models.PositiveSmallIntegerField()
    mutual = models.BooleanField(default=False)
    confirmed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("meeting")
        ordering = ["slot", "table"]

    def __str__(self) -> str:
        return f"slot {self.slot + 1}, table {self.table}"


class AdviceConsent(models.Model):
    """A coordinator lets a named support-agency adviser read the draft and comment. Kept after revocation: an
    adviser who ever advised an application is conflicted if later appointed to its jury."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="advice")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advised", verbose_name=_("adviser")
    )
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("advice consent")

    def __str__(self) -> str:
        return f"{self.adviser} on {self.application}"


class AdviserComment(models.Model):
    """An adviser's comment on a section of a draft (or on the whole), for the applicant only: never the jury's."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    section = models.CharField(_("section"), max_length=32, blank=True, choices=SectionKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"), max_length=limits.NOTE)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("adviser comment")

    def __str__(self) -> str:
        return self.text[:60]


class AdviserCheck(models.Model):
    """The adviser's tick against one of the call's requirements, with a note."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=64)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ok = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("adviser check")
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="one_check_per_item")]

    def __str__(self) -> str:
        return f"{self.item}: {self.ok}"


class CallQuestion(models.Model):
    """A question about a call. The ministry answers once and publishes question and answer for every applicant
    alike, without the asker's name (equal treatment)."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"), max_length=limits.NOTE)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer in English"), blank=True, max_length=limits.PARAGRAPHS)
    answer_lt = models.TextField(_("answer in Lithuanian"), blank=True, max_length=limits.PARAGRAPHS)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-asked_at"]
        verbose_name = _("question about a call")

    answer_shown = Bilingual("answer")

    def __str__(self) -> str:
        return self.text[:60]


class PartnerPost(models.Model):
    """An organisation says it is looking for partners, or offers its competence, in a thematic field of the calls."""

    class Kind(models.TextChoices):
        SEEKING = "seeking", _("Looking for partners")
        OFFERING = "offering", _("Offering competence")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="posts", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    thematic_field = models.ForeignKey(
        "calls.ThematicField", on_delete=models.PROTECT, related_name="+", verbose_name=_("thematic field")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=limits.NOTE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_open = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner post")

    def __str__(self) -> str:
        return self.title
