from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from .access import require
from .models import AuditEntry
from .tables import Column, Table


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
    types = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    return render(request, "core/audit_log.html", {"table": table, "types": types, "object_type": object_type})
