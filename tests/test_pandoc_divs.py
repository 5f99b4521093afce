"""pandoc fenced divs: pandoc's nesting rule, attributes, and MyST directives left alone."""

from __future__ import annotations

from typing import Any

import pytest
from docutils import nodes
from markdown_it import MarkdownIt

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.pandoc.divs import div_attributes, fenced_div_plugin


def _types(text: str) -> list[str]:
    md = MarkdownIt("commonmark").use(fenced_div_plugin)
    return [t.type for t in md.parse(text) if t.type.startswith("pandoc_div") or t.type == "fence"]


def test_opening_fences_need_attributes() -> None:
    assert div_attributes("::: challenge") == (["challenge"], "", {})
    assert div_attributes("::::::  callout  :::::") == (["callout"], "", {})
    assert div_attributes('::: {#a .b .c key="v"}') == (["b", "c"], "a", {"key": "v"})
    assert div_attributes(":::{note}") is None  # a MyST directive
    assert div_attributes(":::") is None  # a closing fence


def test_a_closing_fence_closes_the_innermost_div_whatever_its_length() -> None:
    text = "::::::::: challenge\n\nA\n\n:::: solution\nB\n::::::::::::::::::\n\nC\n\n::::\n"
    assert _types(text) == [
        "pandoc_div_open",
        "pandoc_div_open",
        "pandoc_div_close",
        "pandoc_div_close",
    ]
    # "C" is inside the challenge, after the solution
    md = MarkdownIt("commonmark").use(fenced_div_plugin)
    tokens = md.parse(text)
    closes = [i for i, t in enumerate(tokens) if t.type == "pandoc_div_close"]
    c_index = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "C")
    assert closes[0] < c_index < closes[1]


def test_a_fence_inside_a_code_block_is_code() -> None:
    text = "::: challenge\n\n```\n:::\n```\n\nafter\n\n:::\n"
    assert _types(text) == ["pandoc_div_open", "fence", "pandoc_div_close"]


@pytest.mark.sphinx("html", testroot="pandoc-divs", freshenv=True)
def test_divs_in_a_build(app: Any, warning: Any) -> None:
    app.build()
    doctree = app.env.get_doctree("index")
    assert len(list(doctree.findall(nodes.note))) == 1  # the MyST directive
    (challenge,) = [c for c in doctree.findall(mnodes.callout) if c["callout_type"] == "challenge"]
    assert challenge["ids"] == ["my-box"] and "extra" in challenge["classes"]
    assert challenge.next_node(mnodes.details)["details_type"] == "solution"
    assert challenge[-1].astext() == "After the nested one."
    plain = [c for c in doctree.findall(nodes.container) if "unknown-kind" in c["classes"]]
    assert plain and plain[0].astext() == "Kept as a plain div."
    log = warning.getvalue()
    assert "index.md:21" in log and "is never closed" in log and "[mentoring.div]" in log
    callout = [c for c in doctree.findall(mnodes.callout) if c["callout_type"] == "callout"]
    assert callout[0].astext().endswith("Never closed: it ends with the page.")
