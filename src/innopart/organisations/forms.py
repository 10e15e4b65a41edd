from django import forms
from django.utils.translation import gettext_lazy as _

from innopart.core.concurrency import GuardedForm
from innopart.core.forms import ChecksInline

from .enums import OrganisationType
from .models import Organisation
from .services import GUARDED_PROFILE_FIELDS
from .validators import parse_nace_codes


class OrganisationProfileForm(ChecksInline, GuardedForm, forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=200)
    nace = forms.CharField(
        max_length=500,
        label=_("NACE sectors"),
        required=False,
        help_text=_("Comma-separated NACE Rev. 2 codes, e.g. 10.51, 28 or C."),
    )

    guarded_fields = GUARDED_PROFILE_FIELDS

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "type",
            "country",
            "registration_code",
            "capabilities",
            "technologies",
            "value_chain_position",
            "international_links",
            "clusters",
            "contact_email",
            "contact_phone",
            "is_contactable",
        ]
        widgets = {
            "capabilities": forms.Textarea(attrs={"rows": 6}),
            "technologies": forms.Textarea(attrs={"rows": 3}),
            "international_links": forms.Textarea(attrs={"rows": 3}),
            "clusters": forms.CheckboxSelectMultiple,
        }

    # `website` is declared above (to choose https as the assumed scheme), so place it among the model fields.
    field_order = [
        "name",
        "short_name",
        "type",
        "country",
        "registration_code",
        "nace",
        "capabilities",
        "technologies",
        "value_chain_position",
        "international_links",
        "clusters",
        "website",
        "contact_email",
        "contact_phone",
        "is_contactable",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].initial = self.instance.website
        self.fields["nace"].initial = ", ".join(self.instance.nace_codes or [])
        self.fields["clusters"].queryset = Organisation.objects.filter(
            type=OrganisationType.CLUSTER_ORGANISATION
        ).exclude(pk=self.instance.pk)

    def clean_nace(self):
        return parse_nace_codes(self.cleaned_data["nace"])

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(_("Enter a two-letter ISO country code, e.g. LT."))
        return country
