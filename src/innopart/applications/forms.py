from decimal import Decimal, InvalidOperation

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopart.calls.models import ThematicField
from innopart.core import limits
from innopart.core.concurrency import GuardedForm
from innopart.core.forms import ChecksInline
from innopart.organisations.models import Organisation

from .enums import CostCategory, IncomeSource, PlanKind
from .models import Application
from .validators import validate_pdf


class StartApplicationForm(ChecksInline, forms.Form):
    coordinator = forms.ModelChoiceField(
        label=gettext_lazy("Coordinating organisation"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(label=gettext_lazy("Title of the partnership"), max_length=200)
    acronym = forms.CharField(label=gettext_lazy("Acronym"), max_length=30)
    thematic_field = forms.ModelChoiceField(label=gettext_lazy("Thematic field"), queryset=ThematicField.objects.none())

    def __init__(self, *args, user, call, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.of_user(user).order_by("name")
        self.fields["coordinator"].queryset = organisations
        self.fields["thematic_field"].queryset = call.published_version.thematic_fields.all()
        # Most applicants belong to one organisation: choose it for them.
        only = list(organisations[:2])
        if len(only) == 1:
            self.fields["coordinator"].initial = only[0].pk


class DetailsForm(ChecksInline, GuardedForm, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["title", "acronym", "thematic_field", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thematic_field"].queryset = self.instance.call.published_version.thematic_fields.all()
        self.fields["thematic_field"].required = True

    def _post_clean(self):
        # The service writes; the form only parses.
        pass


class SectionForm(ChecksInline, forms.Form):
    body = forms.CharField(
        max_length=limits.DOCUMENT,
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PdfField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value:
            validate_pdf(value)


class PartnerForm(ChecksInline, forms.Form):
    organisation = forms.ModelChoiceField(label=gettext_lazy("Organisation"), queryset=Organisation.objects.all())
    contribution = forms.CharField(
        max_length=limits.PARAGRAPHS,
        label=gettext_lazy("Role in the partnership"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_key_partner = forms.BooleanField(
        label=gettext_lazy("Key partner able to attract SMEs and connect to international value chains"),
        required=False,
    )
    letter = PdfField(label=gettext_lazy("Letter of commitment (PDF)"), required=False)

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is not None:
            taken = application.partners.values("organisation")
            self.fields["organisation"].queryset = Organisation.objects.exclude(pk__in=taken).order_by("name")
            # With HTMX, choosing an organisation previews what it would change in the eligibility check.
            preview = {
                "hx-get": reverse("applications:eligibility_preview", args=[application.pk]),
                "hx-target": "#eligibility-preview",
                "hx-include": "#id_organisation, #id_is_key_partner",
                "hx-trigger": "change",
                "aria-controls": "eligibility-preview",
            }
            self.fields["organisation"].widget.attrs.update(preview)
            self.fields["is_key_partner"].widget.attrs.update(preview)


class PartnerUpdateForm(ChecksInline, GuardedForm, forms.Form):
    """Guarded against a partner and the coordinator saving the same entry from two pages (pass `guarded=partner`)."""

    guarded_fields = ("contribution", "is_key_partner", "commitment_letter")
    contribution = PartnerForm.base_fields["contribution"]
    is_key_partner = PartnerForm.base_fields["is_key_partner"]
    letter = PdfField(label=gettext_lazy("Letter of commitment (PDF)"), required=False)


class WithdrawForm(ChecksInline, forms.Form):
    reason = forms.CharField(
        max_length=limits.NOTE, label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanForm(ChecksInline, forms.Form):
    """The resource plan as a grid: one field per category and year, named `<kind>-<category>-<year>`."""

    duration_years = forms.IntegerField(
        label=gettext_lazy("Duration of the partnership (years)"), min_value=1, max_value=15
    )

    def __init__(self, *args, application: Application, years: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(range(1, years + 1))
        stored = {(line.kind, line.category, line.year): line.amount for line in application.plan_lines.all()}
        self.grid = []
        for kind, choices in ((PlanKind.COST, CostCategory), (PlanKind.INCOME, IncomeSource)):
            rows = []
            for category in choices:
                cells = []
                for year in self.years:
                    name = f"{kind.value}-{category.value}-{year}"
                    self.fields[name] = forms.CharField(
                        label=_("%(cat)s, year %(y)d") % {"cat": category.label, "y": year},
                        max_length=30,
                        required=False,
                        initial=_plain(stored.get((kind.value, category.value, year))),
                        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "num", "size": 9}),
                    )
                    cells.append(self[name])
                rows.append((category.label, cells))
            self.grid.append((kind, rows))

    def clean(self):
        data = super().clean()
        cells: dict[tuple[str, str, int], Decimal] = {}
        for name, value in list(data.items()):
            if "-" not in name:
                continue
            kind, category, year = name.split("-")
            text = (value or "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
            if not text:
                continue
            try:
                amount = Decimal(text)
            except InvalidOperation:
                self.add_error(
                    name,
                    _("%(label)s: enter an amount in euro, e.g. 125000.") % {"label": self.fields[name].label},
                )
                continue
            if not amount.is_finite() or amount < 0:
                self.add_error(name, _("%(label)s: amounts cannot be negative.") % {"label": self.fields[name].label})
                continue
            if amount.as_tuple().exponent < -2 or amount >= Decimal("1e12"):
                self.add_error(
                    name,
                    _("%(label)s: at most two decimals and under one trillion.") % {"label": self.fields[name].label},
                )
                continue
            cells[(kind, category, int(year))] = amount
        data["cells"] = cells
        return data


def _plain(amount):
    if amount is None:
        return ""
    return f"{amount.normalize():f}" if amount == amount.to_integral() else f"{amount:f}"
