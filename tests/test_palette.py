"""One box palette for HTML, EPUB and PDF, readable (WCAG AA) wherever a reader reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_mentoring.palette import PALETTE, contrast, latex_name

AA = 4.5


def test_wcag_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("kind", sorted(PALETTE))
def test_every_kind_is_readable(kind: str) -> None:
    colours = PALETTE[kind]
    # HTML and EPUB: the title (and a link in it, same colour, underlined) on the box
    assert contrast(colours.title, colours.background) >= AA
    assert contrast(colours.dark_title, colours.dark_background) >= AA
    # PDF: white title (and links in it) on the title bar
    assert contrast("#ffffff", colours.title) >= AA


@pytest.mark.sphinx(
    "html", testroot="latex-course", freshenv=True, confoverrides={"html_theme": "sphinx_mentoring"}
)
def test_html_uses_the_palette(app) -> None:
    app.build()
    css = (Path(app.outdir) / "_static" / "mentoring-palette.css").read_text(encoding="utf-8")
    page = (Path(app.outdir) / "mentoring" / "intro.html").read_text(encoding="utf-8")
    assert "mentoring-palette.css" in page
    objectives = PALETTE["objectives"]
    assert f"--box:light-dark({objectives.accent},{objectives.dark_accent})" in css
    assert ".mentoring-callout-title a" in css
    # the theme mixes background and title from --box by the palette's rule (minified)
    theme = (Path(app.outdir) / "_static" / "mentoring.css").read_text(encoding="utf-8")
    assert "--box-bg:color-mix(in srgb,var(--box) 9%,var(--mentoring-surface))" in theme
    assert "--box-title:color-mix(in srgb,var(--box) 70%,var(--mentoring-text))" in theme


@pytest.mark.sphinx("epub", testroot="latex-course", freshenv=True)
def test_epub_uses_the_palette_in_plain_css(app) -> None:
    app.build()
    css = (Path(app.outdir) / "_static" / "mentoring-palette.css").read_text(encoding="utf-8")
    assert "var(" not in css and "light-dark" not in css
    assert f"background-color:{PALETTE['activity'].background}" in css


@pytest.mark.sphinx("latex", testroot="latex-course", freshenv=True)
def test_latex_defines_the_palette(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "connectedmentoring.tex").read_text(encoding="utf-8")
    for kind, colours in PALETTE.items():
        red = int(colours.title[1:3], 16)
        assert re.search(
            rf"\\definecolor{{sphinxmentoringTitle{latex_name(kind)}}}{{RGB}}{{{red},", tex
        )
    sty = (Path(app.outdir) / "sphinxmentoring.sty").read_text(encoding="utf-8")
    assert "colbacktitle=sphinxmentoringTitle" in sty and "urlcolor=white" in sty
