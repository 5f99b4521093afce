"""EPUB: epubcheck finds no errors; components styled; videos are links; notes work."""

from __future__ import annotations

import re
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
    # e-readers show notes as pop-ups when they are marked so
    assert 'epub:type="noteref"' in page and 'epub:type="footnote"' in page
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


@needs_epubcheck
def test_folders_with_spaces_and_ampersands(tmp_path: Path) -> None:
    """File names safe for any folder name; every page in the spine, in reading order."""
    from sphinx_mentoring import cli

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "roots" / "test-pdf-book", site)
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "epub", "-q"]) == 0
    report = epubcheck(out / "epub")
    assert "0 warnings" in report, report
    files = book_text(out / "epub")
    assert "modules/second-more/_posts/2002-01-01-introduction.xhtml" in files
    # a relative link nothing resolves: its text, without MyST's dangling '#' link
    assert "missing.txt" not in files["resources.xhtml"]
    assert ">notes</span>" in files["resources.xhtml"]
    opf = files["content.opf"]
    spine = opf[opf.index("<spine") : opf.index("</spine>")]
    assert 'linear="no"' not in spine
    ids = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    order = [ids[idref] for idref in re.findall(r'idref="([^"]+)"', spine)]
    pages = [p for p in order if p not in ("genindex.xhtml",)]
    assert pages == [
        "index.xhtml",
        "modules/first/_posts/2001-01-01-overview.xhtml",
        "modules/first/_posts/2001-01-02-introduction.xhtml",
        "modules/second-more/_posts/2002-01-01-introduction.xhtml",
        "modules/second-more/_posts/2002-01-02-practice.xhtml",
        "resources.xhtml",
    ]


@needs_epubcheck
def test_workbench_lesson_epub_is_valid(tmp_path: Path) -> None:
    """A Carpentries lesson has no description: the book's is its title (never empty)."""
    from sphinx_mentoring import cli

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "roots" / "test-workbench-lesson", site)
    (site / "conf.py").unlink()  # built as the lesson is: from config.yaml alone
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "epub", "-q"]) == 0
    report = epubcheck(out / "epub")
    assert "0 warnings" in report, report
    opf = book_text(out / "epub")["content.opf"]
    title = re.search(r"<dc:title>([^<]+)</dc:title>", opf)
    assert title, opf
    assert f"<dc:description>{title.group(1)}</dc:description>" in opf


BAD_IDS_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="20" height="20">
  <defs><rect id="bullet-char-template(57356)" width="10" height="10"/></defs>
  <use xlink:href="#bullet-char-template(57356)" fill="url(#1grad)"/>
  <linearGradient id="1grad"/>
</svg>
"""


@needs_epubcheck
def test_svg_ids_that_are_no_xml_names(tmp_path: Path) -> None:
    """An exported SVG's ids like 'bullet-char-template(57356)' (the styles template's
    logos) are made XML names in the book, with their references: epubcheck accepts it."""
    from sphinx_mentoring import cli

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "roots" / "test-workbench-lesson", site)
    (site / "conf.py").unlink()
    (site / "episodes" / "fig" / "logo.svg").write_text(BAD_IDS_SVG, encoding="utf-8")
    episode = site / "episodes" / "advanced.md"
    episode.write_text(episode.read_text(encoding="utf-8") + "\n![A logo](fig/logo.svg)\n")
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "epub", "-q"]) == 0
    epubcheck(out / "epub")
    with zipfile.ZipFile(next((out / "epub").glob("*.epub"))) as book:
        (name,) = [n for n in book.namelist() if n.endswith("logo.svg")]
        svg = book.read(name).decode("utf-8")
    assert 'id="bullet-char-template-57356-"' in svg
    assert 'xlink:href="#bullet-char-template-57356-"' in svg and "url(#_1grad)" in svg
    # the author's file is never written to
    assert "(57356)" in (site / "episodes" / "fig" / "logo.svg").read_text(encoding="utf-8")
