"""Each warning is printed once per build, whatever the format.

Sphinx resolves a page again for every output document that holds it: a module's
page is in the course PDF and in the module's workbook, and EPUB resolves the
root page three more times for its tables of contents. The warnings those
resolutions repeat must still be printed (and counted) once.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_mentoring import cli


def warning_lines(text: str) -> list[str]:
    return [line for line in strip_colors(text).splitlines() if "WARNING:" in line]


def build_warnings(src: Path, out: Path, builder: str) -> tuple[list[str], SphinxTestApp]:
    app = SphinxTestApp(builder, srcdir=src, builddir=out, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return warning_lines(app.warning.getvalue()), app


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_each_warning_printed_once(builder, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-warnings-once", src)
    lines, app = build_warnings(src, tmp_path / "out", builder)
    assert len(lines) == len(set(lines)), Counter(lines).most_common(3)
    expected = [
        "index.md:7: WARNING: link to '/modules/nowhere/'",
        "index.md:7: WARNING: undefined label: 'missing-label'",
        "2000-01-01-overview.md:5: WARNING: link to '/modules/elsewhere/'",
    ]
    for text in expected:
        assert sum(text in line for line in lines) == 1, (text, lines)
    assert len(lines) == 3, lines
    assert app._warncount == 3  # repeats are not counted either ("N warnings", -W)


def test_a_second_build_of_the_same_app_reports_again(rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-warnings-once", src)
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", freshenv=True)
    try:
        app.build()
        first = len(warning_lines(app.warning.getvalue()))
        app.build(force_all=True)
        second = len(warning_lines(app.warning.getvalue())) - first
    finally:
        app.cleanup()
    assert first == 3
    assert second >= 1  # what is written again warns again


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["latex", "epub"])
def test_corpus_warnings_once_and_as_in_html(fmt, corpus_copy, tmp_path, capsys):
    """The ConnectedLib corpus (modules: course PDF + one per module) warns in PDF
    and EPUB exactly as in HTML: each problem once (27 lines, not 35 or 45)."""
    assert cli.main(["build", str(corpus_copy), str(tmp_path / "html"), "-q"]) == 0
    html = warning_lines(capsys.readouterr().err)
    assert cli.main(["build", str(corpus_copy), str(tmp_path / fmt), "-q", "-f", fmt]) == 0
    lines = warning_lines(capsys.readouterr().err)
    assert len(lines) == len(set(lines)), Counter(lines).most_common(3)
    assert sorted(lines) == sorted(html)
    assert len(lines) >= 20  # the corpus links to modules it does not hold
