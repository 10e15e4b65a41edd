import zoneinfo
from datetime import datetime

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innopart.core.concurrency import GuardedForm
from innopart.core.forms import ChecksInline
from innopart.core.zones import TIME_ZONES

from .enums import SCORE_MAX, Criterion, EligibilityRule
from .models import CallVersion, ThematicField
from .services import GUARDED_DRAFT_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CallForm(ChecksInline, GuardedForm, forms.ModelForm):
    """The call designer: text, money, period, timeline, eligibility rules and criteria on one page.

    The deadline is typed as a local date and time in the call's own time zone.
    """

    guarded_fields = GUARDED_DRAFT_FIELDS

    slug = forms.SlugField(
        max_length=50, label=_("Short name in addresses"), required=False, help_text=_("e.g. ipc-2027")
    )
    deadline_local = forms.DateTimeField(
        label=_("Application deadline (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(tz, tz) for tz in TIME_ZONES])
    coordinator_countries_text = forms.CharField(
        max_length=500,
        label=_("Countries where the coordinator must be registered"),
        required=False,
        help_text=_("Two-letter codes separated by commas; empty means any country."),
    )
    thematic_fields = forms.ModelMultipleChoiceField(
        label=_("Thematic fields"),
        queryset=ThematicField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CallVersion
        fields = [
            "title_lt",
            "title",
            "summary_lt",
            "summary",
            "description_lt",
            "description",
            "total_budget",
            "max_grant",
            "min_years",
            "max_years",
            "min_awards",
            "max_awards",
            "overall_threshold",
            "time_zone",
            "publication_date",
            "award_date",
            "start_date",
            "changelog",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
            "summary_lt": forms.Textarea(attrs={"rows": 3, "lang": "lt"}),
            "description": forms.Textarea(attrs={"rows": 8, "lang": "en"}),
            "description_lt": forms.Textarea(attrs={"rows": 8, "lang": "lt"}),
            "title": forms.TextInput(attrs={"lang": "en"}),
            "title_lt": forms.TextInput(attrs={"lang": "lt"}),
            "changelog": forms.Textarea(attrs={"rows": 3}),
            "publication_date": DateInput(),
            "award_date": DateInput(),
            "start_date": DateInput(),
        }
        help_texts = {
            "publication_date": _("Applications are taken from the start of this day, in the call's time zone."),
        }

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.instance
        for name in ("total_budget", "max_grant"):
            # Model validators run in _post_clean, which this form leaves to the service; check here too.
            self.fields[name].validators.append(MinValueValidator(0))
        if not creating:
            del self.fields["slug"]
        else:
            self.fields["slug"].required = True
        if creating or version.number == 1:
            del self.fields["changelog"]
        else:
            self.fields["changelog"].required = True
        if version.pk:
            self.fields["thematic_fields"].initial = list(version.thematic_fields.values_list("pk", flat=True))
            self.fields["deadline_local"].initial = timezone.localtime(version.deadline, version.zone).replace(
                tzinfo=None
            )
            self.fields["coordinator_countries_text"].initial = ", ".join(version.coordinator_countries)
        rules = version.eligibility if version.pk else None
        for rule in EligibilityRule:
            self.fields[f"rule_{rule.value}"] = forms.IntegerField(
                label=rule.label,
                min_value=0,
                max_value=100,
                initial=(rules or {}).get(rule.value, None) if rules else _default_rule(rule.value),
            )
        chain = version.tie_break if version.pk else list(Criterion.values)
        for i in range(1, len(Criterion) + 1):
            self.fields[f"tie_{i}"] = forms.ChoiceField(
                label=_("Tie-break %(n)d") % {"n": i}, choices=Criterion.choices, initial=chain[i - 1]
            )
        criteria = {c["code"]: c for c in (version.criteria if version.pk else _default_criteria())}
        for criterion in Criterion:
            self.fields[f"weight_{criterion.value}"] = forms.IntegerField(
                label=_("Weight of “%(c)s” (%%)") % {"c": criterion.label},
                min_value=1,
                max_value=100,
                initial=criteria.get(criterion.value, {}).get("weight"),
            )
            self.fields[f"threshold_{criterion.value}"] = forms.DecimalField(
                label=_("Threshold of “%(c)s” (0-%(max)s)") % {"c": criterion.label, "max": SCORE_MAX},
                min_value=0,
                max_value=SCORE_MAX,
                decimal_places=1,
                initial=criteria.get(criterion.value, {}).get("threshold"),
            )

    def tie_break_fields(self):
        return [self[f"tie_{i}"] for i in range(1, len(Criterion) + 1)]

    def rule_fields(self):
        return [self[f"rule_{r.value}"] for r in EligibilityRule]

    def criteria_fields(self):
        return [(c.label, self[f"weight_{c.value}"], self[f"threshold_{c.value}"]) for c in Criterion]

    def clean_coordinator_countries_text(self):
        codes = [c.strip().upper() for c in self.cleaned_data["coordinator_countries_text"].split(",") if c.strip()]
        for code in codes:
            if len(code) != 2 or not code.isalpha():
                raise forms.ValidationError(_("“%(c)s” is not a two-letter country code.") % {"c": code})
        return codes

    def clean(self):
        data = super().clean()
        local, tz = data.get("deadline_local"), data.get("time_zone")
        if local and tz:
            naive = local.replace(tzinfo=None) if isinstance(local, datetime) else local
            data["deadline"] = timezone.make_aware(naive, zoneinfo.ZoneInfo(tz))
        return data

    def to_service_data(self) -> dict:
        data = {
            k: v for k, v in self.cleaned_data.items() if not k.startswith(("rule_", "weight_", "threshold_", "tie_"))
        }
        data["eligibility"] = {r.value: self.cleaned_data[f"rule_{r.value}"] for r in EligibilityRule}
        data["criteria"] = [
            {
                "code": c.value,
                "weight": self.cleaned_data[f"weight_{c.value}"],
                "threshold": float(self.cleaned_data[f"threshold_{c.value}"]),
            }
            for c in Criterion
        ]
        data["coordinator_countries"] = self.cleaned_data["coordinator_countries_text"]
        data["tie_break"] = [self.cleaned_data[f"tie_{i}"] for i in range(1, len(Criterion) + 1)]
        return data

    def _post_clean(self):
        # The service validates and saves; the form must not write into the instance half-way.
        pass


def _default_rule(code: str) -> int:
    from .enums import DEFAULT_ELIGIBILITY

    return DEFAULT_ELIGIBILITY[code]


def _default_criteria() -> list[dict]:
    from .enums import DEFAULT_CRITERIA

    return DEFAULT_CRITERIA
