from django.db import transaction

from innopart.core import audit
from innopart.core.concurrency import check_fresh

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


# What the profile form shows: a save is refused (StaleEdit) if any of these changed since it was read.
GUARDED_PROFILE_FIELDS = (*PROFILE_FIELDS, "clusters")


def update_organisation_profile(
    *, actor, organisation: Organisation, data: dict, clusters=None, edit_token: str
) -> Organisation:
    with transaction.atomic():
        # A bound ModelForm has already written into `organisation`, so compare with the stored row.
        stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
        check_fresh(stored, GUARDED_PROFILE_FIELDS, edit_token)
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
