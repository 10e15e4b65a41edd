"""Fetching objects through access checks.

Every view gets its object through `get_visible_or_404`, which filters by what the user may see *before*
looking the object up. An outsider therefore gets the same 404 whether the object exists or not.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import structlog
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)
# Denials of objects that exist go to the security log (the request's id, user and address are bound by
# django-structlog); the person gets the same 404 as for an object that does not exist.
security = structlog.get_logger("innopart.security")


def get_visible_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        if _exists(queryset.model, lookup):
            security.warning("access_denied", model=queryset.model._meta.label_lower, lookup=str(lookup)[:200])
        raise Http404(_("Not found.")) from None


def _exists(model: type[Model], lookup: dict[str, Any]) -> bool:
    try:
        return model._base_manager.filter(**lookup).exists()
    except (ValueError, TypeError):
        return False


def require(allowed: bool | Callable[[], bool]) -> None:
    """Answer 404 unless `allowed`: used for actions on an object the user may already see."""
    if not (allowed() if callable(allowed) else allowed):
        security.warning("access_denied", detail="action not allowed on a visible object")
        raise Http404(_("Not found."))
