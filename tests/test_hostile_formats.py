"""Hostile characters and clean sites in the other formats: every PDF is written, EPUB passes.

Issue 18's "Done when": every ``--format pdf`` of a hostile site writes its
PDFs, and ``--format epub -W`` of a clean site passes epubcheck with no error.
Both sites are built for real with the ``sphinx-mentoring`` command, LaTeX and
epubcheck included:

- ``test-hostile-pdf``: every character that once stopped every PDF — ``%``,
  ``#``, ``\\``, braces in course, module, page and section titles; emoji with
  VS16, ZWJ sequences, skin tones, flags, keycaps; Arabic letters and U+FFFD in
  titles; a vertical tab, BEL, ESC and NUL in the text — ``\\input`` /
  ``\\write18`` in image widths and a module title (TeX from a page), and a
  remote image on an internal address (a build reads no network);
- ``test-hostile-epub``: a correct site without ``description:`` (an empty
  ``<dc:description>`` was an epubcheck error) with a plain page outside the
  modules (a ``-W`` failure on a warning without a line).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def pdf_words(pdf: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def build(root: str, tmp_path: Path, fmt: str, *options: str) -> tuple[int, Path, str]:
    """``sphinx-mentoring build`` of a copy of ``tests/roots/<root>``: (status, OUT, output)."""
    site = tmp_path / "site"
    shutil.copytree(ROOTS / root, site)
    out = tmp_path / "out"
    argv = ["build", str(site), str(out), "--format", fmt, *options]
    completed = subprocess.run(
        [sys.executable, "-m", "sphinx_mentoring.cli", *argv],
        capture_output=True,
        text=True,
        errors="replace",  # LaTeX's log quotes bytes of split UTF-8 characters
        timeout=1800,  # a hang guard: LaTeX of three documents on a busy machine
        check=False,
    )
    return completed.returncode, out, completed.stdout + completed.stderr


@pytest.mark.latex
@pytest.mark.skipif(
    not (shutil.which("latexmk") and shutil.which("pdftotext")), reason="needs latexmk, pdftotext"
)
def test_every_pdf_of_a_site_of_hostile_characters_is_written(tmp_path):
    status, out, log = build("test-hostile-pdf", tmp_path, "pdf")
    assert status == 0, log[-3000:]
    assert "Traceback" not in log, log
    latex = out / "latex"
    tex = sorted(latex.glob("*.tex"))
    # the course book and one workbook per module
    assert len(tex) >= 3, [t.name for t in tex]
    missing = [t.name for t in tex if not t.with_suffix(".pdf").is_file()]
    assert not missing, f"no PDF for {missing}\n{log[-3000:]}"
    for source in tex:  # TeX from a page never reaches LaTeX as TeX
        text = source.read_text(encoding="utf-8")
        assert "\\input{/etc/hostname}" not in text and "\\write18" not in text, source.name
    # A build reads no network: the remote image is a link, never fetched.
    assert "Could not fetch remote image" not in log, log
    texts = {pdf.stem: pdf_words(pdf) for pdf in sorted(latex.glob("*.pdf"))}
    hostname = Path("/etc/hostname")
    secret = hostname.read_text().strip() if hostname.is_file() else ""
    if len(secret) >= 6:
        assert not [name for name, text in texts.items() if secret in text], "/etc/hostname"
    course = " ".join(texts.values())
    # The author's words around the hostile parts, and the titles' own text, are typeset.
    for words in ("morvik", "tazzle", "line two", "50% done", "Week #1", "Love", "remote picture"):
        assert words in course, f"{words!r} not in any PDF"


@pytest.mark.skipif(
    not (EPUBCHECK.is_file() and shutil.which("java")), reason="needs Debian's epubcheck"
)
def test_a_clean_site_passes_epub_with_warnings_as_errors_and_epubcheck(tmp_path):
    status, out, log = build("test-hostile-epub", tmp_path, "epub", "-W")
    assert status == 0, log[-3000:]
    books = sorted((out / "epub").glob("*.epub"))
    assert books, log[-3000:]
    for book in books:
        result = subprocess.run(
            ["java", "-jar", str(EPUBCHECK), str(book)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        report = result.stdout + result.stderr
        assert result.returncode == 0 and "0 fatals / 0 errors" in report, report
