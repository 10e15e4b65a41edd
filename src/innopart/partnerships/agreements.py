"""Funding agreements: prepared from the awarded resource plan, signed by both sides, amended as new versions; the
tranches they plan, released only when their conditions are accepted, and the payments made against them.

Every function runs in one transaction and writes its audit rows there: nothing is half-saved.
"""

from datetime import timedelta
from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopart.analytics import funding
from innopart.applications.enums import ApplicationState
from innopart.applications.selectors import plan_summary
from innopart.core import audit

from .enums import AgreementState, MilestoneKind, ReviewState, TrancheState
from .models import Agreement, AgreementYear, Milestone, Partnership, Payment, Tranche
from .notifications import tell

TAPER_FIELDS = ("taper_start", "taper_floor", "taper_step", "taper_sensitivity")
DEFAULTS = {
    "setup_years": 2,
    "taper_start": Decimal("0.80"),
    "taper_floor": Decimal("0.30"),
    "taper_step": Decimal("0.10"),
    "taper_sensitivity": Decimal("0.50"),
    "self_funding_target": Decimal("0.70"),
    "advance_fraction": Decimal("0.50"),
    "report_due_days": 90,
}
TERMS = ("start_date", "duration_years", *DEFAULTS)


def in_force(partnership: Partnership) -> Agreement | None:
    """The signed version, read fresh from the database (services must not act on a prefetched copy)."""
    return partnership.agreements.filter(state=AgreementState.SIGNED).last()


def taper_of(agreement: Agreement) -> funding.Taper:
    return funding.Taper(
        start=float(agreement.taper_start),
        floor=float(agreement.taper_floor),
        step=float(agreement.taper_step),
        setup_years=agreement.setup_years,
        sensitivity=float(agreement.taper_sensitivity),
    )


def _check_terms(agreement: Agreement, version) -> None:
    """The funding period and the taper: errors name the field."""
    errors: dict[str, str] = {}
    if not version.min_years <= agreement.duration_years <= version.max_years:
        errors["duration_years"] = _("The call funds partnerships for %(lo)d to %(hi)d years.") % {
            "lo": version.min_years,
            "hi": version.max_years,
        }
    if not 1 <= agreement.setup_years < agreement.duration_years:
        errors["setup_years"] = _("The set-up phase lasts at least one year and ends before the agreement does.")
    if not 0 <= agreement.taper_floor <= agreement.taper_start <= 1:
        errors["taper_floor"] = _("The floor must lie between 0 and the set-up share, which is at most 1.")
    if not 0 <= agreement.taper_sensitivity <= 1:
        errors["taper_sensitivity"] = _("The adjustment is a fraction between 0 and 1.")
    if agreement.taper_step < 0:
        errors["taper_step"] = _("The yearly fall cannot be negative.")
    if not 0 < agreement.self_funding_target <= 1:
        errors["self_funding_target"] = _("The target is a share above 0 and at most 1.")
    if not 0 < agreement.advance_fraction < 1:
        errors["advance_fraction"] = _("The advance is a share above 0 and below 1.")
    if errors:
        raise ValidationError(errors)


def _write_years(agreement: Agreement, budget: list[Decimal], own: list[Decimal], max_grant: Decimal) -> None:
    shares = funding.planned_shares(taper_of(agreement), agreement.duration_years)
    grants = funding.planned_grants([float(b) for b in budget], taper_of(agreement))
    total = Decimal(int(grants.sum()))
    if total > max_grant:
        raise ValidationError(
            {
                "taper_start": _(
                    "These terms grant EUR %(total)s in all, more than the call's maximum of EUR %(max)s per "
                    "partnership: lower the shares."
                )
                % {"total": f"{total:,.0f}", "max": f"{max_grant:,.0f}"}
            }
        )
    AgreementYear.objects.bulk_create(
        AgreementYear(
            agreement=agreement,
            year=i + 1,
            budget=budget[i],
            own_planned=own[i],
            share=Decimal(str(round(float(shares[i]), 3))),
            grant=Decimal(int(grants[i])),
        )
        for i in range(agreement.duration_years)
    )


def prepare_agreement(*, actor, application, terms: dict | None = None, now=None) -> Agreement:
    """The first agreement of an awarded application: its resource plan becomes the baseline."""
    with transaction.atomic():
        if application.state != ApplicationState.AWARDED:
            raise ValidationError(_("Only an awarded application gets a funding agreement."))
        if Partnership.objects.filter(application=application).exists():
            raise ValidationError(_("This partnership already has an agreement; amend it instead."))
        version = application.call.published_version
        plan = plan_summary(application)
        values = {
            **DEFAULTS,
            "start_date": version.start_date,
            "duration_years": application.duration_years or len(plan.years),
            **(terms or {}),
        }
        partnership = Partnership.objects.create(
            application=application,
            acronym=application.acronym,
            title=application.title,
            coordinator=application.coordinator,
        )
        agreement = Agreement(partnership=partnership, number=1, created_by=actor, **values)
        _check_terms(agreement, version)
        agreement.save()
        budget = [plan.costs.get(y, Decimal(0)) for y in range(1, agreement.duration_years + 1)]
        own = [
            plan.income.get(y, Decimal(0)) - plan.grant.get(y, Decimal(0))
            for y in range(1, agreement.duration_years + 1)
        ]
        _write_years(agreement, budget, own, version.max_grant)
        audit.record(at=now, actor=actor, obj=partnership, action="partnership.created", to_state="draft")
        audit.record(at=now, actor=actor, obj=agreement, action="agreement.prepared", changes=_terms(agreement))
    return agreement


def _terms(agreement: Agreement) -> dict:
    return {name: str(getattr(agreement, name)) for name in TERMS}


def amend(
    *,
    actor,
    partnership: Partnership,
    terms: dict,
    changelog: str,
    budget: list[Decimal] | None = None,
    own_planned: list[Decimal] | None = None,
) -> Agreement:
    """A new version from the one in force, with the changed terms and, when given, a new yearly baseline (budget
    and planned own resources, one figure per year). Without one, the years keep their baseline and years added
    repeat the last year's. Money already released stays as it was."""
    with transaction.atomic():
        Partnership.objects.select_for_update().get(pk=partnership.pk)
        versions = list(partnership.agreements.prefetch_related("years"))
        if not versions or versions[-1].state != AgreementState.SIGNED:
            raise ValidationError(_("Only a signed agreement can be amended, and one amendment at a time."))
        current = versions[-1]
        if not changelog.strip():
            raise ValidationError({"changelog": _("Say what the amendment changes and why.")})
        agreement = Agreement(
            partnership=partnership,
            number=current.number + 1,
            created_by=actor,
            changelog=changelog.strip(),
            **{name: terms.get(name, getattr(current, name)) for name in TERMS},
        )
        _check_terms(agreement, partnership.application.call.published_version)
        released = partnership.tranches.filter(state=TrancheState.RELEASED)
        last_paid_year = max((t.year for t in released), default=0)
        if agreement.duration_years < last_paid_year:
            raise ValidationError(
                {
                    "duration_years": _(
                        "Money has been released for year %(year)d; the agreement cannot end before it."
                    )
                    % {"year": last_paid_year}
                }
            )
        if agreement.start_date != current.start_date and released.exists():
            raise ValidationError({"start_date": _("Money has been released: the funding period can no longer move.")})
        changed = {k: [str(getattr(current, k)), str(getattr(agreement, k))] for k in TERMS}
        years = list(current.years.all())
        old_budget = [years[min(i, len(years) - 1)].budget for i in range(agreement.duration_years)]
        old_own = [years[min(i, len(years) - 1)].own_planned for i in range(agreement.duration_years)]
        new_budget = _baseline(budget, old_budget, agreement.duration_years, "budget")
        new_own = _baseline(own_planned, old_own, agreement.duration_years, "own_planned")
        bad = [i + 1 for i in range(agreement.duration_years) if new_own[i] > new_budget[i]]
        if bad:
            raise ValidationError(
                {"own_planned": _("Own resources cannot exceed the budget (year %(year)d).") % {"year": bad[0]}}
            )
        for name, old, new in (("budget", old_budget, new_budget), ("own_planned", old_own, new_own)):
            if [str(v) for v in old] != [str(v) for v in new]:
                changed[name] = [[str(v) for v in old], [str(v) for v in new]]
        changed = {k: v for k, v in changed.items() if v[0] != v[1]}
        if not changed:
            raise ValidationError(_("The amendment changes nothing."))
        agreement.save()
        _write_years(agreement, new_budget, new_own, partnership.application.call.published_version.max_grant)
        audit.record(actor=actor, obj=agreement, action="agreement.amended", reason=changelog, changes=changed)
    return agreement


def _baseline(given: list[Decimal] | None, old: list[Decimal], years: int, field: str) -> list[Decimal]:
    if given is None:
        return old
    if len(given) != years:
        raise ValidationError(
            {field: _("Give one figure for each of the %(n)d years (%(got)d given).") % {"n": years, "got": len(given)}}
        )
    if any(v < 0 for v in given):
        raise ValidationError({field: _("A yearly figure cannot be negative.")})
    return [Decimal(v).quantize(Decimal("0.01")) for v in given]


def sign_for_partnership(*, actor, agreement: Agreement, now=None) -> Agreement:
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.state != AgreementState.DRAFT:
            raise ValidationError(_("Only a draft waits for the partnership's signature."))
        agreement.state = AgreementState.PARTNERSHIP_SIGNED
        agreement.partnership_signed_by = actor
        agreement.partnership_signed_at = now or timezone.now()
        agreement.save()
        audit.record(
            at=now, actor=actor, obj=agreement, action="agreement.signed", from_state="draft", to_state=agreement.state
        )
        tell(
            agreement.partnership,
            to="ministry",
            event=gettext_lazy("the partnership signed version %(n)d of the funding agreement"),
            params={"n": agreement.number},
            url=reverse("partnerships:agreement", args=[agreement.partnership_id]),
        )
    return agreement


def countersign(*, actor, agreement: Agreement, now=None) -> Agreement:
    """The ministry's signature puts the version in force: the one before is superseded, the four set-up
    milestones are planned on the first signature, tranches are planned again and those due are released."""
    now = now or timezone.now()
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.state != AgreementState.PARTNERSHIP_SIGNED:
            raise ValidationError(_("The partnership signs first."))
        if agreement.partnership_signed_by_id == actor.pk:
            raise ValidationError(_("The same person cannot sign for both sides."))
        partnership = agreement.partnership
        partnership.agreements.filter(state=AgreementState.SIGNED).update(state=AgreementState.SUPERSEDED)
        agreement.state = AgreementState.SIGNED
        agreement.signed_by = actor
        agreement.signed_at = now
        agreement.save()
        if agreement.number == 1:
            _plan_milestones(agreement)
        _plan_tranches(agreement)
        audit.record(
            at=now,
            actor=actor,
            obj=agreement,
            action="agreement.signed",
            from_state=AgreementState.PARTNERSHIP_SIGNED,
            to_state=AgreementState.SIGNED,
        )
        release_due(partnership=partnership, actor=actor, now=now)
        tell(
            partnership,
            to="coordinator",
            event=gettext_lazy("version %(n)d of the funding agreement is signed and in force"),
            params={"n": agreement.number},
            url=reverse("partnerships:agreement", args=[partnership.pk]),
        )
    return agreement


def _plan_milestones(agreement: Agreement) -> None:
    """The four milestones spread evenly over the set-up phase, the last due when it ends."""
    days = (agreement.year_start(agreement.setup_years + 1) - agreement.start_date).days
    for i, kind in enumerate(MilestoneKind):
        due = agreement.start_date + timedelta(days=round(days * (i + 1) / len(MilestoneKind)) - 1)
        year = next(y for y in range(1, agreement.duration_years + 1) if due < agreement.year_start(y + 1))
        Milestone.objects.create(partnership=agreement.partnership, kind=kind, year=year, due_date=due)


def _plan_tranches(agreement: Agreement) -> None:
    """Two tranches a year: the advance, on the signature (year 1) or the previous year's accepted report, and the
    balance, on the year's accepted report and milestones. Released tranches stay as they are."""
    partnership = agreement.partnership
    fractions = [float(agreement.advance_fraction), 1 - float(agreement.advance_fraction)]
    existing = {(t.year, t.number): t for t in partnership.tranches.all()}
    milestones = list(partnership.milestones.all())
    wanted = set()
    for y in agreement.years.all():
        amounts = funding.tranches(float(y.grant), fractions)
        for number, amount in enumerate(amounts, start=1):
            wanted.add((y.year, number))
            tranche = existing.get((y.year, number))
            if tranche and tranche.state == TrancheState.RELEASED:
                continue
            tranche = tranche or Tranche(partnership=partnership, year=y.year, number=number)
            tranche.planned_amount = Decimal(int(amount))
            tranche.state = TrancheState.PENDING
            tranche.report_year = (y.year - 1 or None) if number == 1 else y.year
            tranche.save()
            tranche.milestones.set([m for m in milestones if m.year == y.year] if number == 2 else [])
    for key, tranche in existing.items():
        if key not in wanted and tranche.state == TrancheState.PENDING:
            tranche.state = TrancheState.CANCELLED
            tranche.save(update_fields=["state"])


def _conditions_met(tranche: Tranche, accepted_years: set[int]) -> bool:
    if tranche.report_year and tranche.report_year not in accepted_years:
        return False
    return all(m.state == ReviewState.ACCEPTED for m in tranche.milestones.all())


def year_grant(agreement: Agreement, year: int) -> Decimal:
    """The grant of a year after the own-resources adjustment, from the accepted reports before it."""
    years = list(agreement.years.all())
    own_actual: list[float | None] = [None] * len(years)
    accepted = agreement.partnership.reports.filter(state=ReviewState.ACCEPTED, own_resources__isnull=False)
    for report in accepted:
        if report.year <= len(years):
            own_actual[report.year - 1] = float(report.own_resources)
    shares = funding.adjusted_shares(
        [float(y.budget) for y in years], [float(y.own_planned) for y in years], own_actual, taper_of(agreement)
    )
    budget = years[year - 1].budget
    adjusted = (budget * Decimal(str(shares[year - 1]))).to_integral_value(rounding=ROUND_FLOOR)
    return min(adjusted, years[year - 1].grant)


def release_due(*, partnership: Partnership, actor, now=None) -> list[Tranche]:
    """Release every pending tranche whose conditions are accepted. Must run in the caller's transaction."""
    agreement = in_force(partnership)
    if agreement is None:
        return []
    accepted_years = set(partnership.reports.filter(state=ReviewState.ACCEPTED).values_list("year", flat=True))
    fractions = [float(agreement.advance_fraction), 1 - float(agreement.advance_fraction)]
    done = []
    for tranche in partnership.tranches.filter(state=TrancheState.PENDING).prefetch_related("milestones"):
        if not _conditions_met(tranche, accepted_years):
            continue
        amounts = funding.tranches(float(year_grant(agreement, tranche.year)), fractions)
        tranche.amount = Decimal(int(amounts[tranche.number - 1]))
        tranche.state = TrancheState.RELEASED
        tranche.released_at = now or timezone.now()
        tranche.save()
        audit.record(
            at=now,
            actor=actor,
            obj=tranche,
            action="tranche.released",
            from_state=TrancheState.PENDING,
            to_state=TrancheState.RELEASED,
            changes={"amount": str(tranche.amount), "planned": str(tranche.planned_amount)},
        )
        done.append(tranche)
    return done


def record_payment(*, actor, tranche: Tranche, amount: Decimal, paid_on, reference: str):
    """A payment against a released tranche; never more than released, never beyond the agreement."""
    with transaction.atomic():
        tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
        if tranche.state != TrancheState.RELEASED:
            raise ValidationError(_("Tranche %(t)s has not been released: nothing can be paid on it.") % {"t": tranche})
        if amount <= 0:
            raise ValidationError({"amount": _("A payment is a positive amount.")})
        paid = tranche.paid
        if paid + amount > tranche.amount:
            raise ValidationError(
                {
                    "amount": _(
                        "EUR %(amount)s is beyond the agreement: tranche %(t)s released EUR %(released)s and "
                        "EUR %(paid)s has been paid."
                    )
                    % {
                        "amount": f"{amount:,.2f}",
                        "t": f"{tranche.year}.{tranche.number}",
                        "released": f"{tranche.amount:,.2f}",
                        "paid": f"{paid:,.2f}",
                    }
                }
            )
        payment = Payment.objects.create(
            tranche=tranche, amount=amount, paid_on=paid_on, reference=reference, recorded_by=actor
        )
        audit.record(actor=actor, obj=tranche, action="tranche.paid", changes={"amount": str(amount), "ref": reference})
    return payment
