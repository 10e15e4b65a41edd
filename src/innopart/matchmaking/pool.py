"""The organisations as a matching pool (`innopart.analytics.matching.Pool`), built from the database and kept in
memory until an organisation or a consortium changes: building takes seconds for 100,000 organisations, a query
milliseconds."""

from collections import Counter
from itertools import combinations
from threading import Lock

from django.db.models import Count, Max

from innopart.analytics.matching import Pool
from innopart.applications.enums import ApplicationState
from innopart.applications.models import Partner
from innopart.organisations.models import Organisation
from innopart.organisations.nace import nace_section

_cache: dict = {}
_lock = Lock()


def _version() -> tuple:
    """Changes when an organisation, a cluster membership (which does not touch updated_at) or a consortium does."""
    orgs = Organisation.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    memberships = Organisation.clusters.through.objects.aggregate(n=Count("id"), last=Max("id"))
    partners = Partner.objects.aggregate(n=Count("id"), last=Max("id"))
    return orgs["n"], orgs["changed"], memberships["n"], memberships["last"], partners["n"], partners["last"]


def collaborations() -> list[tuple[int, int, int]]:
    """Pairs of organisations that applied together (any application that was submitted), with how often."""
    by_application: dict[int, list[int]] = {}
    rows = Partner.objects.exclude(application__state=ApplicationState.DRAFT).values_list(
        "application_id", "organisation_id"
    )
    for application, organisation in rows:
        by_application.setdefault(application, []).append(organisation)
    pairs: Counter = Counter()
    for members in by_application.values():
        pairs.update(combinations(sorted(set(members)), 2))
    return [(a, b, n) for (a, b), n in pairs.items()]


def current() -> Pool:
    version = _version()
    with _lock:
        if _cache.get("version") != version:
            clusters: dict[int, list[int]] = {}
            for member, cluster in Organisation.clusters.through.objects.values_list(
                "from_organisation_id", "to_organisation_id"
            ):
                clusters.setdefault(member, []).append(cluster)
            rows = Organisation.objects.values(
                "id", "type", "nace_codes", "capabilities", "technologies", "international_links", "is_contactable"
            )
            organisations = [
                {
                    "id": r["id"],
                    "type": r["type"],
                    "sections": sorted({s for c in r["nace_codes"] or () if (s := nace_section(c))}),
                    "capabilities": " ".join((r["capabilities"], r["technologies"], r["international_links"])),
                    # A cluster organisation belongs to itself: its members share a cluster with it.
                    "clusters": clusters.get(r["id"], []) + ([r["id"]] if r["type"] == "cluster_organisation" else []),
                    "contactable": r["is_contactable"],
                }
                for r in rows
            ]
            _cache.update(version=version, pool=Pool.build(organisations, collaborations()))
        return _cache["pool"]
