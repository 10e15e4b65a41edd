from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innopart.core import limits
from innopart.core.forms import ChecksInline
from innopart.core.zones import TIME_ZONES
from innopart.organisations.enums import OrganisationType


class PartnerSearchForm(forms.Form):
    text = forms.CharField(label=_("Words"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("any")), *OrganisationType.choices])
    country = forms.CharField(label=_("Country"), required=False, max_length=2, help_text=_("e.g. LT"))


class GrantAdviceForm(forms.Form):
    adviser = forms.ModelChoiceField(
        label=_("Adviser"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose an adviser from the list.")},
    )

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers


class ContactRequestForm(ChecksInline, forms.Form):
    sender = forms.ModelChoiceField(label=_("On behalf of"), queryset=None)
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea({"rows": 5}),
        max_length=2000,
        help_text=_("Who you are, the project you have in mind and what you would like to discuss."),
    )

    def __init__(self, *args, user, **kwargs):
        from innopart.organisations.models import Organisation

        super().__init__(*args, **kwargs)
        mine = Organisation.objects.of_user(user).order_by("name")
        self.fields["sender"].queryset = mine
        if len(mine) == 1:  # the usual case: no choice to make
            self.fields["sender"].initial = mine[0].pk


class EventForm(ChecksInline, forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(z, z) for z in TIME_ZONES], initial=TIME_ZONES[0])

    class Meta:
        from .models import Event

        model = Event
        fields = ["title", "call", "starts_at", "time_zone", "slot_minutes", "slots", "tables", "location"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        help_texts = {"starts_at": _("As the clock reads where the event is held, in the time zone below.")}

    def clean(self):
        data = super().clean()
        starts, zone = data.get("starts_at"), data.get("time_zone")
        if starts and zone:  # the form read it on the server's clock; it is the clock of the event's zone
            data["starts_at"] = timezone.make_aware(starts.replace(tzinfo=None), ZoneInfo(zone))
        return data


class RegistrationForm(ChecksInline, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    unavailable = forms.TypedMultipleChoiceField(
        label=_("Slots you cannot attend"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, event, **kwargs):
        from innopart.organisations.models import Organisation

        super().__init__(*args, **kwargs)
        mine = Organisation.objects.of_user(user).order_by("name")
        self.fields["organisation"].queryset = mine
        if len(mine) == 1:
            self.fields["organisation"].initial = mine[0].pk
        # The slots as the clock reads them at the event, as its page shows them (formatting the stored moment
        # gave UTC: an hour or two off for a person choosing when they cannot come).
        self.fields["unavailable"].choices = [(s, f"{s + 1}: {event.slot_start(s):%H:%M}") for s in range(event.slots)]
        self.fields["unavailable"].help_text = _("Times in %(zone)s.") % {"zone": event.time_zone}


class PostForm(ChecksInline, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"))
    thematic_field = forms.ModelChoiceField(label=_("Thematic field"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("What you look for or offer"), widget=forms.Textarea({"rows": 4}), max_length=3000)

    def __init__(self, *args, user, **kwargs):
        from innopart.calls.models import ThematicField
        from innopart.organisations.models import Organisation

        from .models import PartnerPost

        super().__init__(*args, **kwargs)
        mine = Organisation.objects.of_user(user).filter(is_contactable=True).order_by("name")
        self.fields["organisation"].queryset = mine
        if len(mine) == 1:
            self.fields["organisation"].initial = mine[0].pk
        self.fields["kind"].choices = PartnerPost.Kind.choices
        self.fields["thematic_field"].queryset = ThematicField.objects.all()


class CallQuestionForm(ChecksInline, forms.Form):
    """A question on a call, asked on its public page; its rules (a sentence or two, until the deadline) are the
    service's (matchmaking.qa.ask)."""

    text = forms.CharField(label=_("Your question"), max_length=limits.NOTE, widget=forms.Textarea(attrs={"rows": 3}))


class CallAnswerForm(ChecksInline, forms.Form):
    """The ministry's answer, in Lithuanian and English side by side; at least one (matchmaking.qa.publish_answer)."""

    answer_lt = forms.CharField(
        label=_("Answer in Lithuanian"),
        required=False,
        max_length=limits.PARAGRAPHS,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "lt"}),
    )
    answer = forms.CharField(
        label=_("Answer in English"),
        required=False,
        max_length=limits.PARAGRAPHS,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
    )


class AdviserCommentForm(ChecksInline, forms.Form):
    """An adviser's comment on one section of a draft; the view names the section in the label."""

    text = forms.CharField(label=_("Comment"), max_length=limits.NOTE, widget=forms.Textarea(attrs={"rows": 2}))
