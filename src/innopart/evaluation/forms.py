import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innopart.accounts.enums import Role
from innopart.accounts.models import RoleAssignment, User
from innopart.calls.enums import Criterion
from innopart.core import limits
from innopart.core.concurrency import GuardedForm
from innopart.core.forms import ChecksInline, typed_lookup
from innopart.organisations.models import Organisation

from .enums import SCORE_CHOICES, ConflictLevel, Sector


class AppointJurorForm(ChecksInline, forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    affiliation = forms.ModelChoiceField(
        label=_("Current affiliation"), queryset=Organisation.objects.all(), required=False
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        required=False,
        max_length=300,
        help_text=_("Keywords, e.g. food processing, robotics, circular economy."),
    )
    nace = forms.CharField(
        max_length=500,
        label=_("NACE sectors"),
        required=False,
        help_text=_("Comma-separated NACE Rev. 2 codes, e.g. 10.51, 28 or C."),
    )
    is_chair = forms.BooleanField(label=_("Chair of the jury"), required=False)
    past_affiliation = forms.ModelChoiceField(
        label=_("Earlier affiliation (last three years)"), queryset=Organisation.objects.all(), required=False
    )
    past_ended_on = forms.DateField(
        label=_("Earlier affiliation ended on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        taken = evaluation.jurors.values("user")
        # A subquery, not a join and DISTINCT over every person with a jury role.
        jury_roles = RoleAssignment.objects.filter(role__in=[Role.JURY_MEMBER, Role.JURY_CHAIR]).values("user")
        self.fields["user"].queryset = User.objects.filter(pk__in=jury_roles).exclude(pk__in=taken)
        typed_lookup(self.fields["user"], ("email",), _("The person's e-mail address."))
        for name in ("affiliation", "past_affiliation"):
            typed_lookup(
                self.fields[name],
                ("registration_code", "name", "short_name"),
                _("The organisation's registration code or its exact name."),
            )

    def clean_nace(self):
        from innopart.organisations.validators import parse_nace_codes

        return parse_nace_codes(self.cleaned_data["nace"])

    def clean(self):
        data = super().clean()
        if bool(data.get("past_affiliation")) != bool(data.get("past_ended_on")):
            self.add_error("past_ended_on", _("Give both the earlier affiliation and when it ended."))
        return data


class DeclarationForm(ChecksInline, forms.Form):
    level = forms.ChoiceField(
        label=_("Do you have a conflict of interest with this consortium?"),
        choices=ConflictLevel.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        max_length=limits.NOTE, label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RulingForm(ChecksInline, forms.Form):
    conflicted = forms.TypedChoiceField(
        label=_("Ruling"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Conflict: exclude the juror from this application")), ("no", _("No conflict: clear"))],
    )
    reason = forms.CharField(max_length=limits.NOTE, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(ChecksInline, GuardedForm, forms.Form):
    """One block of fields per criterion: score, justification, strengths, weaknesses, how to improve. Guarded by
    the scores as stored (two tabs of one juror must not overwrite each other)."""

    guarded_fields = ("scores_text",)

    def __init__(self, *args, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        for criterion in Criterion:
            code, stored = criterion.value, initial_scores.get(criterion.value)
            self.fields[f"{code}-score"] = forms.ChoiceField(
                label=_("Score"),
                choices=[("", "—"), *SCORE_CHOICES],
                required=False,
                initial=f"{stored.score:.1f}" if stored else "",
            )
            for name, label in (
                ("justification", _("Justification")),
                ("strengths", _("Strengths")),
                ("weaknesses", _("Weaknesses")),
                ("improvement", _("How to improve")),
            ):
                self.fields[f"{code}-{name}"] = forms.CharField(
                    label=label,
                    max_length=limits.PARAGRAPHS,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=getattr(stored, name, "") if stored else "",
                )

    def blocks(self):
        return [
            (c, [self[f"{c.value}-{n}"] for n in ("score", "justification", "strengths", "weaknesses", "improvement")])
            for c in Criterion
        ]

    def scores(self) -> dict:
        return {
            c.value: {
                n: self.cleaned_data.get(f"{c.value}-{n}")
                for n in ("score", "justification", "strengths", "weaknesses", "improvement")
            }
            for c in Criterion
        }


class QuestionForm(ChecksInline, forms.Form):
    criteria = forms.MultipleChoiceField(
        label=_("Criteria the question concerns"), choices=Criterion.choices, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(
        max_length=limits.NOTE, label=_("Question to the applicants"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(ChecksInline, forms.Form):
    text = forms.CharField(max_length=limits.NOTE, label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))


class RevisionForm(forms.Form):
    criterion = forms.ChoiceField(label=_("Criterion"), choices=Criterion.choices)
    score = forms.ChoiceField(label=_("New score"), choices=SCORE_CHOICES)
    question = forms.IntegerField(widget=forms.HiddenInput)


class ConsensusForm(ChecksInline, GuardedForm, forms.Form):
    guarded_fields = ("score", "strengths", "weaknesses", "improvement", "dissent")

    criterion = forms.ChoiceField(label=_("Criterion"), choices=Criterion.choices, widget=forms.HiddenInput)
    score = forms.ChoiceField(label=_("Agreed score"), choices=SCORE_CHOICES)
    strengths = forms.CharField(
        max_length=limits.PARAGRAPHS, label=_("Strengths"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    weaknesses = forms.CharField(
        max_length=limits.PARAGRAPHS, label=_("Weaknesses"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    improvement = forms.CharField(
        max_length=limits.PARAGRAPHS,
        label=_("How to improve"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    dissent = forms.CharField(
        max_length=limits.PARAGRAPHS,
        label=_("Dissent (if any)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DeadlineForm(ChecksInline, GuardedForm, forms.Form):
    """The deadline for answers to clarification questions, in the call's time zone; shows the one set."""

    guarded_fields: tuple[str, ...] = ("clarification_deadline",)

    deadline = forms.DateTimeField(
        label=_("Deadline for answers (local time of the call)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
    )

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        evaluation = kwargs.get("guarded")
        stored = getattr(evaluation, self.guarded_fields[0], None) if evaluation is not None else None
        if stored and not self.is_bound:
            self.initial["deadline"] = timezone.localtime(stored, zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")

    def clean_deadline(self):
        value = self.cleaned_data["deadline"].replace(tzinfo=None)
        aware = timezone.make_aware(value, zoneinfo.ZoneInfo(self.zone))
        if aware <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return aware


class AwardForm(forms.Form):
    awarded = forms.ModelMultipleChoiceField(label=_("Award"), queryset=None, widget=forms.CheckboxSelectMultiple)
    reserve = forms.ModelMultipleChoiceField(
        label=_("Reserve list"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(max_length=256, label=_("Your password, to confirm"), widget=forms.PasswordInput)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarded"].queryset = applications
        self.fields["reserve"].queryset = applications

    def clean(self):
        data = super().clean()
        both = set(data.get("awarded") or []) & set(data.get("reserve") or [])
        if both:
            self.add_error("reserve", _("An application cannot be both awarded and in reserve."))
        return data


class PublishForm(ChecksInline, forms.Form):
    """Publishing the results: the ministry's statement in Lithuanian and English side by side, then the password."""

    announcement_lt = forms.CharField(
        max_length=limits.PARAGRAPHS,
        required=False,
        label=_("Statement with the results, in Lithuanian"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "lt"}),
    )
    announcement = forms.CharField(
        max_length=limits.PARAGRAPHS,
        required=False,
        label=_("Statement with the results, in English"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        help_text=_("Shown on the public results page in the reader's language; optional."),
    )
    password = forms.CharField(max_length=256, label=_("Your password, to confirm"), widget=forms.PasswordInput)


class CoordinatorForm(ChecksInline, GuardedForm, forms.Form):
    guarded_fields = ("full_name", "email", "organisation")

    application = forms.IntegerField(widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Coordinator"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(label=_("Employed by"), queryset=Organisation.objects.none())

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=application.partners.values("organisation")
            )
            self.fields["application"].initial = application.pk


class PanelForm(ChecksInline, GuardedForm, forms.Form):
    guarded_fields = ("panel_size", "max_load")

    panel_size = forms.IntegerField(label=_("Jurors per application"), min_value=1, max_value=15)
    max_load = forms.IntegerField(label=_("Most applications per juror"), min_value=1, required=False)


class ScoringDeadlineForm(DeadlineForm):
    """The deadline of the individual scoring phase, in the call's time zone."""

    guarded_fields = ("scoring_deadline",)


class OverrideForm(ChecksInline, forms.Form):
    juror = forms.ModelChoiceField(label=_("Juror"), queryset=None)
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    add = forms.TypedChoiceField(
        label=_("Change"),
        coerce=lambda v: v == "add",
        widget=forms.RadioSelect,
        choices=[("add", _("Add to the panel")), ("remove", _("Take off the panel"))],
    )
    reason = forms.CharField(max_length=limits.NOTE, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, evaluation, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = evaluation.jurors.select_related("user")
        self.fields["application"].queryset = applications
