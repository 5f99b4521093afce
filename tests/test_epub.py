"""EPUB: epubcheck finds no errors; components styled; videos are links; notes work."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
needs_epubcheck = pytest.mark.skipif(
    not (EPUBCHECK.is_file() and shutil.which("java")), reason="needs Debian's epubcheck"
)


def epubcheck(outdir: Path) -> str:
    book = next(outdir.glob("*.epub"))
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(book)], capture_output=True, text=True, timeout=300
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 fatals / 0 errors" in report, report
    return report


def book_text(outdir: Path) -> dict[str, str]:
    book = next(outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xhtml", ".css", ".opf"))
        }


@needs_epubcheck
@pytest.mark.sphinx("epub", testroot="latex-course")
def test_example_epub_is_valid_and_styled(app) -> None:
    app.build()
    epubcheck(Path(app.outdir))
    files = book_text(Path(app.outdir))
    assert "_static/mentoring-epub.css" in files
    assert ".mentoring-objectives" in files["_static/mentoring-epub.css"]
    page = files["mentoring/intro.xhtml"]
    assert "mentoring-epub.css" in page
    assert 'class="mentoring-objectives' in page
    assert "<iframe" not in page
    assert 'href="https://www.youtube.com/watch?v=whvuEhNNleg"' in page
    assert 'class="footnote-reference' in page
    assert "Rhodes and DuBois on mentoring relationships." in page


@needs_epubcheck
def test_connectedlib_epub_is_valid(corpus_copy: Path, make_app, tmp_path: Path) -> None:
    (corpus_copy / "conf.py").write_text(
        'extensions = ["sphinx_mentoring"]\nproject = "ConnectedLib Toolkit"\n'
        'root_doc = "contents"\nexclude_patterns = ["index.md", "SOURCE.md", "LICENSE"]\n'
        'suppress_warnings = ["mentoring.link"]\n',
        encoding="utf-8",
    )
    (corpus_copy / "contents.md").write_text(
        "# ConnectedLib Toolkit\n\n```{course-contents}\n```\n", encoding="utf-8"
    )
    app = make_app("epub", srcdir=corpus_copy, builddir=tmp_path / "_build")
    app.build()
    epubcheck(Path(app.outdir))
    pages = book_text(Path(app.outdir))
    text = "".join(pages.values())
    assert "mentoring-callout-activity" in text
    assert "<iframe" not in text
