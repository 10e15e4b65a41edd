from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .access import require
from .actions import object_type_label
from .models import AuditEntry
from .steps import progress
from .tables import Column, Table


def style_guide(request):
    """The components every page is built from, in English and in Lithuanian (public, like the pages it shows)."""
    samples = []
    for code in ("en", "lt"):
        with translation.override(code):
            next_steps = {
                "submitted": _(
                    "After the deadline the jury scores it; the ministry then decides and writes to the coordinator."
                )
            }
            order = [("draft", _("Draft")), ("submitted", _("Submitted")), ("decided", _("Decided"))]
            samples.append((code, progress(order, "submitted", next_steps)))
    now = timezone.now()
    return render(
        request,
        "core/style_guide.html",
        {
            "samples": samples,
            "sample_due": now + timedelta(days=12),
            "sample_past": (now - timedelta(days=3)).date(),
            "sample_amount": Decimal("867500"),
            "sample_share": Decimal("80"),
        },
    )


def home(request):
    return render(request, "core/home.html")  # the calls app draws its list (calls/templatetags/calls.py)


@login_required
def audit_log(request):
    require(request.user.has_perm("core.view_audit_log"))
    entries = AuditEntry.objects.select_related("actor")
    object_type = request.GET.get("type", "")
    if object_type:
        entries = entries.filter(object_type=object_type)
    table = Table(
        request,
        entries,
        columns=[
            Column("at", _("Time"), "at"),
            Column("actor", _("Actor"), "actor__full_name"),
            Column("action", _("Action"), "action"),
            Column("object", _("Object")),
            Column("from", _("From")),
            Column("to", _("To")),
            Column("reason", _("Reason")),
        ],
        search=["object_repr", "reason", "actor__full_name", "actor__email", "action"],
        default="-at",
    )
    codes = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    types = sorted(((code, object_type_label(code)) for code in codes), key=lambda pair: pair[1])
    return render(request, "core/audit_log.html", {"table": table, "types": types, "object_type": object_type})
