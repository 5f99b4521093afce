"""Diagram sources in raw HTML: ``<div class="mermaid">`` … ``</div>``, blank lines and all.

kramdown leaves an HTML block raw up to its end tag; CommonMark ends an HTML
block at the first blank line and reads the rest as Markdown (indented lines
become code, ``-->`` a dash). A diagram's source often has blank lines, so its
element is taken whole, up to its end tag, as one HTML block; the HTML layer
keeps it as the diagram's source (:class:`sphinx_mentoring.nodes.diagram`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock

_START = re.compile(r"<(div|pre)[\s>]", re.IGNORECASE)
_CLASS = re.compile(r"""class\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
#: Classes diagram renderers look for.
DIAGRAM_CLASSES = frozenset({"mermaid"})


def _line(state: StateBlock, number: int) -> str:
    return state.src[state.bMarks[number] + state.tShift[number] : state.eMarks[number]]


def diagram_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start):
        return False
    text = _line(state, start)
    opening = _START.match(text)
    if opening is None:
        return False
    tag_end = text.find(">")
    classes = _CLASS.search(text[:tag_end] if tag_end >= 0 else text)
    if classes is None or not DIAGRAM_CLASSES & set(classes.group(1).split()):
        return False
    closing = f"</{opening.group(1).lower()}>"
    last = next((n for n in range(start, end) if closing in _line(state, n).lower()), None)
    if last is None:
        return False  # never closed: CommonMark's reading (the HTML layer warns)
    if silent:
        return True
    token = state.push("html_block", "", 0)
    token.map = [start, last + 1]
    token.content = state.getLines(start, last + 1, state.blkIndent, True)
    state.line = last + 1
    return True
