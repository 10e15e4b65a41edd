"""The partnership's plans: strategic objectives, the action plan, delivery activities and membership over time.
The coordinating organisation writes them; every member, the ministry and the agencies read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404, require
from innopart.core.forms import add_service_errors
from innopart.organisations.models import Organisation

from . import services
from .enums import PolicySupport, Programme, WorkStatus
from .forms import ActionForm, ActivityForm, MembershipForm, ObjectiveForm
from .views import organisations_of, partnership_or_404


@login_required
def plans(request, pk: int):
    partnership = partnership_or_404(request, pk)
    can_edit = request.user.has_perm("partnerships.report", partnership)
    forms = {}
    if can_edit:
        kind = request.POST.get("form")
        data = request.POST if request.method == "POST" else None
        forms = {
            "objective": ObjectiveForm(data if kind == "objective" else None, prefix="objective"),
            "action": ActionForm(
                data if kind == "action" else None, prefix="action", organisations=organisations_of(partnership)
            ),
            "activity": ActivityForm(data if kind == "activity" else None, prefix="activity", partnership=partnership),
            "membership": MembershipForm(
                data if kind == "membership" else None,
                prefix="membership",
                organisations=Organisation.objects.order_by("name"),
            ),
        }
        if request.method == "POST":
            require(kind in forms)
            form = forms[kind]
            if form.is_valid():
                try:
                    _save(request.user, partnership, kind, form)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("partnerships:plans", pk=pk)
    actions = list(partnership.actions.select_related("owner"))
    support = dict(PolicySupport.choices)
    programmes = dict(Programme.choices)
    for action in actions:
        action.support_labels = [support.get(c, c) for c in action.policy_support]
        action.programme_labels = [programmes.get(c, c) for c in action.programmes]
    return render(
        request,
        "partnerships/plans.html",
        {
            "partnership": partnership,
            "objectives": partnership.objectives.prefetch_related("activities"),
            "actions": actions,
            "activities": partnership.activities.select_related("objective"),
            "members": organisations_of(partnership),
            "changes": partnership.membership_changes.select_related("organisation"),
            "forms": forms,
            "can_edit": can_edit,
            "statuses": WorkStatus.choices,
        },
    )


def _save(user, partnership, kind, form) -> None:
    if kind == "membership":
        services.change_membership(actor=user, partnership=partnership, **form.cleaned_data)
        return
    item = form.save(commit=False)
    item.partnership = partnership
    {"objective": services.save_objective, "action": services.save_action, "activity": services.save_activity}[kind](
        actor=user, **{kind: item}
    )


@login_required
def edit_status(request, pk: int, kind: str, item_pk: int):
    """Move an action or activity on (planned, ongoing, done, dropped)."""
    partnership = partnership_or_404(request, pk)
    require(request.user.has_perm("partnerships.report", partnership) and request.method == "POST")
    model = {"action": partnership.actions, "activity": partnership.activities}.get(kind)
    require(model is not None)
    item = get_visible_or_404(model.all(), pk=item_pk)
    item.status = request.POST.get("status", "")
    try:
        item.full_clean(exclude=["partnership", "owner", "objective"])
        (services.save_action if kind == "action" else services.save_activity)(actor=request.user, **{kind: item})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("partnerships:plans", pk=pk)
