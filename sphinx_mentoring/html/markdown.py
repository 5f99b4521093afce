"""markdown-it plugin: HTML blocks as kramdown sees them.

- Each HTML block is tokenized once, here, and the events cached on the token
  (the renderer reuses them): pages without HTML cost nothing.
- The ``<div>`` boxes open at each point of the page are tracked, so that a
  tab-indented line inside a box stays HTML or text (kramdown reads it so)
  instead of becoming a CommonMark code block.
- After the block pass, boxes that the page never closes are marked, so the
  renderer ends them at the next heading instead of swallowing the outline.
- On a kramdown page (``kramdown=True``), HTML blocks start where kramdown's do
  (``parser/kramdown/html.rb``): any tag but a span element at the start of a
  line begins one, even with text after it on the line and even inside a
  paragraph (``<video …>…</video>``, ``<font>``); CommonMark wants most tags
  alone on their line. And a block IAL line right after the block's last end
  tag ends the block: the IAL is the element's (``<div>…</div>`` then
  ``{: .note}``), as kramdown reads it; so does the line with the end tag of
  the element that opened the block (the next line is Markdown again, a fenced
  code block right below a ``<div>…</div>`` line). A ``<table>`` is taken whole, up to its
  end tag, blank lines and all, as kramdown keeps it raw: CommonMark would cut
  it at the first blank line, and a Liquid loop that writes the rows leaves
  many (a lesson's schedule lost all its rows but one).
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

from markdown_it.rules_block.html_block import html_block
from markdown_it.rules_block.paragraph import paragraph

from sphinx_mentoring.html import tree
from sphinx_mentoring.html.render import EVENTS, UNCLOSED
from sphinx_mentoring.jekyll.kramdown.attributes import is_ial_line

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


#: kramdown's span elements (``HTML_SPAN_ELEMENTS``): a line starting with one is text.
KRAMDOWN_SPAN_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "big",
        "bdo",
        "br",
        "button",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "option",
        "q",
        "rb",
        "rbc",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "samp",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
    ]
)
#: A complete start tag at the start of a line (kramdown's ``HTML_TAG_RE``, on one line).
_START_TAG = re.compile(
    r"<([A-Za-z][\w:.-]*)"
    r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>"""
)


def _kramdown_start(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown's block HTML start: any tag but a span element, at a line's start."""
    if state.is_code_block(start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    match = _START_TAG.match(state.src, begin, state.eMarks[start])
    if match is None or match.group(1).lower() in KRAMDOWN_SPAN_ELEMENTS:
        return False
    if silent:
        return True
    line = start + 1  # up to a blank line, as CommonMark's HTML blocks
    while line < end and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
        line += 1
    token = state.push("html_block", "", 0)
    token.map = [start, line]
    token.content = state.getLines(start, line, state.blkIndent, True)
    state.line = line
    return True


def _all_closed(source: str) -> bool:
    """Has every element opened in ``source`` seen its end tag?"""
    open_tags: list[str] = []
    for event in tree.scan(source):
        if event.kind == "start" and event.tag not in tree.VOID and not event.selfclosing:
            open_tags.append(event.tag)
        elif event.kind == "end" and event.tag in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(event.tag) :]
    return not open_tags


def _end_at_ial(state: StateBlock, token: Token) -> None:
    """A block IAL line right after the block's elements have all closed ends the block."""
    if token.map is None or "{:" not in token.content:
        return
    first, last = token.map
    for line in range(first + 1, last):
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if not is_ial_line(text):
            continue
        content = state.getLines(first, line, state.blkIndent, True)
        if _all_closed(content):
            token.content, token.map = content, [first, line]
            state.line = line  # the IAL line is read next, as its own block
        return


def _end_at_end_tag(state: StateBlock, token: Token) -> None:
    """An element's end tag ends its block: the next line is Markdown again, as in
    kramdown (``<div id="code-heading">HTML</div>`` then a fenced code block)."""
    if token.map is None:
        return
    first, last = token.map
    opening = _START_TAG.match(token.content.lstrip())
    if opening is None or opening.group(1).lower() in tree.VOID:
        return
    tag = opening.group(1).lower()
    for line in range(first + 1, last):
        content = state.getLines(first, line, state.blkIndent, True)
        # the element's own end tag seen (a start tag over two lines is not one yet)
        ended = any(event.kind == "end" and event.tag == tag for event in tree.scan(content))
        if ended and _all_closed(content):
            token.content, token.map = content, [first, line]
            state.line = line
            return


#: Elements kramdown keeps whole that are never Markdown containers.
_WHOLE_START = re.compile(r"\s*<(table)[\s>]", re.IGNORECASE)


def _take_whole(state: StateBlock, token: Token, end: int) -> None:
    """A block that starts a ``<table>`` reaches its end tag (nested tables counted)."""
    if token.map is None:
        return
    match = _WHOLE_START.match(token.content)
    if match is None:
        return
    tag = match.group(1).lower()
    tags = re.compile(rf"<(/?){tag}[\s>]", re.IGNORECASE)
    first, last = token.map
    depth = 0
    for line in range(first, end):
        for found in tags.finditer(state.src, state.bMarks[line], state.eMarks[line]):
            depth += -1 if found.group(1) else 1
            if depth == 0:
                if line >= last:
                    token.content = state.getLines(first, line + 1, state.blkIndent, True)
                    token.map = [first, line + 1]
                    state.line = line + 1
                return
    # never closed: CommonMark's reading (the HTML layer closes it)


def _html_block(
    state: StateBlock, start: int, end: int, silent: bool, kramdown: bool = False
) -> bool:
    found = html_block(state, start, end, silent)
    if not found and kramdown:
        found = _kramdown_start(state, start, end, silent)
    if found and not silent:
        if kramdown:
            _take_whole(state, state.tokens[-1], end)
            _end_at_end_tag(state, state.tokens[-1])
            _end_at_ial(state, state.tokens[-1])
        _track(state.env, state.tokens[-1])
    return found


def _indented_in_box(
    state: StateBlock, start: int, end: int, silent: bool, kramdown: bool = False
) -> bool:
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
        if first == "<" and _html_block(state, start, end, silent, kramdown):
            return True
        return paragraph(state, start, end, silent)
    finally:
        state.sCount[start] = saved


def _mark_unclosed(state: StateCore) -> None:
    boxes = state.env.pop(_OPEN, None) if isinstance(state.env, dict) else None
    for token, start, _tag, _markdown in boxes or ():
        token.meta.setdefault(UNCLOSED, set()).add(start)


def html_plugin(md: MarkdownIt, kramdown: bool = False) -> None:
    """HTML blocks tracked across the page; ``kramdown``: where kramdown starts and ends them."""
    block = partial(_html_block, kramdown=kramdown)
    indented = partial(_indented_in_box, kramdown=kramdown)
    md.block.ruler.at("html_block", block, {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.before("code", "mentoring_indented_html", indented)
    md.core.ruler.after("block", "mentoring_unclosed_html", _mark_unclosed)
