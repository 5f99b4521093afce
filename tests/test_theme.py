"""The sphinx_mentoring theme, built for real: layouts, navigation, escaping, options."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: The CSS + JS budget of a section page (issue 5), in bytes.
PAGE_WEIGHT_BUDGET = 40_000


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def raw(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(element.get_text().split()) for element in soup.select(selector)]


@pytest.fixture
def course(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    return app


# --- layouts and navigation from the course model ----------------------------------


@pytest.mark.sphinx("html", testroot="theme-course")
def test_section_page_shows_module_and_position_over_the_title(course: Any) -> None:
    soup = page(course, "modules/mentoring/intro.html")
    assert texts(soup, ".mentoring-eyebrow > span") == ["Mentoring", "Section 1 of 2", "10 min"]
    assert texts(soup, ".mentoring-breadcrumbs li") == [
        "Library Mentoring",
        "Mentoring",
        "1. Introduction",
    ]
    current = soup.select("#mentoring-sidebar a[aria-current=page]")
    assert [a.get_text() for a in current] == ["1. Introduction"]
    assert soup.select_one("a.mentoring-next")["href"] == "roles.html"
    assert soup.select_one("a.mentoring-prev")["href"] == "index.html"
    assert soup.select_one(".mentoring-done-button") is not None
    assert soup.body["data-mentoring-progress"] == "on"
    assert soup.body["data-mentoring-module"] == "mentoring"


@pytest.mark.sphinx("html", testroot="theme-course")
def test_sidebar_opens_only_the_current_module(course: Any) -> None:
    soup = page(course, "modules/mentoring/intro.html")
    # Links of other modules go up to the root and down (shared by every page of a
    # depth): compare where they lead, not how they are spelt.
    sidebar_links = [
        posixpath.normpath(posixpath.join("modules/mentoring", a["href"]))
        for a in soup.select("#mentoring-sidebar a")
        if a["href"]
    ]
    assert "modules/mentoring/roles.html" in sidebar_links
    assert "modules/youth/basics.html" not in sidebar_links  # collapsed
    assert "modules/youth/index.html" in sidebar_links
    totals = {
        s["data-mentoring-module"]: s["data-mentoring-total"]
        for s in soup.select("#mentoring-sidebar [data-mentoring-total]")
    }
    assert totals == {"mentoring": "2", "youth": "1"}
    # One module list: the sidebar's (the header keeps the title, search and theme).
    assert soup.select(".mentoring-header .mentoring-module-list") == []
    # The module's landing page is its link, not also its first section.
    assert texts(soup, ".mentoring-nav-sections > li > a") == [
        "1. Introduction",
        "2. Who can be a mentor",
    ]


@pytest.mark.sphinx(
    "html", testroot="theme-course", confoverrides={"html_theme_options": {"module_list_limit": 1}}
)
def test_long_module_lists_show_a_window_and_link_all_modules(course: Any) -> None:
    soup = page(course, "modules/youth/basics.html")
    assert texts(soup, ".mentoring-nav-module-link") == ["Youth development"]
    (all_modules,) = soup.select(".mentoring-nav-all-modules a")
    assert all_modules.get_text() == "All 2 modules"
    assert all_modules["href"] == "../../index.html"


@pytest.mark.sphinx("html", testroot="theme-course")
def test_module_end_links_the_next_module(course: Any) -> None:
    soup = page(course, "modules/mentoring/roles.html")
    link = soup.select_one("a.mentoring-next-module")
    assert link is not None and link["href"] == "../youth/index.html"
    assert "Youth development" in link.get_text()


@pytest.mark.sphinx("html", testroot="theme-course")
def test_module_landing_and_course_index_layouts(course: Any) -> None:
    landing = page(course, "modules/mentoring/index.html")
    assert texts(landing, ".mentoring-eyebrow span")[0] == "Module 1 of 2"
    assert [a["href"] for a in landing.select(".mentoring-section-list a")] == [
        "intro.html",
        "roles.html",
    ]
    assert landing.select_one("a.mentoring-module-start")["href"] == "intro.html"
    assert texts(landing, ".mentoring-section-list time") == ["10 min", "3 min"]

    index = page(course, "index.html")
    cards = index.select(".mentoring-card-title a")
    assert [a["href"] for a in cards] == [
        "modules/mentoring/index.html",
        "modules/youth/index.html",
    ]
    assert texts(index, ".mentoring-card-meta") == ["2 sections 13 min", "1 section"]
    description = index.select_one("meta[name=description]")["content"]
    assert description.startswith("Welcome! This course helps library staff")
    assert index.select_one(".mentoring-eyebrow") is None
    assert index.select_one(".mentoring-done-button") is None  # not a section


@pytest.mark.sphinx("html", testroot="theme-course")
def test_page_is_accessible_markup(course: Any) -> None:
    soup = page(course, "modules/mentoring/intro.html")
    assert soup.html["lang"] == "en"
    skip = soup.select_one("a.mentoring-skip-link")
    assert skip["href"] == "#mentoring-main" and soup.select_one("main#mentoring-main")
    assert soup.select_one("header") and soup.select_one("footer")
    for nav in soup.select("nav"):
        assert nav.get("aria-label"), nav
    assert soup.select_one("link[rel=icon]")["href"].endswith("mentoring-favicon.svg")
    assert (Path(course.outdir) / "_static" / "mentoring-favicon.svg").is_file()
    # the phone menu works without JavaScript: a real checkbox with a label
    checkbox = soup.select_one("input#mentoring-menu-toggle[type=checkbox]")
    assert checkbox is not None and soup.select_one("label[for=mentoring-menu-toggle]")


# --- weight and outside requests -------------------------------------------------


def loaded_assets(app: SphinxTestApp, name: str) -> list[Path]:
    soup = page(app, name)
    base = (Path(app.outdir) / name).parent
    urls = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    urls += [script["src"] for script in soup.select("script[src]")]
    return [(base / url.split("?")[0]).resolve() for url in urls]


@pytest.mark.sphinx("html", testroot="theme-course")
def test_section_page_loads_at_most_40_kb_of_css_and_js(course: Any) -> None:
    assets = loaded_assets(course, "modules/mentoring/intro.html")
    assert any(path.name == "mentoring.css" for path in assets)
    assert all(path.is_file() for path in assets)
    weight = sum(path.stat().st_size for path in assets)
    assert weight <= PAGE_WEIGHT_BUDGET, {path.name: path.stat().st_size for path in assets}


@pytest.mark.sphinx("html", testroot="theme-course")
def test_a_page_of_code_stays_within_the_budget_too(course: Any) -> None:
    assets = loaded_assets(course, "modules/youth/basics.html")
    (pygments,) = [path for path in assets if path.name == "pygments.css"]
    # Sphinx writes one rule a line with a comment naming the token; minified here.
    assert "/*" not in pygments.read_text(encoding="utf-8")
    weight = sum(path.stat().st_size for path in assets)
    assert weight <= PAGE_WEIGHT_BUDGET, {path.name: path.stat().st_size for path in assets}


@pytest.mark.sphinx("html", testroot="theme-course")
def test_nothing_is_loaded_from_elsewhere(course: Any) -> None:
    for name in ("index.html", "modules/mentoring/intro.html", "search.html"):
        soup = page(course, name)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if value and not (tag == "link" and element.get("rel") == ["canonical"]):
                    assert "//" not in value, (name, value)
    css = (Path(course.outdir) / "_static" / "mentoring.css").read_text()
    assert "url(" not in css and "@import" not in css


# --- escaping of author-supplied values -------------------------------------------


@pytest.mark.sphinx("html", testroot="theme-escape")
def test_front_matter_values_are_text_never_markup(app: SphinxTestApp) -> None:
    app.build()
    html = raw(app, "evil.html")
    assert "<script>alert" not in html
    assert "<img src=x" not in html and '<img src="x"' not in html
    assert "<b>evil</b>" not in html and "<i>section</i>" not in html
    assert "<b>course</b>" not in html
    soup = page(app, "evil.html")
    assert "<script>alert(1)</script> Evil" in soup.select_one("main h1").get_text()
    eyebrow = texts(soup, ".mentoring-eyebrow span")
    assert "<img src=x onerror=alert('module')>" in eyebrow
    assert "1. <i>section</i>" in eyebrow
    assert soup.select_one(".mentoring-brand-title").get_text() == "Escape <b>course</b>"
    crumbs = texts(soup, ".mentoring-breadcrumbs li")
    assert crumbs[-1] == "<script>alert(1)</script> Evil"


@pytest.mark.sphinx(
    "html",
    testroot="theme-escape",
    freshenv=True,
    confoverrides={
        "html_theme_options": {
            "announcement": "<script>alert('banner')</script>",
            "repository_url": "javascript:alert(1)",
            "accent_color": "red;}</style><script>alert(1)</script>",
        }
    },
)
def test_theme_options_are_escaped_or_refused(app: SphinxTestApp) -> None:
    app.build()
    html = raw(app, "evil.html")
    assert "<script>alert('banner')" not in html and "</style><script>" not in html
    assert "javascript:" not in html
    soup = page(app, "evil.html")
    assert soup.select_one(".mentoring-announcement").get_text().strip() == (
        "<script>alert('banner')</script>"
    )
    warnings = app.warning.getvalue()
    assert "accent_color" in warnings and "repository_url" in warnings
    assert "[mentoring.theme]" in warnings


# --- pages outside the course, and the theme on its own --------------------------


@pytest.mark.sphinx("html", testroot="theme-escape")
def test_page_outside_the_course_falls_back_to_sphinx_navigation(app: SphinxTestApp) -> None:
    app.build()
    soup = page(app, "about.html")
    assert soup.select_one(".mentoring-eyebrow") is None
    assert soup.select_one("a.mentoring-prev")["href"] == "evil.html"
    fallback = [a["href"] for a in soup.select(".mentoring-nav-fallback a")]
    assert fallback == ["evil.html", "#"]  # the root toctree's entries, this page current
    # highlighted code: pygments.css is linked here, and only where needed
    assert any(p.name == "pygments.css" for p in loaded_assets(app, "about.html"))
    assert not any(p.name == "pygments.css" for p in loaded_assets(app, "evil.html"))


@pytest.mark.sphinx("html", testroot="theme-plain")
def test_theme_without_the_extension(app: SphinxTestApp) -> None:
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    soup = page(app, "first.html")
    assert soup.select_one("a.mentoring-next")["href"] == "second.html"
    assert texts(soup, ".mentoring-breadcrumbs li") == ["Plain docs", "First"]
    assert "data-mentoring-progress" not in soup.body.attrs
    assert soup.select_one(".mentoring-done-button") is None
    assert [a["href"] for a in soup.select(".mentoring-nav-fallback a")] == [
        "#",
        "second.html",
    ]


# --- options ---------------------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="theme-course",
    freshenv=True,
    confoverrides={
        "html_theme_options": {
            "accent_color": "#8a2be2",
            "accent_color_dark": "rgb(200, 160, 255)",
            "show_module_list": "false",
            "progress_tracking": "false",
            "announcement": "Enrolment closes Friday",
            "repository_url": "https://github.com/example/course",
            "repository_branch": "trunk",
            "repository_path": "docs",
        }
    },
)
def test_theme_options(app: SphinxTestApp) -> None:
    app.build()
    assert "[mentoring.theme]" not in app.warning.getvalue()
    soup = page(app, "modules/mentoring/intro.html")
    style = soup.select_one("head style").get_text()
    assert "--mentoring-accent:#8a2be2" in style and "rgb(200, 160, 255)" in style
    assert soup.select_one(".mentoring-module-list") is None
    assert soup.select_one(".mentoring-done-button") is None
    assert soup.select_one(".mentoring-progress-reset") is None
    assert "data-mentoring-progress" not in soup.body.attrs
    assert soup.select_one(".mentoring-announcement").get_text().strip() == (
        "Enrolment closes Friday"
    )
    links = {a.get_text(): a["href"] for a in soup.select(".mentoring-footer-links a")}
    assert links["Edit this page"] == (
        "https://github.com/example/course/edit/trunk/docs/modules/mentoring/intro.md"
    )
    assert links["Source repository"] == "https://github.com/example/course"


@pytest.mark.sphinx("html", testroot="theme-course", freshenv=True)
def test_canonical_url_from_read_the_docs(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://course.example.org/en/latest/")
    app.build()
    soup = page(app, "modules/mentoring/intro.html")
    assert soup.select_one("link[rel=canonical]")["href"] == (
        "https://course.example.org/en/latest/modules/mentoring/intro.html"
    )


@pytest.mark.sphinx("html", testroot="theme-course", freshenv=True)
def test_no_canonical_url_without_a_base(app: SphinxTestApp) -> None:
    app.build()
    assert page(app, "modules/mentoring/intro.html").select_one("link[rel=canonical]") is None


@pytest.mark.sphinx(
    "html", testroot="theme-course", freshenv=True, confoverrides={"language": "es"}
)
def test_spanish_chrome(app: SphinxTestApp) -> None:
    app.build()
    soup = page(app, "modules/mentoring/intro.html")
    assert soup.html["lang"] == "es"
    # the theme's own strings (our catalog) and Sphinx's ("Search")
    assert soup.select_one(".mentoring-skip-link").get_text() == "Saltar al contenido"
    assert soup.select_one("label[for=mentoring-search-input]").get_text() == "Buscar"
    assert "Skip to content" not in raw(app, "modules/mentoring/intro.html")
