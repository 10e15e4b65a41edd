from django import forms
from django.utils.translation import gettext_lazy as _

from innopart.calls.models import Call
from innopart.core import limits
from innopart.core.concurrency import GuardedForm
from innopart.core.forms import ChecksInline
from innopart.observatory.models import Indicator, PeerGroup, Region

from .enums import SWOT
from .models import Challenge, Diagnosis, Item, Measure, Objective


class DiagnosisForm(ChecksInline, GuardedForm, forms.ModelForm):
    region = forms.ModelChoiceField(
        Region.objects.filter(level__lte=2, in_nuts2021=True), to_field_name="code", label=_("Region")
    )
    # A published diagnosis shows its group to everyone: public groups only.
    peer_group = forms.ModelChoiceField(
        PeerGroup.objects.filter(is_public=True), required=False, label=_("Peer group for benchmarking")
    )

    class Meta:
        model = Diagnosis
        fields = ["title", "slug", "region", "peer_group", "year", "summary", "general_objective", "source"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "general_objective": forms.Textarea(attrs={"rows": 3})}


class ItemForm(ChecksInline, GuardedForm, forms.ModelForm):
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


class _LinkedForm(ChecksInline, GuardedForm, forms.ModelForm):
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


class AssessmentForm(ChecksInline, forms.Form):
    region = forms.ModelChoiceField(
        Region.objects.filter(level__lte=2, in_nuts2021=True), to_field_name="code", label=_("Region")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    note = forms.CharField(max_length=limits.NOTE, label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def clean(self):
        from .models import StressAssessment

        data = super().clean()
        if (
            data.get("region")
            and data.get("year")
            and StressAssessment.objects.filter(region=data["region"], year=data["year"]).exists()
        ):
            # On the year, so that the check of the year (or a submit) shows it beside the field to change.
            self.add_error("year", _("There is already an assessment for this region and year."))
        return data


class AnswersForm(GuardedForm, forms.Form):
    """One radio group (0-4 or "don't know") and one comment per question; refused if someone saved answers to
    the same assessment after this form was read (two analysts filling it in at once)."""

    guarded_fields = ("answers_text",)

    def __init__(self, *args, questions, answers, **kwargs):
        from .stress import SCALE

        super().__init__(*args, **kwargs)
        given = {a.question_id: a for a in answers}
        self.questions = questions
        for q in questions:
            answer = given.get(q.pk)
            self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                label=f"{q.code} {q.text}",
                choices=[("", _("don't know")), *SCALE],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial="" if answer is None or answer.score is None else answer.score,
            )
            self.fields[f"c{q.pk}"] = forms.CharField(
                label=_("Comment or evidence for %(code)s") % {"code": q.code},
                max_length=limits.NOTE,
                required=False,
                initial=answer.comment if answer else "",
                widget=forms.Textarea({"rows": 1}),
            )

    def answers(self) -> dict:
        return {q.pk: (self.cleaned_data[f"q{q.pk}"], self.cleaned_data[f"c{q.pk}"].strip()) for q in self.questions}

    def by_module(self):
        """(module name, [(radio field, comment field)]) for the template."""
        modules: dict[str, list] = {}
        for q in self.questions:
            modules.setdefault(f"{q.module_code}. {q.module}", []).append((self[f"q{q.pk}"], self[f"c{q.pk}"]))
        return list(modules.items())


class QuestionForm(ChecksInline, GuardedForm, forms.ModelForm):
    class Meta:
        from .models import StressQuestion

        model = StressQuestion
        fields = ["code", "module_code", "module", "text", "is_active"]
        widgets = {"text": forms.Textarea({"rows": 3})}
