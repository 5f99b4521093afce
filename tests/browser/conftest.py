"""A built course site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

No browser is ever downloaded: Playwright launches ``/usr/bin/chromium``. Every request
that leaves 127.0.0.1 is blocked and recorded, so a test can assert there was none.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

CHROMIUM = os.environ.get("MENTORING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def built_course(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Path:
    """The ``test-theme-course`` root built with the theme (once per session)."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("browser") / "course"
    shutil.copytree(rootdir / "test-theme-course", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    assert "Traceback" not in warnings
    return Path(app.outdir)


@pytest.fixture(scope="session")
def site_url(built_course: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_course))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Session:
    """One browser context: its page, console errors and blocked outside requests."""

    def __init__(self, browser: Any, site_url: str, **options: Any) -> None:
        self.site_url = site_url
        self.context = browser.new_context(**options)
        self.errors: list[str] = []
        self.external: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on(
            "response",
            lambda response: (
                self.errors.append(f"HTTP {response.status}: {response.url}")
                if response.status >= 400
                else None
            ),
        )

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.site_url):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type in {"error", "warning"}:
            self.errors.append(f"console {message.type}: {message.text}")

    def goto(self, path: str) -> Any:
        self.page.goto(self.site_url + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser: Any, site_url: str) -> Iterator[Session]:
    opened = Session(browser, site_url, viewport={"width": 1280, "height": 900})
    try:
        yield opened
    finally:
        opened.close()


def session_factory(browser: Any, url: str) -> Iterator[Any]:
    """A fixture's body: a function opening sessions on *url* with options (phone
    size, dark scheme, no JavaScript), every one closed when the test ends."""
    opened: list[Session] = []

    def factory(**options: Any) -> Session:
        opened.append(Session(browser, url, **options))
        return opened[-1]

    try:
        yield factory
    finally:
        for item in opened:
            item.close()


@pytest.fixture
def open_session(browser: Any, site_url: str) -> Iterator[Any]:
    """Open more sessions on the test site with other options."""
    yield from session_factory(browser, site_url)
