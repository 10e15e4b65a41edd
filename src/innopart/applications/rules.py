"""Who may do what with an application. Deny by default; views check these after a visible_to() lookup."""

import rules

from innopart.accounts.rules import is_applicant, is_programme_manager

from .enums import ApplicationState


def organisation_ids(user) -> frozenset[int]:
    """The organisations a user belongs to, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_organisation_ids"):
        user._organisation_ids = frozenset(user.memberships.values_list("organisation_id", flat=True))
    return user._organisation_ids


@rules.predicate
def is_consortium_member(user, application) -> bool:
    return bool(organisation_ids(user) & {p.organisation_id for p in application.partners.all()})


@rules.predicate
def is_coordinator_member(user, application) -> bool:
    return application.coordinator_id in organisation_ids(user)


@rules.predicate
def is_draft(user, application) -> bool:
    return application.state == ApplicationState.DRAFT


@rules.predicate
def is_submitted(user, application) -> bool:
    return application.state == ApplicationState.SUBMITTED


# Only applicants apply: a ministry officer who belongs to the ministry's organisation must not start an
# application on its behalf (found by the access matrix, tests/security/test_access_matrix.py).
rules.add_perm("applications.apply", is_applicant)
rules.add_perm("applications.view_application", is_consortium_member | (is_programme_manager & ~is_draft))
rules.add_perm("applications.edit_content", is_consortium_member & is_draft)
rules.add_perm("applications.manage_consortium", is_coordinator_member & is_draft)
rules.add_perm("applications.submit", is_coordinator_member & is_draft)
rules.add_perm("applications.withdraw", is_coordinator_member & (is_draft | is_submitted))
