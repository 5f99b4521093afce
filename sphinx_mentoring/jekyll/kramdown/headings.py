"""ATX headings as kramdown's GFM parser reads them.

- ``#`` marks need a space and some text: a bare ``###`` line is text, shown as
  written (markdown-it makes it an empty heading);
- ``## Title {#my-id}`` gives the heading the id ``my-id`` (``parser/kramdown/header.rb``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_block import heading

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore

_ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*))?")
_CLOSING = re.compile(r"[ \t]#+[ \t]*$")
_HEADER_ID = re.compile(r"[ \t]\{#([A-Za-z][\w:-]*)\}$")


def heading_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    begin = state.bMarks[start] + state.tShift[start]
    match = _ATX.fullmatch(state.src[begin : state.eMarks[start]].rstrip())
    if match is None or not _CLOSING.sub("", " " + (match.group(2) or "")).strip():
        return False
    return heading(state, start, end, silent)


def header_ids(state: StateCore) -> None:
    """``{#id}`` at the end of a heading's text: the heading's id."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = _HEADER_ID.search(inline.content)
        if match and match.start() > 0:
            inline.content = inline.content[: match.start()].rstrip()
            token.attrSet("id", match.group(1))
