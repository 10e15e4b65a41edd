"""Personal API tokens: made (the secret returned once), checked on each API request, revoked. Each change is
audited and logged as a security event."""

import hashlib
import secrets
from datetime import timedelta

import structlog
from django.db import transaction
from django.utils import timezone

from innopart.core import audit

from .models import ApiToken, TokenScope, User

security = structlog.get_logger("innopart.security")
PREFIX = "ipt_"  # recognisable in logs and by secret scanners
USE_RECORDED_EVERY = timedelta(minutes=5)  # not a write per request


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def make(*, user: User, name: str, scopes: list[str], days: int | None) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is not kept and cannot be shown again."""
    unknown = set(scopes) - set(TokenScope.values)
    if unknown:
        raise ValueError(f"unknown scopes: {sorted(unknown)}")
    secret = PREFIX + secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=days) if days else None
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=secret[:10], digest=digest(secret), scopes=sorted(scopes), expires_at=expires
        )
        audit.record(actor=user, obj=token, action="token.created", changes={"scopes": token.scopes, "name": name})
    security.warning("api_token_created", target_user_id=user.pk, token_id=token.pk, scopes=token.scopes)
    return token, secret


def revoke(*, user: User, token: ApiToken) -> None:
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk, user=user)
        if locked.revoked_at is not None:
            return
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit.record(actor=user, obj=locked, action="token.revoked")
    security.warning("api_token_revoked", target_user_id=user.pk, token_id=token.pk)


def user_of(secret: str) -> tuple[User, ApiToken] | None:
    """The active token with this secret and its user, or None (unknown, revoked, expired, inactive user)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret), revoked_at=None).first()
    now = timezone.now()
    if token is None or (token.expires_at and token.expires_at <= now) or not token.user.is_active:
        if token is None:
            security.warning("api_token_refused")
        return None
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token
