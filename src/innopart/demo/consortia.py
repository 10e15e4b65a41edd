"""Pieces of a demo application that both the current round (load.py) and the pilot round (pilot.py) use."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from innopart.applications.enums import CostCategory, IncomeSource, PlanKind
from innopart.applications.models import Partner

from .pdf import simple_pdf


def attach_letter(partner: Partner, acronym: str) -> None:
    content = simple_pdf(f"Letter of commitment (demo): {partner.organisation.name} joins {acronym}.")
    partner.commitment_letter.save("letter.pdf", ContentFile(content), save=False)
    partner.letter_uploaded_at = timezone.now()
    partner.save(update_fields=["commitment_letter", "letter_uploaded_at"])


def plan_cells(duration: int, yearly_cost: int) -> dict:
    """Costs spread over categories; the grant share tapers from 85% to 45% and own resources fill the rest."""
    split = {
        CostCategory.MANAGEMENT: 0.40,
        CostCategory.TRAINING: 0.10,
        CostCategory.TRUST_BUILDING: 0.20,
        CostCategory.EVENTS: 0.10,
        CostCategory.INTERNATIONAL: 0.10,
        CostCategory.SERVICES: 0.10,
    }
    cells: dict = {}
    for year in range(1, duration + 1):
        for category, share in split.items():
            cells[(PlanKind.COST.value, category.value, year)] = Decimal(round(yearly_cost * share))
        grant_share = 0.85 - 0.40 * (year - 1) / max(duration - 1, 1)
        grant = Decimal(round(yearly_cost * grant_share, -3))
        own = Decimal(yearly_cost) - grant
        cells[(PlanKind.INCOME.value, IncomeSource.GRANT.value, year)] = grant
        cells[(PlanKind.INCOME.value, IncomeSource.MEMBERSHIP_FEES.value, year)] = (own * Decimal("0.5")).quantize(1)
        cells[(PlanKind.INCOME.value, IncomeSource.SERVICE_FEES.value, year)] = (own * Decimal("0.3")).quantize(1)
        cells[(PlanKind.INCOME.value, IncomeSource.PUBLIC_FUNDS.value, year)] = (
            own - (own * Decimal("0.5")).quantize(1) - (own * Decimal("0.3")).quantize(1)
        )
    return cells
