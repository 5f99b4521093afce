"""Real PDFs of the example module and the ConnectedLib corpus, read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docutils import nodes

pytestmark = [
    pytest.mark.latex,
    pytest.mark.skipif(
        not (shutil.which("latexmk") and shutil.which("pdftotext")),
        reason="needs latexmk and pdftotext (tools/system-deps.sh)",
    ),
]


def compile_pdf(outdir: Path, texname: str, engine: str = "pdflatex") -> Path:
    flag = {"pdflatex": "-pdf", "xelatex": "-pdfxe", "lualatex": "-pdflua"}[engine]
    subprocess.run(
        # -gg: start afresh, other tests may have left another engine's .aux there
        ["latexmk", flag, "-gg", "-interaction=nonstopmode", "-halt-on-error", texname],
        cwd=outdir,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return outdir / texname.replace(".tex", ".pdf")


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-enc", "UTF-8"]
    command += ["-f", str(first)] if first else []
    command += ["-l", str(last)] if last else []
    return subprocess.run(
        [*command, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def squash(text: str) -> str:
    """Compare text across line breaks, hyphenation and ligatures."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", unicodedata.normalize("NFKC", text))


def expected_texts(app, docnames) -> dict[str, list[str]]:
    """Objectives items, footnote texts and video links the author wrote."""
    from sphinx_mentoring.html.urls import watch_url
    from sphinx_mentoring.nodes import objectives, video

    found: dict[str, list[str]] = {"objectives": [], "footnotes": [], "videos": []}
    for docname in docnames:
        doctree = app.env.get_doctree(docname)
        for box in doctree.findall(objectives):
            found["objectives"] += [item.astext() for item in box.findall(nodes.list_item)]
        for note in doctree.findall(nodes.footnote):
            found["footnotes"].append(
                " ".join(p.astext() for p in note.children if not isinstance(p, nodes.label))
            )
        found["videos"] += [watch_url(v["src"]) for v in doctree.findall(video)]
    return found


def assert_all_in_pdf(expected: dict[str, list[str]], text: str) -> None:
    flat = squash(text)
    for kind, items in expected.items():
        missing = [item for item in items if squash(item) not in flat]
        assert not missing, f"{kind} missing from the PDF: {missing}"


@pytest.mark.sphinx("latex", testroot="latex-course", confoverrides={"mentoring_pdf": "both"})
def test_example_course_and_module_pdfs(app) -> None:
    app.build()
    out = Path(app.outdir)
    course_pdf = compile_pdf(out, "connectedmentoring.tex")
    module_pdf = compile_pdf(out, "connectedmentoring-mentoring.tex")
    expected = expected_texts(app, app.env.found_docs)
    assert expected["objectives"] and expected["footnotes"] and expected["videos"]
    for pdf in (course_pdf, module_pdf):
        text = pdf_text(pdf)
        assert_all_in_pdf(expected, text)
        assert "Take ten minutes." in text  # the line with the emoji survived
        assert "Chapter 1. 1. Introduction" not in text and "1.1 1. Introduction" not in text
    first_page = pdf_text(module_pdf, 1, 1)
    assert "Mentoring Youth" in first_page and "Connected Mentoring" in first_page


@pytest.mark.sphinx(
    "latex", testroot="latex-course", confoverrides={"latex_engine": "xelatex"}, freshenv=True
)
def test_example_compiles_with_xelatex(app) -> None:
    if not shutil.which("xelatex"):
        pytest.skip("no xelatex")
    app.build()
    text = pdf_text(compile_pdf(Path(app.outdir), "connectedmentoring.tex", "xelatex"))
    assert "José’s" in text and "Describe the core elements of mentoring" in text  # noqa: RUF001


def test_connectedlib_pdfs(corpus_copy: Path, make_app, tmp_path: Path) -> None:
    (corpus_copy / "conf.py").write_text(
        'extensions = ["sphinx_mentoring"]\nproject = "ConnectedLib Toolkit"\n'
        'root_doc = "contents"\nmentoring_pdf = "both"\n'
        'exclude_patterns = ["index.md", "SOURCE.md", "LICENSE"]\n'
        'suppress_warnings = ["mentoring.link"]\n',
        encoding="utf-8",
    )
    (corpus_copy / "contents.md").write_text(
        "# ConnectedLib Toolkit\n\n```{course-contents}\n```\n", encoding="utf-8"
    )
    app = make_app("latex", srcdir=corpus_copy, builddir=tmp_path / "_build")
    app.build()
    out = Path(app.outdir)
    course = compile_pdf(out, "connectedlibtoolkit.tex")
    expected = expected_texts(app, app.env.found_docs)
    assert len(expected["objectives"]) >= 10 and expected["videos"]
    assert_all_in_pdf(expected, pdf_text(course))
    from sphinx_mentoring.course import get_course

    for module in get_course(app.env).modules:
        tex = next(out.glob(f"connectedlibtoolkit-{module.id}.tex"))
        pdf = compile_pdf(out, tex.name)
        assert squash(module.title) in squash(pdf_text(pdf, 1, 1))
