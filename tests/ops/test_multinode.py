"""Several machines on one: two web nodes (the production server on two ports) and two task workers against one
PostgreSQL, sharing one upload directory, as docs/deployment.md's "Several machines" describes. A load balancer
sends each request to either node under the site's one public name; so does this test (Host: innopart.test).

Each test checks one promise of that section: a person signed in through node A carries on through node B (the
session and the CSRF token); a file uploaded through A downloads through B; failed logins spread over both nodes
lock the account; and the decision letters, one task each, are written exactly once by the two workers while one
of them is killed in the middle of a letter.
"""

import json
import re
import secrets
import signal
import time
import urllib.request
import uuid
from html.parser import HTMLParser

import psycopg
import pytest

from .processes import REPO, PrivatePostgres, Process, free_port, get, innopart, production_env, send, wait_for

ENTRYPOINT = str(REPO / "deploy" / "docker" / "entrypoint.sh")
PUBLIC = "https://innopart.test"
DEMO_PASSWORD = "innopart-demo"


@pytest.fixture(scope="module")
def cluster(postgres_programs, tmp_path_factory):
    pg = PrivatePostgres()
    shared = tmp_path_factory.mktemp("shared-uploads")  # on real hosts: NFS, or S3 through django-storages
    common = {
        "SECRET_KEY": secrets.token_urlsafe(50),  # the same on every node, or sessions and tokens break
        "MEDIA_ROOT": str(shared),
        "ALLOWED_HOSTS": "innopart.test,127.0.0.1",
        "SITE_URL": PUBLIC,
        "WEB_CONCURRENCY": "2",
        "WORKER_HEARTBEAT_SECONDS": "1",
        "WORKER_LOST_AFTER_SECONDS": "4",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    nodes, processes = {}, []
    try:
        for name in ("a", "b"):
            port = free_port()
            var = tmp_path_factory.mktemp(f"node-{name}")
            env = production_env(pg.url, var, INNOPART_BIND=f"127.0.0.1:{port}", **common)
            nodes[name] = {"env": env, "base": f"http://127.0.0.1:{port}", "var": var}
        init = Process([ENTRYPOINT, "init"], nodes["a"]["env"], nodes["a"]["var"] / "init.log")
        assert init.proc.wait(300) == 0, init.output()
        innopart("collectstatic", "--noinput", "--verbosity", "0", env=nodes["b"]["env"])  # each host its own
        innopart("demo", env=nodes["a"]["env"], timeout=600)
        for name, node in nodes.items():
            node["web"] = Process([ENTRYPOINT, "web"], node["env"], node["var"] / "web.log")
            node["worker"] = Process(
                [ENTRYPOINT, "worker", "--interval", "0.2", "--worker-id", f"worker-{name}"],
                node["env"],
                node["var"] / "worker.log",
            )
            processes += [node["web"], node["worker"]]
        for node in nodes.values():
            wait_for(lambda n=node: get(n["base"] + "/healthz")[0] == 200, seconds=60, what="a web node")
        yield {"pg": pg, **nodes}
    finally:
        for process in processes:
            if process.proc.poll() is None:
                process.terminate()
        pg.destroy()


class Browser:
    """One person's cookies, sent to whichever node; every request as through the TLS proxy of the public name."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.cookies: dict[str, str] = {}

    def _headers(self, path: str, extra=None) -> dict:
        headers = {"Host": "innopart.test", "X-Forwarded-Proto": "https", "Referer": PUBLIC + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def _keep(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def request(self, node: str, path: str, data: bytes | None = None, content_type: str | None = None):
        extra = {"Content-Type": content_type} if content_type else {}
        url = self.cluster[node]["base"] + path
        status, body, headers = send(urllib.request.Request(url, data=data, headers=self._headers(path, extra)), 60)
        self._keep(headers)
        return status, body, headers

    def get(self, node: str, path: str):
        return self.request(node, path)

    def post(self, node: str, path: str, fields: dict, files: dict | None = None):
        """A multipart POST of `fields` and `files` ({name: (filename, bytes)}), with this browser's CSRF cookie."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {"csrfmiddlewaretoken": self.csrf_token, **fields}.items():
            for one in value if isinstance(value, list) else [value]:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{one}\r\n'.encode())
        for name, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: application/pdf\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(node, path, body, f"multipart/form-data; boundary={boundary}")

    @property
    def csrf_token(self) -> str:
        return self.cookies.get("csrftoken", "")

    def sign_in(self, node: str, email: str, password: str = DEMO_PASSWORD):
        self.get(node, "/accounts/login/")
        return self.post(node, "/accounts/login/", {"username": email, "password": password})


class _Form(HTMLParser):
    """The fields of the first POST form on a page that has a field named `marker`, with their current values."""

    def __init__(self, marker: str):
        super().__init__(convert_charrefs=True)
        self.marker, self.forms, self._select, self._textarea = marker, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.forms.append({})
        elif self.forms and a.get("name"):
            form = self.forms[-1]
            kind = (a.get("type") or "").lower()
            if tag == "input" and kind not in ("file", "submit") and (kind != "checkbox" or "checked" in a):
                form[a["name"]] = a.get("value", "")
            elif tag == "select":
                self._select = a["name"]
            elif tag == "textarea":
                self._textarea = a["name"]
                form[a["name"]] = ""
        if tag == "option" and self._select and ("selected" in a or self._select not in self.forms[-1]):
            self.forms[-1][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def fields(self, page: bytes) -> dict:
        self.feed(page.decode())
        return next(f for f in self.forms if self.marker in f or any(k.endswith(self.marker) for k in f))


def _sql(cluster, query: str, *args):
    with psycopg.connect(cluster["pg"].url.replace("postgres://", "postgresql://")) as connection:
        return connection.execute(query, args).fetchall()


def test_a_person_signed_in_through_one_node_carries_on_through_the_other(cluster):
    browser = Browser(cluster)
    status, _, headers = browser.sign_in("a", "newcomer@linas.example")
    assert status == 302 and "/accounts/login/" not in headers["Location"]
    status, page, _ = browser.get("b", "/applications/")
    assert status == 200 and b"TEXLOOP" in page  # node B knows the session node A opened
    draft = _sql(cluster, "SELECT id FROM applications_application WHERE acronym = 'TEXLOOP'")[0][0]
    path = f"/applications/{draft}/details/"
    fields = _Form("title").fields(browser.get("a", path)[1])  # the form and its CSRF token read from node A...
    fields["title"] = "Textile loops across the Baltic, saved through node B"
    status, _, headers = browser.post("b", path, fields)  # ...sent to node B
    assert status == 302, "node B refused node A's form"
    assert b"saved through node B" in browser.get("a", f"/applications/{draft}/")[1]


def test_a_file_uploaded_through_one_node_downloads_through_the_other(cluster):
    browser = Browser(cluster)
    browser.sign_in("a", "newcomer@linas.example")
    draft = _sql(cluster, "SELECT id FROM applications_application WHERE acronym = 'TEXLOOP'")[0][0]
    partner = _sql(
        cluster,
        "SELECT id FROM applications_partner WHERE application_id = %s AND role <> 'coordinator' ORDER BY id",
        draft,
    )[0][0]
    path = f"/applications/{draft}/partners/{partner}/"
    fields = _Form("contribution").fields(browser.get("a", path)[1])
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + secrets.token_bytes(2048)
    status, body, _ = browser.post("a", path, fields, files={"letter": ("commitment.pdf", pdf)})
    assert status == 302, body[:2000]
    status, content, headers = browser.get("b", f"/applications/{draft}/partners/{partner}/letter.pdf")
    assert status == 200 and content == pdf
    assert headers["Content-Type"] == "application/pdf"


def test_failed_logins_spread_over_both_nodes_lock_the_account(cluster):
    stranger = Browser(cluster)
    for attempt in range(5):
        stranger.sign_in("ab"[attempt % 2], "partner@ktu.example", password="wrong-password")
    status, page, _ = stranger.sign_in("b", "partner@ktu.example")  # the right password, now too late
    assert status == 429 and b"too many" in page.lower()
    assert stranger.sign_in("a", "partner@ktu.example")[0] == 429


def _tasks(cluster):
    rows = _sql(
        cluster,
        "SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'innopart.evaluation.tasks.write_letter'",
    )
    return [(status, ids if isinstance(ids, list) else json.loads(ids), value) for status, ids, value in rows]


def test_letters_are_written_exactly_once_while_a_worker_is_killed_mid_letter(cluster):
    ministry = Browser(cluster)
    ministry.sign_in("a", "manager@eimin.example")
    slug = _sql(
        cluster,
        "SELECT c.slug FROM calls_call c JOIN evaluation_evaluation e ON e.call_id = c.id "
        "WHERE e.results_published_at IS NOT NULL ORDER BY c.id LIMIT 1",
    )[0][0]
    status, _, headers = ministry.post("b", f"/manage/calls/{slug}/letters/", {})
    assert status == 302 and "/letters/" in headers["Location"], headers.get("Location")
    batch, total = _sql(cluster, "SELECT id, total FROM evaluation_letterbatch ORDER BY id DESC LIMIT 1")[0]
    assert total >= 5

    # Kill worker A (SIGKILL: no chance to finish) the moment it holds a letter.
    wait_for(
        lambda: any(status == "RUNNING" and ids[-1] == "worker-a" for status, ids, _ in _tasks(cluster)),
        seconds=60,
        what="worker A taking a letter",
        every=0.05,
    )
    cluster["a"]["worker"].proc.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()

    def finished():
        (state,) = _sql(cluster, "SELECT state FROM evaluation_letterbatch WHERE id = %s", batch)[0]
        return state if state in ("done", "failed") else None

    assert wait_for(finished, seconds=180, what="the letters being written") == "done"
    tasks = _tasks(cluster)
    assert len(tasks) == total and {status for status, _, _ in tasks} == {"SUCCESSFUL"}
    taken_back = [ids for _, ids, _ in tasks if len(ids) > 1]
    assert taken_back and all(ids[0] == "worker-a" and ids[-1] == "worker-b" for ids in taken_back)
    assert sum(value is True for _, _, value in tasks) == total  # each letter written once, by one run
    letters = _sql(
        cluster, "SELECT count(*), count(DISTINCT application_id) FROM evaluation_letter WHERE batch_id = %s", batch
    )
    assert letters == [(total, total)]
    assert _sql(cluster, "SELECT done FROM evaluation_letterbatch WHERE id = %s", batch) == [(total,)]
    log = cluster["b"]["worker"].output()
    assert "task_worker_lost" in log and time.monotonic() - killed_at < 180
    # The letters, written by either worker into the shared directory, download through either node.
    archive = ministry.get("a", f"/manage/calls/{slug}/letters/{batch}/letters.zip")
    assert archive[0] == 200 and len(re.findall(rb"-decision-(?:en|lt)\.pdf", archive[1])) >= 2 * total
