from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innopart.calls.enums import Criterion
from innopart.core import limits
from innopart.core.bilingual import Bilingual

from .enums import ConflictLevel, Phase, ReviewState, Ruling, Sector


def _private_storage():
    from innopart.applications.models import private_storage

    return private_storage()


class Evaluation(models.Model):
    """The selection of one call. Its phase changes only through ``services.change_phase``."""

    call = models.OneToOneField("calls.Call", on_delete=models.CASCADE, related_name="evaluation")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, default=Phase.SETUP)
    clarification_deadline = models.DateTimeField(
        _("deadline for answers to clarification questions"), null=True, blank=True
    )
    results_published_at = models.DateTimeField(null=True, blank=True)
    # What the ministry says with the results, on the public results page, in both languages (core/bilingual.py).
    announcement = models.TextField(
        _("statement with the results, in English"), blank=True, max_length=limits.PARAGRAPHS
    )
    announcement_lt = models.TextField(
        _("statement with the results, in Lithuanian"), blank=True, max_length=limits.PARAGRAPHS
    )
    scoring_deadline = models.DateTimeField(_("deadline for individual scores"), null=True, blank=True)
    panel_size = models.PositiveSmallIntegerField(
        _("jurors per application"),
        null=True,
        blank=True,
        help_text=_("Empty: every juror without a conflict scores every application (a national jury)."),
    )
    max_load = models.PositiveSmallIntegerField(_("most applications per juror"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    announcement_shown = Bilingual("announcement")

    class Meta:
        verbose_name = _("evaluation")

    def __str__(self) -> str:
        return f"{self.call}: {self.get_phase_display()}"


class Juror(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_seats")
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    affiliation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("current affiliation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expertise = models.CharField(_("expertise"), max_length=300, blank=True)
    nace_codes = models.JSONField(_("NACE sectors"), default=list, blank=True)
    is_chair = models.BooleanField(_("chair"), default=False)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_chair", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "user"], name="one_seat_per_person")]
        verbose_name = _("juror")

    def __str__(self) -> str:
        return str(self.user)


class PastAffiliation(models.Model):
    """An organisation the juror worked for until ``ended_on``; within three years it still creates a conflict."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="past_affiliations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("ended on"))

    def __str__(self) -> str:
        return f"{self.juror}: {self.organisation} until {self.ended_on}"


class Declaration(models.Model):
    """A juror's conflict-of-interest declaration for one application, made before seeing its content."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="declarations")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="declarations")
    level = models.CharField(_("conflict of interest"), max_length=16, choices=ConflictLevel.choices)
    reason = models.TextField(_("explanation"), blank=True, max_length=limits.NOTE)
    declared_at = models.DateTimeField(auto_now_add=True)
    ruling = models.CharField(_("ruling"), max_length=16, choices=Ruling.choices, default=Ruling.NOT_NEEDED)
    ruling_reason = models.TextField(_("reason for the ruling"), blank=True, max_length=limits.NOTE)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ruled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["juror", "application"], name="one_declaration_per_pair")]
        verbose_name = _("declaration")

    def __str__(self) -> str:
        return f"{self.juror} / {self.application}: {self.get_level_display()}"


class Review(models.Model):
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="reviews")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="reviews")
    state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["juror", "application"], name="one_review_per_pair")]
        verbose_name = _("review")

    def __str__(self) -> str:
        return f"{self.juror} / {self.application}"

    def scores_text(self) -> str:
        """The scores as stored, one criterion a line: what a stale-save check compares and shows."""
        labels = dict(Criterion.choices)
        return "; ".join(
            f"{labels.get(s.criterion, s.criterion)}: {s.score} ({s.justification} | {s.strengths} | "
            f"{s.weaknesses} | {s.improvement})"
            for s in sorted(self.scores.all(), key=lambda s: s.criterion)
        ) + (f" [{self.get_state_display()}]" if self.state != ReviewState.DRAFT else "")

    scores_text.label = _("your scores")  # type: ignore[attr-defined]


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("criterion"), max_length=32)
    score = models.DecimalField(
        _("score"),
        max_digits=2,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(5))],
    )
    justification = models.TextField(_("justification"), max_length=limits.PARAGRAPHS)
    strengths = models.TextField(_("strengths"), blank=True, max_length=limits.PARAGRAPHS)
    weaknesses = models.TextField(_("weaknesses"), blank=True, max_length=limits.PARAGRAPHS)
    improvement = models.TextField(_("how to improve"), blank=True, max_length=limits.PARAGRAPHS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__gte=0) & models.Q(score__lte=5), name="score_0_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.criterion} {self.score}"

    @property
    def criterion_label(self) -> str:
        """What a person reads for the criterion: its name, never its code."""
        return Criterion(self.criterion).label


class Question(models.Model):
    """A clarification question (the briefing's consultation phase), tied to the criteria it concerns."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(Juror, on_delete=models.PROTECT, related_name="questions")
    criteria = models.JSONField(_("criteria concerned"), default=list)
    text = models.TextField(_("question"), max_length=limits.NOTE)
    asked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("clarification question")
        ordering = ["asked_at"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def criteria_shown(self) -> list[tuple[str, str]]:
        """The criteria the question concerns, each as (code, label): the code for a form, the label for people."""
        labels = dict(Criterion.choices)
        return [(code, str(labels.get(code, code))) for code in self.criteria]


class Answer(models.Model):
    """Versioned answers: a new answer is a new row, earlier versions stay visible."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    version = models.PositiveIntegerField()
    text = models.TextField(_("answer"), max_length=limits.NOTE)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        ordering = ["question", "-version"]
        constraints = [models.UniqueConstraint(fields=["question", "version"], name="answer_version")]

    def __str__(self) -> str:
        return f"{self.question} v{self.version}"


class ScoreRevision(models.Model):
    """A score changed after clarification: before and after, and the question that justified it."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="revisions")
    before = models.DecimalField(max_digits=2, decimal_places=1)
    after = models.DecimalField(max_digits=2, decimal_places=1)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    revised_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.score}: {self.before} -> {self.after}"


class ConsensusScore(models.Model):
    """What the jury agreed per criterion, recorded by the chair: the basis of the ranking and of the letters."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="consensus")
    criterion = models.CharField(max_length=32)
    score = models.DecimalField(
        max_digits=2, decimal_places=1, validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(5))]
    )
    strengths = models.TextField(_("strengths"), max_length=limits.PARAGRAPHS)
    weaknesses = models.TextField(_("weaknesses"), max_length=limits.PARAGRAPHS)
    improvement = models.TextField(_("how to improve"), max_length=limits.PARAGRAPHS)
    dissent = models.TextField(_("dissent"), blank=True, max_length=limits.PARAGRAPHS)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consensus score")
        constraints = [models.UniqueConstraint(fields=["application", "criterion"], name="one_consensus_per_criterion")]

    def __str__(self) -> str:
        return f"{self.application}: {self.criterion} {self.score}"

    @property
    def criterion_label(self) -> str:
        return Criterion(self.criterion).label


def _letter_path(letter: "Letter", filename: str) -> str:
    return f"letters/{letter.application_id}/{filename}"


class LetterBatch(models.Model):
    """One run of the background task that writes every applicant's decision letter; its progress is visible."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="letter_batches")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("batch of decision letters")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class Letter(models.Model):
    """The decision letter as sent, in both languages, kept as issued."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="letter")
    batch = models.ForeignKey(LetterBatch, on_delete=models.PROTECT, related_name="letters")
    pdf_en = models.FileField(storage=_private_storage, upload_to=_letter_path)
    pdf_lt = models.FileField(storage=_private_storage, upload_to=_letter_path)
    generated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Letter for {self.application}"


class CoordinatorAppointment(models.Model):
    """The person who coordinates an awarded partnership (briefing, Table 2), appointed with the ministry."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="coordinator_appointment"
    )
    full_name = models.CharField(_("coordinator"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("employed by")
    )
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.full_name} ({self.application})"


class Assignment(models.Model):
    """A juror on an application's panel, when the jury is a pool (``Evaluation.panel_size`` set). Rows come from
    the optimisation (``innopart.analytics.assignment``) or from the chair, whose changes are audited."""

    class Source(models.TextChoices):
        OPTIMISED = "optimised", _("Optimised")
        CHAIR = "chair", _("Added by the chair")

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="assignments")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.OPTIMISED)
    affinity = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["juror", "application"], name="one_assignment_per_pair")]

    def __str__(self) -> str:
        return f"{self.juror} -> {self.application}"


class PanelRun(models.Model):
    """One formation of an expert pool's panels by the background task; its stage and progress are visible on
    every web node, and an infeasible pool keeps the explanation."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        QUEUED = "queued", _("Waiting for the task worker")
        PROFILES = "profiles", _("Reading the expertise profiles")
        CONFLICTS = "conflicts", _("Finding conflicts of interest")
        AFFINITIES = "affinities", _("Matching expertise to applications")
        SOLVE = "solve", _("Choosing the panels")
        WRITE = "write", _("Saving the panels")
        DONE = "done", _("Finished")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="panel_runs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    panel_size = models.PositiveSmallIntegerField()
    max_load = models.PositiveSmallIntegerField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)
    total_affinity = models.FloatField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("forming of panels")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.get_state_display()}"

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def gap_percent(self) -> float | None:
        return None if self.gap is None else 100 * self.gap


class UncertaintyRun(models.Model):
    """The bootstrap of the ranking's uncertainty for one version of the scores, computed by a background task (at
    5,000 applications it takes seconds, too long for a request) and kept, so that every web node reads it.

    Derived data, not a decision: it is recomputed from the scores whenever they change, so it writes no audit row.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the task worker")
        RUNNING = "running", _("Resampling the jurors")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="uncertainty_runs")
    version = models.CharField(max_length=255)
    draws = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    # One record per application: application (acronym), rank_q5, rank_q95, p_award, not_robust, near_tie.
    table = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uncertainty computation")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "version", "draws"], name="one_uncertainty_run_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.get_state_display()}"

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
