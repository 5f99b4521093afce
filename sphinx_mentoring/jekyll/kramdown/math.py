"""kramdown math: ``$$ … $$``, a block or inline.

Follows kramdown's ``parser/kramdown/math.rb`` (not dollarmath's rules, which
differ where it matters to course authors):

- a single ``$`` is never math (prices stay prices);
- ``$$ … $$`` standing alone between block boundaries (a blank line, the start
  of a container, an attribute list, the end) is display math, over as many
  lines as it takes;
- anywhere else — inside a paragraph, a list item, a table cell, or on a line
  right below text — it is inline math;
- ``\\$$`` is two dollar signs.

The tokens are MyST's (``math_block``, ``math_inline``); a display block that is
an AMS environment (``\\begin{align} … \\end{align}``) is marked ``nowrap``, as
MathJax and LaTeX take it as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx_mentoring.jekyll.kramdown.boundaries import after_block_boundary, before_block_boundary

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

#: A display block that is one AMS environment, taken as written (no ``\\[ \\]``).
_ENVIRONMENT = re.compile(
    r"\\begin\{(align|alignat|equation|eqnarray|flalign|gather|multline)(\*?)\}"
    r".*\\end\{\1\2\}",
    re.DOTALL,
)


def math_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("$$", begin) or not after_block_boundary(state, start):
        return False
    pieces: list[str] = []
    line = start
    position = begin + 2
    while line < end:
        stop = state.eMarks[line]
        close = state.src.find("$$", position, stop)
        if close >= 0:
            if state.src[close + 2 : stop].strip():
                return False  # text after the closing $$: inline math in a paragraph
            pieces.append(state.src[position:close])
            break
        pieces.append(state.src[position:stop])
        line += 1
        if line < end:
            position = state.bMarks[line] + state.tShift[line]
    else:
        return False
    if not before_block_boundary(state, line + 1, end):
        return False
    if silent:
        return True
    content = "\n".join(pieces).strip()
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = content
    token.markup = "$$"
    token.map = [start, line + 1]
    if _ENVIRONMENT.fullmatch(content):
        token.meta["nowrap"] = True
    state.line = line + 1
    return True


def math_inline_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("$$", state.pos):
        return False
    close = state.src.find("$$", state.pos + 2, state.posMax)
    if close < 0:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = state.src[state.pos + 2 : close].strip()
        token.markup = "$$"
    state.pos = close + 2
    return True
