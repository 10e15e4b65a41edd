"""Suggestions and search for a draft consortium, in words a coordinator can act on."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innopart.analytics import matching
from innopart.applications.models import Application
from innopart.organisations.enums import OrganisationType
from innopart.organisations.models import Organisation

from .pool import current


def theme_of(application: Application) -> str:
    """What the consortium works on: its thematic field, title and the text written so far."""
    field = application.thematic_field
    parts = [field.name_en if field else "", application.title]
    parts += [s.body for s in application.sections.all()]
    return " ".join(parts)[:5000]


def reason_text(code: str, value: float, organisation: Organisation) -> str:
    if code == "research":
        return _("a university or research institute, which the consortium still needs")
    if code == "sme":
        return _("an SME, which the consortium still needs")
    if code == "key_partner":
        return _("a large or international company that could be the key partner linking SMEs to value chains")
    if code == "new_type":
        return _("a type of partner new to the consortium (%(type)s)") % {"type": organisation.get_type_display()}
    if code == "new_sectors":
        n = int(value)
        return ngettext(
            "adds %(n)d economic sector the consortium does not cover yet",
            "adds %(n)d economic sectors the consortium does not cover yet",
            n,
        ) % {"n": n}
    if code == "capabilities":
        return _("capabilities close to the project that the consortium does not have yet")
    if code == "sector_match":
        return _("works in a sector of the thematic field")
    if code == "cluster":
        return _("in the same cluster as a consortium member")
    if code == "past_collaboration":
        n = int(value)
        return ngettext(
            "has applied together with a consortium member before (%(n)d time)",
            "has applied together with consortium members before (%(n)d times)",
            n,
        ) % {"n": n}
    return code


def suggestions(application: Application, *, k: int = 10) -> list[dict]:
    pool = current()
    version = application.call.published_version
    members = [p.organisation_id for p in application.partners.all()]
    key_partners = sum(p.is_key_partner for p in application.partners.all())
    found = matching.recommend(
        pool, members, version.eligibility, theme=theme_of(application), k=k, key_partners=key_partners
    )
    organisations = Organisation.objects.in_bulk([s.id for s in found])
    return [
        {
            "organisation": organisations[s.id],
            "score": s.score,
            "reasons": [reason_text(code, value, organisations[s.id]) for code, value in s.reasons.items()],
        }
        for s in found
        if s.id in organisations
    ]


def search(*, text: str = "", type_: str = "", country: str = "", exclude=(), limit: int = 50):
    """Contactable organisations matching ``text`` in name, capabilities, technologies or international links.

    On PostgreSQL: full-text search ("simple" configuration, so Lithuanian and English words alike), ranked by
    relevance. Elsewhere (SQLite in development and tests): every word must occur, ordered by name.
    """
    from django.db import connection

    queryset = Organisation.objects.filter(is_contactable=True).exclude(pk__in=list(exclude))
    if type_ in OrganisationType.values:
        queryset = queryset.filter(type=type_)
    if country:
        queryset = queryset.filter(country=country.upper()[:2])
    words = text.split()[:8]
    if words and connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("name", "capabilities", "technologies", "international_links", config="simple")
        query = SearchQuery(" ".join(words), config="simple", search_type="plain")
        return list(
            queryset.annotate(document=vector, rank=SearchRank(vector, query))
            .filter(document=query)
            .order_by("-rank", "name")[:limit]
        )
    for word in words:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(capabilities__icontains=word)
            | Q(technologies__icontains=word)
            | Q(international_links__icontains=word)
        )
    return list(queryset.order_by("name")[:limit])
