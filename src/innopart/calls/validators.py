"""Validation of a call's rules. Rules are data; these functions are the schema, with field-named errors."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import SCORE_MAX, Criterion, EligibilityRule


def validate_eligibility(rules: dict) -> None:
    errors = {}
    unknown = set(rules) - set(EligibilityRule.values)
    if unknown:
        errors["eligibility"] = _("Unknown eligibility rule(s): %(names)s.") % {"names": ", ".join(sorted(unknown))}
    for code in EligibilityRule.values:
        value = rules.get(code)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
            errors[code] = _("“%(rule)s” must be a whole number from 0 to 100.") % {"rule": EligibilityRule(code).label}
    if not errors and rules[EligibilityRule.MIN_PARTNERS] < 1:
        errors[EligibilityRule.MIN_PARTNERS.value] = _("A consortium needs at least one organisation.")
    if errors:
        raise ValidationError(errors)


def validate_criteria(criteria: list[dict]) -> None:
    codes = [c.get("code") for c in criteria]
    if sorted(codes) != sorted(Criterion.values):
        raise ValidationError({"criteria": _("The call must use each of the four selection criteria once.")})
    errors = {}
    for item in criteria:
        label = Criterion(item["code"]).label
        weight, threshold = item.get("weight"), item.get("threshold")
        if not isinstance(weight, int) or isinstance(weight, bool) or not 0 < weight <= 100:
            errors[f"weight_{item['code']}"] = _("The weight of “%(c)s” must be a whole number from 1 to 100.") % {
                "c": label
            }
        if not isinstance(threshold, int | float) or not 0 <= threshold <= SCORE_MAX:
            errors[f"threshold_{item['code']}"] = _("The threshold of “%(c)s” must be between 0 and %(max)s.") % {
                "c": label,
                "max": SCORE_MAX,
            }
    if not errors and sum(c["weight"] for c in criteria) != 100:
        errors["criteria"] = _("The criteria weights must add up to 100 (they add up to %(sum)s).") % {
            "sum": sum(c["weight"] for c in criteria)
        }
    if errors:
        raise ValidationError(errors)
