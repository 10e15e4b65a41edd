"""Fetching objects through access checks.

Every view gets its object through `get_visible_or_404`, which filters by what the user may see *before*
looking the object up. An outsider therefore gets the same 404 whether the object exists or not.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)


def get_visible_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Not found.")) from None


def require(allowed: bool | Callable[[], bool]) -> None:
    """Answer 404 unless `allowed`: used for actions on an object the user may already see."""
    if not (allowed() if callable(allowed) else allowed):
        raise Http404(_("Not found."))
