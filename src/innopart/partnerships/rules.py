"""Who may do what with a partnership. Deny by default; views check these after a visible lookup.

Members of the partnership's organisations read it; members of the coordinating organisation write its reports,
milestones and plans; the ministry manages agreements, gates and payments; support-agency advisers and observers
read every partnership. Nobody reviews or accepts a report of a partnership they belong to, nor accepts a report
they submitted or reviewed themselves.
"""

import rules

from innopart.accounts.rules import is_agency_adviser, is_observer, is_programme_manager
from innopart.applications.rules import organisation_ids


def member_organisation_ids(partnership) -> set[int]:
    """The partnership's organisations today: the awarded consortium, plus those who joined, minus those who left."""
    if not hasattr(partnership, "_member_ids"):
        ids = set(partnership.application.partners.values_list("organisation_id", flat=True))
        for organisation_id, kind in partnership.membership_changes.order_by("on", "pk").values_list(
            "organisation_id", "kind"
        ):
            (ids.add if kind == "joined" else ids.discard)(organisation_id)
        partnership._member_ids = ids
    return partnership._member_ids


@rules.predicate
def is_member(user, partnership) -> bool:
    return bool(organisation_ids(user) & member_organisation_ids(partnership))


@rules.predicate
def is_coordinator(user, partnership) -> bool:
    return partnership.coordinator_id in organisation_ids(user)


can_oversee = is_programme_manager | is_agency_adviser | is_observer
rules.add_perm("partnerships.view", is_member | can_oversee)
rules.add_perm("partnerships.report", is_coordinator)
rules.add_perm("partnerships.manage", is_programme_manager)
rules.add_perm("partnerships.view_programme", can_oversee)
rules.add_perm("partnerships.review", (is_programme_manager | is_agency_adviser) & ~is_member)
rules.add_perm("partnerships.review_any", is_programme_manager | is_agency_adviser)  # before the per-partnership check
rules.add_perm("partnerships.decide", is_programme_manager & ~is_member)
