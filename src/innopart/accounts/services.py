import structlog
from django.db import transaction

from innopart.core import audit

from .models import RoleAssignment, User

security = structlog.get_logger("innopart.security")


def grant_role(*, actor: User | None, user: User, role: str) -> None:
    with transaction.atomic():
        _, created = RoleAssignment.objects.get_or_create(user=user, role=role)
        if created:
            audit.record(actor=actor, obj=user, action="role.granted", to_state=role)
            user.__dict__.pop("roles", None)
            security.warning("role_granted", target_user_id=user.pk, role=role, actor_id=getattr(actor, "pk", None))
