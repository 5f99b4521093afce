"""Math in every format: MathJax shipped with the package, LaTeX, readable text."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_mentoring.math import STATIC, latex_math, readable

ROOT = "test-kramdown-dialect"


def test_shipped_mathjax_is_the_recorded_release():
    record = dict(
        line.split(": ", 1) for line in (STATIC / "mathjax" / "SOURCE").read_text().splitlines()
    )
    shipped = (STATIC / "mathjax" / "tex-svg-full.js").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == record["sha256"]
    assert record["version"] == "3.2.2"
    assert "Apache License" in (STATIC / "mathjax" / "LICENSE").read_text()


def test_readable_text_of_formulas():
    assert readable(r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}") == "∑_i=1^n i = n(n+1)/2"
    assert readable(r"\alpha \leq \beta_{k}") == "α≤β_k"  # noqa: RUF001
    assert readable(r"\begin{align} a &= b \\ c &= d \end{align}").split() == [
        "a",
        "=",
        "b",
        "c",
        "=",
        "d",
    ]
    assert readable(r"\frac{")  # broken LaTeX never raises and never vanishes
    # MathJax's own macros, which pylatexenc does not know
    assert readable(r"0.9572\,\unicode{x212B}") == "0.9572 Å"
    assert readable(r"a \lt b \gt c") == "a < b > c"


def test_mathjax_macros_as_latex():
    assert (
        latex_math(r"\frac{kcal}{mol \cdot \unicode{x212B}^2}")
        == r"\frac{kcal}{mol \cdot \text{Å}^2}"
    )
    assert latex_math(r"\unicode[Arial]{8491} \AA \ltimes") == r"\text{Å} \text{\AA} \ltimes"
    # pdflatex has no glyph for it: named, never a LaTeX error; xelatex takes it
    assert latex_math(r"\unicode{x1F600}") == r"\text{[grinning face]}"
    assert latex_math(r"\unicode{x1F600}", "xelatex") == "\\text{\U0001f600}"


@pytest.fixture
def site(rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / ROOT, srcdir)
    return srcdir


def test_epub_shows_readable_math_and_no_script(site, tmp_path):
    app = SphinxTestApp("epub", srcdir=site, builddir=tmp_path / "build")
    try:
        app.build()
        page = (app.outdir / "math.xhtml").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert "n(n+1)/2" in page and "α≤β" in page  # noqa: RUF001
    assert "mathjax" not in page.lower() and "\\frac" not in page
    assert not (app.outdir / "_static" / "mathjax").exists()


def test_man_page_shows_readable_math(site, tmp_path):
    app = SphinxTestApp("man", srcdir=site, builddir=tmp_path / "build")
    try:
        app.build()
        page = next(app.outdir.rglob("*.1")).read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert "n(n+1)/2" in page and "\\frac" not in page


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk (tools/system-deps.sh)")
def test_every_formula_is_typeset_by_latex(site, tmp_path):
    app = SphinxTestApp("latex", srcdir=site, builddir=tmp_path / "build")
    try:
        app.build()
    finally:
        app.cleanup()
    (tex,) = app.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert r"\(\pi r^2\)" in source
    assert r"\frac{n(n+1)}{2}" in source
    assert "\\begin{align}\na &= b + c" in source
    # inline: the area, the line below text, MathJax's macros (2), the list item
    assert source.count(r"\(") == 5
    # MathJax's own macros as LaTeX has them: pdflatex would stop on \unicode and \lt
    assert r"\(\text{Å}\)" in source and r"\(a < b\)" in source
    # U+212B ANGSTROM SIGN in text: its canonical form (U+00C5), which pdflatex has
    assert "sign: 0.9572 Å." in source
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=app.outdir,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert tex.with_suffix(".pdf").is_file()
