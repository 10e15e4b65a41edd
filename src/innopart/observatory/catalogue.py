"""The indicator catalogue (data/indicators.yaml): names, definitions and units in words, in English and
Lithuanian, for every indicator the platform ships or computes, so that no page shows a code as a label.

`apply()` writes the catalogue onto the indicators in the database (in the caller's transaction, with an audit row
per indicator), filling only what is blank: a name an analyst
corrected in the platform stays. `innopart import observatory-data` calls it; run that command again after an
upgrade to describe indicators loaded before the catalogue existed.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

from innopart.core import audit

from . import sbs
from .models import Indicator

FILE = Path(__file__).parent / "data" / "indicators.yaml"
FIELDS = (
    "name_en",
    "name_lt",
    "short_name_en",
    "short_name_lt",
    "definition_en",
    "definition_lt",
    "unit_en",
    "unit_lt",
    "dataset",
)


@cache
def _catalogue() -> dict:
    """The catalogue file as written, read once per process."""
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


@cache
def entries() -> dict[str, dict]:
    """Every described indicator code -> its model fields."""
    raw = _catalogue()
    found = {code: _fields(entry) for code, entry in raw.items() if code not in ("emerging", "derived")}
    for industry, entry in raw["emerging"].items():
        found[sbs.indicator_code(industry)] = {
            "name_en": f"{industry}: share of business-economy employment",
            "name_lt": f"{entry['lt']}: dalis verslo ekonomikos užimtume",
            "short_name_en": industry,
            "short_name_lt": entry["lt"],
            "definition_en": f"People employed in the industries that make up {industry} (a reconstructed list of "
            "NACE divisions) as a percentage of the region's business-economy employment, 2015.",
            "definition_lt": f"Asmenys, dirbantys šakose, kurios sudaro sritį „{entry['lt']}“ (atkurtas EVRK skyrių "
            "sąrašas), išreikšti regiono verslo ekonomikos užimtumo procentais, 2015 m.",
            "unit_en": "% of business-economy employment",
            "unit_lt": "% verslo ekonomikos užimtųjų",
            "decimals": 2,
            "higher_is_better": True,
            "theme": entry.get("theme", "context"),
            "dataset": "sbs_r_nuts06_r2",
        }
    return found


def _fields(entry: dict) -> dict:
    return {
        "name_en": entry["name"]["en"],
        "name_lt": entry["name"]["lt"],
        "short_name_en": entry["short"]["en"],
        "short_name_lt": entry["short"]["lt"],
        "definition_en": entry["definition"]["en"],
        "definition_lt": entry["definition"]["lt"],
        "unit_en": entry["unit"]["en"],
        "unit_lt": entry["unit"]["lt"],
        "decimals": entry["decimals"],
        "higher_is_better": entry["higher_is_better"],
        "theme": entry["theme"],
        "dataset": entry["dataset"],
    }


def apply() -> int:
    """Describe the indicators in the database from the catalogue, filling blank fields only; returns how many
    indicators changed."""
    changed = 0
    catalogue = entries()
    for indicator in Indicator.objects.filter(code__in=list(catalogue)):
        entry = catalogue[indicator.code]
        updates = [f for f in FIELDS if not getattr(indicator, f) and entry[f]]
        if not indicator.name_en:  # never described: the number format and meaning come with the names
            updates += ["decimals", "higher_is_better", "theme"]
        for field in updates:
            setattr(indicator, field, entry[field])
        if updates:
            indicator.save(update_fields=updates)
            audit.record(
                actor=None,
                obj=indicator,
                action="observatory.indicator_described",
                changes={field: str(entry[field]) for field in updates},
            )
            changed += 1
    return changed


@dataclass(frozen=True)
class DerivedLabel:
    name: str
    unit: str
    decimals: int


def derived_label(code: str) -> DerivedLabel:
    """The name, unit in words and decimals of a derived indicator, in the reader's language."""
    entry = _catalogue()["derived"].get(code)
    if entry is None:
        return DerivedLabel(code.replace("_", " ").capitalize(), "", 2)
    language = "lt" if (get_language() or "").startswith("lt") else "en"
    return DerivedLabel(entry["name"][language], entry["unit"][language], entry["decimals"])


@cache
def _category_names() -> dict[str, str]:
    """English cluster category or emerging industry -> its Lithuanian name."""
    names = yaml.safe_load((FILE.parent / "cluster_categories.yaml").read_text(encoding="utf-8"))
    emerging = _catalogue()["emerging"]
    return names | {industry: entry["lt"] for industry, entry in emerging.items()}


def category_name(name: str) -> str:
    """A cluster category's or emerging industry's name in the reader's language."""
    if (get_language() or "").startswith("lt"):
        return _category_names().get(name, name)
    return name


EDITABLE = (*FIELDS, "decimals", "higher_is_better", "theme")


def describe(*, actor, indicator: Indicator, changes: dict, edit_token: str | None) -> Indicator:
    """An analyst's correction of an indicator's description: refused (StaleEdit) if someone saved it since the
    form was read; audited; a new data version, so every cached page shows the new words at once."""
    from django.db import transaction

    from innopart.core.concurrency import check_fresh

    from . import revisions

    with transaction.atomic():
        stored = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if edit_token is not None:
            check_fresh(stored, EDITABLE, edit_token)
        before = {f: getattr(stored, f) for f in EDITABLE}
        for name in EDITABLE:
            setattr(stored, name, changes[name])
        stored.save(update_fields=list(EDITABLE))
        changed = {f: [str(before[f]), str(changes[f])] for f in EDITABLE if before[f] != changes[f]}
        if changed:
            audit.record(actor=actor, obj=stored, action="observatory.indicator_described", changes=changed)
            revisions.bump(f"description of {stored.code}")
    return stored
