from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innopart.core import limits


class Region(models.Model):
    """A NUTS region (levels 0-2) as published; codes of several NUTS versions coexist (see the data README)."""

    code = models.CharField(_("code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_native = models.CharField(_("native name"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2)
    level = models.PositiveSmallIntegerField(_("NUTS level"))
    in_nuts2021 = models.BooleanField(_("in NUTS 2021"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Theme(models.TextChoices):
    """The seven dimensions of industrial change (the briefing's names), and the economy around them."""

    INNOVATIVE_ECONOMY = "innovative_economy", _("Evolution towards a more innovative regional economy")
    EMERGING_TECHNOLOGIES = "emerging_technologies", _("New and emerging technologies")
    DIGITALISATION = "digitalisation", _("Digitalisation")
    FIRM_INVESTMENTS = "firm_investments", _("Firm investments")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation")
    CREATIVITY = "creativity", _("Creativity")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")
    CONTEXT = "context", _("Economic context")


class Indicator(models.Model):
    """An indicator and what a reader needs to understand it: its name, definition and unit in words in both
    languages, the decimals to show, what an improvement means, its theme and its source (the catalogue in
    observatory/data/indicators.yaml fills them for the shipped data). The code and the unit code stay for files
    and the API; a page shows them only as a secondary detail."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    unit = models.CharField(_("unit code"), max_length=80, blank=True)
    source = models.CharField(_("source dataset"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"), max_length=200, default="Source: Eurostat (Commission Decision 2011/833/EU)"
    )
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_lt = models.CharField(_("name in Lithuanian"), max_length=200, blank=True)
    short_name_en = models.CharField(_("short name in English"), max_length=80, blank=True)
    short_name_lt = models.CharField(_("short name in Lithuanian"), max_length=80, blank=True)
    definition_en = models.TextField(_("definition in English"), blank=True, max_length=1000)
    definition_lt = models.TextField(_("definition in Lithuanian"), blank=True, max_length=1000)
    unit_en = models.CharField(_("unit in English words"), max_length=100, blank=True)
    unit_lt = models.CharField(_("unit in Lithuanian words"), max_length=100, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    higher_is_better = models.BooleanField(_("higher is better"), null=True, blank=True)
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices, default=Theme.CONTEXT)
    dataset = models.CharField(_("Eurostat dataset code"), max_length=60, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")

    def __str__(self) -> str:
        return self.name

    def _in_language(self, english: str, lithuanian: str) -> str:
        return lithuanian if lithuanian and (get_language() or "").startswith("lt") else english

    @property
    def name(self) -> str:
        """The name in the reader's language; an indicator nobody has named yet reads as its code in words."""
        return self._in_language(self.name_en, self.name_lt) or self.code.replace("_", " ").capitalize()

    @property
    def short_name(self) -> str:
        return self._in_language(self.short_name_en, self.short_name_lt) or self.name

    @property
    def definition(self) -> str:
        return self._in_language(self.definition_en, self.definition_lt)

    @property
    def unit_words(self) -> str:
        return self._in_language(self.unit_en, self.unit_lt)

    @property
    def dataset_url(self) -> str:
        return f"https://ec.europa.eu/eurostat/databrowser/view/{self.dataset}/default/table" if self.dataset else ""


class Observation(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="observations")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    flag = models.CharField(_("flag"), max_length=40, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "indicator", "year"], name="one_value_per_cell")]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.region_id} {self.indicator_id} {self.year}: {self.value}"


class PeerGroup(models.Model):
    """Regions compared with each other, such as the briefing's ten pilot regions in industrial transition.

    A member is a named region made of one or more NUTS codes (Saxony = DED2, DED4, DED5), kept as codes rather
    than foreign keys so that a group can name regions before their data are loaded.
    """

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=limits.DOCUMENT)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # Shipped groups have no owner; a user's group is theirs to change and public only if they say so.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="peer_groups"
    )
    is_public = models.BooleanField(_("visible to everyone"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("peer group")

    def __str__(self) -> str:
        return self.name

    def members_text(self) -> str:
        """The members as the form shows them, one a line (``Label = CODE, CODE``)."""
        return "\n".join(f"{m.label} = {', '.join(m.codes)}" for m in self.members.all())

    members_text.label = _("members")  # type: ignore[attr-defined]


class PeerGroupMember(models.Model):
    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="members")
    label = models.CharField(_("region"), max_length=120)
    codes = models.JSONField(_("NUTS codes"), default=list)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group", "position", "label"]
        constraints = [models.UniqueConstraint(fields=["group", "label"], name="one_label_per_group")]

    def __str__(self) -> str:
        return f"{self.label} ({', '.join(self.codes)})"


class NutsChange(models.Model):
    """A code that changed between NUTS versions: recoded 1:1 (FR24 -> FRB0) or split (LT00 -> LT01 + LT02).

    Codes, not foreign keys: the old code may have no row of its own (LT00 has no data we ship).
    """

    old_code = models.CharField(_("earlier code"), max_length=9)
    new_code = models.CharField(_("later code"), max_length=9)
    kind = models.CharField(_("change"), max_length=20)
    nuts_version = models.CharField(_("NUTS version"), max_length=4)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["old_code", "new_code"]
        constraints = [models.UniqueConstraint(fields=["old_code", "new_code"], name="one_change_per_pair")]

    def __str__(self) -> str:
        return f"{self.old_code} -> {self.new_code} (NUTS {self.nuts_version})"


class IndexRun(models.Model):
    """One computation of the industrial-change index: the specification used (YAML, editable by analysts), its
    progress in the task worker, and the results (scores, ranks, rank uncertainty) as computed."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    spec = models.TextField(_("specification (YAML)"), max_length=limits.SPECIFICATION)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    results = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("index computation")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.state}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class DataRevision(models.Model):
    """One row per change of the observatory's data (an import that created or changed values, new regions):
    the newest row's number is the data's version, part of every cache key of a public observatory page, so that
    every web node serves the new figures at once whatever cache it has."""

    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.pk}: {self.reason}"


class DatasetRefresh(models.Model):
    """One fetch of a Eurostat dataset into one indicator (`innopart import eurostat`, or an analyst's refresh run
    by the task worker): what was asked, what Eurostat answered and when it last updated the data, and what
    changed. The newest finished row per dataset is what the data catalogue shows as "last refreshed"."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    dataset = models.CharField(_("Eurostat dataset code"), max_length=60, db_index=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="refreshes")
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    url = models.TextField(_("address"), blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)
    from_cache = models.BooleanField(default=False)
    eurostat_updated = models.CharField(_("updated by Eurostat"), max_length=40, blank=True)
    label = models.CharField(_("dataset"), max_length=300, blank=True)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    flags = models.JSONField(default=dict, blank=True)
    left_out = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dataset refresh")

    def __str__(self) -> str:
        return f"{self.dataset} {self.created_at:%Y-%m-%d %H:%M} {self.state}"
