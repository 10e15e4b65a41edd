"""Browser journeys: Playwright for Python driving Debian's Chromium, with an axe-core check on every page.

Chromium comes from Debian (`apt-get install chromium`); Playwright never downloads a browser. Without it the
journeys are skipped on a developer's machine, and fail in CI, where INNOPART_REQUIRE_BROWSER=1 is set.
"""

import os
import shutil
from contextlib import contextmanager

import pytest

from .usability import Effort, judge

# Playwright's sync API runs an event loop in this thread; the ORM calls our tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        if os.environ.get("INNOPART_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (apt-get install chromium) but was not found.")
        pytest.skip("Chromium is not installed (apt-get install chromium); browser journeys skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visitor:
    """A person at a browser: every page they reach is checked for serious accessibility violations."""

    def __init__(self, page, base_url, scripts: bool = True):
        self.page, self.base_url, self.scripts = page, base_url, scripts
        self.checked: list[str] = []
        # Chromium reports every script or style the Content Security Policy blocked as a console error.
        self.blocked: list[str] = []
        page.on("console", self._on_console)
        # What a task costs the person (tests/browser/usability.py): documents loaded, forms sent, addresses typed.
        self.effort = Effort()
        page.on("load", self._on_load)
        if scripts:
            # A form sent by the browser or by htmx fires "submit" in the page; counted there, whatever its method.
            page.expose_function("innopartFormSent", self._on_submit)
            page.add_init_script("document.addEventListener('submit', () => window.innopartFormSent(), true)")

    def _on_load(self, _page):
        self.effort.loads += 1

    def _on_submit(self):
        self.effort.submits += 1

    def _on_console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.blocked.append(message.text)

    def goto(self, path: str):
        self.effort.typed += 1
        self.page.goto(self.base_url + path)
        self.check_accessibility()

    def check_accessibility(self):
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        if not self.scripts:
            # axe waits on timers, which never fire in a page without JavaScript (it hung); the same pages are
            # checked with scripts on in the other journeys.
            return
        # The charts' script replaces each static chart with a live one, or leaves it: the page is checked after.
        self.page.wait_for_function(
            "() => !document.documentElement.dataset.charts"
            " || !document.querySelector('.chart-view:not(.is-live):not(.is-static)')"
        )
        assert not self.blocked, f"{self.page.url}: the Content Security Policy blocked {self.blocked}"
        results = Axe().run(self.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{self.page.url}: {serious}"
        self.checked.append(self.page.url)

    def click(self, selector_or_text: str):
        """Click, and when the click starts a navigation, wait for the new document before reading it.

        Playwright's click returns once a navigation has started, and waiting for "load" then may see the old page,
        which is already loaded: a form that posts and redirects back to the same address was read before the
        answer came (a flaky failure in CI). A mark left on the old window tells the two documents apart.
        """
        started = []

        def on_request(request):
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                started.append(request)

        # A person who leaves a field for the button checks the field (core.forms.ChecksInline) as the form goes: two
        # requests at once, which the tests' in-memory SQLite refuses ("table is locked") where a server's database
        # lets the read wait. Leave the field first and let its check answer, as a person who tabs away does.
        self.page.evaluate("() => { const e = document.activeElement; if (e && e !== document.body) e.blur(); }")
        self.page.wait_for_function("() => !document.querySelector('.htmx-request')")
        self.page.evaluate("() => { window.__visitorOldPage = true; }")
        self.page.on("request", on_request)
        try:
            self.page.click(selector_or_text)
        finally:
            self.page.remove_listener("request", on_request)
        if started:
            self.page.wait_for_function("() => window.__visitorOldPage === undefined")
        self.check_accessibility()

    @contextmanager
    def task(self, name: str):
        """Count what one of the key tasks costs, from where the person stands, and hold it to its budget."""
        before = self.effort.copy()
        yield
        judge(name, self.effort - before)

    def log_in(self, email: str, password: str):
        self.goto("/accounts/login/")
        self.page.fill("#id_username", email)
        self.page.fill("#id_password", password)
        self.click("main button[type=submit]")
        assert "Log out" in self.page.content()


def _visitor(browser, live_server, **options):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, Visitor(page, live_server.url, scripts=options.get("java_script_enabled", True))


@pytest.fixture
def visitor(browser, live_server):
    context, person = _visitor(browser, live_server)
    yield person
    context.close()


@pytest.fixture
def visitor_without_script(browser, live_server):
    """A reader whose browser runs no JavaScript: every page must still work, charts included."""
    context, person = _visitor(browser, live_server, java_script_enabled=False)
    yield person
    context.close()
