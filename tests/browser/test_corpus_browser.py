"""The shared ConnectedLib corpus, built as a course and driven in Chromium: what issue 17
asks on a real course, not on a test root — axe-core finds nothing in light and dark mode,
every module starts at its first section and completes, and so does the course."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from conftest import CORPUS
from http_site import serve

from .conftest import session_factory
from .test_theme_browser import axe_violations

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "index.html",
    "modules/mentoring/index.html",
    "modules/mentoring/step-2-connect/index.html",
    "modules/basics/interests/index.html",
    "search.html?q=mentor",
]


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from sphinx_mentoring import cli

    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    work = tmp_path_factory.mktemp("corpus-browser")
    shutil.copytree(CORPUS, work / "connectedlib")
    assert cli.main(["build", str(work / "connectedlib"), str(work / "out"), "-q"]) == 0
    with serve(work / "out" / "html") as root:
        yield root


@pytest.fixture
def open_corpus(browser: Any, corpus_url: str) -> Iterator[Any]:
    yield from session_factory(browser, corpus_url)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_course(open_corpus: Any, scheme: str) -> None:
    session = open_corpus(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    for path in PAGES:
        page = session.goto(path)
        if path.startswith("search"):
            page.wait_for_selector("#search-results li")
        assert (path, axe_violations(page)) == (path, [])
    assert session.errors == []
    # What leaves the site is what the author embedded: the videos and the bookmark list.
    assert {re.sub(r"^https://([^/]+)/.*", r"\1", url) for url in session.external} == {
        "www.youtube-nocookie.com",
        "raindrop.io",
    }


def test_every_module_starts_and_completes_and_so_does_the_course(open_corpus: Any) -> None:
    session = open_corpus(viewport={"width": 1280, "height": 900})
    page = session.goto("index.html")
    modules = page.locator(".mentoring-card-title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(modules) == 3
    assert page.locator(".mentoring-card-meta time").count() == 3
    for module in modules:
        page = session.goto(module)
        sections = page.locator(".mentoring-section-list a[data-mentoring-doc]").evaluate_all(
            "links => links.map(a => a.href)"
        )
        assert page.locator("a.mentoring-module-start").evaluate("a => a.href") == sections[0]
        for section in sections:
            page.goto(section)
            page.locator(".mentoring-done-button").click()
        page = session.goto(module)
        count = page.locator(".mentoring-module-contents .mentoring-module-progress")
        assert count.inner_text() == f"{len(sections)} of {len(sections)} sections done"
        assert page.locator(".mentoring-module-contents .mentoring-module-complete").is_visible()
    page = session.goto("index.html")
    assert page.locator(".mentoring-course-progress").inner_text() == "3 of 3 modules done"
    assert page.locator(".mentoring-course-complete").is_visible()
    assert session.errors == []
