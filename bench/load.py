"""Load benchmark: the production server (gunicorn, four workers) and a task worker on PostgreSQL, EU-size data.

    python bench/load.py                  # EU size (5,000 applications, 15,000 experts); about 10 minutes
    python bench/load.py --scale 500 --seconds 20 --rush 200      # a quicker look

First each page alone (one client, ten requests: what a page costs without a queue). Then four timed phases, each
`--seconds` long with `--clients` threads on this machine (the load generator shares its cores with the server, as
in the issue's measurement):
1. the floor: Django's cheapest answer on the same server and database (a 404 page through every middleware), the
   reference every other figure is divided by;
2. the public pages alone: the home page, the call list, the calls API, a region profile, the map;
3. the mix of the scale-out issue, closed loop (each client sends its next request as soon as it has an answer):
   applicants reading and saving sections and reading their plan, jurors reading an application and saving
   scores, the ministry reading the ranking, the application list and the jury page, and the public pages above.
   A save is one request, the POST of the form the person read just before (a browser does not read the page again
   to send it; until 2026-12-04 the save's figure also held that reading). This measures the capacity; its
   latencies are mostly the wait in the queue (clients / throughput);
4. the same mix, open loop: requests arrive on a fixed Poisson schedule at `--load` (default half) of the
   capacity measured in 3, latencies counted from each request's scheduled arrival.
It prints throughput and p50/p95/p99 per page type and the errors. Targets: no errors; p95 under 300 ms for every
page type in phase 4; public pages (phase 2) at 30 % or more of the floor's throughput.

Then the deadline rush: `--rush` complete draft applications (default 1,000) on a call whose deadline passes in
the middle of the run, submitted over two minutes. Every submission before the deadline must be accepted and
complete (a snapshot, the submitted state, one audit row), every one after it refused with the deadline message
and left a draft, nothing half-saved, no server error.

The database is `innopart_load` on the local PostgreSQL (DATABASE_URL to change it); it is created, migrated and
filled on the first run (`innopart demo --scale`), reused afterwards. Sessions are made directly in the database
(logging a thousand people in would measure password hashing, which is slow on purpose).
"""

import argparse
import itertools
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
DATABASE = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/innopart_load")
SECRET = secrets.token_urlsafe(50)
os.environ.update({"DATABASE_URL": DATABASE, "SECRET_KEY": SECRET, "DJANGO_SETTINGS_MODULE": "innopart.settings"})
HOST = "innopart.test"
P95_TARGET_MS, PUBLIC_SHARE_TARGET = 300.0, 0.30


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(_NoRedirect)


class Client:
    """One person's session against the server, as through the TLS proxy of the public name."""

    def __init__(self, base: str, session: str | None = None):
        self.base, self.cookies = base, {"csrftoken": secrets.token_hex(16)}
        if session:
            self.cookies["sessionid"] = session

    def request(self, path: str, fields: dict | None = None) -> tuple[int, str]:
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{HOST}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        data = None
        if fields is not None:
            data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookies["csrftoken"], **fields}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with OPENER.open(request, timeout=60) as response:
                self._keep(response.headers)
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            self._keep(error.headers)
            return error.code, error.read().decode(errors="replace")

    def _keep(self, headers) -> None:
        """The cookies the server sets (the messages of the next page travel in one)."""
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', page
    )
    return found.group(1) if found else ""


# -- preparing the data (in this process, with Django) -------------------------------------------------------------


def prepare(scale: int, rush: int, clients: int) -> dict:
    import django

    if not _database_exists():
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE.rsplit("/", 1)[1]], check=True)
    subprocess.run([str(BIN / "innopart"), "migrate", "-v0"], check=True)
    django.setup()
    from innopart.calls.models import Call
    from innopart.demo.scale import SLUG

    if not Call.objects.filter(slug=SLUG).exists():
        print(f"Loading the demo and an EU-size competition of {scale:,} applications ...", flush=True)
        subprocess.run([str(BIN / "innopart"), "demo", "--scale", str(scale)], check=True, stdout=subprocess.DEVNULL)
    from bench import load_data

    return load_data.actors(clients=clients, rush=rush)


def _database_exists() -> bool:
    name = DATABASE.rsplit("/", 1)[1]
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() == "1"


# -- traffic -------------------------------------------------------------------------------------------------------


def public_actions(client: Client, data: dict):
    pages = [
        ("public: home", "/"),
        ("public: calls", "/calls/"),
        ("public: calls API", "/api/calls"),
        ("public: region profile", "/observatory/regions/LT01/"),
        ("public: map", "/observatory/map/"),
    ]
    while True:
        for label, path in pages:
            yield label, lambda p=path: client.request(p)


def applicant_actions(client: Client, data: dict, application: int):
    section = f"/applications/{application}/sections/market/"
    read: dict[str, str] = {}

    def look():
        status, read["page"] = client.request(section)
        return status, read["page"]

    def save():
        # The form the person has just read is the one they send, as a browser does: the save is one request.
        return client.request(
            section,
            {"body": f"Market analysis, saved at {time.time():.3f}.", "version": hidden(read["page"], "version")},
        )

    while True:
        yield "applicant: section", look
        yield "applicant: save section", save
        yield "applicant: plan", lambda: client.request(f"/applications/{application}/plan/")


def juror_actions(client: Client, data: dict, application: int):
    path = f"/jury/{data['scale_slug']}/applications/{application}/"
    fields = {"scores": "1"}
    for criterion in ("potential", "network", "implementation", "future"):
        fields |= {f"{criterion}-score": "3.5", f"{criterion}-justification": "Solid plan, thin market evidence."}
    read: dict[str, str] = {}

    def look():
        status, read["page"] = client.request(path)
        return status, read["page"]

    def score():
        return client.request(path, fields | {"edit_token": hidden(read["page"], "edit_token")})

    while True:
        yield "juror: application", look
        yield "juror: save scores", score


def ministry_actions(client: Client, data: dict):
    slug = data["scale_slug"]
    pages = [
        ("ministry: ranking", f"/manage/calls/{slug}/ranking/"),
        ("ministry: applications", f"/manage/calls/{slug}/applications/?sort=-partners"),
        ("ministry: jury", f"/manage/calls/{slug}/jury/"),
    ]
    while True:
        for label, path in pages:
            yield label, lambda p=path: client.request(p)


def floor_actions(client: Client, data: dict):
    while True:
        yield "floor: 404 page", lambda: client.request("/bench-floor-not-a-page/")


def arrivals(rate: float, seconds: float, seed: int = 7) -> list[float]:
    """Poisson arrivals at ``rate`` a second over ``seconds``: offsets from the start, the same on every run."""
    draw, at, found = random.Random(seed), 0.0, []
    while True:
        at += draw.expovariate(rate)
        if at >= seconds:
            return found
        found.append(at)


def run_phase(base: str, data: dict, clients: int, seconds: float, kind: str, rate: float | None = None) -> dict:
    """``clients`` threads, each one person (a role, a session). Closed loop (no ``rate``): each sends its next
    request as soon as the last is answered, which measures capacity; the latency is then mostly the wait in the
    queue. Open loop (``rate``): requests arrive on a fixed Poisson schedule whatever the server's pace, taken by
    whichever person is free, and each latency counts from the scheduled arrival, so a request that waited for a
    free client counts its wait (no coordinated omission)."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    schedule = arrivals(rate, seconds) if rate else None
    taken = itertools.count()
    began = time.perf_counter() + 0.5  # the threads start before the first arrival

    def actions_for(i: int):
        if kind == "floor":
            return floor_actions(Client(base), data)
        if kind == "public":
            return public_actions(Client(base), data)
        role = i % 4
        if role == 0:
            a = data["applicants"][i % len(data["applicants"])]
            return applicant_actions(Client(base, a["session"]), data, a["application"])
        if role == 1:
            j = data["jurors"][i % len(data["jurors"])]
            return juror_actions(Client(base, j["session"]), data, j["application"])
        if role == 2 and i % 8 == 2:
            return ministry_actions(Client(base, data["manager_session"]), data)
        return public_actions(Client(base), data)

    def worker(i: int):
        for label, action in actions_for(i):
            if schedule is None:
                if time.monotonic() >= stop:
                    return
                start = time.perf_counter()
            else:
                with lock:
                    k = next(taken)
                if k >= len(schedule):
                    return
                start = began + schedule[k]
                time.sleep(max(0.0, start - time.perf_counter()))
            try:
                status, body = action()
            except OSError as error:
                status, body = 0, str(error)
            elapsed = time.perf_counter() - start
            expected = 404 if label.startswith("floor") else None
            bad = status != expected if expected else not (200 <= status < 400)
            with lock:
                timings[label].append(elapsed)
                if bad:
                    errors[label].append(f"{status}: {body[:200]}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = seconds if schedule is not None else time.perf_counter() - started
    return {"timings": timings, "errors": errors, "seconds": elapsed}


def run_alone(base: str, data: dict, repeats: int = 10) -> dict:
    """Each page type on its own, one request at a time: what a page costs the server without queueing behind
    others (under the closed-loop phases, latency is mostly the wait for a free worker)."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    applicant, juror = data["applicants"][0], data["jurors"][0]
    sessions = [
        public_actions(Client(base), data),
        applicant_actions(Client(base, applicant["session"]), data, applicant["application"]),
        juror_actions(Client(base, juror["session"]), data, juror["application"]),
        ministry_actions(Client(base, data["manager_session"]), data),
    ]
    began = time.perf_counter()
    for actions in sessions:
        for label, action in actions:
            if len(timings[label]) >= repeats:
                break
            start = time.perf_counter()
            status, body = action()
            timings[label].append(time.perf_counter() - start)
            if not (200 <= status < 400):
                errors[label].append(f"{status}: {body[:200]}")
    return {"timings": timings, "errors": errors, "seconds": time.perf_counter() - began}


def warm_up(base: str, data: dict) -> None:
    """Each page once, as a running deployment has them: the first reading after a change computes and caches."""
    sessions = [
        public_actions(Client(base), data),
        ministry_actions(Client(base, data["manager_session"]), data),
    ]
    for actions in sessions:
        for _ in range(5):
            _label, action = next(actions)
            action()


def _redis_reachable() -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


def report(title: str, phase: dict, floor_rate: float | None) -> tuple[float, bool]:
    print(f"\n{title} ({phase['seconds']:.0f} s)")
    print(f"  {'page':32} {'requests':>8} {'per s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
    ok, total = True, 0
    for label in sorted(phase["timings"]):
        times = sorted(phase["timings"][label])
        count = len(times)
        total += count
        p50, p95, p99 = (1000 * times[min(count - 1, int(q * count))] for q in (0.5, 0.95, 0.99))
        errors = len(phase["errors"].get(label, []))
        ok &= errors == 0 and (label.startswith("floor") or p95 <= P95_TARGET_MS)
        print(f"  {label:32} {count:8} {count / phase['seconds']:7.1f} {p50:7.0f} {p95:7.0f} {p99:7.0f} {errors:6}")
    rate = total / phase["seconds"]
    line = f"  all: {rate:.1f} requests/s"
    if floor_rate:
        line += f", {rate / floor_rate:.0%} of the floor"
    print(line)
    for label, found in phase["errors"].items():
        print(f"  first error on {label}: {found[0]}")
    return rate, ok


# -- the deadline rush ---------------------------------------------------------------------------------------------


def rush(base: str, data: dict, clients: int, window: float = 120.0) -> bool:
    import django.db
    from bench import load_data

    drafts = data["rush"]
    deadline = load_data.set_rush_deadline(data["rush_call"], seconds_from_now=window / 2 + 5)
    print(f"\nDeadline rush: {len(drafts):,} submissions over {window:.0f} s; the deadline passes half-way")
    time.sleep(5)
    start = time.monotonic()
    answers: dict[int, tuple[float, int, str]] = {}
    lock = threading.Lock()
    queue = list(enumerate(drafts))

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                i, draft = queue.pop(0)
            due = start + window * i / len(drafts)
            time.sleep(max(0.0, due - time.monotonic()))
            client = Client(base, draft["session"])
            sent = time.time()
            status, _ = client.request(f"/applications/{draft['application']}/submit/", {})
            page = client.request(f"/applications/{draft['application']}/")[1]
            with lock:
                answers[draft["application"]] = (sent, status, page)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    django.db.connections.close_all()
    outcome = load_data.rush_outcome([d["application"] for d in drafts], deadline)
    server_errors = sum(1 for _sent, status, _ in answers.values() if status >= 500 or status == 0)
    refused_said = sum(1 for pk in outcome["refused"] if "deadline for this call passed" in answers[pk][2])
    print(
        f"  accepted {len(outcome['accepted']):,} (all before the deadline: {outcome['accepted_in_time']}, "
        f"complete with a snapshot: {outcome['complete']}, audit rows {outcome['audit_rows']:,}); "
        f"refused {len(outcome['refused']):,} (left drafts: {outcome['refused_drafts']}, told the deadline "
        f"passed: {refused_said:,}); server errors {server_errors}"
    )
    return (
        server_errors == 0
        and outcome["accepted_in_time"]
        and outcome["complete"]
        and outcome["refused_drafts"]
        and outcome["audit_rows"] == len(outcome["accepted"])
        and refused_said == len(outcome["refused"])
        and len(outcome["accepted"]) + len(outcome["refused"]) == len(drafts)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="5000", help="applications in the EU-size competition (first run)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rush", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--alone-only", action="store_true", help="only each page alone (what each page costs)")
    parser.add_argument(
        "--load", type=float, default=0.5, help="offered load of the open-loop phase, as a share of the mixed capacity"
    )
    options = parser.parse_args()
    data = prepare(int(options.scale), options.rush, options.clients)
    from tests.ops.processes import Process, documented_production_env, free_port, wait_for

    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp)
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
            **documented_production_env(),
            "DATABASE_URL": DATABASE,
            "SECRET_KEY": SECRET,
            "INNOPART_VAR_DIR": str(var),
            "MEDIA_ROOT": str(data["media_root"]),
            "STATIC_ROOT": str(var / "static"),
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "SITE_URL": f"https://{HOST}",
            "INNOPART_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(options.workers),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        if _redis_reachable():  # one cache for the four workers, as the deployment guide advises for several
            env["CACHE_URL"] = "redis://127.0.0.1:6379/7"
        subprocess.run([str(BIN / "innopart"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
        server = Process([str(BIN / "innopart"), "serve"], env, var / "web.log")
        # The task worker, as in a deployment: the ranking's uncertainty after new scores is its work.
        worker = Process([str(BIN / "innopart"), "worker"], env, var / "worker.log")
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: Client(base).request("/healthz")[0] == 200, seconds=60, what="the web server")
            cache = "Redis" if "CACHE_URL" in env else "each worker's memory"
            print(
                f"Server: gunicorn, {options.workers} workers, PostgreSQL, cache in {cache}; "
                f"{options.clients} clients on this machine"
            )
            warm_up(base, data)
            alone = run_alone(base, data)
            report("Each page alone (one client, ten requests each)", alone, None)
            if options.alone_only:
                return 0
            floor = run_phase(base, data, options.clients, options.seconds, "floor")
            floor_rate, _ = report("Floor: a 404 page", floor, None)
            public = run_phase(base, data, options.clients, options.seconds, "public")
            public_rate, _ = report("Public pages", public, floor_rate)
            public_ok = not public["errors"]  # their latency counts in the open-loop mix
            mixed = run_phase(base, data, options.clients, options.seconds, "mixed")
            capacity, saturated_ok = report("Mixed traffic, closed loop: the capacity", mixed, floor_rate)
            rate = options.load * capacity
            offered = run_phase(base, data, options.clients, options.seconds, "mixed", rate=rate)
            _, mixed_ok = report(
                f"Mixed traffic, open loop: {rate:.1f} requests/s arriving ({options.load:.0%} of the capacity)",
                offered,
                floor_rate,
            )
            rush_ok = rush(base, data, options.clients) if data["rush"] else True
        finally:
            server.terminate()
            worker.terminate()
    share = public_rate / floor_rate if floor_rate else 0.0
    print(
        f"\nAt capacity (closed loop) p95 <= {P95_TARGET_MS:.0f} ms: {'met' if saturated_ok else 'NOT met'} "
        f"(there the wait for a free worker is clients / throughput, whatever a page costs)"
    )
    print(
        f"Targets: p95 <= {P95_TARGET_MS:.0f} ms and no errors at {options.load:.0%} of the capacity: "
        f"{'met' if public_ok and mixed_ok else 'NOT met'}; "
        f"public pages at {share:.0%} of the floor (target {PUBLIC_SHARE_TARGET:.0%}): "
        f"{'met' if share >= PUBLIC_SHARE_TARGET else 'NOT met'}; deadline rush: {'met' if rush_ok else 'NOT met'}"
    )
    return 0 if public_ok and mixed_ok and rush_ok and share >= PUBLIC_SHARE_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
