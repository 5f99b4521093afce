"""The theme in a real headless Chromium: accessibility, navigation, reader features."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SECTION = "modules/mentoring/intro.html"
NEXT_SECTION = "modules/mentoring/roles.html"
MODULE = "modules/mentoring/index.html"
COURSE = "index.html"
SEARCH = "search.html?q=mentors"
#: Code in a Carpentries lesson's way: plain text (no lexer) with a line too long to fit.
CODE = "modules/youth/basics.html"
#: Set MENTORING_SCREENSHOTS=1 to refresh the documentation's screenshots.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "_static" / "screenshots"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("path", [SECTION, MODULE, COURSE, SEARCH, CODE])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation(open_session: Any, path: str, scheme: str) -> None:
    session = open_session(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = session.goto(path)
    if path == SEARCH:
        page.wait_for_selector("#search-results li")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", [SECTION, MODULE, COURSE, SEARCH])
def test_no_console_error_and_no_outside_request(session: Any, path: str) -> None:
    page = session.goto(path)
    assert page.locator("html").get_attribute("lang") == "en"
    assert session.errors == []
    assert session.external == []


def test_landmarks_and_skip_link(session: Any) -> None:
    page = session.goto(SECTION)
    for selector in ("header", "main#mentoring-main", "footer", "nav#mentoring-sidebar"):
        assert page.locator(selector).count() == 1, selector
    page.keyboard.press("Tab")
    skip = page.locator(".mentoring-skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    # Following the link updates the URL asynchronously: wait for it (fails on timeout).
    page.wait_for_url("**/*#mentoring-main", timeout=5000)
    assert page.url.endswith("#mentoring-main")


def test_next_reaches_the_next_section(session: Any) -> None:
    page = session.goto(SECTION)
    page.locator("a.mentoring-next").click()
    page.wait_for_url(f"**/{NEXT_SECTION}", timeout=5000)  # the click navigates
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(NEXT_SECTION)
    assert "Who can be a mentor" in page.locator("main h1").inner_text()
    assert page.locator("#mentoring-sidebar a[aria-current=page]").inner_text().startswith("2.")


def test_last_section_offers_the_next_module(session: Any) -> None:
    page = session.goto(NEXT_SECTION)
    link = page.locator("a.mentoring-next-module")
    assert "Youth development" in link.inner_text()
    link.click()
    page.wait_for_url("**/modules/youth/index.html", timeout=5000)  # the click navigates
    assert page.url.endswith("modules/youth/index.html")


def test_progress_survives_a_reload_and_can_be_reset(session: Any) -> None:
    page = session.goto(SECTION)
    button = page.locator(".mentoring-done-button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator(".mentoring-done-button").get_attribute("aria-pressed") == "true"
    done_link = page.locator(f'#mentoring-sidebar a[data-mentoring-doc="{SECTION[:-5]}"]')
    assert "is-done" in (done_link.get_attribute("class") or "")
    progress = page.locator('#mentoring-sidebar [data-mentoring-module="mentoring"]')
    assert progress.inner_text() == "1 of 2 sections done"

    # The course index shows it per module; nothing but localStorage holds it.
    page = session.goto(COURSE)
    tile = page.locator('.mentoring-card [data-mentoring-module="mentoring"]')
    assert tile.inner_text() == "1 of 2 sections done"
    stored = page.evaluate("Object.keys(localStorage).sort()")
    # What was marked done, and where the reader was (for "Continue where you left off").
    assert stored == ["mentoring-last:Library Mentoring", "mentoring-progress:Library Mentoring"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".mentoring-progress-reset").click()
    assert tile.inner_text() == "0 of 2 sections done"
    assert page.evaluate("Object.keys(localStorage)") == []
    assert session.external == []


def test_dark_mode_follows_the_system(open_session: Any) -> None:
    light = open_session(color_scheme="light").goto(SECTION)
    dark = open_session(color_scheme="dark").goto(SECTION)
    script = "getComputedStyle(document.body).backgroundColor"
    assert light.evaluate(script) != dark.evaluate(script)
    toggle = dark.locator(".mentoring-theme-toggle")
    assert toggle.get_attribute("data-theme-state") == "system"


@pytest.mark.parametrize("javascript", [True, False])
def test_menu_button_at_phone_width(open_session: Any, javascript: bool) -> None:
    session = open_session(
        viewport={"width": 375, "height": 740}, java_script_enabled=javascript, is_mobile=True
    )
    page = session.goto(SECTION)
    menu = page.locator(".mentoring-menu-button:visible")  # a button, or without JS a label
    sidebar = page.locator("#mentoring-sidebar")
    assert menu.is_visible()
    assert not sidebar.is_visible()
    menu.click()
    assert sidebar.is_visible()
    assert page.locator("#mentoring-sidebar a[aria-current=page]").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # nothing overflows sideways


def test_no_menu_button_on_wide_screens(session: Any) -> None:
    page = session.goto(SECTION)
    assert not page.locator(".mentoring-menu-button").is_visible()
    assert page.locator("#mentoring-sidebar").is_visible()


def test_search_finds_a_section(session: Any) -> None:
    page = session.goto(SEARCH)
    page.wait_for_selector("#search-results li")
    assert page.locator("#search-results li a").count() >= 1
    assert session.errors == []


def test_print_shows_content_only(session: Any) -> None:
    page = session.goto(NEXT_SECTION)
    page.emulate_media(media="print")
    assert not page.locator("#mentoring-sidebar").is_visible()
    assert not page.locator(".mentoring-prevnext").is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details").get_attribute("open") is not None


def test_screenshots(open_session: Any, tmp_path: Any) -> None:
    """Desktop and phone pictures; MENTORING_SCREENSHOTS=1 writes them into the docs."""
    target = SCREENSHOTS if os.environ.get("MENTORING_SCREENSHOTS") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    shots = [
        ("section-desktop.png", NEXT_SECTION, {"width": 1280, "height": 900}, "light"),
        ("section-desktop-dark.png", NEXT_SECTION, {"width": 1280, "height": 900}, "dark"),
        ("course-index-desktop.png", COURSE, {"width": 1280, "height": 800}, "light"),
        ("module-desktop.png", MODULE, {"width": 1280, "height": 900}, "light"),
        ("section-phone.png", SECTION, {"width": 390, "height": 844}, "light"),
    ]
    for name, path, viewport, scheme in shots:
        session = open_session(viewport=viewport, color_scheme=scheme)
        page = session.goto(path)
        page.screenshot(path=str(target / name))
        assert (target / name).stat().st_size > 10_000
