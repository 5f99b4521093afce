"""A Workbench lesson's Markdown: fenced divs as boxes, the overview, instructor notes,
pandoc attributes and figures, MARC dollars, the glossary (tests/roots/test-workbench-lesson)."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx import addnodes

from sphinx_mentoring import nodes as mnodes


def _soup(app: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="workbench-lesson")
def test_fenced_divs_become_boxes_nested_as_written(app: Any) -> None:
    app.build()
    soup = _soup(app, "first-steps.html")
    challenge = soup.select_one("div.mentoring-callout-challenge")
    assert challenge.select_one(".mentoring-callout-title").get_text() == (
        "Challenge 1: Find the menu"
    )
    # solution and hint are collapsible, inside their challenge
    solution = challenge.select_one("details.mentoring-details-solution")
    assert solution.summary.get_text() == "Solution"
    assert "At the top." in solution.get_text()
    assert challenge.select_one("details.mentoring-details-hint").summary.get_text() == "Hint"
    # one box per div, each with its kind's class
    for kind, count in {
        "callout-callout": 1,
        "callout-discussion": 1,
        "callout-checklist": 1,
        "callout-keypoints": 1,
        "details-spoiler": 1,
    }.items():
        assert len(soup.select(f".mentoring-{kind}")) == count, kind
    # a heading that starts the div is its title; without one, the kind's name
    assert soup.select_one(".mentoring-callout-callout .mentoring-callout-title").get_text() == (
        "A word of caution about menus"
    )
    assert soup.select_one(".mentoring-details-spoiler summary").get_text() == "More about menus"
    assert soup.select_one(".mentoring-callout-checklist .mentoring-callout-title").get_text() == (
        "Checklist"
    )
    # no colon fence leaks as text; a fence inside a code block stays code
    assert ":::" not in soup.select_one("main, body").get_text().replace("::: not a div", "")
    advanced = _soup(app, "advanced.html")
    assert "::: not a div" in advanced.select_one("div.mentoring-callout-challenge pre").get_text()
    # a tab group: each heading starts a tab, all of them shown
    tabs = advanced.select("div.mentoring-tabs-group-tab > div.mentoring-tab")
    assert [tab.select_one("p.rubric").get_text() for tab in tabs] == ["Windows", "macOS"]
    assert "Use the Dock." in tabs[1].get_text()
    # R Markdown chunks are code in their language; knitr's hidden ones stay hidden
    assert "count_records(marc)" in advanced.select_one("div.highlight-r").get_text()
    assert "hidden_setup_code" not in advanced.get_text()
    # ```output and ```error: classes of plain blocks, styled as such (pandoc's reading)
    assert "[1] 42" in advanced.select_one("div.output.highlight-text pre").get_text()
    assert "not found" in advanced.select_one("div.error.highlight-text pre").get_text()
    # two images in one paragraph are no figure (pandoc's implicit figures are alone)
    assert not advanced.select("figure") and len(advanced.select("p img")) == 2
    assert advanced.select_one("div.mentoring-callout-challenge details.mentoring-details-solution")


@pytest.mark.sphinx("html", testroot="workbench-lesson")
def test_questions_and_objectives_merge_into_one_overview(app: Any) -> None:
    app.build()
    doctree = app.env.get_doctree("episodes/first-steps")
    (overview,) = doctree.findall(mnodes.objectives)
    assert "mentoring-overview" in overview["classes"]
    text = overview.astext()
    assert "Teaching: 10 min" in text and "Exercises: 5 min" in text
    # questions first, as both templates show them, whatever the source order
    assert text.index("How do I start?") < text.index("Open the program")
    # it stands where the divs stood: right under the title
    assert overview.parent[0].astext() == "First Steps"


@pytest.mark.sphinx("html", testroot="workbench-lesson")
def test_learner_build_leaves_instructor_content_out(app: Any, warning: Any) -> None:
    app.build()
    everything = "".join(path.read_text(encoding="utf-8") for path in app.outdir.rglob("*.html"))
    for instructor_text in (
        "Arrive early",
        "point at it",
        "the day before",
        "timing advice",
    ):
        assert instructor_text not in everything
    assert not (app.outdir / "instructor-notes.html").exists()
    assert "Instructor note" not in everything
    # sandpaper's flat links: setup.md from episodes/ is learners/setup.md; the link to
    # the instructor page the learner build leaves out keeps its text, without a warning
    advanced = _soup(app, "advanced.html")
    assert advanced.find("a", string="the setup page")["href"] == "setup.html"
    kept = advanced.find(string="the notes for instructors")
    assert kept is not None and kept.find_parent("a") is None
    assert "instructor-notes" not in warning.getvalue()


@pytest.mark.sphinx(
    "html", testroot="workbench-lesson", confoverrides={"mentoring_instructor": True}
)
def test_instructor_build_has_all_of_it(app: Any) -> None:
    app.build()
    first = _soup(app, "first-steps.html")
    note = first.select_one("details.mentoring-details-instructor")
    assert note.summary.get_text() == "Instructor note"
    assert "point at it" in note.get_text()
    assert "Arrive early" in _soup(app, "index.html").get_text()
    assert "the day before" in _soup(app, "setup.html").get_text()
    assert "timing advice" in _soup(app, "instructor-notes.html").get_text()
    link = _soup(app, "advanced.html").find("a", string="the notes for instructors")
    assert link["href"] == "instructor-notes.html"


@pytest.mark.sphinx("html", testroot="workbench-lesson")
def test_pandoc_images_attributes_and_figures(app: Any) -> None:
    app.build()
    doctree = app.env.get_doctree("episodes/first-steps")
    figure = next(doctree.findall(nodes.figure))
    image = figure[0]
    # the alt attribute is the image's text; the bracketed text its caption
    assert image["alt"] == "A window with a menu bar and $aTitle text"
    assert figure.next_node(nodes.caption).astext() == "The main window"
    # an image without bracketed text is no figure; its width is kept
    plain = [i for i in doctree.findall(nodes.image) if i["alt"] == "An unlabelled screenshot"]
    assert plain and plain[0]["width"] == "50%"
    assert not isinstance(plain[0].parent, nodes.figure)
    # fig/ of another folder is found where sandpaper's flat site finds it
    assert (app.outdir / "_images" / "window.png").is_file()
    setup = _soup(app, "setup.html")
    assert setup.select_one("img")["src"].endswith("_images/window.png")


@pytest.mark.sphinx("html", testroot="workbench-lesson", freshenv=True)
def test_marc_dollars_stay_text_and_real_math_is_math(app: Any, warning: Any) -> None:
    app.build()
    doctree = app.env.get_doctree("episodes/first-steps")
    assert [m.astext() for m in doctree.findall(nodes.math)] == ["x^2"]
    text = doctree.astext()
    assert "In field 245 write $aThe Hobbit /$c Tolkien." in text
    assert "reads $aThe." in text  # \$ is a dollar
    log = warning.getvalue()
    assert "first-steps.md:28" in log and "[mentoring.math]" in log
    assert log.count("[mentoring.math]") == 1
    # a footnote mark without a definition is text, as pandoc and kramdown read it
    assert "Type .[^4] to match" in app.env.get_doctree("episodes/advanced").astext()
    assert "Unknown target" not in log


@pytest.mark.sphinx("html", testroot="workbench-lesson")
def test_reference_page_definition_list_is_a_linkable_glossary(app: Any) -> None:
    app.build()
    doctree = app.env.get_doctree("learners/reference")
    (glossary,) = doctree.findall(addnodes.glossary)
    terms = [term for term in glossary.findall(nodes.term)]
    assert [t.astext() for t in terms] == ["MARC 21", "Regex (Regular Expressions)"]
    assert terms[0]["ids"] == ["marc-21"]
    std = app.env.domains.standard_domain
    assert std._terms["marc 21"] == ("learners/reference", "marc-21")
    # the lesson's own links to the span ids still land on the terms
    advanced = _soup(app, "advanced.html")
    assert advanced.select_one('a[href="reference.html#marc-21"]')
    assert _soup(app, "reference.html").select_one("dl.glossary dt#marc-21")


@pytest.mark.parametrize("builder", ["text", "man", "epub"])
def test_boxes_readable_in_other_writers(make_app: Any, rootdir: Any, tmp_path: Any, builder: str):
    # the man page of one episode (a man page holds its document's toctree only)
    man_pages = [("episodes/first-steps", "first-steps", "First Steps", [], 1)]
    app = make_app(
        builder,
        srcdir=rootdir / "test-workbench-lesson",
        builddir=tmp_path,
        confoverrides={"man_pages": man_pages},
    )
    app.build()
    if builder == "text":
        text = (app.outdir / "episodes" / "first-steps.txt").read_text(encoding="utf-8")
        for words in ("Challenge 1: Find the menu", "Solution", "At the top.", "Hint", "Look up."):
            assert words in text
    elif builder == "man":
        page = (app.outdir / "first-steps.1").read_text(encoding="utf-8")
        assert "Challenge 1: Find the menu" in page and "At the top." in page
    else:
        xhtml = (app.outdir / "episodes" / "first-steps.xhtml").read_text(encoding="utf-8")
        # e-readers rarely open <details>: an open box there
        assert "<details" not in xhtml
        assert "mentoring-details-solution" in xhtml and "At the top." in xhtml


@pytest.mark.latex
@pytest.mark.skipif(
    not (shutil.which("latexmk") and shutil.which("pdftotext")), reason="needs latexmk"
)
def test_boxes_in_a_real_pdf(make_app: Any, rootdir: Any, tmp_path: Any) -> None:
    from test_pdf import compile_pdf, pdf_text, squash  # tests/ is on sys.path

    documents = [("episodes/first-steps", "first.tex", "First Steps", "", "howto")]
    app = make_app(
        "latex",
        srcdir=rootdir / "test-workbench-lesson",
        builddir=tmp_path,
        confoverrides={"latex_documents": documents},
    )
    app.build()
    tex = (app.outdir / "first.tex").read_text(encoding="utf-8")
    assert "\\begin{sphinxmentoringcallout}{challenge}{Challenge 1: Find the menu}" in tex
    # a solution inside its challenge is a breakable sub-box, not a nested tcolorbox
    assert "\\begin{sphinxmentoringsubbox}{solution}{Solution}" in tex
    assert "\\begin{sphinxmentoringdetails}[spoiler]{More about menus}" in tex
    assert "\\begin{sphinxmentoringobjectives}{Overview}" in tex
    text = squash(pdf_text(compile_pdf(app.outdir, "first.tex")))
    for words in ("Challenge 1: Find the menu", "At the top.", "Look up.", "Menus are old."):
        assert squash(words) in text
    assert squash("In field 245 write $aThe Hobbit /$c Tolkien.") in text


@pytest.mark.latex
@pytest.mark.skipif(
    not (shutil.which("latexmk") and shutil.which("pdftotext")), reason="needs latexmk"
)
@pytest.mark.parametrize("mode", ["episode", "appendix"])
def test_solutions_moved_away_in_print(
    make_app: Any, rootdir: Any, tmp_path: Any, mode: str
) -> None:
    from test_pdf import compile_pdf, pdf_text, squash

    documents = [("episodes/first-steps", "first.tex", "First Steps", "", "manual")]
    app = make_app(
        "latex",
        srcdir=rootdir / "test-workbench-lesson",
        builddir=tmp_path,
        confoverrides={"latex_documents": documents, "mentoring_solutions": mode},
    )
    app.build()
    tex = (app.outdir / "first.tex").read_text(encoding="utf-8")
    challenge = tex.index("{Challenge 1: Find the menu}")
    moved = tex.index("{Solution to: Challenge 1: Find the menu}")
    # the challenge links to the solution, which comes after everything else of the page
    assert challenge < tex.index("\\hyperref[", challenge) < tex.index("Menus are old.") < moved
    assert ("\\appendix" in tex) == (mode == "appendix")
    text = squash(pdf_text(compile_pdf(app.outdir, "first.tex")))
    assert squash("Solution to: Challenge 1: Find the menu") in text
    assert squash("Back to the challenge") in text
    assert text.index(squash("Where is the menu?")) < text.index(squash("At the top."))


@pytest.mark.parametrize("instructor", [False, True])
def test_cli_instructor_flag(rootdir: Any, tmp_path: Any, instructor: bool) -> None:
    from sphinx_mentoring import cli

    site = tmp_path / "lesson"
    shutil.copytree(rootdir / "test-workbench-lesson", site)
    out = tmp_path / "out"
    flags = ["--instructor"] if instructor else []
    assert cli.main(["build", str(site), str(out), "--format", "text", "-q", *flags]) == 0
    text = "".join(p.read_text(encoding="utf-8") for p in (out / "text").rglob("*.txt"))
    assert ("Arrive early to set up the room." in text) is instructor


@pytest.mark.sphinx("html", testroot="workbench-lesson", freshenv=True)
def test_what_sandpaper_does_besides_markdown(app: Any, warning: Any) -> None:
    app.build()
    setup = _soup(app, "setup.html")
    # links.md's definitions serve every page; the page's own definition wins
    assert setup.select_one('a[href="https://marcedit.reeset.net"]').get_text() == "MarcEdit"
    assert setup.select_one('a[href="https://example.org/setup"]')
    assert "title:" not in setup.get_text()  # its front matter is not appended
    # data/ of another folder is served where sandpaper's flat site serves it
    link = setup.select_one('a[href$="records.csv"]')
    assert (app.outdir / link["href"]).resolve().is_file()
    # every heading has pandoc's id: links to it resolve
    assert setup.select_one('a[href="first-steps.html#opening"]')
    # no Liquid on pandoc pages: GitHub Actions' ${{ }} stays as written
    assert "${{ matrix.python-version }}" in setup.select_one("pre").get_text()
    log = warning.getvalue()
    assert "WARNING" not in log.replace("[mentoring.math]", "").replace(
        "first-steps.md:28: WARNING", ""
    ), log
