from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from innopart.accounts.enums import Role

from .access import require
from .models import AuditEntry


def home(request):
    return render(request, "core/home.html")  # the calls app draws its list (calls/templatetags/calls.py)


@login_required
def start(request):
    """Where a person lands after logging in: the page of their main role."""
    user = request.user
    if user.has_role(Role.PROGRAMME_MANAGER):
        return redirect("calls:manage_list")
    if user.memberships.exists():
        return redirect("applications:dashboard")
    if user.has_role(Role.ADMINISTRATOR):
        return redirect("core:audit")
    return redirect("core:home")


@login_required
def audit_log(request):
    require(request.user.has_perm("core.view_audit_log"))
    entries = AuditEntry.objects.select_related("actor")
    object_type = request.GET.get("type", "")
    if object_type:
        entries = entries.filter(object_type=object_type)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    types = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    return render(request, "core/audit_log.html", {"page": page, "types": types, "object_type": object_type})
