from django import forms
from django.utils.translation import gettext_lazy as _

from innopart.core.forms import ChecksInline

from .models import TokenScope


class TokenForm(ChecksInline, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. the program that uses it.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may read besides the open data"),
        choices=TokenScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every token is read-only. The observatory's open data and the published calls need no scope."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=366,
        initial=90,
        required=False,
        help_text=_("Leave empty for a token that does not expire until revoked."),
    )
