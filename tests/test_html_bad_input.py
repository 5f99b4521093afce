"""Bad HTML and media: one warning each, with file, line and subtype; no word lost."""

from __future__ import annotations

import re

import pytest
from docutils import nodes

from sphinx_mentoring import nodes as mnodes

EXPECTED = [
    ("empty-objectives.md", 5, "objectives"),
    ("empty-objectives.md", 8, "objectives"),
    ("media.md", 5, "video"),
    ("media.md", 7, "unsafe-url"),
    ("media.md", 9, "unsafe-url"),
    ("media.md", 9, "image"),
    ("media.md", 11, "unsafe-url"),
    ("mismatch.md", 5, "html-nesting"),
    ("mismatch.md", 7, "html-nesting"),
    ("nested-objectives.md", 8, "objectives"),
    ("stray.md", 7, "html-stray"),
    ("unclosed.md", 5, "html-unclosed"),
]
_WARNING = re.compile(r"([\w-]+\.md):(\d+): WARNING: .* \[mentoring\.([\w-]+)\]")


@pytest.mark.sphinx("text", testroot="html-bad", freshenv=True)
def test_each_problem_warns_once_with_file_line_and_subtype(app):
    app.build()
    found = sorted(
        (m.group(1), int(m.group(2)), m.group(3)) for m in _WARNING.finditer(app.warning.getvalue())
    )
    assert found == sorted(EXPECTED)
    assert "Traceback" not in app.warning.getvalue()


@pytest.mark.sphinx("text", testroot="html-bad")
def test_no_word_is_lost(app):
    app.build()

    def text(name):
        return " ".join((app.outdir / f"{name}.txt").read_text(encoding="utf-8").split())

    unclosed = text("unclosed")
    for words in (
        "Activity title",
        "Words inside the box.",
        "Next section",
        "Words after the box.",
    ):
        assert words in unclosed
    assert "Words before." in text("stray") and "Words after." in text("stray")
    mismatch = text("mismatch")
    assert "Some **bold words**" in mismatch and "inner words" in mismatch
    assert "Only a title here" in text("empty-objectives")
    nested = text("nested-objectives")
    for words in ("Outer title", "Outer item", "Inner title", "Inner item"):
        assert words in nested
    media = text("media")
    for words in ("Lost video", "Scripted picture", "Missing picture", "scripted link words"):
        assert words in media
    assert "javascript" not in media


@pytest.mark.sphinx("html", testroot="html-bad")
def test_unclosed_box_ends_at_next_heading(app):
    app.build()
    doctree = app.env.get_doctree("unclosed")
    (box,) = doctree.findall(mnodes.callout)
    assert box[0].astext() == "Activity title"
    assert "Words inside the box." in box.astext()
    assert "Words after the box." not in box.astext()
    assert [s[0].astext() for s in doctree.findall(nodes.section)] == [
        "Unclosed div",
        "Next section",
    ]
    html = (app.outdir / "media.html").read_text(encoding="utf-8")
    assert "javascript:" not in html
    nested = app.env.get_doctree("nested-objectives")
    assert len(list(nested.findall(mnodes.objectives))) == 1


@pytest.mark.sphinx(
    "html",
    testroot="html-bad",
    freshenv=True,
    confoverrides={"suppress_warnings": ["mentoring"]},
)
def test_warnings_can_be_suppressed(app):
    app.build()
    assert "mentoring." not in app.warning.getvalue()
