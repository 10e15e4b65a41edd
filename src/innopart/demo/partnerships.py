"""The pilot round's two awarded partnerships with three years of history (2023-2025), all through the services:
agreements signed in December 2022, the four set-up milestones (one returned once before acceptance), an action plan
tied to the existing programmes, delivery activities, membership changes, KPIs with targets, three annual reports
per partnership (reviewed by the support agency, decided by the ministry), tranches released by those acceptances
and the ministry's payments. The figures are invented for the demonstration, like the applications they follow.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from innopart.partnerships import agreements, monitoring, services
from innopart.partnerships.enums import TrancheState
from innopart.partnerships.models import Action, Activity, Objective, Partnership, RoadmapItem

from .pdf import simple_pdf

ZONE = timezone.get_default_timezone()

# kind, baseline (2022), yearly targets 2023-2030, actuals 2023-2025
KPIS = {
    "ROBOLINE": [
        ("members", 6, [7, 9, 11, 13, 15, 16, 17, 18], [8, 10, 12]),
        ("smes", 2, [3, 5, 7, 9, 10, 11, 12, 12], [3, 4, 7]),
        ("joint_projects", 0, [2, 4, 6, 8, 10, 12, 14, 16], [2, 5, 6]),
        ("international", 1, [1, 2, 3, 3, 4, 4, 5, 5], [1, 2, 2]),
        ("productivity", 41000, [41500, 42500, 44000, 45500, 47000, 48500, 50000, 51500], [41800, 42100, 44600]),
        ("own_resources", 15, [20, 20, 30, 40, 50, 60, 70, 70], [21, 24, 33]),
    ],
    "AGRIVAL": [
        ("members", 6, [7, 8, 10, 12, 13, 14, 15, 16], [7, 9, 9]),
        ("smes", 3, [3, 4, 6, 8, 9, 10, 11, 12], [3, 4, 5]),
        ("joint_projects", 0, [1, 3, 5, 7, 9, 11, 13, 15], [1, 3, 4]),
        ("product_value", 0, [0, 250000, 800000, 1500000, 2500000, 3500000, 4500000, 5500000], [0, 180000, 650000]),
        ("resource_efficiency", 210, [205, 200, 190, 180, 170, 160, 150, 140], [207, 196, 192]),
        ("own_resources", 15, [20, 20, 30, 40, 50, 60, 70, 70], [19, 22, 28]),
    ],
}
# Own resources received per year (EUR) against a plan of 67,500 / 108,000 / 148,500 (the applications' plans).
OWN = {"ROBOLINE": [95000, 108000, 150000], "AGRIVAL": [85000, 99000, 126000]}

PLAN = {
    "ROBOLINE": {
        "objectives": ["Robotic lines in 30 manufacturing SMEs by 2030", "A shared test bed for line integration"],
        "actions": [
            (
                "Coordination office and governance rules",
                "bsmc",
                (2023, 1, 2),
                (2023, 6, 30),
                [],
                ["inoklaster"],
                False,
            ),
            ("Pilot: robot cell for a furniture SME", "robotika", (2023, 3, 1), (2023, 12, 15), [], ["vouchers"], True),
            (
                "Training of the coordination managers",
                "bsmc",
                (2023, 9, 1),
                (2024, 6, 30),
                ["training"],
                ["clusterfy"],
                False,
            ),
            (
                "Test bed at VILNIUS TECH",
                "vilniustech",
                (2024, 1, 1),
                (2026, 12, 31),
                ["infrastructure"],
                ["erdf"],
                False,
            ),
            (
                "Joint R&D on vision-guided assembly",
                "dataforge",
                (2024, 6, 1),
                (2027, 5, 31),
                ["funding"],
                ["intelektas", "horizon"],
                False,
            ),
        ],
        "activities": [
            ("research", "Vision-guided assembly (Intelektas project)", 0, 2),
            ("training", "Cluster management training, two managers", 0, 1),
            ("international", "Joint stand at Automatica, Munich", 0, 2),
            ("member_support", "Automation audits for 12 SMEs", 0, 3),
            ("exchange", "Staff exchange with the Swedish key partner", 1, 3),
        ],
        "joined": [("lasertech", date(2024, 5, 1), "Brings laser processing to the test bed.")],
        "left": [],
    },
    "AGRIVAL": {
        "objectives": ["Higher-value products from agri-food residues", "Lower energy use per unit of output"],
        "actions": [
            (
                "Partnership management and secretariat",
                "nemunas",
                (2023, 1, 2),
                (2023, 5, 31),
                [],
                ["inoklaster"],
                False,
            ),
            (
                "Pilot: protein extraction trial with two dairies",
                "agrovita",
                (2023, 4, 1),
                (2023, 11, 30),
                [],
                ["vouchers"],
                True,
            ),
            (
                "Regulatory sandbox for by-product feed",
                "nemunas",
                (2023, 9, 1),
                (2024, 12, 31),
                ["regulation"],
                [],
                False,
            ),
            (
                "Pilot biorefinery line",
                "lammc",
                (2024, 3, 1),
                (2026, 12, 31),
                ["infrastructure"],
                ["erdf", "horizon"],
                False,
            ),
        ],
        "activities": [
            ("research", "Protein and fibre from brewers' spent grain", 0, 2),
            ("marketing", "Joint brand for upcycled ingredients", 0, 3),
            ("training", "Cluster management training", 1, 1),
            ("member_support", "Energy audits for member plants", 1, 2),
        ],
        "joined": [("greenchem", date(2024, 2, 1), "Green-chemistry processing of fibres.")],
        "left": [("ekorecycle", date(2025, 3, 31), "Refocused on municipal waste; left by agreement.")],
    },
}


def _at(y, m, d, h=10) -> datetime:
    return timezone.make_aware(datetime(y, m, d, h, 0), ZONE)


def load_partnerships(ctx: dict, applications: dict) -> None:
    if Partnership.objects.exists():
        return
    users = ctx["users"]
    manager = users["manager@eimin.example"]
    adviser = users["adviser@mita.example"]
    for acronym in ("ROBOLINE", "AGRIVAL"):
        application = applications[acronym]
        application.refresh_from_db()
        coordinator = next(
            u for u in users.values() if u.memberships.filter(organisation=application.coordinator).exists()
        )
        _partnership(ctx, acronym, application, coordinator, manager, adviser)
    _roadmap(manager)


def _partnership(ctx, acronym, application, coordinator, manager, adviser) -> None:
    orgs = ctx["orgs"]
    agreement = agreements.prepare_agreement(actor=manager, application=application, now=_at(2022, 12, 1))
    agreements.sign_for_partnership(actor=coordinator, agreement=agreement, now=_at(2022, 12, 12))
    agreements.countersign(actor=manager, agreement=agreement, now=_at(2022, 12, 20))
    partnership = agreement.partnership
    for kind, baseline, targets, _actuals in KPIS[acronym]:
        monitoring.save_kpi(
            actor=coordinator,
            partnership=partnership,
            kind=kind,
            baseline=Decimal(baseline),
            baseline_year=2022,
            targets={i + 1: Decimal(t) for i, t in enumerate(targets)},
            now=_at(2023, 2, 1),
        )
    plan = PLAN[acronym]
    objectives = [
        services.save_objective(actor=coordinator, objective=Objective(partnership=partnership, title=title))
        for title in plan["objectives"]
    ]
    for title, owner, starts, ends, support, programmes, pilot in plan["actions"]:
        done = date(*ends) < date(2025, 12, 31)
        services.save_action(
            actor=coordinator,
            action=Action(
                partnership=partnership,
                title=title,
                owner=orgs[owner],
                starts=date(*starts),
                ends=date(*ends),
                policy_support=support,
                programmes=programmes,
                is_pilot=pilot,
                status="done" if done else "ongoing",
            ),
        )
    for kind, title, objective, year in plan["activities"]:
        services.save_activity(
            actor=coordinator,
            activity=Activity(
                partnership=partnership,
                kind=kind,
                title=title,
                objective=objectives[objective],
                year=year,
                status="done" if year < 3 else "ongoing",
            ),
        )
    for key, on, reason in plan["joined"]:
        services.change_membership(
            actor=coordinator, partnership=partnership, organisation=orgs[key], kind="joined", on=on, reason=reason
        )
    for key, on, reason in plan["left"]:
        services.change_membership(
            actor=coordinator, partnership=partnership, organisation=orgs[key], kind="left", on=on, reason=reason
        )
    _milestones(acronym, partnership, coordinator, manager)
    _reports(acronym, partnership, coordinator, manager, adviser)
    _payments(partnership, manager)


def _milestones(acronym, partnership, coordinator, manager) -> None:
    for milestone in partnership.milestones.all():
        submitted = timezone.make_aware(datetime.combine(milestone.due_date - timedelta(days=10), datetime.min.time()))
        evidence = ContentFile(simple_pdf(f"{acronym}: {milestone.get_kind_display()} (demo evidence)"), "e.pdf")
        text = f"{milestone.get_kind_display()}: done, see the attached minutes and documents."
        monitoring.submit_milestone(
            actor=coordinator, milestone=milestone, report=text, evidence=evidence, now=submitted
        )
        if acronym == "AGRIVAL" and milestone.kind == "embedding":
            monitoring.review_milestone(
                actor=manager,
                milestone=milestone,
                accept=False,
                comment="Name the contact points at MITA and the Ministry of Agriculture, and the programmes used.",
                now=submitted + timedelta(days=7),
            )
            monitoring.submit_milestone(
                actor=coordinator,
                milestone=milestone,
                report=text + " Contact points and programmes are listed in annex 2.",
                now=submitted + timedelta(days=20),
            )
            submitted += timedelta(days=20)
        monitoring.review_milestone(
            actor=manager, milestone=milestone, accept=True, comment="", now=submitted + timedelta(days=7)
        )


def _reports(acronym, partnership, coordinator, manager, adviser) -> None:
    kpis = {k.kind: k for k in partnership.kpis.all()}
    for year in (1, 2, 3):
        calendar = 2022 + year
        actuals = {
            kpis[kind]: (Decimal(values[year - 1]), kpis[kind].unit, None) for kind, _b, _t, values in KPIS[acronym]
        }
        written = _at(calendar + 1, 2, 10)
        report = monitoring.save_report(
            actor=coordinator,
            partnership=partnership,
            year=year,
            narrative=f"{acronym} in {calendar}: the activities of the action plan ran as planned; "
            "details per activity and the members' figures are in the annexes.",
            own_resources=Decimal(OWN[acronym][year - 1]),
            actuals=actuals,
            public_summary=f"{acronym} in {calendar}: the partners ran the joint activities of the year's action plan "
            f"and raised EUR {OWN[acronym][year - 1]:,} of their own resources.",
            now=written,
        )
        monitoring.submit_report(actor=coordinator, report=report, now=written + timedelta(days=5))
        if acronym == "ROBOLINE" and year == 3:
            continue  # submitted in February 2026 and waiting for the agency's review
        monitoring.review_report(
            actor=adviser,
            report=report,
            note="Figures checked against the members' statements.",
            verification={k.pk: "verified" for k in actuals},
            now=written + timedelta(days=20),
        )
        if acronym == "AGRIVAL" and year == 3:
            continue  # reviewed, waiting for the ministry's decision
        monitoring.decide_report(
            actor=manager, report=report, accept=True, comment="", now=written + timedelta(days=30)
        )


def _payments(partnership, manager) -> None:
    for tranche in partnership.tranches.filter(state=TrancheState.RELEASED).order_by("year", "number"):
        released = tranche.released_at.date()
        agreements.record_payment(
            actor=manager,
            tranche=tranche,
            amount=tranche.amount,
            paid_on=released + timedelta(days=14),
            reference=f"EIMIN-{partnership.acronym}-{tranche.year}.{tranche.number}",
        )


def _roadmap(manager) -> None:
    notes = {
        1: ("done", "Fields chosen for the pilot round: circular economy and Industry 4.0."),
        2: ("done", "Pilot call published on 15 January 2022; the 2026 call is open in the platform."),
        3: ("done", "Pilot deadline 2 June 2022."),
        4: ("done", "ROBOLINE and AGRIVAL awarded; letters tell every bidder how to improve."),
        5: ("done", "Coordinators appointed with both partnerships."),
        6: ("done", "Set-up milestones of both partnerships accepted (2023-2024)."),
        7: ("in_progress", "Delivery phase since 2025; reports for 2025 in review."),
    }
    for item in RoadmapItem.objects.all():
        status, note = notes.get(item.order, ("not_started", ""))
        services.set_roadmap_status(actor=manager, item=item, status=status, note=note)
