"""markdown-it plugin: HTML blocks as kramdown sees them.

- Each HTML block is tokenized once, here, and the events cached on the token
  (the renderer reuses them): pages without HTML cost nothing.
- The ``<div>`` boxes open at each point of the page are tracked, so that a
  tab-indented line inside a box stays HTML or text (kramdown reads it so)
  instead of becoming a CommonMark code block.
- After the block pass, boxes that the page never closes are marked, so the
  renderer ends them at the next heading instead of swallowing the outline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown_it.rules_block.html_block import html_block
from markdown_it.rules_block.paragraph import paragraph

from sphinx_mentoring.html import tree
from sphinx_mentoring.html.render import EVENTS, UNCLOSED

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_OPEN = "mentoring_html_open"  # env key: [(token, element start, tag, markdown)]


def _open_boxes(env: Any) -> list[tuple[Token, int, str, bool]]:
    boxes: list[tuple[Token, int, str, bool]] = env.setdefault(_OPEN, [])
    return boxes


def _track(env: Any, token: Token) -> None:
    events = tree.scan(token.content)
    token.meta[EVENTS] = events
    if not any(event.kind in ("start", "end") for event in events):
        return
    boxes = _open_boxes(env)
    fragment = tree.build(token.content, events, [box[2] for box in boxes])
    children: list[Any] = fragment.children
    while children:
        for child in children:
            if isinstance(child, tree.Close):
                for index in range(len(boxes) - 1, -1, -1):
                    if boxes[index][2] == child.tag:
                        del boxes[index:]
                        break
        last = children[-1]
        if isinstance(last, tree.Element) and last.open:
            boxes.append((token, last.start, last.tag, last.markdown))
            children = last.children
        else:
            break


def _html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    found = html_block(state, start, end, silent)
    if found and not silent:
        _track(state.env, state.tokens[-1])
    return found


def _indented_in_box(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """An indented line inside an open ``<div>``: HTML or text, never code."""
    boxes = state.env.get(_OPEN) if isinstance(state.env, dict) else None
    if not boxes or not state.is_code_block(start):
        return False
    first = state.src[state.bMarks[start] + state.tShift[start]]
    markdown_box = boxes[-1][3]
    if first != "<" and markdown_box:
        return False  # kramdown reads markdown="1" content as Markdown, code included
    saved = state.sCount[start]
    state.sCount[start] = state.blkIndent
    try:
        if first == "<" and _html_block(state, start, end, silent):
            return True
        return paragraph(state, start, end, silent)
    finally:
        state.sCount[start] = saved


def _mark_unclosed(state: StateCore) -> None:
    boxes = state.env.pop(_OPEN, None) if isinstance(state.env, dict) else None
    for token, start, _tag, _markdown in boxes or ():
        token.meta.setdefault(UNCLOSED, set()).add(start)


def html_plugin(md: MarkdownIt) -> None:
    md.block.ruler.at("html_block", _html_block, {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.before("code", "mentoring_indented_html", _indented_in_box)
    md.core.ruler.after("block", "mentoring_unclosed_html", _mark_unclosed)
