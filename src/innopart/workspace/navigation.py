"""The main menu: at most five areas at the top, each area's pages one level down, both by the person's roles.

An area's top entry leads to its first page the person may use (the programme manager's "Competition" opens the
calls they manage, an applicant's their applications). The pages of the area the person is in are listed under
the menu. The public sees the three public areas.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from innopart.accounts.enums import Role

OVERSEERS = (Role.PROGRAMME_MANAGER, Role.AGENCY_ADVISER, Role.OBSERVER)


@dataclass
class Area:
    key: str
    label: Promise
    prefixes: tuple[str, ...]
    pages: list[tuple[str, Promise]] = field(default_factory=list)

    def holds(self, path: str) -> bool:
        return path.startswith(self.prefixes)


def areas_for(user) -> list[Area]:
    """The areas this person has pages in, each with those pages in the order of what they do most."""
    signed_in = user.is_authenticated
    member = signed_in and user.memberships.exists()
    juror = signed_in and user.jury_seats.exists()

    def has(*roles) -> bool:
        return signed_in and user.has_role(*roles)

    competition = Area(
        "competition",
        _("Competition"),
        (
            "/calls/",
            "/applications/",
            "/manage/",
            "/jury/",
            "/partners/",
            "/contacts/",
            "/advice/",
            "/events/",
            "/organisations/",
        ),
    )
    competition.pages += [(reverse("calls:manage_list"), _("Manage calls"))] if has(Role.PROGRAMME_MANAGER) else []
    competition.pages += [(reverse("evaluation:jury_home"), _("Jury"))] if juror else []
    competition.pages += [(reverse("applications:dashboard"), _("My applications"))] if member else []
    competition.pages += [(reverse("matchmaking:adviser_home"), _("Advice"))] if has(Role.AGENCY_ADVISER) else []
    competition.pages.append((reverse("calls:list"), _("Calls")))
    if member:
        competition.pages += [
            (reverse("organisations:mine"), _("My organisations")),
            (reverse("matchmaking:posts"), _("Partner posts")),
            (reverse("matchmaking:contacts"), _("Contacts")),
        ]
    if member or has(Role.AGENCY_ADVISER, Role.PROGRAMME_MANAGER):
        competition.pages.append((reverse("matchmaking:events"), _("Events")))

    observatory = Area("observatory", _("Observatory"), ("/observatory/", "/diagnosis/", "/stress-test/"))
    observatory.pages += [
        (reverse("observatory:catalogue"), _("Regional data")),
        (reverse("observatory:map"), _("Map of the regions")),
        (reverse("observatory:industrial_change"), _("Industrial change")),
        (reverse("diagnosis:list"), _("Diagnoses")),
    ]
    # The roles of the rule "diagnosis.view_stress_test", checked without has_perm(): the model backend would add
    # two permission queries to every page of every signed-in user.
    if has(Role.ANALYST, *OVERSEERS):
        observatory.pages.append((reverse("diagnosis:stress_overview"), _("Stress test")))

    partnerships = Area("partnerships", _("Partnerships"), ("/partnerships/", "/programme/", "/funded-partnerships/"))
    if has(*OVERSEERS):
        partnerships.pages.append((reverse("partnerships:programme"), _("Programme")))
    elif member:
        partnerships.pages.append((reverse("partnerships:list"), _("My partnerships")))
    partnerships.pages.append((reverse("partnerships:funded"), _("Funded partnerships")))

    areas = [competition, observatory, partnerships]
    if signed_in:
        areas.insert(0, Area("work", _("My work"), ("/start/",), [(reverse("workspace:start"), _("My work"))]))
    if has(Role.ADMINISTRATOR):
        areas.append(
            Area(
                "administration",
                _("Administration"),
                ("/audit/", "/operations/"),
                [(reverse("ops:operations"), _("Operations")), (reverse("core:audit"), _("Audit log"))],
            )
        )
    return areas


def navigation(request):
    """Context for base.html: the top entries (area, its first page, whether the person is in it) and the pages of
    the area they are in, each marked when it is the page shown."""
    path = request.path
    areas = areas_for(request.user)
    current = next((area for area in areas if area.holds(path)), None)
    top = [(area.pages[0][0], area.label, area is current) for area in areas]
    pages = []
    if current is not None and len(current.pages) > 1:
        # The longest matching address wins, so "Calls" is not marked on a page of "Manage calls".
        best = max((url for url, _label in current.pages if path.startswith(url)), key=len, default=None)
        pages = [(url, label, url == best) for url, label in current.pages]
    return {"nav_items": top, "nav_area": current.label if current else "", "nav_pages": pages}
