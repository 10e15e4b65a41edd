"""Page benchmark: the ministry's application list, an applicant's dashboard, and the observatory's pages.

References: the foundation issue's target of 150 ms median per list page with 500 applications and 2,000
organisations on PostgreSQL; the observatory issue's 300 ms median for a region profile, here with all the shipped
Eurostat data (130,727 values) loaded. The script builds a throw-away database (`test_<name>`), fills it, then times
each page through Django's test client (full middleware, templates and queries, no network).

    make bench                                   # PostgreSQL on localhost if reachable, else SQLite
    DATABASE_URL=postgres://... make bench       # a given server
"""

import os
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

TARGET_MS = 150.0
PROFILE_TARGET_MS = 300.0
ORGANISATIONS, APPLICATIONS, PARTNERS_PER_APPLICATION, RUNS = 2000, 500, 6, 40


def _postgres_reachable() -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 5432)) == 0


if "DATABASE_URL" not in os.environ and _postgres_reachable():
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/innopart_bench"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopart.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402


def seed():
    from innopart.accounts.enums import Role
    from innopart.accounts.models import RoleAssignment, User
    from innopart.applications.enums import SectionKind
    from innopart.applications.models import Application, Partner, Section
    from innopart.calls import services as call_services
    from innopart.calls.models import ThematicField
    from innopart.organisations.models import Membership, Organisation

    types = ["sme", "university", "research_institute", "international_company", "cluster_organisation"]
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench organisation {i:04d}",
            type=types[i % len(types)],
            country="LT",
            nace_codes=[f"{10 + i % 80}.1"],
        )
        for i in range(ORGANISATIONS)
    )
    manager = User.objects.create_user("manager@bench.example", "x", full_name="Manager")
    RoleAssignment.objects.create(user=manager, role=Role.PROGRAMME_MANAGER)
    applicant = User.objects.create_user("applicant@bench.example", "x", full_name="Applicant")
    RoleAssignment.objects.create(user=applicant, role=Role.APPLICANT)
    Membership.objects.create(user=applicant, organisation=orgs[0], role="manager")
    field = ThematicField.objects.create(code="industry-4-0", name_en="Industry 4.0", name_lt="Pramonė 4.0")
    today = timezone.localdate()
    call = call_services.create_call(
        actor=manager,
        slug="bench",
        thematic_fields=[field],
        data={
            "title": "Bench call",
            "total_budget": 15_000_000,
            "time_zone": "Europe/Vilnius",
            "publication_date": today,
            "deadline": timezone.now() + timezone.timedelta(days=90),
            "award_date": today + timezone.timedelta(days=120),
            "start_date": today + timezone.timedelta(days=200),
        },
    )
    call_services.publish_call(actor=manager, call=call)
    now = timezone.now()
    apps = Application.objects.bulk_create(
        Application(
            call=call,
            coordinator=orgs[i % 40],
            title=f"Partnership {i}",
            acronym=f"P{i:03d}",
            thematic_field=field,
            state="submitted" if i % 5 else "draft",
            submitted_at=now,
            created_by=applicant,
            duration_years=8,
        )
        for i in range(APPLICATIONS)
    )
    Partner.objects.bulk_create(
        Partner(
            application=app,
            organisation=orgs[(i * 7 + j * 13) % ORGANISATIONS] if j else app.coordinator,
            role="coordinator" if j == 0 else "partner",
            added_by=applicant,
        )
        for i, app in enumerate(apps)
        for j in range(PARTNERS_PER_APPLICATION)
    )
    Section.objects.bulk_create(Section(application=app, kind=k) for app in apps for k in SectionKind.values)
    return manager, applicant, call


def measure(client, url) -> list[float]:
    client.get(url)  # warm-up
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def main():
    creation = connection.creation
    original = connection.settings_dict["NAME"]
    creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        manager, applicant, call = seed()
        print(
            f"Database: {connection.vendor} · {ORGANISATIONS} organisations · {APPLICATIONS} applications "
            f"· {RUNS} runs per page · target {TARGET_MS:.0f} ms median"
        )
        rows = []
        for label, user, url in [
            ("ministry application list", manager, f"/manage/calls/{call.slug}/applications/"),
            ("applicant dashboard", applicant, "/applications/"),
            ("public call list", None, "/calls/"),
        ]:
            client = Client()
            if user:
                client.force_login(user)
            t = sorted(measure(client, url))
            median, p95 = statistics.median(t), t[int(len(t) * 0.95) - 1]
            rows.append((label, median, p95))
            print(
                f"  {label:<28} median {median:7.1f} ms  p95 {p95:7.1f} ms  "
                f"median/target {median / TARGET_MS:5.2f}  {'OK' if median < TARGET_MS else 'SLOW'}"
            )
        from innopart.observatory.importers import load_shipped

        start = time.perf_counter()
        load_shipped()
        print(
            f"Observatory data loaded in {time.perf_counter() - start:.1f} s · target {PROFILE_TARGET_MS:.0f} ms median"
        )
        profile_rows = []
        for label, url in [
            ("region profile LT01", "/observatory/regions/LT01/"),
            ("region profile ITC1", "/observatory/regions/ITC1/"),
            ("pilot-region comparison", "/observatory/peers/pilot-regions/"),
            ("data catalogue", "/observatory/data/"),
        ]:
            t = sorted(measure(Client(), url))
            median, p95 = statistics.median(t), t[int(len(t) * 0.95) - 1]
            profile_rows.append(median)
            print(
                f"  {label:<28} median {median:7.1f} ms  p95 {p95:7.1f} ms  "
                f"median/target {median / PROFILE_TARGET_MS:5.2f}  {'OK' if median < PROFILE_TARGET_MS else 'SLOW'}"
            )
        fast = all(m < TARGET_MS for _, m, _ in rows) and all(m < PROFILE_TARGET_MS for m in profile_rows)
        return 0 if fast else 1
    finally:
        creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
