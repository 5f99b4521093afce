"""Emoji, symbols, other scripts and invisible characters never stop a PDF, never vanish."""
# ruff: noqa: RUF001 -- the point of these tests is characters LaTeX may not know

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors
from test_pdf import compile_pdf, pdf_text

from sphinx_mentoring.latex.unicode import (
    CLUSTER,
    box_drawing,
    cluster_name,
    font_coverage,
    kind_of,
)

pytestmark = pytest.mark.skipif(
    not (shutil.which("latexmk") and shutil.which("pdftotext")), reason="needs latexmk"
)


def test_clusters_are_what_readers_see() -> None:
    clusters = [m.group() for m in CLUSTER.finditer("a👍🏽👩\u200d💻🇫🇷1\ufe0f\u20e3⭐\ufe0f")]
    assert clusters == ["a", "👍🏽", "👩\u200d💻", "🇫🇷", "1\ufe0f\u20e3", "⭐\ufe0f"]
    assert cluster_name("👍🏽") == "thumbs up sign, medium skin tone"
    assert cluster_name("👩\u200d💻") == "woman + personal computer"
    assert cluster_name("🇫🇷") == "flag FR" and cluster_name("1\ufe0f\u20e3") == "keycap 1"
    assert kind_of("α") == "letter of a script without a font"
    assert kind_of("\u200b") == "control or invisible character"
    assert kind_of("⭐\ufe0f") == "emoji"
    assert [box_drawing(c) for c in "├─│└█"] == ["+", "-", "|", "+", "#"]


def _warnings(app) -> list[str]:
    return [w for w in strip_colors(app.warning.getvalue()).splitlines() if "unicode" in w]


@pytest.mark.latex
@pytest.mark.sphinx("latex", testroot="latex-unicode", freshenv=True)
def test_pdflatex_prints_names(app) -> None:
    app.build()
    warnings = _warnings(app)
    # one warning per kind of character, at its first place
    assert len(warnings) == 3, warnings
    assert any(w.startswith(f"{app.srcdir}/index.md:1: WARNING: emoji") for w in warnings)
    assert any("letter of a script without a font" in w for w in warnings)
    assert any("U+200B ZERO WIDTH SPACE" in w for w in warnings)
    text = " ".join(pdf_text(compile_pdf(Path(app.outdir), "unicode.tex")).split())
    for shown in (
        "You’ll see this icon [memo] throughout",
        "Well done [thumbs up sign, medium skin tone]!",
        "[woman + personal computer] works in [flag FR].",
        "Step [keycap 1] comes first; ✓ done, ≤ less.",
        "[greek small letter alpha]",
        "[devanagari letter ka]",
        "code with an emoji [grinning face] inside",
        "An invisible space",
    ):
        assert shown in text, shown


@pytest.mark.latex
@pytest.mark.skipif(
    not shutil.which("lualatex") or font_coverage("Symbola") is None,
    reason="needs lualatex and the Symbola font (fonts-symbola)",
)
@pytest.mark.sphinx(
    "latex", testroot="latex-unicode", freshenv=True, confoverrides={"latex_engine": "lualatex"}
)
def test_lualatex_prints_emoji_with_symbola(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "unicode.tex").read_text(encoding="utf-8")
    assert r"\newfontfamily\sphinxmentoringfontA{Symbola}" in tex
    text = pdf_text(compile_pdf(Path(app.outdir), "unicode.tex", "lualatex"))
    assert "📝" in text and "👍" in text and "αβγ" in text
    # what no font has is named, still
    assert "[devanagari letter ka]" in text
    warnings = _warnings(app)
    assert not any("U+1F4DD" in w for w in warnings)
    assert any(re.search(r"U\+0915 DEVANAGARI LETTER KA", w) for w in warnings)
