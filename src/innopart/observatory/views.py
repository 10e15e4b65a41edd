from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404, require

from .forms import UploadForm
from .importers import ImportRejected, import_tidy
from .models import Indicator, PeerGroup
from .selectors import FIGURE_1, FIGURE_2, peer_comparison

SHOWN_ERRORS = 200


def catalogue(request):
    """The data catalogue: every indicator with its source, licence, years and coverage."""
    indicators = Indicator.objects.annotate(
        first=Min("observations__year"),
        last=Max("observations__year"),
        values=Count("observations"),
        regions=Count("observations__region", distinct=True),
    )
    can_import = request.user.has_perm("observatory.import_data")
    return render(
        request,
        "observatory/catalogue.html",
        {
            "indicators": indicators,
            "can_import": can_import,
            "peer_groups": PeerGroup.objects.all(),
        },
    )


@login_required
def upload(request):
    require(request.user.has_perm("observatory.import_data"))
    form, errors = UploadForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = import_tidy(
                data["rows"], actor=request.user, create_indicators=data["new_indicators"], label=data["file"].name
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)d values added, %(updated)d changed, %(unchanged)d unchanged, "
                    "%(skipped)d not available."
                )
                % vars(report),
            )
            return redirect("observatory:catalogue")
    return render(
        request,
        "observatory/upload.html",
        {
            "form": form,
            "errors": errors[:SHOWN_ERRORS],
            "error_count": len(errors),
            "more": max(0, len(errors) - SHOWN_ERRORS),
        },
    )


def peer_group(request, slug):
    """The briefing's Figures 1 and 2 for a peer group, redone with the latest shipped data."""
    group = get_visible_or_404(PeerGroup.objects.all(), slug=slug)
    tables = []
    for title, codes in ((_("Economy"), FIGURE_1), (_("Innovation"), FIGURE_2)):
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
        tables.append(
            {
                "title": title,
                "indicators": [indicators.get(code) or Indicator(code=code) for code in codes],
                "rows": peer_comparison(group, codes),
            }
        )
    return render(request, "observatory/peer_group.html", {"group": group, "tables": tables})
