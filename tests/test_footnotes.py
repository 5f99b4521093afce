"""HTML-anchor footnotes built for real: seed page, several pages, bad inputs."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

BUILDERS = ["html", "latex", "text", "epub", "man", "singlehtml"]


def _warnings_of(app) -> str:
    return strip_colors(app.warning.getvalue())


@pytest.fixture
def build(rootdir, tmp_path):
    """Build a copy of a test root with any builder (fresh each time)."""
    apps = []

    def run(root: str, builder: str, **confoverrides):
        srcdir = tmp_path / f"{root}-{builder}-{len(apps)}"
        shutil.copytree(rootdir / f"test-{root}", srcdir)
        app = SphinxTestApp(builder, srcdir=srcdir, confoverrides=confoverrides or None)
        apps.append(app)
        app.build()
        return app

    yield run
    for app in apps:
        app.cleanup()


# --- the seed page -----------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
def test_seed_builds_without_warnings(build, builder):
    app = build("seed", builder)
    assert _warnings_of(app) == ""
    doctree = app.env.get_doctree("intro")
    assert len(list(doctree.findall(nodes.footnote))) == 3
    assert len(list(doctree.findall(nodes.footnote_reference))) == 3
    assert not list(doctree.findall(nodes.raw))


def test_seed_latex_has_three_footnotes(build):
    app = build("seed", "latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\begin{footnote}[") == 3
    assert "Connected Learning: An Agenda for Research and Design" in tex
    assert "Current Directions in Psychological Science" in tex


def test_seed_html_title_and_notes(build):
    app = build("seed", "html")
    html = (app.outdir / "intro.html").read_text(encoding="utf-8")
    assert "<title>1. Introduction" in html
    assert html.count('class="footnote-reference') == 3
    assert not list(app.env.get_doctree("intro").findall(nodes.transition))  # the <hr/> went
    assert "&lt;a name" not in html


def test_seed_text_keeps_mark_separators(build):
    app = build("seed", "text")
    text = (app.outdir / "intro.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    assert "young people.1, 2, 3" not in flat
    assert "young people.[1], [2], [3] In this module" in flat
    assert "[3] Rhodes, J. E., & DuBois, D. L. (2008)." in flat
    assert "fn1" not in text and "<hr" not in text


# --- several pages: per-page numbering, no id collisions ----------------------------


def test_singlehtml_ids_are_unique(build):
    app = build("footnotes-pages", "singlehtml")
    assert strip_colors(app.warning.getvalue()) == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    # both pages have a note 1, each linked to its own definition
    assert 'href="#footnote-one-1"' in html and 'href="#footnote-two-1"' in html
    assert "Source one A" in html and "Source two A" in html


def test_note_cited_twice_links_both_marks(build):
    app = build("footnotes-pages", "html")
    doctree = app.env.get_doctree("two")
    (footnote,) = doctree.findall(nodes.footnote)
    refs = list(doctree.findall(nodes.footnote_reference))
    assert len(refs) == 2
    assert {r["refid"] for r in refs} == set(footnote["ids"])
    assert len(footnote["backrefs"]) == 2
    html = (app.outdir / "two.html").read_text(encoding="utf-8")
    for ref in refs:
        assert f'href="#{ref["ids"][0]}"' in html  # backlink from the note to each mark


def test_definitions_are_markdown_and_quotes_either_way(build):
    app = build("footnotes-pages", "html")
    doctree = app.env.get_doctree("one")
    notes = list(doctree.findall(nodes.footnote))
    assert [n[0].astext() for n in notes] == ["1", "2"]  # '2' used single quotes
    assert next(notes[0].findall(nodes.reference))["refuri"] == "https://example.org/one-a"
    assert list(notes[1].findall(nodes.emphasis)) and list(notes[1].findall(nodes.strong))
    # the <hr/> sharing an HTML block with the first definition is gone
    assert not list(doctree.findall(nodes.transition))


def test_connectedlib_details_references(build):
    app = build("footnotes-pages", "text")
    assert strip_colors(app.warning.getvalue()) == ""
    doctree = app.env.get_doctree("references")
    assert [n[0].astext() for n in doctree.findall(nodes.footnote)] == ["1", "2"]
    assert len(list(doctree.findall(nodes.footnote_reference))) == 2
    text = (app.outdir / "references.txt").read_text(encoding="utf-8")
    assert "beneficial.[1]" in text and "[2] MENTOR, Elements of Effective Practice." in text


def test_latex_footnotes_of_several_pages(build):
    app = build("footnotes-pages", "latex")
    assert strip_colors(app.warning.getvalue()) == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\begin{footnote}[1]") == 3  # one, two, references
    assert r"\sphinxfootnotemark[1]" in tex  # two.md cites its note 1 twice


@pytest.mark.parametrize("builder", ["html", "latex", "singlehtml"])
def test_citation_mode(build, builder):
    app = build("footnotes-pages", builder, mentoring_footnotes="citation")
    assert strip_colors(app.warning.getvalue()) == ""
    labels = [c[0].astext() for c in app.env.get_doctree("one").findall(nodes.citation)]
    assert labels == ["one-1", "one-2"]
    assert not list(app.env.get_doctree("one").findall(nodes.footnote))
    if builder == "latex":
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
        assert r"\begin{sphinxthebibliography}" in tex
        for label in ("one-1", "one-2", "two-1", "references-1", "references-2"):
            latex_label = label.replace("-", r"\sphinxhyphen{}")
            assert rf"\bibitem[{latex_label}]" in tex
    elif builder == "singlehtml":
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
        ids = Counter(re.findall(r'\sid="([^"]+)"', html))
        assert [i for i, n in ids.items() if n > 1] == []


# --- bad input: one warning each, at the right line, text kept ----------------------


@pytest.fixture(scope="module")
def bad(rootdir, tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("fn-bad") / "src"
    shutil.copytree(rootdir / "test-footnotes-bad", srcdir)
    app = SphinxTestApp("text", srcdir=srcdir)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def _warnings(app, page: str) -> list[str]:
    return [w for w in strip_colors(app.warning.getvalue()).splitlines() if f"/{page}.md" in w]


def _text(app, page: str) -> str:
    return " ".join((app.outdir / f"{page}.txt").read_text(encoding="utf-8").split())


def test_mark_without_definition(bad):
    (warning,) = _warnings(bad, "no-definition")
    assert "no-definition.md:5:" in warning and "[mentoring.footnote]" in warning
    assert "'#fn4'" in warning
    assert "An unsupported claim.^4" in _text(bad, "no-definition")
    assert "[1] The only definition." in _text(bad, "no-definition")


def test_definition_without_mark(bad):
    (warning,) = _warnings(bad, "no-mark")
    assert "no-mark.md:9:" in warning and "never cited" in warning
    assert "[2] Definition nobody cites." in _text(bad, "no-mark")


def test_uncited_note_reaches_latex(rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-footnotes-bad", srcdir)
    app = SphinxTestApp("latex", srcdir=srcdir)
    try:
        app.build()
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert "Definition nobody cites." in tex
    assert "Second definition of the same note." in tex
    assert "A reference nobody cites." in tex


def test_same_number_defined_twice(bad):
    (warning,) = _warnings(bad, "twice")
    assert "twice.md:9:" in warning and "defined twice" in warning
    text = _text(bad, "twice")
    assert "[1] First definition." in text
    assert "Second definition of the same note." in text


def test_non_numeric_names_and_marks_outside_sup(bad):
    assert _warnings(bad, "names") == []
    text = _text(bad, "names")
    assert "named note.[1]" in text and "[1] Smith, the named source." in text
    assert "superscript [2] in the text." in text and "[2] The second source." in text


def test_definitions_in_a_list(bad):
    assert _warnings(bad, "in-list") == []
    doctree = bad.env.get_doctree("in-list")
    assert not list(doctree.findall(nodes.enumerated_list))
    assert [n[0].astext() for n in doctree.findall(nodes.footnote)] == ["1", "2"]
    assert "[2] Listed source two." in _text(bad, "in-list")


def test_connectedlib_mismatch_is_kept_as_written(bad):
    (warning,) = _warnings(bad, "mismatch")
    assert "mismatch.md:7:" in warning
    assert "mark 3 has no definition" in warning
    assert "definition 2 has no <sup> mark" in warning
    doctree = bad.env.get_doctree("mismatch")
    assert not list(doctree.findall(nodes.footnote))
    text = _text(bad, "mismatch")
    assert "coordinators.^3" in text
    assert "2: A reference nobody cites." in text


# --- the example module of docs/ ----------------------------------------------------


@pytest.mark.parametrize("builder", ["singlehtml", "latex", "text"])
def test_example_module_per_page_notes(tmp_path, builder):
    """docs/example: five seed-format pages, each with its own note 1, in one document."""
    example = Path(__file__).resolve().parents[1] / "docs" / "example"
    srcdir = tmp_path / "example"
    srcdir.mkdir()
    pages = sorted(p.stem for p in example.glob("*.md") if p.stem != "index")
    for page in pages:
        shutil.copy(example / f"{page}.md", srcdir)
    (srcdir / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n', encoding="utf-8")
    toctree = "\n".join(pages)
    (srcdir / "index.md").write_text(f"# Example\n\n```{{toctree}}\n{toctree}\n```\n", "utf-8")
    app = SphinxTestApp(builder, srcdir=srcdir)
    try:
        app.build()
        assert _warnings_of(app) == ""
        for page in pages:
            labels = [n[0].astext() for n in app.env.get_doctree(page).findall(nodes.footnote)]
            assert labels[0] == "1", page
        if builder == "singlehtml":
            html = (app.outdir / "index.html").read_text(encoding="utf-8")
            ids = Counter(re.findall(r'\sid="((?:footnote)[^"]+)"', html))
            assert len(ids) == sum(
                len(list(app.env.get_doctree(p).findall(nodes.footnote_reference)))
                + len(list(app.env.get_doctree(p).findall(nodes.footnote)))
                for p in pages
            )
            assert [i for i, n in ids.items() if n > 1] == []
        elif builder == "latex":
            tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
            assert tex.count(r"\begin{footnote}[1]") == len(pages)
    finally:
        app.cleanup()


@pytest.mark.latex
@pytest.mark.parametrize("mode", ["footnote", "citation"])
def test_pdf_compiles_with_notes(build, mode):
    """Real pdflatex run: notes (also named, listed, uncited ones) compile into the PDF."""
    import subprocess

    if shutil.which("latexmk") is None:
        pytest.skip("latexmk not installed")
    app = build("footnotes-bad", "latex", mentoring_footnotes=mode)
    tex = next(app.outdir.glob("*.tex"))
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=app.outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert tex.with_suffix(".pdf").exists()
