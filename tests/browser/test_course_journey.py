"""The learner's journey in a real Chromium: start, mark every section done, finish,
continue; the landing's cards; print; the colour theme; the phone menu."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

COURSE = "index.html"
MODULE = "modules/mentoring/index.html"
SECTION = "modules/mentoring/intro.html"
LAST_SECTION = "modules/mentoring/roles.html"
NEXT_MODULE = "modules/youth/index.html"


def test_start_the_module_leads_to_its_first_section(session: Any) -> None:
    page = session.goto(MODULE)
    start = page.locator("a.mentoring-module-start")
    assert start.get_attribute("href") == "intro.html"
    assert start.inner_text() == "Start the module"
    # The module is listed once in the sidebar: its landing is not a section too.
    sections = page.locator("#mentoring-sidebar .mentoring-nav-sections > li")
    assert sections.count() == 2
    assert session.errors == []


def test_every_section_done_completes_the_module_and_the_count(session: Any) -> None:
    page = session.goto(SECTION)
    progress = page.locator(".mentoring-progress-control .mentoring-module-progress")
    assert progress.inner_text() == "0 of 2 sections done"
    page.locator(".mentoring-done-button").click()
    assert progress.inner_text() == "1 of 2 sections done"
    assert page.locator(".mentoring-module-complete").is_hidden()

    page = session.goto(LAST_SECTION)
    page.locator(".mentoring-done-button").click()
    progress = page.locator(".mentoring-progress-control .mentoring-module-progress")
    assert progress.inner_text() == "2 of 2 sections done"
    complete = page.locator(".mentoring-progress-control ~ .mentoring-module-complete")
    assert complete.is_visible()
    assert "Module complete" in complete.inner_text()
    next_link = complete.locator("a.mentoring-button")
    assert "Youth development" in next_link.inner_text()
    assert next_link.get_attribute("href") == "../youth/index.html"

    # The module page knows it too, and can forget it.
    page = session.goto(MODULE)
    assert page.locator(".mentoring-module-contents .mentoring-module-complete").is_visible()
    assert page.locator("a.mentoring-module-start").is_hidden()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".mentoring-module-reset").click()
    assert page.locator(".mentoring-module-contents .mentoring-module-progress").inner_text() == (
        "0 of 2 sections done"
    )
    assert page.locator("a.mentoring-module-start").inner_text() == "Start the module"
    assert session.errors == []


def test_continue_the_module_at_the_first_section_not_done(session: Any) -> None:
    page = session.goto(SECTION)
    page.locator(".mentoring-done-button").click()
    page = session.goto(MODULE)
    start = page.locator("a.mentoring-module-start")
    assert start.inner_text() == "Continue the module"
    assert start.get_attribute("href") == "roles.html"


def test_landing_cards_and_continue_where_you_left_off(session: Any) -> None:
    page = session.goto(COURSE)
    cards = page.locator(".mentoring-card")
    assert cards.count() == 2  # one per module
    first = cards.nth(0)
    assert first.locator(".mentoring-card-number").inner_text().lower() == "module 1"
    assert first.locator(".mentoring-card-title").inner_text() == "Mentoring"
    assert first.locator("time").inner_text() == "13 min"
    assert "Explain how mentoring supports connected learning" in first.inner_text()
    start = page.locator("a.mentoring-course-start")
    assert start.inner_text() == "Start the course"
    assert start.get_attribute("href") == "modules/mentoring/index.html"
    assert page.locator(".mentoring-course-progress").inner_text() == "0 of 2 modules done"
    # The author's landing text stays.
    assert "Work through the modules in order" in page.locator("main").inner_text()

    session.goto(LAST_SECTION)
    page = session.goto(COURSE)
    start = page.locator("a.mentoring-course-start")
    assert start.inner_text() == "Continue where you left off"
    assert start.get_attribute("href").endswith("modules/mentoring/roles.html")
    assert "Who can be a mentor" in page.locator(".mentoring-course-resume").inner_text()
    start.click()
    page.wait_for_url(f"**/{LAST_SECTION}", timeout=5000)
    assert session.errors == []


def test_the_course_completes(session: Any) -> None:
    for path in (SECTION, LAST_SECTION, "modules/youth/basics.html"):
        session.goto(path).locator(".mentoring-done-button").click()
    page = session.goto(COURSE)
    assert page.locator(".mentoring-course-progress").inner_text() == "2 of 2 modules done"
    assert page.locator(".mentoring-course-complete").is_visible()
    assert page.locator(".mentoring-card.is-complete").count() == 2


def test_header_is_one_short_sticky_row(session: Any) -> None:
    page = session.goto(LAST_SECTION)
    header = page.locator("header.mentoring-header")
    box = header.bounding_box()
    assert box is not None and box["height"] < 80
    assert page.locator("header .mentoring-module-list").count() == 0  # modules: sidebar only
    page.mouse.wheel(0, 1500)
    page.wait_for_function("window.scrollY > 100")
    assert header.bounding_box()["y"] == 0  # still at the top


def test_colour_theme_light_dark_and_system(open_session: Any) -> None:
    session = open_session(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = session.goto(SECTION)
    toggle = page.locator(".mentoring-theme-toggle")

    def background() -> str:
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    light = background()
    assert toggle.get_attribute("data-theme-state") == "system"
    assert "follows the system" in toggle.inner_text()
    toggle.click()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    dark = background()
    assert dark != light
    page = session.goto(LAST_SECTION)  # remembered on the next page
    toggle = page.locator(".mentoring-theme-toggle")
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert background() == dark
    assert toggle.get_attribute("data-theme-state") == "dark"
    toggle.click()
    assert page.locator("html").get_attribute("data-theme") == "light"
    toggle.click()  # back to the system's choice, and nothing remembered
    assert page.locator("html").get_attribute("data-theme") is None
    assert page.evaluate("localStorage.getItem('mentoring-theme')") is None
    assert background() == light
    assert session.errors == []


def test_dark_mode_gives_images_a_light_backdrop(open_session: Any) -> None:
    dark = open_session(color_scheme="dark").goto(LAST_SECTION)
    light = open_session(color_scheme="light").goto(LAST_SECTION)
    script = "getComputedStyle(document.querySelector('.mentoring-body img')).backgroundColor"
    assert dark.evaluate(script) not in ("rgba(0, 0, 0, 0)", "transparent")
    assert light.evaluate(script) in ("rgba(0, 0, 0, 0)", "transparent")


def test_phone_menu_says_whether_it_is_open(open_session: Any) -> None:
    session = open_session(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = session.goto(SECTION)
    menu = page.locator("button.mentoring-menu-button")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.locator("#mentoring-sidebar").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.locator("#mentoring-sidebar").is_visible()


def test_footnote_marks_are_large_enough_to_tap(open_session: Any) -> None:
    session = open_session(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = session.goto(SECTION)
    mark = page.locator("a.footnote-reference").first
    size = mark.evaluate(
        "a => { const r = a.getBoundingClientRect(), s = getComputedStyle(a, '::after');"
        " return [r.width - 2 * parseFloat(s.left), r.height - 2 * parseFloat(s.top)]; }"
    )
    assert size[0] >= 24 and size[1] >= 24


def test_local_toc_shows_the_headings_of_a_page_with_several_top_level_ones(session: Any) -> None:
    page = session.goto(LAST_SECTION)
    toc = page.locator(".mentoring-localtoc")
    assert toc.is_visible()
    links = [text for text in toc.locator("a").all_inner_texts() if text.strip()]
    assert "Library staff" in links and "Community members" in links


WORKSHEET = (
    "https://docs.google.com/document/d/1MN0NPnxHub2tFqB4HR8EkBLgRkUU6Y-pYUmuyCF6fe0/edit"
    "#heading=h.4hwqn6no1hlk"
)


def test_print_shows_no_progress_and_no_long_address(session: Any) -> None:
    page = session.goto(LAST_SECTION)
    page.locator(".mentoring-done-button").click()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    article = page.locator("main")
    text = article.inner_text()
    assert "sections done" not in text and "Mark this section done" not in text
    notes = page.locator(".mentoring-print-links")
    assert notes.count() == 1
    inline = text.replace(notes.inner_text(), "")
    assert not re.search(r"https?://\S{50,}", inline)
    # One note per address, however often the page links it (the worksheet: 3 links).
    addresses = notes.locator("li").all_inner_texts()
    assert len([a for a in addresses if "docs.google.com" in a]) == 1
    assert len(addresses) == len(set(addresses))
    # An address written as the link's text is shortened in print, whole again after.
    assert "docs.google.com/\u2026/edit#heading=h.4hwqn6no1hlk" in inline
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".mentoring-print-links").count() == 0
    assert page.get_by_role("link", name=WORKSHEET, exact=True).count() == 1


def test_videos_are_named_after_their_section(session: Any) -> None:
    page = session.goto(LAST_SECTION)
    titles = page.locator("iframe").evaluate_all("frames => frames.map(f => f.title)")
    assert titles == ["Video: Community members", "Video: Community members (2)"]


def test_search_results_name_their_module(session: Any) -> None:
    page = session.goto("search.html?q=mentors")
    page.wait_for_selector("#search-results li .mentoring-search-module")
    item = page.locator("#search-results li", has_text="Who can be a mentor")
    assert item.locator(".mentoring-search-module").inner_text().lower() == "mentoring"
    assert session.errors == []


def test_search_shows_snippets_offline(browser: Any, built_course: Any) -> None:
    """Opened from a folder (file://): results still have their module and a snippet."""
    context = browser.new_context()
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((built_course / "search.html").as_uri() + "?q=mentors")
        page.wait_for_selector("#search-results li p.context")
        item = page.locator("#search-results li", has_text="Who can be a mentor")
        assert "community members and peers" in item.locator("p.context").inner_text()
        assert item.locator(".mentoring-search-module").count() == 1
        assert errors == []
    finally:
        context.close()
