"""kramdown's dialect, construct by construct (tests/roots/test-kramdown-dialect).

Each page of the root holds one construct. Two kinds of checks:

- a doctree snapshot per page (``tests/snapshots/kramdown-dialect/<page>.xml``),
  the way sphinx-design tests its components: any change in what the parser
  makes shows as a diff. After a deliberate change, rewrite them with
  ``MENTORING_UPDATE_SNAPSHOTS=1 pytest tests/test_kramdown_dialect.py`` and
  review the diff;
- the same page rendered by Debian's Jekyll (kramdown), compared feature by
  feature with Sphinx's HTML (:mod:`jekyll_reference`): classes on the blocks they
  were written for, terms and their ids, tables and rows, code languages, math,
  ids that in-page links reach, words.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from docutils import nodes
from jekyll_reference import features, jekyll_build
from sphinx.testing.util import SphinxTestApp

from sphinx_mentoring.jekyll.kramdown.tables import split_cells

ROOT = "test-kramdown-dialect"
PAGES = ["attributes", "code", "deflists", "html", "ids", "links", "math", "tables", "text", "toc"]
SNAPSHOTS = Path(__file__).parent / "snapshots" / "kramdown-dialect"


@pytest.fixture(scope="module")
def site(rootdir, tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("kramdown") / "src"
    shutil.copytree(rootdir / ROOT, srcdir)
    return srcdir


@pytest.fixture(scope="module")
def html_app(site):
    app = SphinxTestApp("html", srcdir=site)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def text_app(site, tmp_path_factory):
    app = SphinxTestApp("text", srcdir=site, builddir=tmp_path_factory.mktemp("text-build"))
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def jekyll(site, tmp_path_factory) -> Path:
    return jekyll_build(site, tmp_path_factory.mktemp("jekyll"))


def _snapshot(doctree: nodes.document) -> str:
    text = doctree.pformat()
    return re.sub(r' source="[^"]*"', "", text)


# --- snapshots ----------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_doctree_snapshot(html_app, page):
    got = _snapshot(html_app.env.get_doctree(page))
    path = SNAPSHOTS / f"{page}.xml"
    if os.environ.get("MENTORING_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path.name}: run with MENTORING_UPDATE_SNAPSHOTS=1"
    assert got == path.read_text(encoding="utf-8")


# --- against Jekyll ---------------------------------------------------------------------


def _pair(html_app, jekyll, page):
    ours = features((html_app.outdir / f"{page}.html").read_text(encoding="utf-8"), sphinx=True)
    theirs = features((jekyll / f"{page}.html").read_text(encoding="utf-8"), sphinx=False)
    return ours, theirs


@pytest.mark.parametrize("page", PAGES)
def test_same_structure_as_jekyll(html_app, jekyll, page):
    ours, theirs = _pair(html_app, jekyll, page)
    assert ours.quotes == theirs.quotes
    assert ours.lists == theirs.lists
    assert Counter(theirs.paragraph_classes) <= Counter(ours.paragraph_classes)
    assert theirs.element_classes <= ours.element_classes
    assert ours.terms == theirs.terms
    assert ours.tables == theirs.tables
    assert ours.code == theirs.code
    assert ours.inline_math == theirs.inline_math
    assert ours.display_math == theirs.display_math
    # every id kramdown gives a heading exists here too, and every in-page link that
    # lands on Jekyll's page lands on ours
    assert set(theirs.heading_ids) <= ours.ids
    working = [link for link in theirs.local_links if link in theirs.ids]
    assert len(ours.local_links) == len(working)
    assert [link for link in ours.local_links if link not in ours.ids] == []


@pytest.mark.parametrize("page", PAGES)
def test_every_word_jekyll_shows_is_in_the_html(html_app, jekyll, page):
    ours, theirs = _pair(html_app, jekyll, page)
    assert theirs.words - ours.words == Counter()


def _jekyll(jekyll, page):
    return features((jekyll / f"{page}.html").read_text(encoding="utf-8"), sphinx=False)


def test_the_construct_pages_show_what_kramdown_decides(jekyll):
    """The comparison above is only as good as what it sees: it sees the constructs."""
    theirs = _jekyll(jekyll, "attributes")
    assert theirs.quotes == ["outer", "outer>inner", "aside", "note boxed"]
    assert theirs.lists == ["ul notes", "ol steps"]
    assert theirs.paragraph_classes == ["lead", "from-above", "lost"]
    theirs = _jekyll(jekyll, "tables")
    assert theirs.tables == [(0, 2), (0, 1), (1, 4), (0, 1), (0, 1)]
    theirs = _jekyll(jekyll, "deflists")
    assert [i for _, i in theirs.terms] == [
        "absolute-path",
        "path",
        "command-line-interface",
        "plain-term",
        # each line before ``:`` is a term, and terms after the list join it
        "terms-on-two-lines",
        "second-term-line",
        "",  # a new list (a paragraph came between): no {:auto_ids}
        "",
    ]
    theirs = _jekyll(jekyll, "html")
    # an IAL right after an HTML element is the element's
    assert theirs.element_classes == Counter(
        [
            "mermaid",
            "box",
            "note",
            "closed-later",
            "grid",
            "lecture",
            "schedule",
            "timetable",
            "swatch",
        ]
    )
    # a table is raw up to its end tag: lines a Liquid loop left blank cut no row off
    assert len(theirs.tables) == 3  # the grid, the timetable, a table in its cell
    assert theirs.lists == ["ul no-questions"]  # an empty list: kept in HTML, left out of PDF
    assert "boxed" in theirs.ids
    theirs = _jekyll(jekyll, "math")
    assert len(theirs.inline_math) == 5 and len(theirs.display_math) == 3
    theirs = _jekyll(jekyll, "code")
    assert theirs.code == [
        ("python", ""),
        ("text", "output"),
        ("text", "python"),
        ("python", ""),
        ("text", ""),
        ("python", ""),  # {% highlight python linenos %}
    ]


# --- what only Sphinx has: text output, warnings ---------------------------------------


def _text(app, page: str) -> str:
    return (app.outdir / f"{page}.txt").read_text(encoding="utf-8")


def test_text_output_numbers_the_lines_of_a_numbered_code_block(text_app):
    """{% highlight python linenos %}: the numbers the page shows, as words too."""
    assert "1  first = 1\n   2  second = 2" in _text(text_app, "code")


def test_text_output_has_a_table_in_a_table_as_rows_of_text(text_app):
    """Sphinx's text writer stops the whole build on a nested table."""
    text = " ".join(_text(text_app, "html").split())
    assert "nested | table" in text and "second inner" in text


def test_text_output_keeps_lines_apart_and_math_readable(text_app):
    text = _text(text_app, "text")
    assert "First line second line." in " ".join(text.split())
    assert "###" in text and "#Not a heading" in text
    math = " ".join(_text(text_app, "math").split())
    assert "πr^2" in math.replace(" ", "") and "$5 and $10" in math
    assert "∑_i=1^n i = n(n+1)/2" in math
    assert math.count("$$") == 1 and "\\frac" not in math  # \$$ is two dollar signs
    # MathJax's \unicode and \lt as the characters they show
    assert "0.9572 Å" in math and "a < b" in math and "unicode" not in math


def test_script_embeds_warn_and_keep_a_link(html_app):
    warnings = html_app.warning.getvalue()
    assert warnings.count("[mentoring.embed]") == 2
    assert "html.md:12:" in warnings and "html.md:16:" in warnings
    doctree = html_app.env.get_doctree("html")
    links = [r["refuri"] for r in doctree.findall(nodes.reference)]
    assert links[0] == "https://speakerdeck.com/player/0123456789abcdef0123456789abcdef"
    assert "example.org/widget.js" not in " ".join(links)
    (diagram,) = [b for b in doctree.findall(nodes.literal_block) if "mermaid" in b["classes"]]
    # whole, blank line included (CommonMark would end the HTML block there)
    assert diagram.astext() == "graph TD\nA --> B\n\n    B --> C"
    page = (html_app.outdir / "html.html").read_text(encoding="utf-8")
    assert '<div class="mermaid">graph TD\nA --&gt; B\n\n    B --&gt; C</div>' in page


def test_mathjax_is_served_by_the_build_on_math_pages_only(html_app):
    math_page = (html_app.outdir / "math.html").read_text(encoding="utf-8")
    assert '<script defer="defer" src="_static/mathjax/tex-svg-full.js"></script>' in math_page
    assert "cdn" not in math_page.lower()
    assert (html_app.outdir / "_static" / "mathjax" / "tex-svg-full.js").stat().st_size > 10**6
    for page in set(PAGES) - {"math"}:
        assert "mathjax" not in (html_app.outdir / f"{page}.html").read_text(encoding="utf-8")


def test_no_other_warnings(html_app):
    lines = [w for w in html_app.warning.getvalue().splitlines() if w.strip()]
    assert [w for w in lines if "[mentoring.embed]" not in w] == []


def test_split_cells_respects_code_and_escapes():
    assert split_cells("| a | b |") == ["a", "b"]
    assert split_cells("a | b") == ["a", "b"]
    assert split_cells("| code `a|b` | c\\|d |") == ["code `a|b`", "c|d"]
    assert split_cells("no pipe") is None
    assert split_cells("`only | in code`") is None
