"""``{:toc}``: the list it marks becomes the page's table of contents.

kramdown (``converter/html.rb``) replaces the first list whose attribute list
names ``toc`` with a nested list of every heading of the page, wherever the list
stands: under a heading, before or after ``#`` sections. Headings with the class
``no_toc`` are left out. Here the list becomes a ``kramdown_toc`` token; the
renderer puts a docutils ``topic`` with a pending :class:`PageContents`
transform in its place, which lists the page's sections once they are all known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.transforms.parts import Contents
from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer

TOKEN = "kramdown_toc"
_LISTS = ("bullet_list_open", "ordered_list_open")


def _close_index(tokens: list[Token], open_index: int) -> int:
    depth = 0
    for index in range(open_index, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def toc_rule(state: StateCore) -> None:
    """The first list with ``{:toc}`` gives way to a table of contents token."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type in _LISTS and "toc" in token.meta.get("kramdown_refs", ()):
            close = _close_index(tokens, index)
            toc = Token(TOKEN, "", 0)
            toc.block = True
            toc.map = token.map
            toc.level = token.level
            toc.attrs = {k: v for k, v in token.attrs.items() if k == "class"}
            state.tokens = [*tokens[:index], toc, *tokens[close + 1 :]]
            return


class PageContents(Contents):
    """docutils' contents transform, listing the whole page as kramdown does.

    The page title is an entry only when the page's body wrote it (``# Title``);
    a title from the front matter is Jekyll's layout, not part of kramdown's list.
    A ``no_toc`` section has no entry; its subsections take its place.
    """

    def build_contents(self, node: nodes.Element, level: int = 0) -> Any:
        title = None
        details = cast("nodes.pending", self.startnode).details
        if level == 0 and not details.get("title_entry"):
            title = next((c for c in node.children if isinstance(c, nodes.section)), None)
        entries = [self._entry(section) for section in self._sections(node, title)]
        return nodes.bullet_list("", *entries) if entries else []

    def _sections(self, node: nodes.Element, hidden: nodes.Node | None) -> list[nodes.section]:
        """The sections listed under ``node``: those of a hidden one take its place."""
        found: list[nodes.section] = []
        for child in node.children:
            if isinstance(child, nodes.section):
                if child is hidden or "no_toc" in child["classes"]:
                    found += self._sections(child, None)
                else:
                    found.append(child)
        return found

    def _entry(self, section: nodes.section) -> nodes.list_item:
        reference = nodes.reference(
            "", "", *self.copy_and_filter(section[0]), refid=section["ids"][0]
        )
        self.document.set_id(reference, suggested_prefix="toc-entry")
        item = nodes.list_item("", nodes.paragraph("", "", reference))
        item += self.build_contents(section, 1)
        return item


def render_toc(renderer: DocutilsRenderer, token: SyntaxTreeNode) -> None:
    topic = nodes.topic(classes=["contents", "mentoring-toc", "local"])
    topic["classes"] += str(token.attrs.get("class", "")).split()
    renderer.add_line_and_source_path(topic, token)
    name = nodes.fully_normalize_name("contents")
    if not renderer.document.has_name(name):
        topic["names"].append(name)
    renderer.document.note_implicit_target(topic)
    # a title the front matter inserted (frontmatter.TitlePlan) is not the body's
    title_entry = not getattr(renderer.md_env.get("mentoring_title_plan"), "insert", None)
    pending = nodes.pending(PageContents, {"backlinks": None, "title_entry": title_entry})
    renderer.document.note_pending(pending)
    topic += pending
    renderer.current_node.append(topic)
