from django import forms
from django.utils.translation import gettext_lazy as _

from innopart.calls.models import Call
from innopart.observatory.models import Indicator, PeerGroup, Region

from .enums import SWOT
from .models import Challenge, Diagnosis, Item, Measure, Objective


class DiagnosisForm(forms.ModelForm):
    region = forms.ModelChoiceField(
        Region.objects.filter(level__lte=2, in_nuts2021=True), to_field_name="code", label=_("Region")
    )
    peer_group = forms.ModelChoiceField(PeerGroup.objects.all(), required=False, label=_("Peer group for benchmarking"))

    class Meta:
        model = Diagnosis
        fields = ["title", "slug", "region", "peer_group", "year", "summary", "general_objective", "source"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "general_objective": forms.Textarea(attrs={"rows": 3})}


class ItemForm(forms.ModelForm):
    indicator = forms.ModelChoiceField(
        Indicator.objects.all(),
        required=False,
        to_field_name="code",
        label=_("Evidence: indicator"),
        help_text=_("Its latest value for the region is shown beside the item, with year and source."),
    )

    class Meta:
        model = Item
        fields = ["category", "text", "indicator", "note"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class _LinkedForm(forms.ModelForm):
    """A part of the chain whose links are offered only within its own diagnosis."""

    link_field = ""
    link_model: type = Item

    def __init__(self, *args, diagnosis: Diagnosis, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = self.link_model.objects.filter(diagnosis=diagnosis)
        if self.link_model is Item:
            queryset = queryset.filter(category__in=SWOT)
        field = self.fields[self.link_field]
        # The widget first: assigning the queryset hands its choices to the current widget.
        field.widget = forms.CheckboxSelectMultiple()
        field.queryset = queryset
        field.required = False

    def links(self) -> dict:
        return {self.link_field: list(self.cleaned_data[self.link_field])}


class ChallengeForm(_LinkedForm):
    link_field, link_model = "items", Item

    class Meta:
        model = Challenge
        fields = ["text", "items"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ObjectiveForm(_LinkedForm):
    link_field, link_model = "challenges", Challenge

    class Meta:
        model = Objective
        fields = ["text", "challenges"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class MeasureForm(_LinkedForm):
    link_field, link_model = "objectives", Objective
    call = forms.ModelChoiceField(Call.objects.all(), required=False, label=_("Implemented by the call"))

    class Meta:
        model = Measure
        fields = ["text", "objectives", "call"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


FORMS = {"item": ItemForm, "challenge": ChallengeForm, "objective": ObjectiveForm, "measure": MeasureForm}
