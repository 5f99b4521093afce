"""Scale: very large pages build completely (correctness only; timing is for benchmarks/).

Every generated item carries a unique token (``zorbal0042``) so the test can
check that each one, not just "many", reaches the doctree and the text output.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from buildcompare import build_project
from docutils import nodes

if TYPE_CHECKING:
    from pathlib import Path

SEED_HEAD = """\
---
layout: module
title: 1. Scale
module_name: scale
module_full_name: Scale
section: 1. Scale
subsection: one
---

"""


def build_page(tmp_path: Path, body: str):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
    (src / "index.md").write_text(SEED_HEAD + body, encoding="utf-8")
    app = build_project(src, tmp_path / "build", "text", freshenv=True)
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    return app, text, warnings


def tokens(text: str, prefix: str) -> set[str]:
    return set(re.findall(rf"\b{prefix}\d+\b", text))


def objectives_node_class():
    from sphinx_mentoring import nodes as mentoring_nodes

    cls = getattr(mentoring_nodes, "objectives", None)
    assert cls is not None, "sphinx_mentoring.nodes.objectives does not exist yet"
    return cls


def test_a_two_megabyte_page_builds_whole(tmp_path):
    paragraphs = []
    size = 0
    i = 0
    while size < 2 * 1024 * 1024:
        block = (
            f"Paragraph zorbal{i:05d} holds quenty words about mentoring in the library, "
            f"**strong plimsock** and _emphasis vardle_ and [a link](https://example.org/{i}).\n"
        )
        if i % 100 == 0:
            block = f"## Heading tronkish{i:05d}\n\n" + block
        paragraphs.append(block)
        size += len(block) + 1
        i += 1
    app, text, _ = build_page(tmp_path, "\n".join(paragraphs))
    assert len((app.srcdir / "index.md").read_bytes()) > 2 * 1024 * 1024
    assert tokens(text, "zorbal") == {f"zorbal{n:05d}" for n in range(i)}
    assert tokens(text, "tronkish") == {f"tronkish{n:05d}" for n in range(0, i, 100)}


def test_a_page_with_a_thousand_footnotes(tmp_path):
    count = 1000
    marks = ", ".join(f'<a name="{n}" href="#fn{n}">{n}</a>' for n in range(1, count + 1))
    definitions = "\n\n".join(
        f'<a name="fn{n}" href="#{n}">{n}</a>: Note text quenty{n:04d}, by an author.'
        for n in range(1, count + 1)
    )
    body = f"Research finds many things.<sup>{marks}</sup> The end.\n<hr/>\n{definitions}\n"
    app, text, _ = build_page(tmp_path, body)
    assert tokens(text, "quenty") == {f"quenty{n:04d}" for n in range(1, count + 1)}
    doctree = app.env.get_doctree("index")
    assert len(list(doctree.findall(nodes.footnote))) == count
    assert len(list(doctree.findall(nodes.footnote_reference))) == count
    # Every mark points at its own note.
    ids = {note["ids"][0] for note in doctree.findall(nodes.footnote)}
    assert {ref["refid"] for ref in doctree.findall(nodes.footnote_reference)} == ids


def test_a_page_with_two_hundred_objectives_boxes(tmp_path):
    count = 200
    boxes = "\n\n".join(
        '<div class="objectives">\n'
        f"\t<p>After section plimsock{n:03d}, you will be able to...</p>\n"
        "\t<ul>\n"
        f"  <li>Describe vardle{n:03d}</li>\n"
        f"  <li>Apply tronkish{n:03d}</li>\n"
        "</ul>\n"
        "</div>\n\n"
        f"Text after box glorp{n:03d}."
        for n in range(count)
    )
    app, text, _ = build_page(tmp_path, boxes + "\n")
    for prefix in ("plimsock", "vardle", "tronkish", "glorp"):
        assert tokens(text, prefix) == {f"{prefix}{n:03d}" for n in range(count)}, prefix
    objectives = objectives_node_class()
    doctree = app.env.get_doctree("index")
    boxes_found = list(doctree.findall(objectives))
    assert len(boxes_found) == count
    for n, box in enumerate(boxes_found):
        items = [item.astext() for item in box.findall(nodes.list_item)]
        assert items == [f"Describe vardle{n:03d}", f"Apply tronkish{n:03d}"]
