"""A production-mode run, as docs/deployment.md describes it: DEBUG off, PostgreSQL (a private server the tests may
stop), the documented environment file, the container entry point's `init`, `web` (gunicorn) and `worker`."""

import json
import re
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .processes import REPO, PrivatePostgres, Process, free_port, get, innopart, production_env, wait_for

ENTRYPOINT = str(REPO / "deploy" / "docker" / "entrypoint.sh")
TOKEN = "scrape-token-for-tests"
HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front adds


@pytest.fixture(scope="module")
def instance(postgres_programs, tmp_path_factory):
    pg = PrivatePostgres()
    var = tmp_path_factory.mktemp("production")
    port = free_port()
    env = production_env(
        pg.url,
        var,
        INNOPART_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        METRICS_TOKEN=TOKEN,
        TASK_QUEUES="default,ops-test",
        WORKER_HEARTBEAT_SECONDS="1",
        LOG_LEVEL="INFO",
    )
    init = Process([ENTRYPOINT, "init"], env, var / "init.log")
    assert init.proc.wait(300) == 0, init.output()
    web = Process([ENTRYPOINT, "web"], env, var / "web.log")
    worker = Process([ENTRYPOINT, "worker", "--interval", "0.2"], env, var / "worker.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: get(base + "/healthz")[0] == 200, seconds=60, what="the web server answering /healthz")
        yield {"pg": pg, "env": env, "base": base, "web": web, "worker": worker, "var": var}
    finally:
        web.terminate()
        worker.terminate()
        pg.destroy()


def test_deployment_checks_pass_with_the_documented_settings(instance):
    done = innopart("check", "--deploy", "--fail-level", "WARNING", env=instance["env"])
    assert "no issues" in done.stdout + done.stderr


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = attrs.get("src") if tag in {"script", "img"} else attrs.get("href") if tag == "link" else None
        if url and url.startswith("/static/"):
            self.urls.append(url)


def test_home_page_and_every_asset_it_links_are_served(instance):
    status, body, _ = get(instance["base"] + "/", HTTPS)
    assert status == 200
    assert b"Innovation" in body or b"Innopart" in body
    parser = _Assets()
    parser.feed(body.decode())
    assert any(u.endswith(".css") for u in parser.urls) and any(u.endswith(".js") for u in parser.urls)
    for url in parser.urls:
        status, content, headers = get(instance["base"] + url, HTTPS)
        assert status == 200, url
        assert content
        # Hashed names (ManifestStaticFilesStorage) are cached for ever by WhiteNoise.
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
        assert "immutable" in headers.get("Cache-Control", ""), url
    css = next(u for u in parser.urls if u.endswith(".css"))
    _, _, headers = get(instance["base"] + css, {**HTTPS, "Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip"


def test_plain_http_is_redirected_to_https_but_probes_answer(instance):
    status, _, headers = get(instance["base"] + "/", {})
    assert status == 301
    assert headers["Location"].startswith("https://")
    assert get(instance["base"] + "/healthz", {"Host": "10.0.0.7"})[0] == 200


def _ready(instance):
    status, body, _ = get(instance["base"] + "/readyz")
    return status, json.loads(body)


def test_readiness_follows_postgres_going_away_and_coming_back(instance):
    wait_for(lambda: _ready(instance)[0] == 200, seconds=30, what="readiness")
    _, body = _ready(instance)
    assert body["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "storage": "ok",
        "diskspace": "ok",
        "taskworker": "ok",
    }

    instance["pg"].stop()
    try:
        stopped = time.monotonic()
        wait_for(lambda: _ready(instance)[0] == 503, seconds=10, what="readiness turning unavailable")
        assert time.monotonic() - stopped < 10
        _status, body = _ready(instance)
        assert body["status"] == "unavailable" and body["checks"]["database"] == "unavailable"
        assert get(instance["base"] + "/healthz")[0] == 200  # alive, only not ready
        status, metrics, _ = get(instance["base"] + "/metrics")
        assert status == 200 and b"innopart_database_up 0.0" in metrics
        wait_for(
            lambda: "worker_database_unavailable" in instance["worker"].output(),
            seconds=15,
            what="the worker noticing the database is away",
        )
    finally:
        instance["pg"].start()
    wait_for(lambda: _ready(instance)[0] == 200, seconds=20, what="readiness after PostgreSQL returned")
    # Every worker thread's kept connection died with the server: none of them may answer a page with an error.
    statuses = {get(instance["base"] + "/", HTTPS)[0] for _ in range(24)}
    statuses |= {get(instance["base"] + "/metrics")[0] for _ in range(8)}
    assert statuses == {200}
    # The worker waited for the database instead of dying, and is beating again.
    assert instance["worker"].proc.poll() is None


def test_probe_answers_reveal_no_version_or_error_text(instance):
    for path in ("/healthz", "/readyz"):
        _status, body, headers = get(instance["base"] + path)
        text = body.decode().lower()
        assert "postgres" not in text and "django" not in text and "traceback" not in text
        assert "version" not in text
        assert "no-cache" in headers.get("Cache-Control", "")
        assert "Server" not in headers or "gunicorn/" not in headers["Server"].lower()


def test_metrics_are_open_only_to_the_allowed_network_or_the_token(instance):
    get(instance["base"] + "/", HTTPS)
    status, body, _ = get(instance["base"] + "/metrics")
    assert status == 200
    text = body.decode()
    assert 'django_http_responses_total_by_status_view_method_total{method="GET",status="200",view="core:home"}' in text
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
    assert "django_db_execute_total" in text
    assert "innopart_task_queue_depth" in text and "innopart_task_workers_seen 1.0" in text
    assert "innopart_database_up 1.0" in text
    # Relayed by a proxy: the address proves nothing, only the token does.
    relayed = {"X-Forwarded-For": "203.0.113.9"}
    assert get(instance["base"] + "/metrics", relayed)[0] == 404
    assert get(instance["base"] + "/metrics", {**relayed, "Authorization": "Bearer wrong"})[0] == 404
    assert get(instance["base"] + "/metrics", {**relayed, "Authorization": f"Bearer {TOKEN}"})[0] == 200


def _log_lines(process: Process, event: str) -> list[dict]:
    found = []
    for line in process.output().splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("event") == event:
                found.append(record)
    return found


def test_requests_and_security_events_are_logged_as_json(instance):
    base = instance["base"]
    _status, body, headers = get(base + "/accounts/login/", HTTPS)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    cookie = headers["Set-Cookie"].split(";")[0]
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "nobody@example.org", "password": "x"})
    request = urllib.request.Request(
        base + "/accounts/login/",
        data=form.encode(),
        headers={**HTTPS, "Cookie": cookie, "Referer": base.replace("http:", "https:") + "/accounts/login/"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200  # the form again, with its error

    def logged():
        finished = [
            r for r in _log_lines(instance["web"], "request_finished") if r.get("request") == "POST /accounts/login/"
        ]
        failed = _log_lines(instance["web"], "login_failed")
        return finished and failed and (finished, failed)

    finished, failed = wait_for(logged, seconds=10, what="the login request in the log")
    line = finished[-1]
    assert line["code"] == 200 and line["duration_ms"] > 0 and len(line["request_id"]) >= 32
    assert "user_id" in line and line["level"] == "info"
    assert failed[-1]["level"] == "warning" and failed[-1]["username"] == "nobody@example.org"


def test_worker_finishes_its_running_task_on_sigterm_and_logs_it(instance, tmp_path):
    env = instance["env"]
    folder = tmp_path / "task"
    folder.mkdir()
    worker = Process(
        [ENTRYPOINT, "worker", "--queue-name", "ops-test", "--interval", "0.2"], env, tmp_path / "worker.log"
    )
    try:
        enqueue = innopart(
            "shell",
            "-c",
            f"from tests.ops.tasks import slow_marker; print(slow_marker.enqueue({str(folder)!r}, 3).id)",
            env=env,
        )
        task_id = enqueue.stdout.strip().splitlines()[-1]
        wait_for(lambda: (folder / "started").exists(), seconds=30, what="the task starting")
        assert not (folder / "finished").exists()
        assert worker.terminate(timeout=30) == 0, worker.output()
    finally:
        worker.kill()
    assert (folder / "finished").exists()
    state = innopart(
        "shell",
        "-c",
        f"from django_tasks_db.models import DBTaskResult; print(DBTaskResult.objects.get(id={task_id!r}).status)",
        env=env,
    )
    assert state.stdout.strip().endswith("SUCCESSFUL")
    lines = [json.loads(x) for x in Path(tmp_path / "worker.log").read_text().splitlines() if x.startswith("{")]
    finished = [x for x in lines if x.get("event") == "task_finished"]
    assert finished[0]["task_id"] == task_id and finished[0]["outcome"] == "successful"
    assert finished[0]["task_name"] == "tests.ops.tasks.slow_marker" and finished[0]["duration_ms"] >= 3000


def test_web_server_stops_cleanly_on_sigterm(instance, tmp_path):
    port = free_port()
    env = {**instance["env"], "INNOPART_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"}
    web = Process([ENTRYPOINT, "web"], env, tmp_path / "web.log")
    try:
        wait_for(lambda: get(f"http://127.0.0.1:{port}/healthz")[0] == 200, seconds=60, what="a second server")
    finally:
        code = web.terminate(timeout=40)
    assert code == 0, web.output()
    with pytest.raises(OSError):
        get(f"http://127.0.0.1:{port}/healthz", timeout=2)


def test_an_oversized_upload_is_refused_before_its_body_is_sent(instance):
    """The web server answers 413 from the declared length alone: 500 MB are announced, none is sent."""
    import socket

    host, port = instance["base"].removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            b"POST /observatory/data/upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 500000000\r\n\r\n--x\r\n"
        )
        answer = b""
        while b"</html>" not in answer:  # the head and the page may come in separate packets
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
        answer = answer.decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "The upload is too large" in answer
