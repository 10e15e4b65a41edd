"""The diagnosis of a region (briefing chapters 2-3): PEST and SWOT items, each optionally backed by an indicator,
and the chain from challenges to specific objectives to measures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Category


class Diagnosis(models.Model):
    slug = models.SlugField(_("short name in addresses"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey(
        "observatory.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    peer_group = models.ForeignKey(
        "observatory.PeerGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("peer group for benchmarking"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.TextField(_("summary"), blank=True)
    general_objective = models.TextField(_("general objective"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    text = models.TextField(_("text"))
    indicator = models.ForeignKey(
        "observatory.Indicator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evidence: indicator"),
    )
    note = models.CharField(_("evidence: note or source"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["diagnosis", "category", "position", "pk"]
        verbose_name = _("diagnosis item")

    def __str__(self) -> str:
        return self.text[:80]


class Challenge(models.Model):
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.CASCADE, related_name="challenges")
    text = models.TextField(_("challenge"))
    items = models.ManyToManyField(Item, blank=True, related_name="challenges", verbose_name=_("arising from"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["diagnosis", "position", "pk"]
        verbose_name = _("challenge")

    def __str__(self) -> str:
        return self.text[:80]


class Objective(models.Model):
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField(_("specific objective"))
    challenges = models.ManyToManyField(
        Challenge, blank=True, related_name="objectives", verbose_name=_("addresses the challenges")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["diagnosis", "position", "pk"]
        verbose_name = _("specific objective")

    def __str__(self) -> str:
        return self.text[:80]


class Measure(models.Model):
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField(_("measure"))
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="measures", verbose_name=_("serves the objectives")
    )
    call = models.ForeignKey(
        "calls.Call",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("implemented by the call"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["diagnosis", "position", "pk"]
        verbose_name = _("measure")

    def __str__(self) -> str:
        return self.text[:80]
