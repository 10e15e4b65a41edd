"""Partnership pages at programme scale: the ministry's programme view and a partnership's overview.

Reference: the foundation issue's 150 ms median for a list page, applied to the programme view (a list of every
partnership with its money, milestones, reports and KPI lights) and to a partnership's overview. Scale: 24
partnerships (about eight rounds of two or three awards) with 8-year agreements, six KPIs, four accepted set-up
milestones, three years of reports and payments each, built through the same services the pages use, on a
throw-away database (`test_<name>`).

    python bench/partnerships.py                         # PostgreSQL on localhost if reachable, else SQLite
"""

import os
import socket
import statistics
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

TARGET_MS = 150.0
PARTNERSHIPS, RUNS = 24, 30


def _postgres_reachable() -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 5432)) == 0


if "DATABASE_URL" not in os.environ and _postgres_reachable():
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/innopart_bench"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopart.settings")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402


def seed():
    from innopart.accounts.enums import Role
    from innopart.accounts.models import RoleAssignment, User
    from innopart.applications.models import Application, Partner, PlanLine
    from innopart.calls import services as call_services
    from innopart.calls.models import ThematicField
    from innopart.demo.pdf import simple_pdf
    from innopart.organisations.models import Membership, Organisation
    from innopart.partnerships import agreements, monitoring

    manager = User.objects.create_user("manager@bench.example", "x", full_name="Manager")
    RoleAssignment.objects.create(user=manager, role=Role.PROGRAMME_MANAGER)
    head = User.objects.create_user("head@bench.example", "x", full_name="Head of unit")
    RoleAssignment.objects.create(user=head, role=Role.PROGRAMME_MANAGER)
    field = ThematicField.objects.create(code="industry-4-0", name_en="Industry 4.0", name_lt="Pramonė 4.0")
    call = call_services.create_call(
        actor=manager,
        slug="bench",
        thematic_fields=[field],
        data={
            "title": "Bench call",
            "total_budget": 100_000_000,
            "max_grant": 5_000_000,
            "time_zone": "Europe/Vilnius",
            "publication_date": date(2021, 1, 15),
            "deadline": datetime(2021, 6, 1, 15, 0, tzinfo=timezone.get_default_timezone()),
            "award_date": date(2021, 10, 1),
            "start_date": date(2023, 1, 1),
        },
    )
    call_services.publish_call(
        actor=manager, call=call, now=datetime(2021, 1, 15, 9, 0, tzinfo=timezone.get_default_timezone())
    )
    call.refresh_from_db()
    tz = timezone.get_default_timezone()
    for n in range(PARTNERSHIPS):
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"Bench {n:02d} organisation {i}", type="sme", country="LT") for i in range(6)
        )
        coordinator = User.objects.create_user(f"c{n}@bench.example", "x", full_name=f"Coordinator {n}")
        Membership.objects.create(user=coordinator, organisation=orgs[0], role="manager")
        app = Application.objects.create(
            call=call,
            coordinator=orgs[0],
            title=f"Bench partnership {n}",
            acronym=f"BENCH{n:02d}",
            thematic_field=field,
            duration_years=8,
            state="awarded",
            created_by=coordinator,
        )
        Partner.objects.bulk_create(
            Partner(application=app, organisation=o, role="coordinator" if i == 0 else "partner", added_by=coordinator)
            for i, o in enumerate(orgs)
        )
        PlanLine.objects.bulk_create(
            [PlanLine(application=app, kind="cost", category="management", year=y, amount=450_000) for y in range(1, 9)]
            + [PlanLine(application=app, kind="income", category="grant", year=y, amount=300_000) for y in range(1, 9)]
            + [
                PlanLine(application=app, kind="income", category="membership_fees", year=y, amount=150_000)
                for y in range(1, 9)
            ]
        )
        agreement = agreements.prepare_agreement(actor=manager, application=app)
        agreements.sign_for_partnership(actor=coordinator, agreement=agreement, now=datetime(2022, 12, 1, tzinfo=tz))
        agreements.countersign(actor=manager, agreement=agreement, now=datetime(2022, 12, 5, tzinfo=tz))
        partnership = agreement.partnership
        kpis = []
        for kind in ("members", "smes", "joint_projects", "international", "productivity", "own_resources"):
            kpis.append(
                monitoring.save_kpi(
                    actor=coordinator,
                    partnership=partnership,
                    kind=kind,
                    baseline=Decimal(5),
                    baseline_year=2022,
                    targets={y: Decimal(5 + y) for y in range(1, 9)},
                )
            )
        for milestone in partnership.milestones.all():
            when = datetime.combine(milestone.due_date, datetime.min.time(), tz)
            monitoring.submit_milestone(
                actor=coordinator,
                milestone=milestone,
                report="Done as planned, see the minutes.",
                evidence=ContentFile(simple_pdf("minutes"), "m.pdf"),
                now=when,
            )
            monitoring.review_milestone(actor=manager, milestone=milestone, accept=True, comment="", now=when)
        for year in (1, 2, 3):
            when = datetime(2023 + year, 2, 1, tzinfo=tz)
            report = monitoring.save_report(
                actor=coordinator,
                partnership=partnership,
                year=year,
                narrative="The year's activities ran as planned; details in the annexes of this report.",
                own_resources=Decimal(160_000),
                actuals={k: (Decimal(5 + year), k.unit, None) for k in kpis},
                now=when,
            )
            monitoring.submit_report(actor=coordinator, report=report, now=when)
            monitoring.review_report(actor=manager, report=report, note="Checked.", now=when)
            monitoring.decide_report(actor=head, report=report, accept=True, comment="", now=when)
        for tranche in partnership.tranches.filter(state="released"):
            agreements.record_payment(
                actor=manager, tranche=tranche, amount=tranche.amount, paid_on=date(2025, 1, 1), reference="B"
            )
    from innopart.partnerships.models import Partnership

    return manager, Partnership.objects.order_by("pk").first()


def measure(client, url) -> tuple[list[float], int]:
    client.get(url)  # warm-up (charts are cached by their spec after the first drawing)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings, len(queries)


def main():
    creation = connection.creation
    original = connection.settings_dict["NAME"]
    creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        start = time.perf_counter()
        manager, partnership = seed()
        print(
            f"Database: {connection.vendor} · {PARTNERSHIPS} partnerships built through the services in "
            f"{time.perf_counter() - start:.1f} s · {RUNS} runs per page · target {TARGET_MS:.0f} ms median"
        )
        client = Client()
        client.force_login(manager)
        ok = True
        for label, url in [
            ("programme view", "/programme/"),
            ("partnership overview", f"/partnerships/{partnership.pk}/"),
            ("partnership KPIs", f"/partnerships/{partnership.pk}/kpis/"),
        ]:
            t, queries = measure(client, url)
            t.sort()
            median, p95 = statistics.median(t), t[int(len(t) * 0.95) - 1]
            ok = ok and median < TARGET_MS
            print(
                f"  {label:<22} median {median:7.1f} ms  p95 {p95:7.1f} ms  {queries:4d} queries  "
                f"median/target {median / TARGET_MS:5.2f}  {'OK' if median < TARGET_MS else 'SLOW'}"
            )
        if os.environ.get("PROFILE"):
            import cProfile
            import pstats

            cProfile.runctx("client.get('/programme/')", globals(), {"client": client}, "/tmp/prog.prof")
            pstats.Stats("/tmp/prog.prof").sort_stats("cumulative").print_stats(25)
        return 0 if ok else 1
    finally:
        creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
