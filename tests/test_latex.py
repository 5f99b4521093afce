"""LaTeX output: the package in the preamble, module documents, unicode, numbering (no TeX run)."""
# ruff: noqa: RUF001 -- real course text: curly quotes, dashes, Greek

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_mentoring.latex.numbering import title_has_number
from sphinx_mentoring.latex.unicode import Typesetter


def test_typesetter_knows_what_pdflatex_takes() -> None:
    pdflatex = Typesetter("pdflatex")
    for char in "é’“”—–…ñçß€":
        assert pdflatex.can_typeset(char), char
    assert not pdflatex.can_typeset("⏰")
    assert not pdflatex.can_typeset("α")  # no LGR in the default preamble
    assert Typesetter("pdflatex", r"\usepackage[LGR,T1]{fontenc}").can_typeset("α")
    assert pdflatex.substitute("→") is None or pdflatex.can_typeset("→")
    assert pdflatex.substitute("≤") == r"\(\leq\)"
    xelatex = Typesetter("xelatex")
    assert xelatex.can_typeset("α") and not xelatex.can_typeset("⏰")
    assert not xelatex.can_typeset("😀")


def test_author_numbers() -> None:
    assert title_has_number("1. Introduction")
    assert title_has_number("2) Roles")
    assert not title_has_number("Step 1 - Create")
    assert not title_has_number("2020 vision")


@pytest.mark.sphinx("latex", testroot="latex-course", confoverrides={"mentoring_pdf": "both"})
def test_course_and_module_documents(app) -> None:
    app.build()
    out = Path(app.outdir)
    course = (out / "connectedmentoring.tex").read_text(encoding="utf-8")
    module = (out / "connectedmentoring-mentoring.tex").read_text(encoding="utf-8")
    assert (out / "sphinxmentoring.sty").is_file()
    assert r"\usepackage{sphinxmentoring}" in course
    assert r"\renewcommand{\sphinxmentoringvideoname}{Video}" in course
    # modules are chapters, author-numbered sections are not numbered again
    assert r"\chapter{Mentoring Youth}" in course
    assert r"\section{1. Introduction}" in course
    assert r"\setcounter{secnumdepth}{0}" in course
    assert r"\chapter{1. Introduction}" not in course
    # the module workbook: howto class, own title page, its sections
    assert "sphinxhowto" in module
    assert r"\sphinxmentoringtitlepage{Connected Mentoring}{Mentoring Youth}" in module
    assert r"\section{1. Introduction}" not in module or r"\setcounter{secnumdepth}" in module
    assert r"\begin{sphinxmentoringobjectives}" in module
    # video with a QR code written beside the .tex
    qr = next(line for line in module.splitlines() if line.startswith(r"\sphinxmentoringvideo"))
    qr_file = qr.rsplit("{", 1)[1].rstrip("}")
    assert qr_file.startswith("mentoring-qr/") and (out / qr_file).is_file()


@pytest.mark.sphinx("latex", testroot="latex-course")
def test_course_only_by_default(app) -> None:
    app.build()
    assert [entry[1] for entry in app.builder.document_data] == ["connectedmentoring.tex"]


@pytest.mark.sphinx("latex", testroot="latex-course")
def test_emoji_dropped_with_warning(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "intro.md:20" in warnings
    assert "U+23F0 ALARM CLOCK" in warnings and "[mentoring.unicode]" in warnings
    assert warnings.count("U+23F0") == 1
    tex = (Path(app.outdir) / "connectedmentoring.tex").read_text(encoding="utf-8")
    assert "⏰" not in tex
    assert "Take ten minutes." in tex
    assert "José’s" in tex and "“connected learning”" in tex


@pytest.mark.sphinx(
    "latex",
    testroot="latex-course",
    confoverrides={"suppress_warnings": ["mentoring.unicode"], "latex_engine": "xelatex"},
)
def test_unicode_warning_can_be_suppressed(app) -> None:
    app.build()
    assert "U+23F0" not in app.warning.getvalue()


@pytest.mark.sphinx("latex", testroot="latex-sty")
def test_adjacent_footnote_marks_are_separated(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "components.tex").read_text(encoding="utf-8")
    first, second = tex.index(r"\begin{footnote}[1]"), tex.index(r"\begin{footnote}[2]")
    assert r"\sphinxmentoringfootnotesep{}" in tex[first:second]
