from django import forms
from django.utils.translation import gettext_lazy as _

from innopart.organisations.enums import OrganisationType


class PartnerSearchForm(forms.Form):
    text = forms.CharField(label=_("Words"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("any")), *OrganisationType.choices])
    country = forms.CharField(label=_("Country"), required=False, max_length=2, help_text=_("e.g. LT"))
