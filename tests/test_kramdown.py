"""kramdown attribute lists: span IALs on links, block IALs, ``{:toc}``; none leaks."""

from __future__ import annotations

import pytest
from docutils import nodes

from sphinx_mentoring.jekyll.kramdown.attributes import parse_ial


def _references(app, docname="index"):
    doctree = app.env.get_doctree(docname)
    return {ref.astext(): ref for ref in doctree.findall(nodes.reference) if ref.get("refuri")}


@pytest.mark.sphinx("html", testroot="kramdown-ial", freshenv=True)
def test_span_ial_sets_link_target_in_doctree_and_html(app):
    app.build()
    refs = _references(app)
    assert refs["the worksheet"]["target"] == "_blank"
    assert refs["the video"]["target"] == "_blank"  # typographic quotes
    # The `_` of `_blank` inside _emphasis_ does not break the IAL.
    assert refs["Emphasised link"]["target"] == "_blank"
    assert refs["Plain"]["target"] == "_self"
    assert "button" in refs["Plain"]["classes"]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/sheet" target="_blank"' in html
    assert "{:" not in html.split("<pre>")[0].split('<div class="highlight')[0]


@pytest.mark.sphinx("html", testroot="kramdown-ial", freshenv=True)
def test_block_ial_adds_class_and_id(app):
    app.build()
    doctree = app.env.get_doctree("index")
    paragraphs = {p.astext(): p for p in doctree.findall(nodes.paragraph)}
    assert "lead" in paragraphs["A paragraph with a class."]["classes"]
    styled = paragraphs["Styled from above."]
    assert "after-blank" in styled["classes"]
    assert "para-id" in styled["ids"] or "para-id" in styled["names"]
    heading = next(s for s in doctree.findall(nodes.section) if s[0].astext() == "A heading")
    assert "fancy" in heading["classes"]


@pytest.mark.sphinx("html", testroot="kramdown-ial", freshenv=True)
def test_toc_list_becomes_local_contents(app):
    app.build()
    doctree = app.env.get_doctree("index")
    topics = [t for t in doctree.findall(nodes.topic) if "contents" in t["classes"]]
    assert len(topics) == 1
    assert "mentoring-toc" in topics[0]["classes"]
    entries = [r.astext() for r in topics[0].findall(nodes.reference)]
    assert entries == ["Links", "Blocks", "A heading"]
    assert "TOC" not in doctree.astext().split()


@pytest.mark.sphinx("text", testroot="kramdown-ial", freshenv=True)
def test_no_ial_leaks_into_text_and_words_stay(app):
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    code, rest = "{: .code-is-kept}", text.replace("{: .code-is-kept}", "")
    assert code in text  # inside a code block it is the author's code
    assert "{:" not in rest.replace('"{:keep}"', "")  # inline code is kept too
    for words in (
        "Read the worksheet now.",
        "After",
        "emphasis *stays* and mid text",
        "Another paragraph.",
        "Styled from above.",
        "Emphasised link",
    ):
        assert words in text.replace("\n", " ")
    assert not app.warning.getvalue()


def test_parse_ial_forms():
    assert parse_ial('{:target="_blank"}') == ({"target": "_blank"}, [], [])
    assert parse_ial("{:target=”_blank”}") == ({"target": "_blank"}, [], [])
    assert parse_ial("{: .a .b #x}") == ({"id": "x"}, ["a", "b"], [])
    assert parse_ial("{:toc}") == ({}, [], ["toc"])
    assert parse_ial("{::options parse_block_html='true' /}") == ({}, [], [])
