"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

Chromium is found at CHROMIUM_PATH, /usr/bin/chromium or on PATH. Without it the
browser tests are skipped with a loud notice, unless KOMINN_REQUIRE_BROWSER=1
(as in CI), which turns that into a failure. Never a downloaded browser.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.demo_snapshot import load_demo

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made
# by the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def find_chromium():
    if configured := os.environ.get("CHROMIUM_PATH"):
        return configured if Path(configured).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser_required():
    return os.environ.get("KOMINN_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        message = (
            "NO CHROMIUM FOUND: the browser tests (axe accessibility, keyboard, layout) "
            "did not run. "
            "Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH."
        )
        if browser_required():
            pytest.fail(message + " KOMINN_REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def playwright_driver(chromium_path):
    """Playwright, started once: a second sync_playwright() in the same process fails, so
    every browser a test needs is launched from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver, chromium_path):
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


class Visitor:
    """One person's browser tab, with checks that every page must pass."""

    def __init__(self, page, base_url, axe_page=None):
        self.page = page
        self.base_url = base_url
        # With JavaScript off axe cannot run in the page itself; it then checks the very
        # document the journey is on (logged in, after a POST) in a second page that has
        # JavaScript, served from memory at the same address so styles load as they did.
        self.axe_page = axe_page
        self.csp_violations = []
        self.errors = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", self._on_response)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_violations.append(message.text)
        elif message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _on_response(self, response):
        # A page may answer 404 on purpose; what it loads may not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} for {response.url}")

    def visit(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None
        return response

    def axe_violations(self):
        page = self.page
        if self.axe_page is not None:
            page = self.axe_page
            html, url = self.page.content(), self.page.url
            address = url.split("#", 1)[0]

            def serve_journey_document(route):
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

            page.route(address, serve_journey_document)
            try:
                page.goto(url)
            finally:
                page.unroute(address, serve_journey_document)
        # Injected through the DevTools protocol, so the page's strict CSP still applies
        # to everything the page itself loads.
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text())
        results = page.evaluate(
            """() => axe.run(document, {
                runOnly: {type: 'tag', values: [
                    'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'
                ]}
            })"""
        )
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in results["violations"]
        ]

    def assert_accessible(self):
        violations = self.axe_violations()
        assert violations == [], f"axe violations on {self.page.url}:\n" + json.dumps(
            violations, indent=2, ensure_ascii=False
        )
        assert self.csp_violations == [], (
            f"CSP violations on {self.page.url}: {self.csp_violations}"
        )
        assert self.errors == [], f"Errors on {self.page.url}: {self.errors}"


@pytest.fixture(autouse=True, scope="session")
def _one_request_at_a_time():
    """The live server passes requests through Django one at a time (tests/browser/serial.py);
    set before the live server starts, which builds its middleware once."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(
        MIDDLEWARE=["tests.browser.serial.OneAtATimeMiddleware", *settings.MIDDLEWARE]
    ):
        yield


@pytest.fixture(autouse=True)
def _requests_answered_before_the_database_is_emptied(transactional_db):
    """After each browser test, wait until the live server has answered what the browser
    asked for (a picture loading as the page closed) before the database is emptied under
    it. Set up after the database, so it is taken down before it."""
    from tests.browser.serial import LOCK

    yield
    with LOCK:
        pass


@pytest.fixture
def demo_data(transactional_db):
    load_demo()


@pytest.fixture
def visitor(browser, live_server, demo_data):
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `make install` (npm ci)")
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Visitor(page, live_server.url)
    context.close()


@pytest.fixture
def phone_visitor(browser, live_server, demo_data):
    context = browser.new_context(
        locale="nb-NO", viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield Visitor(page, live_server.url)
    context.close()
