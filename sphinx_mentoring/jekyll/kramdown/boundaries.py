"""kramdown's block boundaries: where tables and display math may begin and end.

kramdown (``parser/kramdown/block_boundary.rb``) starts a table or a math block
only after a blank line, at the start of a container or after an attribute
list waiting for its block, and ends it only before a blank line, an attribute
list or the end of its container. markdown-it starts a block after any block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_mentoring.jekyll.kramdown.attributes import IAL_TOKEN, is_ial_line

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock


def after_block_boundary(state: StateBlock, start: int) -> bool:
    if start == 0 or not state.tokens:
        return True
    previous = state.tokens[-1]
    return previous.nesting == 1 or previous.type == IAL_TOKEN or state.isEmpty(start - 1)


def before_block_boundary(state: StateBlock, line: int, end: int) -> bool:
    if line >= end or state.isEmpty(line):
        return True
    return is_ial_line(state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]])
