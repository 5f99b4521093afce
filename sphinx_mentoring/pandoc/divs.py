"""pandoc fenced divs: ``::: challenge`` … ``:::`` as a ``div`` container token pair.

pandoc opens a div with a line of three or more colons followed by attributes
(a bare class word, or ``{#id .class key=value}``), optionally more colons; a line
of three or more colons and nothing else closes the innermost open div. The colon
counts of an opening and its closing need not match (Workbench lessons mix them),
which MyST's colon fences (closed by the first fence at least as long) get wrong as
soon as divs nest. ``:::{name}`` stays a MyST directive: braces without a ``.class``,
``#id`` or ``key=value`` are not pandoc attributes.

The rule produces ``pandoc_div_open`` / ``pandoc_div_close`` tokens around the
div's blocks, tokenized in place (so line numbers stay right); the renderer makes
them a ``container`` node with the classes, which :mod:`sphinx_mentoring.boxes`
turns into a box when the class names one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from mdit_py_plugins.utils import is_code_block
from myst_parser.mdit_to_docutils.base import token_line

from sphinx_mentoring.pandoc.attributes import parse_attributes
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer as MentoringRenderer

_OPEN = re.compile(r"(:{3,})[ \t]*(?:\{([^{}]*)\}|([^\s{}:][^\s{}]*))[ \t]*(?::+[ \t]*)?")
_CLOSE = re.compile(r":{3,}[ \t]*")
_CODE_FENCE = re.compile(r"(`{3,}|~{3,})")


def div_attributes(text: str) -> tuple[list[str], str, dict[str, str]] | None:
    """``(classes, id, other attributes)`` of an opening fence's attributes, or None."""
    match = _OPEN.fullmatch(text)
    if match is None:
        return None
    braces, word = match.group(2), match.group(3)
    if word is not None:
        return [word], "", {}
    parsed = parse_attributes(braces or "")
    if parsed is None:
        return None  # ``{note}`` is a MyST directive, not pandoc attributes
    ident, classes, attributes = parsed
    return classes, ident, attributes


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _closing_line(state: StateBlock, start: int, end: int) -> tuple[int, bool]:
    """The line of the fence closing the div opened on ``start``, and whether one exists.

    Nested openings count, and so do code blocks: a fence inside a code block is code.
    """
    depth = 1
    code_fence = ""
    for number in range(start + 1, end):
        text = _line(state, number)
        if text and state.sCount[number] < state.blkIndent:
            return number, False  # the container holding the div ends here
        if code_fence:
            closing = text.rstrip()
            if len(closing) >= len(code_fence) and closing == code_fence[0] * len(closing):
                code_fence = ""
            continue
        if is_code_block(state, number):
            continue
        fence = _CODE_FENCE.match(text)
        if fence is not None:
            code_fence = fence.group(1)
        elif _CLOSE.fullmatch(text):
            depth -= 1
            if depth == 0:
                return number, True
        elif div_attributes(text) is not None:
            depth += 1
    return end, False


def fenced_div_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if is_code_block(state, start):
        return False
    text = _line(state, start)
    if not text.startswith(":::"):
        return False
    attributes = div_attributes(text)
    if attributes is None:
        return False
    if silent:
        return True
    classes, ident, extra = attributes
    close, closed = _closing_line(state, start, end)

    old_parent, old_max, old_indent = state.parentType, state.lineMax, state.blkIndent
    state.parentType = "pandoc_div"
    state.lineMax = close
    state.blkIndent = state.sCount[start]
    token = state.push("pandoc_div_open", "div", 1)
    token.markup = text[: len(text) - len(text.lstrip(":"))]
    token.info = text[len(token.markup) :].strip()
    token.map = [start, close + 1 if closed else close]
    if classes:
        token.attrSet("class", " ".join(classes))
    if ident:
        token.attrSet("id", ident)
    for key, value in extra.items():
        token.attrSet(key, value)
    token.meta["closed"] = closed
    state.md.block.tokenize(state, start + 1, close)
    state.push("pandoc_div_close", "div", -1)
    state.parentType, state.lineMax, state.blkIndent = old_parent, old_max, old_indent
    state.line = close + 1 if closed else close
    return True


def fenced_div_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: pandoc fenced divs (before MyST's colon fences see them)."""
    names = [rule.name for rule in md.block.ruler.__rules__]
    before = "colon_fence" if "colon_fence" in names else "fence"
    md.block.ruler.before(
        before,
        "pandoc_div",
        fenced_div_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list", "footnote_def"]},
    )


def render_div(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    """A div as a ``container`` node with its classes (MyST's colon fences do the same)."""
    container = nodes.container(is_div=True)
    renderer.add_line_and_source_path(container, token)
    renderer.copy_attributes(token, container, ("class", "id"))
    if not token.meta.get("closed", True):
        env = renderer.sphinx_env
        warn(
            f"the fenced div '{token.markup} {token.info}' is never closed; it ends with "
            "the block that holds it. Close it with a line of colons (:::)",
            "div",
            (env.docname if env is not None else "", token_line(token, 0)),
        )
    with renderer.current_node_context(container, append=True):
        renderer.render_children(token)
