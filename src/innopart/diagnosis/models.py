"""The diagnosis of a region (briefing chapters 2-3): PEST and SWOT items, each optionally backed by an indicator,
and the chain from challenges to specific objectives to measures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innopart.core import limits

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
    summary = models.TextField(_("summary"), blank=True, max_length=limits.PARAGRAPHS)
    general_objective = models.TextField(_("general objective"), blank=True, max_length=limits.NOTE)
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
    text = models.TextField(_("text"), max_length=limits.NOTE)
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
    text = models.TextField(_("challenge"), max_length=limits.NOTE)
    items = models.ManyToManyField(Item, blank=True, related_name="challenges", verbose_name=_("arising from"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["diagnosis", "position", "pk"]
        verbose_name = _("challenge")

    def __str__(self) -> str:
        return self.text[:80]


class Objective(models.Model):
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField(_("specific objective"), max_length=limits.NOTE)
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
    text = models.TextField(_("measure"), max_length=limits.NOTE)
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


class StressQuestion(models.Model):
    """A question of the cluster-policy stress test. The shipped bank is a reconstruction (the European Stress
    Test for Cluster Policy's questions are not public) and is editable; a question with answers is retired, not
    deleted, so that past assessments keep their meaning."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    module_code = models.CharField(_("module code"), max_length=4)
    module = models.CharField(_("module"), max_length=120)
    text = models.TextField(_("question"), max_length=limits.NOTE)
    status = models.CharField(_("status"), max_length=200, blank=True)
    is_active = models.BooleanField(_("asked in new assessments"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["module_code", "position", "code"]
        verbose_name = _("stress-test question")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class StressAssessment(models.Model):
    """One self-assessment of a region's cluster policy in a year."""

    region = models.ForeignKey(
        "observatory.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True, max_length=limits.NOTE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="one_assessment_per_region_year")]
        verbose_name = _("stress-test assessment")

    def __str__(self) -> str:
        return f"{self.region.code} {self.year}"

    def answers_text(self) -> str:
        """The answers as stored, question by question: what a stale-save check compares and shows."""
        rows = sorted(self.answers.select_related("question"), key=lambda a: a.question.code)
        return "; ".join(
            f"{a.question.code}: {'?' if a.score is None else a.score}{f' ({a.comment})' if a.comment else ''}"
            for a in rows
        )

    answers_text.label = _("answers")  # type: ignore[attr-defined]


class StressAnswer(models.Model):
    assessment = models.ForeignKey(StressAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(StressQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    comment = models.TextField(_("comment or evidence"), blank=True, max_length=limits.NOTE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question")]
        verbose_name = _("stress-test answer")

    def __str__(self) -> str:
        return f"{self.assessment} {self.question.code}: {self.score}"
