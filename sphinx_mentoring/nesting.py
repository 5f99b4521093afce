"""No document nests deeper than the ``nesting_depth`` limit.

Docutils and Sphinx walk documents recursively — to copy, pickle, search and
write them — so a page of a few hundred nested ``<div>``, ``<b>`` or ``>``
would stop the whole build with "Recursion error!". HTML elements are not
opened beyond the limit (:mod:`sphinx_mentoring.html.tree`); whatever else
nests deeper is flattened here, as soon as the page is parsed: the words of
each too-deep part are kept as plain paragraphs (plain text inside a
paragraph), with one warning per page. Every walk here is iterative.

Markdown has its own limit (markdown-it's ``maxNesting``), past which it drops
text: :func:`markdown_plugin` keeps it as paragraphs. And LaTeX has its own,
six nested lists or quotes: it is raised to the limit (``maxlistdepth``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from markdown_it.rules_block.paragraph import paragraph
from sphinx.transforms import SphinxTransform

from sphinx_mentoring import limits
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Elements whose children must be of one kind (items, rows): never flattened themselves.
_STRICT = (
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.field_list,
    nodes.field,
    nodes.option_list,
    nodes.option_list_item,
    nodes.table,
    nodes.tgroup,
    nodes.thead,
    nodes.tbody,
    nodes.row,
    nodes.line_block,
)


def depth_of(node: nodes.Node | None) -> int:
    """How many elements hold ``node`` (0 for a document)."""
    depth = -1
    while node is not None:
        depth += 1
        node = node.parent
    return depth


def text_of(node: nodes.Node) -> str:
    """``node.astext()`` without recursion."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, nodes.Text):
            parts.append(str(current))
        else:
            stack.extend(reversed(current.children))
    return "".join(parts)


def _text_blocks(node: nodes.Element) -> Iterator[str]:
    """The text of each paragraph-like part of ``node``'s content, in order."""
    stack: list[nodes.Node] = list(reversed(node.children))
    while stack:
        current = stack.pop()
        if isinstance(current, nodes.Text | nodes.TextElement):
            text = text_of(current).strip()
            if text:
                yield text
        else:
            stack.extend(reversed(current.children))


def _flatten(node: nodes.Element) -> None:
    """Replace ``node``'s content by its words: one text, or one paragraph per block."""
    if isinstance(node, nodes.TextElement):
        text = text_of(node)
        node.children = []
        node.append(nodes.Text(text))
        return
    keep = [node[0]] if node.children and isinstance(node[0], nodes.title) else []
    paragraphs = [nodes.paragraph(text, text) for text in _text_blocks(node)][len(keep) :]
    node.children = []
    node.extend([*keep, *paragraphs])


def flatten_deep(document: nodes.document, limit: int) -> list[nodes.Element]:
    """Flatten every part of ``document`` that nests ``limit`` elements deep or more."""
    flattened: list[nodes.Element] = []
    stack: list[tuple[nodes.Element, int]] = [(document, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.children:
            if not isinstance(child, nodes.Element):
                continue
            if depth + 1 < limit:
                stack.append((child, depth + 1))
            elif any(isinstance(grandchild, nodes.Element) for grandchild in child.children):
                point = child
                while isinstance(point, _STRICT) and isinstance(point.parent, nodes.Element):
                    point = point.parent
                if point not in flattened:
                    _flatten(point)
                    flattened.append(point)
    return flattened


def guard(document: nodes.document, config: Any, docname: str | None) -> None:
    """Flatten what nests too deep, with one warning naming where it starts."""
    limit = limits.from_config(config).nesting_depth
    flattened = flatten_deep(document, limit)
    if not flattened:
        return
    first = next((node for node in flattened if node.line), None)
    location = first if first is not None else (docname, None) if docname else None
    warn(
        f"the page nests more than {limit} levels deep ({len(flattened)} place(s)); "
        "what lies deeper is kept as plain paragraphs. Close your tags, or raise "
        "mentoring_limits['nesting_depth'] in conf.py",
        "nesting",
        location,
    )


# -- Markdown beyond markdown-it's nesting limit ----------------------------------------


def markdown_plugin(md: MarkdownIt) -> None:
    """Lists and quotes nested past markdown-it's limit keep their words.

    Past ``maxNesting`` (20) markdown-it skips "the tail": the rest of the list item
    or quote, and, in a list, the rest of the page. Here those lines become plain
    paragraphs instead, with one warning.
    """
    tokenize = md.block.tokenize

    def bounded(state: StateBlock, start: int, end: int) -> None:
        if state.level < state.md.options.maxNesting:
            tokenize(state, start, end)
        else:
            _paragraphs(state, start, end)

    md.block.tokenize = bounded  # type: ignore[method-assign,assignment]


def _paragraphs(state: StateBlock, start: int, end: int) -> None:
    """markdown-it's block loop with one rule, the paragraph: nothing nests deeper."""
    line = start
    first = True
    while line < end:
        state.line = line = state.skipEmptyLines(line)
        if line >= end or state.sCount[line] < state.blkIndent:
            break
        if first:
            first = False
            _warn_once(state, line)
        paragraph(state, line, end, False)
        line = state.line


def _warn_once(state: StateBlock, line: int) -> None:
    if state.env.get("mentoring_too_deep"):
        return
    state.env["mentoring_too_deep"] = True
    document = state.md.options.get("document")
    env = getattr(getattr(document, "settings", None), "env", None)
    warn(
        f"lists or quotes nest more than {state.md.options.maxNesting} levels deep; "
        "what lies deeper is kept as plain paragraphs",
        "nesting",
        (env.docname, line + 1) if env is not None else None,
    )


class NestingGuard(SphinxTransform):
    """The same guard for pages of any source format (reStructuredText too)."""

    default_priority = 1  # first: other transforms walk the document recursively

    def apply(self, **kwargs: Any) -> None:
        guard(self.document, self.config, self.env.docname)


def _latex_list_depth(app: Sphinx, config: Config) -> None:
    """LaTeX stops at 6 nested lists or quotes; let it take what the limit lets through."""
    elements = config.latex_elements
    if isinstance(elements, dict) and not elements.get("maxlistdepth"):
        config.latex_elements = {
            **elements,
            "maxlistdepth": str(limits.from_config(config).nesting_depth),
        }


def setup(app: Sphinx) -> None:
    app.add_transform(NestingGuard)
    app.connect("config-inited", _latex_list_depth)
