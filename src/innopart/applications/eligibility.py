"""Consortium eligibility: the call's composition rules applied to a consortium, with plain-language reasons.

Pure Python over small value objects, so the same function serves the live check while drafting, the hard
check at submission and the tests.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innopart.calls.enums import EligibilityRule
from innopart.organisations.enums import RESEARCH_TYPES, OrganisationType
from innopart.organisations.nace import nace_section


@dataclass(frozen=True)
class Member:
    name: str
    type: str
    country: str
    nace_codes: tuple[str, ...] = ()
    is_coordinator: bool = False
    is_key_partner: bool = False


@dataclass(frozen=True)
class RuleResult:
    code: str
    passed: bool
    message: str


def check_eligibility(members: list[Member], rules: dict, coordinator_countries: list[str]) -> list[RuleResult]:
    results = []
    needed = rules.get(EligibilityRule.MIN_PARTNERS, 0)
    count = len(members)
    results.append(
        RuleResult(
            EligibilityRule.MIN_PARTNERS,
            count >= needed,
            ngettext(
                "The consortium needs at least %(needed)d organisation; it has %(count)d.",
                "The consortium needs at least %(needed)d organisations; it has %(count)d.",
                needed,
            )
            % {"needed": needed, "count": count},
        )
    )

    needed = rules.get(EligibilityRule.MIN_RESEARCH, 0)
    count = sum(m.type in RESEARCH_TYPES for m in members)
    results.append(
        RuleResult(
            EligibilityRule.MIN_RESEARCH,
            count >= needed,
            ngettext(
                "At least %(needed)d university or research institute must take part; the consortium has %(count)d.",
                "At least %(needed)d universities or research institutes must take part; the consortium has %(count)d.",
                needed,
            )
            % {"needed": needed, "count": count},
        )
    )

    needed = rules.get(EligibilityRule.MIN_KEY_PARTNERS, 0)
    count = sum(m.is_key_partner for m in members)
    results.append(
        RuleResult(
            EligibilityRule.MIN_KEY_PARTNERS,
            count >= needed,
            ngettext(
                "At least %(needed)d key partner able to attract SMEs and connect to international value chains "
                "(for example an international company) is required; %(count)d is marked as such.",
                "At least %(needed)d key partners able to attract SMEs and connect to international value chains "
                "are required; %(count)d are marked as such.",
                needed,
            )
            % {"needed": needed, "count": count},
        )
    )

    needed = rules.get(EligibilityRule.MIN_PARTNER_TYPES, 0)
    types = sorted({str(OrganisationType(m.type).label) for m in members})
    results.append(
        RuleResult(
            EligibilityRule.MIN_PARTNER_TYPES,
            len(types) >= needed,
            _("At least %(needed)d different types of partner are required; the consortium has %(count)d (%(types)s).")
            % {"needed": needed, "count": len(types), "types": ", ".join(types) or "-"},
        )
    )

    needed = rules.get(EligibilityRule.MIN_SECTORS, 0)
    sections = sorted({s for m in members for code in m.nace_codes if (s := nace_section(code))})
    results.append(
        RuleResult(
            EligibilityRule.MIN_SECTORS,
            len(sections) >= needed,
            _(
                "A cross-sector consortium must cover at least %(needed)d economic sectors (NACE sections); "
                "its members' sectors cover %(count)d (%(sections)s)."
            )
            % {"needed": needed, "count": len(sections), "sections": ", ".join(sections) or "-"},
        )
    )

    needed = rules.get(EligibilityRule.MIN_SMES, 0)
    count = sum(m.type == OrganisationType.SME for m in members)
    results.append(
        RuleResult(
            EligibilityRule.MIN_SMES,
            count >= needed,
            ngettext(
                "At least %(needed)d SME must take part; the consortium has %(count)d.",
                "At least %(needed)d SMEs must take part; the consortium has %(count)d.",
                needed,
            )
            % {"needed": needed, "count": count},
        )
    )

    if coordinator_countries:
        coordinator = next((m for m in members if m.is_coordinator), None)
        ok = coordinator is not None and coordinator.country in coordinator_countries
        results.append(
            RuleResult(
                "coordinator_country",
                ok,
                _("The coordinator must be registered in %(countries)s; it is registered in %(country)s.")
                % {
                    "countries": ", ".join(coordinator_countries),
                    "country": coordinator.country if coordinator else "-",
                },
            )
        )
    return results
