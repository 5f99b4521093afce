"""The course PDF reads like a book; each PDF stands on its own (real LaTeX runs, via the CLI)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_pdf import pdf_text, squash  # tests/ is on sys.path

from sphinx_mentoring import cli

pytestmark = [
    pytest.mark.latex,
    pytest.mark.skipif(
        not (shutil.which("latexmk") and shutil.which("pdftohtml")),
        reason="needs latexmk and poppler (tools/system-deps.sh)",
    ),
]

ROOT = Path(__file__).parent / "roots" / "test-pdf-book"


def outline(pdf: Path) -> list[tuple[int, str]]:
    """The PDF's bookmarks as (depth, title), read with poppler's pdftohtml."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-stdout", "-i", "-q", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    entries, depth = [], 0
    for match in re.finditer(
        r"<(/?)outline>|<item[^>]*>(.*?)</item>", xml[xml.find("<outline>") :]
    ):
        if match.group(2) is not None:
            entries.append((depth, html.unescape(match.group(2))))
        else:
            depth += -1 if match.group(1) else 1
    return entries


def overfull_boxes(log: Path, limit: float = 5.0) -> list[str]:
    """Widths of the overfull boxes LaTeX reports wider than *limit* points (the issue's bound)."""
    found = re.findall(
        r"^Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\).*$",
        log.read_text(encoding="utf-8", errors="replace"),
        re.M,
    )
    return [width for width in found if float(width) > limit]


def pdf_info(pdf: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return dict(line.split(":", 1) for line in text.stdout.splitlines() if ":" in line)


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("book") / "site"
    shutil.copytree(ROOT, site)
    out = site.parent / "out"
    assert cli.main(["build", str(site), str(out), "--format", "pdf", "-q"]) == 0
    return out / "latex"


def test_course_pdf_is_a_book(book: Path) -> None:
    pdf = book / "printingcourse.pdf"
    chapters = [title for depth, title in outline(pdf) if depth == 1]
    # module names as the site shows them: its landing link, the folder written as a name
    assert chapters == ["About this course", "First module", "second & more", "Resources"]
    sections = [title for depth, title in outline(pdf) if depth == 2]
    assert sections == ["1. Introduction", "1. Introduction", "2. Practice"]
    text = pdf_text(pdf)
    for unwanted in ("??", "Release", "Author name not set", "CHAPTER ONE"):
        assert unwanted not in text
    first_page = pdf_text(pdf, 1, 1)
    for wanted in ("Printing Course", "A course that prints like a book", "Ada Lovelace"):
        assert wanted in first_page
    assert "CC BY 4.0" in first_page
    info = pdf_info(pdf)
    assert info["Author"].strip() == "Ada Lovelace" and info["Title"].strip() == "Printing Course"
    assert info["Subject"].strip() == "A course that prints like a book"
    # the landing page is a short preface: its text, not its web tiles and link lists
    preface = squash(pdf_text(pdf, 3, 4))
    assert squash("This course is printed from the same pages as the website.") in preface
    assert "thefirstmodule" not in preface and "Firstmodule" not in preface
    # the module's overview and objectives open its chapter, before its first section
    body = squash(text)
    assert body.index("Printacourseasabook") < body.index("Theintroductionofthefirstmodule")
    # nothing runs into the margin, not even a commit hash TeX cannot hyphenate
    assert overfull_boxes(book / "printingcourse.log") == []


def test_module_workbooks_have_a_cover(book: Path) -> None:
    pdfs = sorted(p.name for p in book.glob("*.pdf"))
    assert pdfs == [
        "printingcourse-first.pdf",
        "printingcourse-second-more.pdf",
        "printingcourse.pdf",
    ]
    cover = pdf_text(book / "printingcourse-second-more.pdf", 1, 3)
    for wanted in ("second & more", "Read a second chapter", "1. Introduction", "2. Practice"):
        assert wanted in cover
    assert "https://example.org/print/modules/second%20&%20more/introduction/" in cover
    assert "mentoring-qr/" in (book / "printingcourse-second-more.tex").read_text(encoding="utf-8")
    # a link to a page of another module: the published page, never an undefined reference
    tex = (book / "printingcourse-first.tex").read_text(encoding="utf-8")
    assert (
        r"\sphinxhref{https://example.org/print/modules/second\%20\&\%20more/introduction/}" in tex
    )
    assert "??" not in pdf_text(book / "printingcourse-first.pdf")
    # a site path: the published file; a relative link nothing resolves: its text only
    course = (book / "printingcourse.tex").read_text(encoding="utf-8")
    assert r"\sphinxhref{https://example.org/files/handout.pdf}" in course
    assert "missing.txt" not in course
    assert "??" not in pdf_text(book / "printingcourse.pdf")


def test_failed_pdf_is_named_and_others_are_written(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT, site)
    broken = site / "modules" / "second & more" / "_posts" / "2002-01-02-practice.md"
    broken.write_text(
        "---\ntitle: 2. Practice\n---\n\nSome text.\n\n```{raw} latex\n\\nosuchcommand\n```\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "pdf", "-q", "-j", "2"]) == 1
    latex = out / "latex"
    assert (latex / "printingcourse-first.pdf").is_file()
    assert not (latex / "printingcourse-second-more.pdf").exists()
    err = capsys.readouterr().err
    assert "2 of 3 PDFs failed" in err
    summary = next(line for line in err.splitlines() if "printingcourse-second-more.pdf" in line)
    assert "(second & more)" in summary and "Undefined control sequence" in summary
    assert "modules/second & more/_posts/2002-01-02-practice.md:7" in summary


def test_titles_with_latex_specials_are_escaped_once(tmp_path: Path) -> None:
    """A title is LaTeX once (Sphinx escapes the project's): no printed macro names."""
    site = tmp_path / "site"
    shutil.copytree(ROOT, site)
    for name in ("_config.yml", "_data/course.yml"):
        path = site / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Printing Course", "Print-ready Course"), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "latex", "-q"]) == 0
    course = next((out / "latex").glob("*course.tex")).read_text(encoding="utf-8")
    assert r"\sphinxmentoringcoursetitlepage{Print\sphinxhyphen{}ready Course}" in course
    assert r"pdftitle={Print\sphinxhyphen{}ready Course}" in course
    module = next((out / "latex").glob("*-second-more.tex")).read_text(encoding="utf-8")
    assert r"\title{second \& more}" in module
    for tex in (course, module):
        assert r"\textbackslash{}sphinxhyphen" not in tex


def test_a_lesson_book_leaves_out_the_template_pages(tmp_path: Path) -> None:
    """The styles template's all-in-one and not-found pages are no appendices."""
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "roots" / "test-styles-lesson", site)
    (site / "conf.py").unlink()  # built as the lesson is: from _config.yml alone
    (site / "aio.md").write_text(
        "---\ntitle: All in One View\n---\n\nEvery episode again, on one page.\n",
        encoding="utf-8",
    )
    (site / "404.md").write_text(
        "---\ntitle: Page not found\n---\n\nThis page does not exist.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "latex", "-q"]) == 0
    books = [
        tex.read_text(encoding="utf-8")
        for tex in (out / "latex").glob("*.tex")
        if r"\sphinxmentoringcoursetitlepage" in tex.read_text(encoding="utf-8")
    ]
    assert len(books) == 1
    assert "Every episode again" not in books[0] and "does not exist" not in books[0]
    assert "Tiny Styles Lesson" in books[0]


def test_more_appendices_than_letters(tmp_path: Path) -> None:
    """Appendices past Z are numbered AA, AB… (LaTeX's \\Alph stops the PDF at the 27th)."""
    site = tmp_path / "site"
    shutil.copytree(ROOT, site)
    for n in range(1, 28):
        (site / f"extra-{n:02}.md").write_text(
            f"---\ntitle: Extra page {n}\n---\n\nReference text {n}.\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "pdf", "-q"]) == 0
    pdf = out / "latex" / "printingcourse.pdf"
    text = squash(pdf_text(pdf))
    assert "Referencetext27." in text
    assert "AppendixAB" in text  # Resources (Z) then extras: 28 appendices in all
