from django.db.models import Prefetch
from django.utils import timezone

from .enums import CallStatus
from .models import Call, CallVersion, ThematicField


def published_calls():
    return (
        Call.objects.published()
        .select_related("published_version")
        .prefetch_related(
            Prefetch("published_version__thematic_fields", queryset=ThematicField.objects.order_by("name_en"))
        )
        .order_by("published_version__deadline")
    )


def calls_by_status(now=None) -> dict[str, list]:
    """The published calls as applicants see them: open, upcoming (published, not yet open) and closed.

    Decided call by call in its own time zone, by the server's clock; the soonest deadline or opening first, the
    latest closed first. Published calls are a few dozen at most, so this reads them all.
    """
    now = now or timezone.now()
    grouped: dict[str, list] = {status: [] for status in CallStatus.values}
    for call in published_calls():
        grouped[call.published_version.status(now)].append(call)
    grouped[CallStatus.UPCOMING].sort(key=lambda c: c.published_version.opens_at)
    grouped[CallStatus.CLOSED].reverse()
    return grouped


def open_calls(now=None) -> list:
    return calls_by_status(now)[CallStatus.OPEN]


def managed_calls():
    return Call.objects.with_versions().order_by("-created_at")


def version_history(call: Call):
    return CallVersion.objects.filter(call=call, published_at__isnull=False).order_by("-number")
