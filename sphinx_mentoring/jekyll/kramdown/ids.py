"""kramdown's ids, kept as anchors beside Sphinx's own.

Authors link to the ids Jekyll gives: ``#professorinstructor`` for the heading
``Professor/Instructor`` (Sphinx says ``professor-instructor``), ``#argument`` for
a glossary term under ``{:auto_ids}``. Each such id is added to its node, next
to Sphinx's, so both the author's links and Sphinx's land.

- Headings: Jekyll reads Markdown with kramdown's GFM parser, whose ids follow
  GitHub (``kramdown-parser-gfm``'s ``generate_gfm_header_id``): lower case,
  every character but letters, digits, ``_``, ``-``, space and tab removed,
  spaces and tabs to ``-``; a repeated id gets ``-1``, ``-2`` …
- Definition terms (``{:auto_ids}``, ``{:auto_ids-prefix}``): kramdown's basic
  ids (``converter/base.rb``'s ``basic_generate_id``): leading non-letters
  removed, then only ASCII letters, digits, space and ``-`` kept, spaces to ``-``.
"""

from __future__ import annotations

import re

from docutils import nodes

_GFM_REMOVED = re.compile(r"[^\w\- \t]")
#: kramdown reads ``---``, ``--`` and ``...`` as typographic symbols, which the
#: id then drops like any other punctuation.
_TYPOGRAPHIC = re.compile(r"-{2,3}|\.\.\.")
_LEADING_NON_LETTERS = re.compile(r"^[^a-zA-Z]+")
_BASIC_REMOVED = re.compile(r"[^a-zA-Z0-9 -]")


def gfm_id(text: str) -> str:
    text = _TYPOGRAPHIC.sub("", text).lower()
    return _GFM_REMOVED.sub("", text).replace(" ", "-").replace("\t", "-")


def basic_id(text: str) -> str:
    text = _BASIC_REMOVED.sub("", _LEADING_NON_LETTERS.sub("", text))
    return text.replace(" ", "-").lower()


def add_id(document: nodes.document, node: nodes.Element, ident: str) -> None:
    """One more id on ``node``, unless the page already uses it."""
    if ident and ident not in node["ids"] and ident not in document.ids:
        node["ids"].append(ident)
        document.ids[ident] = node


def add_heading_ids(document: nodes.document, skip: nodes.Node | None) -> None:
    """Every heading's GFM id (sections and rubrics, in page order)."""
    counts: dict[str, int] = {}
    for node in document.findall(nodes.Element):
        if node is skip or not isinstance(node, (nodes.section, nodes.rubric)):
            continue
        title = node[0] if isinstance(node, nodes.section) and node.children else node
        ident = gfm_id(title.astext())
        counts[ident] = counts.get(ident, -1) + 1
        if counts[ident]:
            ident = f"{ident}-{counts[ident]}"
        add_id(document, node, ident)
