"""Role predicates. Composed per action in each app's rules.py; deny by default everywhere."""

import rules

from .enums import Role


def _has_role(*roles: str):
    @rules.predicate
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(*roles))

    return predicate


is_programme_manager = _has_role(Role.PROGRAMME_MANAGER)
is_agency_adviser = _has_role(Role.AGENCY_ADVISER)
is_applicant = _has_role(Role.APPLICANT)
is_analyst = _has_role(Role.ANALYST)
is_administrator = _has_role(Role.ADMINISTRATOR)
is_jury = _has_role(Role.JURY_MEMBER, Role.JURY_CHAIR)
is_observer = _has_role(Role.OBSERVER)

rules.add_perm("core.view_audit_log", is_administrator)
rules.add_perm("ops.view_operations", is_administrator)
