from django.db.models import Count, Max, Min
from django.shortcuts import render

from .models import Indicator


def catalogue(request):
    """The data catalogue: every indicator with its source, licence, years and coverage."""
    indicators = Indicator.objects.annotate(
        first=Min("observations__year"),
        last=Max("observations__year"),
        values=Count("observations"),
        regions=Count("observations__region", distinct=True),
    )
    return render(request, "observatory/catalogue.html", {"indicators": indicators})
