"""Raw HTML from directives and roles goes through the same conversion as raw HTML in Markdown.

MyST's ``{raw} html``, reStructuredText's ``.. raw:: html`` (also inside
``{eval-rst}``) and roles made from ``raw`` would put their markup into the
page as written — ``<script>``, event handlers, ``javascript:`` links — past
everything that keeps raw HTML in Markdown safe, and only the HTML builder
would show their words. Here each such raw node is converted as the HTML of a
Markdown page is (:class:`~sphinx_mentoring.html.convert.Converter`, with HTML's
rules: no Markdown inside): scripts and styles are left out with a warning,
URLs follow :mod:`sphinx_mentoring.url_policy`, and the words reach every
format. A project whose every author is trusted may keep raw HTML as written
with ``mentoring_raw_html = "keep"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.html import tree
from sphinx_mentoring.html.convert import Converter, Element
from sphinx_mentoring.html.state import HtmlState, has_content
from sphinx_mentoring.nesting import depth_of

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dataclass
class RawHost:
    """The conversion's view of the page around one raw node (what the renderer offers)."""

    document: nodes.document
    current_node: nodes.Element
    env: BuildEnvironment | None

    @property
    def sphinx_env(self) -> BuildEnvironment | None:
        return self.env


def _close_everything(children: list[Any]) -> None:
    """A raw block ends where it ends: no box stays open for the blocks after it."""
    stack = list(children)
    while stack:
        child = stack.pop()
        if isinstance(child, Element):
            child.open = False
            stack.extend(child.children)


def convert(raw: nodes.raw, document: nodes.document, env: BuildEnvironment | None) -> None:
    """Replace one raw HTML node by what its HTML means, in place."""
    parent = raw.parent
    if parent is None:
        return
    source = raw.astext()
    host = RawHost(document, parent, env)
    state = HtmlState(host)
    room = state.nesting_depth - depth_of(parent)
    fragment = tree.build(source, tree.scan(source), [], room)
    _close_everything(fragment.children)
    line = raw.line or (parent.line if isinstance(parent, nodes.Element) else None) or 1
    converter = Converter(host, state, fragment, line - 1, markdown=False)
    for problem in fragment.problems:
        converter.warn(problem.message, problem.subtype, problem.start)
    if isinstance(parent, nodes.TextElement):  # a role, inside a paragraph
        made = converter.inlines(fragment.children)
    else:
        box = nodes.container(classes=["mentoring-raw-html"])
        converter.blocks(fragment.children, box, False, len(source))
        made = [child for child in box.children if has_content(child)] or []
    for node in made:
        if isinstance(node, nodes.Element) and not node.line:
            node.source, node.line = raw.source, line
    if made:
        raw.replace_self(made)
    else:
        parent.remove(raw)


class RawHtml(SphinxTransform):
    """Every raw HTML node of a page, converted (unless the project keeps raw HTML)."""

    default_priority = 2  # right after the nesting guard: later transforms see real nodes

    def apply(self, **kwargs: Any) -> None:
        if self.config.mentoring_raw_html == "keep":
            return
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in str(raw.get("format", "")).split():
                convert(raw, self.document, self.env)
