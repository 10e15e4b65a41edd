from django.db.models import Prefetch

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


def managed_calls():
    return Call.objects.with_versions().order_by("-created_at")


def version_history(call: Call):
    return CallVersion.objects.filter(call=call, published_at__isnull=False).order_by("-number")
