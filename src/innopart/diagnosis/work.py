"""The diagnoses an analyst is writing."""

from django.urls import reverse
from django.utils.translation import gettext as _

from innopart.core.worklist import Item

from .models import Diagnosis

SHOWN = 10


def waiting(user, now) -> list[Item]:
    return []


def current(user) -> list[Item]:
    if not user.has_perm("diagnosis.edit"):
        return []
    drafts = Diagnosis.objects.filter(is_published=False).select_related("region").order_by("-updated_at")
    return [
        Item(
            text=diagnosis.title,
            url=reverse("diagnosis:detail", args=[diagnosis.slug]),
            state=_("Draft"),
            next_step=_("Publishing it makes it readable by everyone, with its briefing."),
        )
        for diagnosis in drafts[:SHOWN]
    ]
