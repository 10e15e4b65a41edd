from django.db.models import Q

from .models import Diagnosis


def visible_diagnoses(user):
    """Published diagnoses for everyone; drafts as well for the people who write them."""
    if user.has_perm("diagnosis.edit"):
        return Diagnosis.objects.all()
    return Diagnosis.objects.filter(Q(is_published=True))


def evidence(diagnosis, items) -> dict[int, list[dict]]:
    """Per item with an indicator: its latest value for the diagnosis region, or, where the region has none (a
    country, for regional series), for its NUTS-2 regions. Each with year, flag, unit and source."""
    from innopart.observatory.models import Region
    from innopart.observatory.profile import flag_words
    from innopart.observatory.selectors import latest_values

    region = diagnosis.region
    codes = [region.code]
    if region.level < 2:
        codes += list(
            Region.objects.filter(code__startswith=region.code, level=2, in_nuts2021=True).values_list(
                "code", flat=True
            )
        )
    with_indicator = [item for item in items if item.indicator_id]
    values = latest_values(codes, {item.indicator.code for item in with_indicator})
    found: dict[int, list[dict]] = {}
    for item in with_indicator:
        own = values.get((region.code, item.indicator.code))
        cells = (
            [own]
            if own
            else [values[(c, item.indicator.code)] for c in codes[1:] if (c, item.indicator.code) in values]
        )
        found[item.pk] = [
            {
                "region": cell["region__code"],
                "value": cell["value"],
                "year": cell["year"],
                "flag": cell["flag"],
                "flags": flag_words(cell["flag"]),
            }
            for cell in cells
        ]
    return found


def items_with_evidence(diagnosis) -> list:
    """The diagnosis's items, each with ``evidence`` set: what the workspace and the briefing both show."""
    items = list(diagnosis.items.select_related("indicator"))
    found = evidence(diagnosis, items)
    for item in items:
        item.evidence = found.get(item.pk, [])
    return items
