from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innopart.accounts.enums import Role


def navigation(request):
    """The main menu for the signed-in user's roles; the public sees calls only."""
    user = request.user
    items = [
        (reverse("calls:list"), _("Calls")),
        (reverse("observatory:catalogue"), _("Regional data")),
        (reverse("diagnosis:list"), _("Diagnoses")),
    ]
    if user.is_authenticated:
        has_organisation = user.memberships.exists()
        if has_organisation:
            items.append((reverse("applications:dashboard"), _("My applications")))
            items.append((reverse("organisations:mine"), _("My organisations")))
            items.append((reverse("matchmaking:posts"), _("Partner posts")))
            items.append((reverse("matchmaking:contacts"), _("Contacts")))
        if has_organisation or user.has_role(Role.AGENCY_ADVISER, Role.PROGRAMME_MANAGER):
            items.append((reverse("matchmaking:events"), _("Events")))
        if user.has_role(Role.AGENCY_ADVISER):
            items.append((reverse("matchmaking:adviser_home"), _("Advice")))
        # Members see their partnerships; the roles of "partnerships.view_programme" see the programme.
        if user.has_role(Role.PROGRAMME_MANAGER, Role.AGENCY_ADVISER, Role.OBSERVER):
            items.append((reverse("partnerships:programme"), _("Partnerships")))
        elif has_organisation:
            items.append((reverse("partnerships:list"), _("Partnerships")))
        if user.jury_seats.exists():
            items.append((reverse("evaluation:jury_home"), _("Jury")))
        # The roles of the rule "diagnosis.view_stress_test", checked without has_perm(): the model backend would
        # add two permission queries to every page of every signed-in user.
        if user.has_role(Role.ANALYST, Role.PROGRAMME_MANAGER, Role.AGENCY_ADVISER, Role.OBSERVER):
            items.append((reverse("diagnosis:stress_overview"), _("Stress test")))
        if user.has_role(Role.PROGRAMME_MANAGER):
            items.append((reverse("calls:manage_list"), _("Manage calls")))
        if user.has_role(Role.ADMINISTRATOR):
            items.append((reverse("core:audit"), _("Audit log")))
    current = request.path
    return {"nav_items": [(url, label, current.startswith(url) and url != "/") for url, label in items]}
