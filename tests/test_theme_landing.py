"""The course landing: module cards from the course model, a Course-in-a-Box tile grid
turned into them, descriptions for search engines and link previews."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors


def _page(app: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def _texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(element.get_text().split()) for element in soup.select(selector)]


@pytest.mark.sphinx("html", testroot="theme-landing", freshenv=True)
def test_tile_grid_becomes_the_module_cards(app: Any) -> None:
    app.build()
    soup = _page(app, "index.html")
    article = soup.select_one("article")
    # The cards take the grid's place: after the author's opening, before the rest.
    blocks = [child for child in article.select_one("section").children if child.name]
    names = [" ".join(block.get("class", [])) or block.name for block in blocks]
    assert names.index("mentoring-course") == names.index("mentoring-html-h2 rubric") + 2
    # One card per module of the project, in course order, titled as the tiles say
    # (the modules have no title of their own), with what each tile showed.
    assert _texts(soup, ".mentoring-card-title") == ["the connected learning mindset", "mentoring"]
    assert _texts(soup, ".mentoring-card-number") == ["Module 1", "Module 2"]
    assert [img["alt"] for img in soup.select(".mentoring-card-media img")] == ["", "Mentoring"]
    assert not soup.select(".mentoring-card a.image-reference")  # no second link in a card
    assert _texts(soup, ".mentoring-card-summary") == [
        "Describe connected learning; Explain how connected learning is fundamental to "
        "teen services",
        # The tile's own words besides its link describe the module ("- " dropped).
        "roles and relationships",
    ]
    assert _texts(soup, ".mentoring-card-meta") == ["1 section 20 min", "1 section 4 min"]
    # The tile of a module this project lacks stays as the author wrote it.
    rest = soup.select(".grid-container .grid-item")
    assert len(rest) == 1 and "capacity" in rest[0].get_text()
    start = soup.select_one("a.mentoring-course-start")
    assert start["href"] == "modules/basics/index.html"
    assert _texts(soup, ".mentoring-course-meta") == ["2 modules 24 min"]
    # The course's description (its HTML stripped) for search engines and previews.
    description = "Helping library staff make learning connections with youth"
    assert soup.select_one("meta[name=description]")["content"] == description
    assert soup.select_one("meta[property='og:description']")["content"] == description
    assert soup.select_one("meta[property='og:site_name']")["content"] == "Connected Learning"


@pytest.mark.sphinx("html", testroot="theme-landing", freshenv=True)
def test_image_links_without_a_name_are_named_and_reported(app: Any) -> None:
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert (
        "index.md:25: WARNING: a link to 'https://ischool.umd.edu' shows only an image "
        "without alt text: it has no name for screen readers, so it is named "
        "'ischool.umd.edu'"
    ) in warnings
    assert "[mentoring.image-link]" in warnings
    soup = _page(app, "index.html")
    (sponsor,) = soup.select("a[href='https://ischool.umd.edu'] img")
    assert sponsor["alt"] == "ischool.umd.edu"
    # No link inside a link: an image in the author's link is not linked again.
    assert not soup.select("a a")


@pytest.mark.sphinx("html", testroot="theme-landing", freshenv=True)
def test_untitled_videos_are_named_after_their_page(app: Any) -> None:
    app.build()
    soup = BeautifulSoup(
        Path(app.builder.get_outfilename("modules/mentoring/_posts/2001-01-01-roles")).read_text(),
        "html.parser",
    )
    assert [frame["title"] for frame in soup.select("iframe")] == ["Video: Roles"]


@pytest.mark.sphinx("text", testroot="theme-landing", freshenv=True)
def test_other_formats_keep_the_tiles_as_written(app: Any) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "the connected learning mindset" in text and "capacity" in text
    assert "Start the course" not in text


@pytest.mark.slow
def test_connectedlib_tile_grid_becomes_cards(corpus_copy: Path, tmp_path: Path) -> None:
    """The shared corpus: three of the course's nine modules; their tiles become cards."""
    from sphinx_mentoring import cli

    out = tmp_path / "out"
    assert cli.main(["build", str(corpus_copy), str(out), "-q"]) == 0
    soup = BeautifulSoup((out / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert _texts(soup, ".mentoring-card-title") == [
        "introducing the toolkit",
        "the connected learning mindset",
        "mentoring",
    ]
    assert len(soup.select(".mentoring-card-meta time")) == 3  # every module states a time
    # The six tiles of modules the corpus lacks stay where they were, after the cards.
    assert len(soup.select(".grid-container .grid-item")) == 6
    assert "We\u2019ve remodeled!" in soup.select_one("article").get_text()


@pytest.mark.sphinx("html", testroot="theme-one-page-module", freshenv=True)
def test_a_module_of_one_page_is_its_own_section(app: Any) -> None:
    """Its landing page is what there is to do: marked done there, counted once,
    so the module (and with it the course) can complete."""
    app.build()
    assert "WARNING" not in app.warning.getvalue()
    welcome = _page(app, "modules/welcome/index.html")
    assert welcome.select_one(".mentoring-done-button") is not None
    (count,) = welcome.select(".mentoring-progress-control [data-mentoring-total]")
    assert count["data-mentoring-total"] == "1"
    assert welcome.select_one(".mentoring-module-complete") is not None
    # No "In this module" list or "Start the module" pointing at the page itself.
    assert not welcome.select(".mentoring-module-contents, .mentoring-module-start")
    # The sidebar shows the module once, its link marked done like a section's.
    (link,) = [a for a in welcome.select("#mentoring-sidebar a") if a.get_text() == "Welcome"]
    assert link["data-mentoring-doc"] == "modules/welcome/index"
    assert not welcome.select("#mentoring-sidebar .mentoring-nav-sections")
    # A module of several pages: its landing page is not marked done.
    roles = _page(app, "modules/roles/index.html")
    assert roles.select_one(".mentoring-done-button") is None
    assert roles.select_one(".mentoring-module-start")["href"] == "first.html"
    # The course landing: one section on the card, the module listed once.
    course = _page(app, "index.html")
    assert _texts(course, ".mentoring-card-meta") == ["1 section", "1 section 5 min"]
    contents = course.select_one(".mentoring-course-contents")
    assert [a.get_text() for a in contents.select("a")] == ["Roles", "1. First steps", "Welcome"]
