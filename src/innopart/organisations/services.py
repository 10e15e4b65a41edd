from django.db import transaction

from innopart.core import audit

from .models import Organisation

PROFILE_FIELDS = (
    "name",
    "short_name",
    "type",
    "country",
    "registration_code",
    "nace_codes",
    "capabilities",
    "website",
    "contact_email",
    "contact_phone",
    "technologies",
    "value_chain_position",
    "international_links",
    "is_contactable",
)


def update_organisation_profile(*, actor, organisation: Organisation, data: dict, clusters=None) -> Organisation:
    with transaction.atomic():
        # A bound ModelForm has already written into `organisation`, so compare with the stored row.
        stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = {f: getattr(stored, f) for f in PROFILE_FIELDS}
        for field in PROFILE_FIELDS:
            if field in data:
                setattr(organisation, field, data[field])
        organisation.full_clean()
        organisation.save()
        if clusters is not None:
            organisation.clusters.set(clusters)
        changed = {
            f: [before[f], getattr(organisation, f)] for f in PROFILE_FIELDS if before[f] != getattr(organisation, f)
        }
        audit.record(actor=actor, obj=organisation, action="organisation.updated", changes=changed)
    return organisation
