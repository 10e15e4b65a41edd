import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopart.core import limits
from innopart.core.concurrency import GuardedForm
from innopart.core.forms import ChecksInline
from innopart.core.uploads import check_size

from .catalogue import EDITABLE
from .models import Indicator, Region, Theme
from .readers import UnreadableFile, parse_select, read_upload


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Data file"),
        help_text=gettext_lazy(
            "Tidy CSV or XLSX with the columns region, indicator, year, value (and optionally flag); or a Eurostat "
            "TSV or SDMX-CSV download."
        ),
    )
    indicator = forms.SlugField(
        max_length=80,
        label=gettext_lazy("Indicator code"),
        required=False,
        help_text=gettext_lazy("Only for Eurostat files: the indicator their values belong to."),
    )
    select = forms.CharField(
        max_length=300,
        label=gettext_lazy("Series filter"),
        required=False,
        help_text=gettext_lazy("Only for Eurostat files with several series per region, e.g. unit=MIO_EUR."),
    )
    new_indicators = forms.BooleanField(
        label=gettext_lazy("Create indicators the file introduces"),
        required=False,
    )
    # What a reader sees of a new indicator: asked here when the file introduces one (a tidy file introducing
    # several may carry name_en, name_lt, unit_en and unit_lt columns instead).
    name_en = forms.CharField(
        max_length=200, required=False, label=gettext_lazy("Name of the new indicator in English")
    )
    name_lt = forms.CharField(
        max_length=200, required=False, label=gettext_lazy("Name of the new indicator in Lithuanian")
    )
    unit_en = forms.CharField(
        max_length=100,
        required=False,
        label=gettext_lazy("Unit in words, in English"),
        help_text=gettext_lazy("For example: euro per inhabitant, % of GDP, index 2015 = 100."),
    )
    unit_lt = forms.CharField(max_length=100, required=False, label=gettext_lazy("Unit in words, in Lithuanian"))
    definition_en = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("Definition in English (one sentence)"),
    )
    definition_lt = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("Definition in Lithuanian (one sentence)"),
    )
    decimals = forms.IntegerField(
        min_value=0, max_value=6, initial=1, required=False, label=gettext_lazy("Decimals to show")
    )
    direction = forms.ChoiceField(
        choices=[
            ("", gettext_lazy("Neither (for example a population)")),
            ("higher", gettext_lazy("Higher is better")),
            ("lower", gettext_lazy("Lower is better")),
        ],
        required=False,
        label=gettext_lazy("What an improvement means"),
    )
    theme = forms.ChoiceField(choices=Theme.choices, initial=Theme.CONTEXT, required=False, label=gettext_lazy("Theme"))

    DESCRIPTION = ("name_en", "name_lt", "unit_en", "unit_lt", "definition_en", "definition_lt")

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if not upload:
            return data
        try:
            check_size(upload, "data")
        except ValidationError as error:
            self.add_error("file", error)
            return data
        try:
            data["rows"] = read_upload(
                upload.name,
                upload.read(),
                indicator=data.get("indicator", ""),
                select=parse_select(data.get("select", "")),
            )
        except UnreadableFile as error:
            self.add_error("file", str(error))
            return data
        self._check_description(data)
        return data

    def _check_description(self, data) -> None:
        """A new indicator is named in both languages before it is created; a description must have one
        indicator to describe."""
        codes = {str(row.get("indicator") or "").strip() for row in data["rows"]}
        new = sorted(codes - set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True)))
        described = any(data.get(f) for f in self.DESCRIPTION)
        if described and not data.get("new_indicators"):
            self.add_error("new_indicators", _("Tick this to create the indicator you describe."))
        elif described and len(new) != 1:
            self.add_error(
                "name_en",
                _("The description is for one new indicator; this file introduces %(n)d.") % {"n": len(new)},
            )
        elif data.get("new_indicators") and len(new) == 1:
            named_in_file = all(row.get("name_en") and row.get("name_lt") for row in data["rows"][:1])
            for field in ("name_en", "name_lt"):
                if not data.get(field) and not named_in_file:
                    self.add_error(
                        field,
                        _("Name the new indicator “%(code)s”: readers see its name, not its code.") % {"code": new[0]},
                    )
        if described and len(new) == 1:
            data["description"] = {
                **{f: data.get(f, "") for f in self.DESCRIPTION},
                "decimals": 1 if data.get("decimals") is None else data["decimals"],
                "higher_is_better": {"higher": True, "lower": False}.get(data.get("direction", "")),
                "theme": data.get("theme") or Theme.CONTEXT,
            }


class IndexSpecForm(ChecksInline, forms.Form):
    """The industrial-change index's specification as YAML, validated against the data catalogue."""

    spec = forms.CharField(
        max_length=limits.SPECIFICATION,
        label=gettext_lazy("Specification (YAML)"),
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false", "class": "code"}),
        help_text=gettext_lazy(
            "Dimensions with their indicators (codes from the data catalogue); 'from' and 'change' make a change "
            "over years; 'missing' says what a dimension lacks; 'when_present' lists indicators scored once their data "
            "are imported."
        ),
    )
    note = forms.CharField(label=gettext_lazy("What changed"), max_length=300)
    # The newest run when the page was read: a save after someone else's is refused (change_index.request).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_spec(self):
        from innopart.analytics.industrial_change import SpecError

        from .change_index import parse

        text = self.cleaned_data["spec"]
        try:
            parse(text)
        except SpecError as error:
            raise forms.ValidationError(str(error)) from None
        return text


class TypologyForm(forms.Form):
    """Thresholds of the briefing's three region types (Figure 4). Defaults scaled to the reconstructed stars."""

    many_stars = forms.IntegerField(label=gettext_lazy("Many stars: at least"), min_value=0, initial=17)
    few_stars = forms.IntegerField(label=gettext_lazy("Few stars: fewer than"), min_value=0, initial=17)
    moderate = forms.FloatField(label=gettext_lazy("Moderate index: below"), min_value=0, max_value=1, initial=0.4)
    high = forms.FloatField(label=gettext_lazy("High index: at least"), min_value=0, max_value=1, initial=0.5)

    def thresholds(self) -> dict:
        defaults = {name: field.initial for name, field in self.fields.items()}
        return {**defaults, **self.cleaned_data} if self.is_valid() else defaults


class MapForm(forms.Form):
    """Which indicator (or the industrial-change index, or one of its dimensions) to map, and for which year."""

    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=gettext_lazy("Empty: the latest year in which at least half of the regions have a value."),
    )
    country = forms.ChoiceField(label=gettext_lazy("Zoom to"), required=False)

    def __init__(self, *args, choices, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = choices
        self.fields["country"].choices = [("", gettext_lazy("All of Europe")), *countries]


class CompareForm(forms.Form):
    """Two to six regions by their NUTS codes; the address holds the choice, so a comparison can be shared."""

    regions = forms.CharField(
        max_length=200,
        label=gettext_lazy("Regions"),
        help_text=gettext_lazy("Two to six NUTS codes separated by commas or spaces, for example LT01, LV00, EE00."),
    )

    def clean_regions(self):
        from .compare import MAX_REGIONS, MIN_REGIONS

        codes = list(dict.fromkeys(c.upper() for c in re.split(r"[\s,;]+", self.cleaned_data["regions"]) if c))
        found = {r.code: r for r in Region.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError(
                _("Unknown NUTS code: %(codes)s.") % {"codes": ", ".join(c[:12] for c in unknown[:5])}
            )
        if not MIN_REGIONS <= len(codes) <= MAX_REGIONS:
            raise ValidationError(
                _("Choose from %(lo)d to %(hi)d regions; you chose %(n)d.")
                % {"lo": MIN_REGIONS, "hi": MAX_REGIONS, "n": len(codes)}
            )
        return [found[c] for c in codes]


class PeerGroupForm(ChecksInline, GuardedForm, forms.Form):
    """A user's own peer group: members one per line, ``Label = CODE, CODE`` or just a NUTS code."""

    guarded_fields = ("name", "description", "is_public", "members_text")

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(
        max_length=limits.DOCUMENT,
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    members = forms.CharField(
        max_length=10_000,
        label=gettext_lazy("Members"),
        widget=forms.Textarea({"rows": 10, "class": "code"}),
        help_text=gettext_lazy(
            "One region per line: a NUTS code (LT01), or a name and its codes (Saxony = DED2, DED4, DED5)."
        ),
    )
    is_public = forms.BooleanField(label=gettext_lazy("Visible to everyone"), required=False)

    def clean_members(self) -> list[tuple[str, list[str]]]:
        from .models import Region

        known = dict(Region.objects.values_list("code", "name"))
        members, errors, labels = [], [], set()
        for number, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            label, _sep, rest = line.rpartition("=") if "=" in line else ("", "", line)
            codes = [c.strip().upper() for c in rest.replace(",", " ").split() if c.strip()]
            unknown = [c for c in codes if c not in known]
            if not codes or unknown:
                errors.append(
                    _("Line %(n)d: unknown NUTS code “%(code)s”.") % {"n": number, "code": ", ".join(unknown) or line}
                )
                continue
            label = label.strip() or (f"{codes[0]} {known[codes[0]]}" if len(codes) == 1 else ", ".join(codes))
            if label in labels:
                errors.append(_("Line %(n)d: “%(label)s” is listed twice.") % {"n": number, "label": label})
                continue
            labels.add(label)
            members.append((label[:120], codes))
        if errors:
            raise forms.ValidationError(errors)
        if len(members) < 2:
            raise forms.ValidationError(_("A peer group needs at least two regions."))
        return members


class RefreshForm(ChecksInline, forms.Form):
    """An analyst's refresh of one indicator from a Eurostat dataset (run by the task worker)."""

    indicator = forms.ModelChoiceField(label=gettext_lazy("Indicator"), queryset=Indicator.objects.none())
    dataset = forms.CharField(
        label=gettext_lazy("Eurostat dataset code"),
        max_length=60,
        help_text=gettext_lazy("As in Eurostat's data browser, e.g. nama_10r_2gdp."),
    )
    filters = forms.CharField(
        label=gettext_lazy("Filters"),
        max_length=limits.NOTE,
        required=False,
        help_text=gettext_lazy(
            "dimension=CODE, separated by semicolons or spaces, e.g. unit=MIO_EUR; geo=LT01,LT02; since=2014. Every "
            "dimension but the region and the year must come down to one code."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicators = Indicator.objects.all()
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: f"{i.name} ({i.dataset})" if i.dataset else i.name

    def clean(self):
        from .eurostat import EurostatError, filters_from_text, url_for

        data = super().clean()
        try:
            data["parsed_filters"] = filters_from_text(data.get("filters", ""))
        except EurostatError as error:
            self.add_error("filters", str(error))
            return data
        if data.get("dataset"):
            try:
                url_for(data["dataset"].strip(), data["parsed_filters"])
            except EurostatError as error:
                self.add_error("dataset", str(error))
        return data


class IndicatorForm(ChecksInline, GuardedForm, forms.ModelForm):
    """An indicator's description as readers see it, in both languages; the code, unit code and values stay."""

    class Meta:
        model = Indicator
        fields = list(EDITABLE)  # what `catalogue.describe` saves, no more
        widgets = {"definition_en": forms.Textarea({"rows": 2}), "definition_lt": forms.Textarea({"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name_en", "name_lt", "unit_en", "unit_lt"):
            self.fields[name].required = True  # pages show these: never blank
        self.fields["decimals"].max_value = 6
        self.fields["decimals"].validators.append(MaxValueValidator(6))
        direction = forms.NullBooleanSelect()
        direction.choices = [
            ("unknown", gettext_lazy("Neither: a total, which measures size")),
            ("true", gettext_lazy("Higher is better")),
            ("false", gettext_lazy("Lower is better")),
        ]
        self.fields["higher_is_better"].widget = direction
        self.fields["dataset"].help_text = gettext_lazy("Eurostat's dataset code, linked to its data browser.")
