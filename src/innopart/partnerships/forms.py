import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from innopart.applications.validators import validate_pdf
from innopart.core import limits
from innopart.core.concurrency import GuardedForm
from innopart.core.forms import ChecksInline

from .enums import KpiKind, MembershipChangeKind, PolicySupport, Programme, Unit, Verification
from .models import Action, Activity, Agreement, Objective, RoadmapItem

TERMS = [
    "start_date",
    "duration_years",
    "setup_years",
    "taper_start",
    "taper_floor",
    "taper_step",
    "taper_sensitivity",
    "self_funding_target",
    "advance_fraction",
    "report_due_days",
]


class TermsForm(ChecksInline, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = TERMS
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "taper_start": _("As a share of the year's budget: 0.80 is 80 per cent."),
            "taper_sensitivity": _(
                "How much of own resources above plan lowers next year's share (0.5: half of the surplus)."
            ),
        }


def _figures(text: str) -> list[Decimal] | None:
    """Figures separated by semicolons, one per agreement year; a decimal comma or point. "450,000" is refused as
    ambiguous (a thousands separator in English, a decimal comma in Lithuanian)."""
    parts = [re.sub(r"[\s\u00a0]", "", p) for p in text.split(";") if p.strip()]
    if not parts:
        return None
    figures = []
    for year, part in enumerate(parts, start=1):
        if re.fullmatch(r"\d{1,3}(,\d{3})+", part):
            raise forms.ValidationError(
                _("Year %(year)d: write “%(value)s” without separators, e.g. %(plain)s.")
                % {"year": year, "value": part, "plain": part.replace(",", "")}
            )
        try:
            figures.append(Decimal(part.replace(",", ".")))
        except ArithmeticError:
            raise forms.ValidationError(
                _("Year %(year)d: “%(value)s” is not a number.") % {"year": year, "value": part}
            ) from None
    return figures


class AmendmentForm(TermsForm):
    budget = forms.CharField(
        max_length=1_000,
        label=_("New yearly budgets (EUR)"),
        required=False,
        help_text=_("Only to change the baseline: one figure per year, separated by semicolons. Empty: unchanged."),
    )
    own_planned = forms.CharField(
        max_length=1_000,
        label=_("New yearly own resources planned (EUR)"),
        required=False,
        help_text=_("Only to change the baseline: one figure per year, separated by semicolons. Empty: unchanged."),
    )
    changelog = forms.CharField(
        max_length=limits.PARAGRAPHS, label=_("What changes and why"), widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta(TermsForm.Meta):
        fields = [*TERMS, "changelog"]

    def clean_budget(self):
        return _figures(self.cleaned_data["budget"])

    def clean_own_planned(self):
        return _figures(self.cleaned_data["own_planned"])


class MilestoneForm(ChecksInline, GuardedForm, forms.Form):
    check_with = {"submit": "1"}  # its view binds it by the button pressed
    guarded_fields = ("report", "evidence")

    report = forms.CharField(
        max_length=limits.PARAGRAPHS, label=_("What was achieved"), widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.FileField(label=_("Evidence (PDF)"), required=False)

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence:
            validate_pdf(evidence)
        return evidence


class DecisionForm(ChecksInline, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        max_length=limits.NOTE, label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportForm(ChecksInline, GuardedForm, forms.Form):
    check_with = {"save": "1"}  # its view binds it by the button pressed
    guarded_fields = ("narrative", "public_summary", "own_resources", "actuals_text")

    narrative = forms.CharField(
        max_length=limits.PARAGRAPHS, label=_("Progress in the year"), widget=forms.Textarea(attrs={"rows": 6})
    )
    public_summary = forms.CharField(
        max_length=limits.NOTE,
        required=False,
        label=_("Public summary"),
        help_text=_(
            "A few sentences for the public on what the year achieved. Published on the partnership's public page "
            "once the ministry accepts the report; the rest of the report stays with the ministry."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    own_resources = forms.DecimalField(
        label=_("Own resources received (EUR)"),
        min_value=0,
        decimal_places=2,
        help_text=_("Membership and service fees, research funding and EU funds received in the year."),
    )

    def __init__(self, *args, kpis=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kpis = list(kpis)
        for kpi in self.kpis:
            label = kpi.get_kind_display()
            self.fields[f"kpi_{kpi.pk}"] = forms.DecimalField(label=label, decimal_places=2)
            self.fields[f"unit_{kpi.pk}"] = forms.ChoiceField(
                label=_("Unit of “%(kpi)s”") % {"kpi": label}, choices=Unit.choices, initial=kpi.unit
            )
            self.fields[f"evidence_{kpi.pk}"] = forms.FileField(
                label=_("Evidence for “%(kpi)s” (PDF)") % {"kpi": label}, required=False
            )

    def clean(self):
        data = super().clean()
        for kpi in self.kpis:
            evidence = data.get(f"evidence_{kpi.pk}")
            if evidence:
                try:
                    validate_pdf(evidence)
                except forms.ValidationError as error:
                    self.add_error(f"evidence_{kpi.pk}", error)
        return data

    def actuals(self) -> dict:
        return {
            kpi: (
                self.cleaned_data[f"kpi_{kpi.pk}"],
                self.cleaned_data[f"unit_{kpi.pk}"],
                self.cleaned_data.get(f"evidence_{kpi.pk}"),
            )
            for kpi in self.kpis
        }


class ReviewForm(ChecksInline, forms.Form):
    note = forms.CharField(max_length=limits.PARAGRAPHS, label=_("Review"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, actuals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actuals = list(actuals)
        for actual in self.actuals:
            self.fields[f"verify_{actual.kpi_id}"] = forms.ChoiceField(
                label=_("Verification of “%(kpi)s”") % {"kpi": actual.kpi.get_kind_display()},
                choices=Verification.choices,
                initial=actual.verification,
            )

    def verification(self) -> dict:
        return {a.kpi_id: self.cleaned_data[f"verify_{a.kpi_id}"] for a in self.actuals}


class ExtensionForm(ChecksInline, forms.Form):
    days = forms.IntegerField(label=_("Extra days"), min_value=1, max_value=180)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class KpiForm(ChecksInline, forms.Form):
    kind = forms.ChoiceField(label=_("Indicator"), choices=KpiKind.choices)
    baseline = forms.DecimalField(label=_("Baseline"), decimal_places=2)
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=2000, max_value=2100)
    targets = forms.CharField(
        max_length=1_000,
        label=_("Yearly targets"),
        help_text=_("One figure per agreement year from year 1, separated by semicolons, e.g. 8; 10; 12."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=300,
        help_text=_("Required once a report has been accepted: the indicators are then part of the agreement."),
    )

    def clean_targets(self) -> dict[int, Decimal]:
        figures = _figures(self.cleaned_data["targets"])
        if not figures:
            raise forms.ValidationError(_("Give at least the target of year 1."))
        return dict(enumerate(figures, start=1))


class ObjectiveForm(ChecksInline, forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["title"]


class ActionForm(ChecksInline, forms.ModelForm):
    policy_support = forms.MultipleChoiceField(
        label=_("Policy support needed"),
        choices=PolicySupport.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    programmes = forms.MultipleChoiceField(
        label=_("Linked support programmes"),
        choices=Programme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = ["title", "owner", "starts", "ends", "policy_support", "programmes", "is_pilot", "status"]
        widgets = {"starts": forms.DateInput(attrs={"type": "date"}), "ends": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations


class ActivityForm(ChecksInline, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "title", "objective", "year", "status"]

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = partnership.objectives.all()


class MembershipForm(ChecksInline, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Change"), choices=MembershipChangeKind.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PaymentForm(ChecksInline, forms.Form):
    amount = forms.DecimalField(label=_("Amount (EUR)"), decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Payment reference"), max_length=60)


class ProjectionForm(forms.Form):
    growth = forms.DecimalField(
        label=_("Yearly growth of own resources (%)"), min_value=-50, max_value=200, decimal_places=1, initial=10
    )
    target = forms.DecimalField(
        label=_("Self-funding target (own share of the budget, %)"), min_value=1, max_value=100, decimal_places=1
    )


class RoadmapForm(ChecksInline, GuardedForm, forms.ModelForm):
    class Meta:
        model = RoadmapItem
        fields = ["status", "note"]
        widgets = {"note": forms.TextInput()}
