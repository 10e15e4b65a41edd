"""A directory of invented organisations for partner search in the demo (at least 300 with profiles). All are
flagged fictional; the generator is seeded, so every demo has the same ones."""

import random

from innopart.organisations.enums import OrganisationType, ValueChainPosition
from innopart.organisations.models import Organisation

TARGET = 300
SECTORS = {
    "food": (["10.51", "10.71", "10.89"], "dairy fermentation bakery food safety packaging cold chain nutrition"),
    "wood": (["16.23", "31.01", "31.09"], "furniture wood processing design coatings CNC machining bioeconomy"),
    "laser": (["26.70", "27.90", "72.19"], "lasers photonics optics ultrafast precision measurement"),
    "ict": (["62.01", "62.02", "63.11"], "software cloud data analytics cybersecurity industrial IoT AI"),
    "energy": (["35.11", "27.11", "71.12"], "solar wind storage grids hydrogen energy efficiency"),
    "plastics": (["22.22", "20.16", "38.32"], "polymers recycling circular economy compounding injection moulding"),
    "machinery": (["28.41", "28.99", "33.12"], "machine building automation robotics maintenance industry 4.0"),
    "textile": (["13.20", "14.13", "13.96"], "technical textiles recycling smart fabrics apparel"),
    "biotech": (["21.10", "72.11", "20.59"], "biotechnology enzymes diagnostics biopharmaceuticals"),
    "logistics": (["49.41", "52.10", "52.29"], "logistics warehousing freight forwarding ports rail"),
}
FIRST = [
    "Amber",
    "Baltic",
    "Nemunas",
    "Neris",
    "Vilija",
    "Dubysa",
    "Sventoji",
    "Zalgiris",
    "Aukstaitija",
    "Zemaitija",
    "Dzukija",
    "Suvalkija",
    "Kursiu",
]
SECOND = [
    "Works",
    "Labs",
    "Systems",
    "Solutions",
    "Technologies",
    "Group",
    "Innovations",
    "Partners",
    "Industries",
    "Studio",
]
TYPES = [OrganisationType.SME] * 14 + [OrganisationType.LARGE_COMPANY] * 2 + [OrganisationType.INTERNATIONAL_COMPANY]
TYPES += [OrganisationType.RESEARCH_INSTITUTE, OrganisationType.UNIVERSITY, OrganisationType.INDUSTRY_ASSOCIATION]
COUNTRIES = ["LT"] * 12 + ["LV", "EE", "PL", "DE", "FI", "SE"]


def load() -> int:
    """Add invented organisations until the demo has at least ``TARGET`` fictional ones; returns how many."""
    existing = Organisation.objects.filter(is_fictional=True).count()
    rng = random.Random(2019)  # noqa: S311 - demo data, seeded on purpose
    clusters = list(Organisation.objects.filter(type=OrganisationType.CLUSTER_ORGANISATION, is_fictional=True))
    taken = set(Organisation.objects.values_list("name", flat=True))
    created = []
    number = 0
    while existing + len(created) < TARGET:
        number += 1
        sector = rng.choice(list(SECTORS))
        codes, vocabulary = SECTORS[sector]
        kind = rng.choice(TYPES)
        name = f"{rng.choice(FIRST)} {sector.title()} {rng.choice(SECOND)} {number:03d}"
        if name in taken:
            continue
        words = vocabulary.split()
        created.append(
            Organisation(
                name=name,
                type=kind,
                country=rng.choice(COUNTRIES),
                nace_codes=rng.sample(codes, k=rng.randint(1, 2)),
                capabilities=" ".join(rng.sample(words, k=min(len(words), rng.randint(3, 6)))),
                technologies=" ".join(rng.sample(words, k=2)),
                value_chain_position=rng.choice(ValueChainPosition.values),
                international_links=rng.choice(
                    ["", "exports to the Nordics", "supplier to German OEMs", "EU projects"]
                ),
                contact_email=f"contact{number:03d}@example.org",
                is_fictional=True,
                is_contactable=rng.random() < 0.85,
            )
        )
    Organisation.objects.bulk_create(created)
    if clusters:
        for org in Organisation.objects.filter(name__in=[o.name for o in created], type=OrganisationType.SME):
            if rng.random() < 0.3:
                org.clusters.add(rng.choice(clusters))
    return len(created)
