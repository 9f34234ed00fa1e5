"""A real browser against a real server: Debian's Chromium driven by Playwright for Python.

The browser is Chromium's headless shell (Debian package chromium-headless-shell), the build
Playwright itself launches for headless runs: the same Blink and V8 as the full browser without its
desktop parts, and about a third less CPU per test than `chromium --headless` (measured on the
110 browser tests: 120 against 192 busy core-seconds, side by side).

The server is the app on the small made-up strategy (tests/fixture_data/), started by the tests on
a free 127.0.0.1 port (`live_server`); `real_server` serves the real data of the checkout. Without
Chromium, Playwright or the copied front-end libraries the tests fail with a message saying what
to install; they are never skipped.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from bochum_kg.config import Settings
from bochum_kg.web.app import create_app
from fixture_data import small_strategy_iris

TESTS = Path(__file__).resolve().parents[1]
CHECKOUT = TESTS.parent
ARTIFACTS = TESTS / "artifacts"
VENDOR = CHECKOUT / "service" / "bochum_kg" / "web" / "static" / "vendor"
VENDORED = ("yasgui/yasgui.min.js", "yasgui/yasgui.min.css", "cytoscape/cytoscape.min.js",
            "cytoscape-fcose/cytoscape-fcose.js", "axe-core/axe.min.js")
AXE_URL_PATH = "/static/vendor/axe-core/axe.min.js"
CHROMIUM = os.environ.get("BOCHUM_KG_CHROMIUM", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def graph():
    """IRIs of the small strategy (tests/fixture_data/small_strategy_iris.py)."""
    return small_strategy_iris


@pytest.fixture(scope="session")
def live_server(small_strategy_root):
    _check_vendor()
    app = create_app(Settings(project_root=small_strategy_root, validate_on_start=False))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def real_server():
    """The app on the real data of this checkout (data/, queries/): the named queries' examples and
    the explorer's large neighbourhoods are written for it."""
    _check_vendor()
    app = create_app(Settings(project_root=CHECKOUT, validate_on_start=False))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def _check_vendor():
    for needed in VENDORED:
        if not (VENDOR / needed).is_file():
            pytest.fail(f"front-end library missing: {VENDOR / needed}; run `sh scripts/build-assets.sh` (npm ci + copy)")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `make browser` or `apt-get install -y chromium-headless-shell` "
                    "(or point BOCHUM_KG_CHROMIUM at a Chromium binary)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: `pip install playwright` (its own browser download is not needed)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_violations():
    """axe_violations(page) -> axe-core's violations on the page as it is now (every rule axe runs
    by default). axe is loaded from the page's own server by URL, not injected as text, so that
    Chromium can keep its compiled code from one page to the next (test_accessibility, -n0, taking
    turns: 60/67 -> 58/65 busy core-seconds)."""

    def run(page) -> list[dict]:
        origin = "://".join(urlsplit(page.url)[:2])
        page.add_script_tag(url=origin + AXE_URL_PATH)
        return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]

    return run


class ConsoleLog:
    """Console messages and page errors of one page; `errors` is what a test asserts is empty."""

    def __init__(self, page):
        self.messages: list[str] = []
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("requestfailed", self._request_failed)

    def _request_failed(self, request) -> None:
        # net::ERR_ABORTED is the browser cancelling a request itself (the page navigated on while,
        # say, the favicon was loading), not a failure of the server
        if "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"request failed: {request.url} {request.failure}")

    def _console(self, message):
        text = f"{message.type}: {message.text}"
        self.messages.append(text)
        if message.type == "error":
            self.errors.append(text)


DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "de-DE", "accept_downloads": True}
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "de-DE", "device_scale_factor": 1, "is_mobile": True,
         "has_touch": True}


def _new_page(browser, options: dict):
    page = browser.new_context(**options).new_page()
    page.set_default_timeout(15_000)
    page.console_log = ConsoleLog(page)
    return page


@pytest.fixture()
def page(browser):
    """A page 1280 x 900, German, in a browser context of its own."""
    page = _new_page(browser, DESKTOP)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def open_page(browser):
    """open_page(width=1280, height=900, locale="de-DE") -> a new page with a console log, for
    fixtures that keep one page for several tests; closed at the end of the session."""
    contexts = []

    def _open(width: int = 1280, height: int = 900, locale: str = "de-DE", **options):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.console_log = ConsoleLog(page)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture()
def phone(browser):
    """A page 390 px wide (an ordinary phone), German, in a browser context of its own."""
    page = _new_page(browser, PHONE)
    yield page
    page.context.close()


class CleanPages:
    """One page per kind (desktop, phone) for the tests of a module that each only load a page
    and look at what it shows, handed to each test as a new context would be but for the
    browser's caches: no cookies (the language choice), nothing stored for the site (the
    workbench's saved tabs), an empty console log. Not for tests of requests or console errors
    (a cached file is not asked for again). A new context per test cost each test a new renderer
    process and a cold cache: 46 axe tests took 69-82 s (30-32 s CPU), one page each 44-47 s (17 s)."""

    def __init__(self, browser):
        self.browser = browser
        self.pages: dict[str, object] = {}

    def __call__(self, kind: str):
        page = self.pages.get(kind)
        if page is None:
            page = self.pages[kind] = _new_page(self.browser, DESKTOP if kind == "desktop" else PHONE)
            return page
        origin = "://".join(urlsplit(page.url)[:2])
        page.goto("about:blank")  # first: a page may still save its state while it is left
        if origin.startswith("http"):
            cdp = page.context.new_cdp_session(page)
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            cdp.detach()
        page.context.clear_cookies()
        page.console_log.messages.clear()
        page.console_log.errors.clear()
        return page

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def _clean_pages(browser):
    pages = CleanPages(browser)
    yield pages
    pages.close()


@pytest.fixture()
def clean_page(_clean_pages):
    """Like `page`, but the module's one desktop page, cleaned (CleanPages): for tests that only load and inspect."""
    return _clean_pages("desktop")


@pytest.fixture()
def clean_phone(_clean_pages):
    """Like `phone`, but the module's one phone page, cleaned (CleanPages)."""
    return _clean_pages("phone")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
