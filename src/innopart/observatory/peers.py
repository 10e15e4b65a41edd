"""The briefing's ten pilot regions in industrial transition, as a peer group of NUTS-2 regions (NUTS 2016/2021)."""

from .models import PeerGroup, PeerGroupMember

PILOT_SLUG = "pilot-regions"
PILOT_REGIONS = [
    ("Cantabria", ["ES13"]),
    ("Centre-Val de Loire", ["FRB0"]),
    ("East & North Finland", ["FI1D"]),
    ("Hauts-de-France", ["FRE1", "FRE2"]),
    ("Lithuania", ["LT01", "LT02"]),
    ("North-Middle Sweden", ["SE31"]),
    ("Piemonte", ["ITC1"]),
    ("Saxony", ["DED2", "DED4", "DED5"]),
    ("Slovenia", ["SI03", "SI04"]),
    ("Wallonia", ["BE31", "BE32", "BE33", "BE34", "BE35"]),
]


def load_pilot_regions() -> PeerGroup:
    """Create or refresh the pilot-region group; idempotent."""
    group, _ = PeerGroup.objects.update_or_create(
        slug=PILOT_SLUG,
        defaults={
            "name": "Pilot regions in industrial transition",
            "description": "The ten regions the European Observatory for Clusters and Industrial Change advised "
            "(policy briefing for Lithuania, section 1).",
            "source": "European Observatory for Clusters and Industrial Change, policy briefing Lithuania",
        },
    )
    for position, (label, codes) in enumerate(PILOT_REGIONS):
        PeerGroupMember.objects.update_or_create(
            group=group, label=label, defaults={"codes": codes, "position": position}
        )
    return group


def save_peer_group(*, actor, group, members: list[tuple[str, list[str]]], edit_token: str | None = None):
    """Create or change a user's peer group and its members in one transaction, audited. A change is refused
    (StaleEdit) if the group was saved since the form with `edit_token` was read (None: a program)."""
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils.text import slugify
    from django.utils.translation import gettext as _

    from innopart.core import audit
    from innopart.core.concurrency import check_fresh

    created = group.pk is None
    with transaction.atomic():
        if not created and edit_token is not None:
            stored = PeerGroup.objects.select_for_update().filter(pk=group.pk).first()
            if stored is None:
                raise ValidationError(_("This peer group was deleted meanwhile; nothing was saved."))
            check_fresh(stored, ("name", "description", "is_public", "members_text"), edit_token)
        if created:
            base = slugify(group.name)[:40] or "group"
            slug, n = base, 1
            # "new" is the address of the form that creates a group.
            while slug == "new" or PeerGroup.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            group.slug, group.owner = slug, actor
        group.save()
        group.members.all().delete()
        PeerGroupMember.objects.bulk_create(
            [
                PeerGroupMember(group=group, label=label, codes=codes, position=position)
                for position, (label, codes) in enumerate(members)
            ]
        )
        audit.record(
            actor=actor,
            obj=group,
            action="observatory.peer_group_created" if created else "observatory.peer_group_changed",
            changes={"members": {label: codes for label, codes in members}, "public": group.is_public},
        )
    return group


def delete_peer_group(*, actor, group) -> None:
    from django.db import transaction

    from innopart.core import audit

    with transaction.atomic():
        audit.record(actor=actor, obj=group, action="observatory.peer_group_deleted", changes={"name": group.name})
        group.delete()
