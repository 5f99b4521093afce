"""Property: a parallel build (``-j 2``) gives the same site as a serial one (``-j 1``).

Anything the package stores on the environment must be purged and merged
correctly for this to hold: a course model, footnote labels, objectives roll-ups
or navigation built from one worker's half of the pages would differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from buildcompare import assert_same_tree, build_project

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"

CORPUS_CONF = """\
extensions = ["sphinx_mentoring"]
project = "ConnectedLib"
exclude_patterns = ["_build", "LICENSE", "SOURCE.md"]
"""


def docs_copy(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return target


def assert_serial_equals_parallel(
    srcdir: Path, tmp_path: Path, builder: str = "html", **confoverrides: object
) -> None:
    serial = build_project(
        srcdir, tmp_path / "j1", builder, parallel=1, freshenv=True, confoverrides=confoverrides
    )
    parallel = build_project(
        srcdir, tmp_path / "j2", builder, parallel=2, freshenv=True, confoverrides=confoverrides
    )
    assert "Traceback" not in parallel.warning.getvalue()
    # The same warnings, too (a worker must not lose or repeat one).
    assert sorted(serial.warning.getvalue().splitlines()) == sorted(
        parallel.warning.getvalue().splitlines()
    )
    assert len(list(serial.outdir.rglob("*.*"))) > 5, "too few files to mean anything"
    assert_same_tree(serial.outdir, parallel.outdir)


def test_parallel_build_of_the_docs_equals_serial_build(tmp_path):
    assert_serial_equals_parallel(docs_copy(tmp_path), tmp_path)


def test_parallel_build_of_the_corpus_equals_serial_build(corpus_copy, tmp_path):
    (corpus_copy / "conf.py").write_text(CORPUS_CONF)
    assert (corpus_copy / "index.md").is_file()  # the corpus brings its own root page
    assert_serial_equals_parallel(corpus_copy, tmp_path)


@pytest.mark.parametrize(
    ("builder", "footnotes"),
    [("html", "footnote"), ("html", "citation"), ("text", "footnote"), ("epub", "footnote")],
)
def test_parallel_build_of_the_robust_course_equals_serial(builder, footnotes, rootdir, tmp_path):
    """A seed-format course with footnotes on every page (as citations: merged labels)."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-robust-course", srcdir)
    assert_serial_equals_parallel(srcdir, tmp_path, builder, mentoring_footnotes=footnotes)


def test_zero_config_parallel_build_of_the_corpus_equals_serial_build(corpus_copy, tmp_path):
    """The same through ``sphinx-mentoring build``, with its generated configuration."""
    from sphinx_mentoring import cli

    assert cli.main(["build", str(corpus_copy), str(tmp_path / "j1"), "-j", "1", "-q"]) == 0
    assert cli.main(["build", str(corpus_copy), str(tmp_path / "j2"), "-j", "2", "-q"]) == 0
    assert len(list((tmp_path / "j1" / "html").rglob("*.html"))) > 5
    assert_same_tree(tmp_path / "j1" / "html", tmp_path / "j2" / "html")
