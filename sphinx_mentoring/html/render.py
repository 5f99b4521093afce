"""The renderer side: HTML tokens in, docutils structure out, across blocks.

A ``<div markdown="1">`` opened in one Markdown block holds the blocks that
follow until its ``</div>``: the open boxes form a stack on :class:`HtmlState`,
and the renderer's current node is the innermost box. Inline tags work the same
way within a paragraph (``<sup>``, ``<a>`` ... ``</a>``).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.html import tree, urls
from sphinx_mentoring.html.convert import (
    Converter,
    has_content,
    hoist_videos,
    image_uri_roots,
    inline_element,
    objectives_title,
)
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it.tree import SyntaxTreeNode

    from sphinx_mentoring.html.tree import Element
    from sphinx_mentoring.parser import MentoringRenderer

#: markdown-it token meta keys (set by :mod:`sphinx_mentoring.html.markdown`)
EVENTS = "mentoring_html_events"
UNCLOSED = "mentoring_html_unclosed"


@dataclass
class OpenBox:
    tag: str
    node: nodes.Element
    parent: nodes.Element
    line: int
    unclosed: bool  # the page has no matching end tag: it ends at the next heading


@dataclass
class InlineOpen:
    tag: str
    node: nodes.Element
    parent: nodes.Element


@dataclass
class HtmlState:
    """What one document's render knows about HTML: open boxes, open inline tags."""

    renderer: MentoringRenderer
    boxes: list[OpenBox] = field(default_factory=list)
    inline: list[InlineOpen] = field(default_factory=list)
    warned: set[tuple[str, str]] = field(default_factory=set)
    pending_closes: int = 0
    #: start offsets of the current block's boxes that the page never closes
    unclosed_starts: set[int] = field(default_factory=set)

    # --- warnings -----------------------------------------------------------------

    def warn(self, message: str, subtype: str, line: int, once: str | None = None) -> None:
        if once is not None:
            if (subtype, once) in self.warned:
                return
            self.warned.add((subtype, once))
        env = self.renderer.sphinx_env
        if env is not None:
            warn(message, subtype, (env.docname, line))
        else:
            warn(message, subtype, f"{self.renderer.document['source']}:{line}")

    # --- boxes --------------------------------------------------------------------

    def open_box(
        self,
        renderer: MentoringRenderer,
        element: Element,
        node: nodes.Element,
        parent: nodes.Element,
        line: int,
    ) -> None:
        unclosed = element.start in self.unclosed_starts
        self.boxes.append(OpenBox(element.tag, node, parent, line, unclosed))

    def close_box(self, renderer: MentoringRenderer, tag: str, line: int) -> None:
        """An end tag closes the innermost open box of its kind (and those inside it)."""
        for index in range(len(self.boxes) - 1, -1, -1):
            if self.boxes[index].tag == tag:
                for inner in self.boxes[index + 1 :]:
                    self.warn(
                        f"<{inner.tag}> (line {inner.line}) is closed by </{tag}> "
                        f"before its own </{inner.tag}>",
                        "html-nesting",
                        line,
                    )
                self._pop(renderer, index)
                return

    def _pop(self, renderer: MentoringRenderer, index: int) -> None:
        for box in self.boxes[index:][::-1]:
            self.finish_box(renderer, box.node, box.line)
        renderer.current_node = self.boxes[index].parent
        del self.boxes[index:]

    def sync(self, renderer: MentoringRenderer) -> None:
        """Boxes whose scope ended (a list item, a quote) end with it."""
        ancestors: set[int] = set()
        node: nodes.Node | None = renderer.current_node
        while node is not None:
            ancestors.add(id(node))
            node = node.parent
        for index, box in enumerate(self.boxes):
            if id(box.node) not in ancestors:
                for lost in self.boxes[index:]:
                    self.warn(
                        f"<{lost.tag}> has no </{lost.tag}>: it ends with the block around it",
                        "html-unclosed",
                        lost.line,
                    )
                for lost in self.boxes[index:][::-1]:
                    self.finish_box(renderer, lost.node, lost.line)
                del self.boxes[index:]
                return

    def close_unclosed(self, renderer: MentoringRenderer) -> None:
        """Before a heading: a box the page never closes ends here, keeping the outline."""
        # (its first heading, before any content, is still its title)
        while self.boxes and self.boxes[-1].unclosed and self.boxes[-1].node.children:
            box = self.boxes[-1]
            self.warn(
                f"<{box.tag}> has no </{box.tag}>: it ends at the next heading",
                "html-unclosed",
                box.line,
            )
            self._pop(renderer, len(self.boxes) - 1)

    def close_all(self, renderer: MentoringRenderer) -> None:
        for box in self.boxes:
            self.warn(
                f"<{box.tag}> has no </{box.tag}>: it ends with the page",
                "html-unclosed",
                box.line,
            )
        if self.boxes:
            self._pop(renderer, 0)

    def finish_box(self, renderer: MentoringRenderer, node: nodes.Element, line: int) -> None:
        """Give a closed box its title: the first <p> or heading of an objectives box."""
        if isinstance(node, mnodes.objectives):
            first = node.children[0] if node.children else None
            if isinstance(first, (nodes.paragraph, nodes.rubric)):
                title = nodes.title("", "", *first.children)
                title.source, title.line = first.source, first.line
                node.replace(first, title)
            elif not isinstance(first, nodes.title):
                node.insert(0, nodes.title("", objectives_title(renderer)))
            if not any(has_content(child) for child in node.children[1:]):
                self.warn(
                    "objectives box has no items (only a title); add a list of objectives",
                    "objectives",
                    line,
                )
        elif isinstance(node, mnodes.callout):
            first = node.children[0] if node.children else None
            if isinstance(first, nodes.rubric):
                title = nodes.title("", "", *first.children)
                title.source, title.line = first.source, first.line
                node.replace(first, title)

    # --- inline -------------------------------------------------------------------

    def anchor(self, attrs: dict[str, str], line: int) -> nodes.Element:
        href = attrs.get("href", "").strip()
        name = (attrs.get("name") or attrs.get("id") or "").strip()
        if href and urls.is_unsafe(href):
            self.warn(f"link with a script URL ({href[:40]}) is left out", "unsafe-url", line)
            href = ""
        if href:
            node: nodes.Element = nodes.reference("", "", refuri=href)
            if name:
                node["mentoring_name"] = name
            if attrs.get("target"):
                node["target"] = attrs["target"]
            return node
        node = nodes.inline(classes=["mentoring-anchor"])
        document = self.renderer.document
        node_id = nodes.make_id(name) if name else ""
        if node_id and node_id == name and node_id not in document.ids:
            node["ids"].append(node_id)
            document.ids[node_id] = node
        if name:
            node["mentoring_name"] = name
        return node

    def image(self, attrs: dict[str, str], line: int) -> nodes.Node:
        src = attrs.get("src", "").strip()
        alt = attrs.get("alt", "").strip()
        if urls.is_unsafe(src):
            self.warn(f"image with a script URL ({src[:40]}) is left out", "unsafe-url", line)
            return nodes.inline(alt, alt, classes=["mentoring-missing-image"])
        if not src:
            self.warn("<img> has no src; its alt text is kept", "image", line)
            return nodes.inline(alt, alt, classes=["mentoring-missing-image"])
        uri = src
        # ``//img/x.png`` is what ``{{ site.baseurl }}/img/x.png`` gives with baseurl "/"
        if not urls.is_remote(src) or src.startswith("//"):
            env = self.renderer.sphinx_env
            srcdir, roots = image_uri_roots(self.renderer)
            docname = env.docname if env is not None else ""
            resolved = urls.resolve_image(src, docname, srcdir, roots)
            if resolved is not None:
                uri = resolved
            elif src.startswith("//"):
                uri = "https:" + src
            else:
                self.warn(f"image file not found: {src}; its alt text is kept", "image", line)
                return nodes.inline(alt, alt, classes=["mentoring-missing-image"])
        node = nodes.image(uri=uri, alt=alt)
        for key in ("width", "height"):
            value = attrs.get(key, "").strip()
            if value:
                node[key] = value + ("px" if value.isdigit() else "")
        node["classes"].extend(attrs.get("class", "").split())
        return node


def get_state(renderer: MentoringRenderer) -> HtmlState:
    state = renderer.__dict__.get("_mentoring_html")
    if state is None:
        state = renderer.__dict__["_mentoring_html"] = HtmlState(renderer)
    return state


def _line0(token: SyntaxTreeNode) -> int:
    """0-based line of a (rendered, hence 1-based) token."""
    return token.map[0] - 1 if token.map else 0


def render_html_block(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    state = get_state(renderer)
    state.sync(renderer)
    content = token.content
    events = token.meta.get(EVENTS) if token.meta else None
    if events is None:
        events = tree.scan(content)
    fragment = tree.build(content, events, [box.tag for box in state.boxes])
    line0 = _line0(token)
    inline_only = all(
        isinstance(child, tree.Text)
        or (isinstance(child, tree.Element) and child.tag not in tree.BLOCK)
        for child in fragment.children
    )
    if inline_only and not fragment.problems:
        # text and inline tags only (``<img ...>`` alone on a line, ``<span>``):
        # a paragraph, its content read as Markdown as kramdown does
        if any(isinstance(c, tree.Element) or c.text.strip() for c in fragment.children):
            _inline_paragraph(renderer, content, line0)
        return
    state.unclosed_starts = (token.meta or {}).get(UNCLOSED, set())
    Converter(renderer, state, fragment, line0).run()
    if state.boxes:
        renderer.current_node = state.boxes[-1].node


def _inline_paragraph(renderer: MentoringRenderer, content: str, line0: int) -> None:
    para = nodes.paragraph()
    para.source, para.line = renderer.document["source"], line0 + 1
    renderer.current_node.append(para)
    with renderer.current_node_context(para), inline_scope(renderer):
        renderer.nested_render_text(content.strip(), line0, inline=True)
    hoist_videos(para)


def render_html_inline(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    content = token.content
    if content.startswith(("<!", "<?")):
        return  # comments, declarations: not shown to readers
    state = get_state(renderer)
    events = tree.scan(content)
    if not events:
        return
    event = events[0]
    line = token.map[0] if token.map else 1
    # tags left open by an earlier paragraph or cell do not reach here
    current = renderer.current_node
    while state.inline and not _is_ancestor(state.inline[-1].node, current):
        state.inline.pop()
    if event.kind == "start":
        attrs = dict(event.attrs)
        made = inline_element(state, event.tag, attrs, line)
        if made is None:  # a player: moved out of the paragraph when it ends
            fragment = tree.build(content, events, [])
            element = fragment.children[0]
            if isinstance(element, tree.Element):
                converter = Converter(renderer, state, fragment, line - 1)
                renderer.current_node.extend(converter.media(element))
            return
        if isinstance(made, nodes.Element):
            made.source, made.line = renderer.document["source"], line
        renderer.current_node.append(made)
        if (
            isinstance(made, nodes.Element)
            and event.tag not in tree.VOID
            and not event.selfclosing
            and not isinstance(made, nodes.image)
        ):
            state.inline.append(InlineOpen(event.tag, made, renderer.current_node))
            renderer.current_node = made
    elif event.kind == "end":
        for index in range(len(state.inline) - 1, -1, -1):
            if state.inline[index].tag == event.tag:
                renderer.current_node = state.inline[index].parent
                del state.inline[index:]
                return
        if event.tag in tree.PERSISTENT and any(box.tag == event.tag for box in state.boxes):
            # ``text</div>``: the box ends after this paragraph
            state.pending_closes += 1
        # other end tags without a start are harmless (HTML ignores them too)
    elif event.kind == "data" and event.tag.strip():
        renderer.current_node.append(nodes.Text(event.tag))


def _is_ancestor(node: nodes.Node, of: nodes.Node | None) -> bool:
    while of is not None:
        if of is node:
            return True
        of = of.parent
    return False


@contextmanager
def inline_scope(renderer: MentoringRenderer) -> Iterator[None]:
    """Inline tags open and close within a paragraph; videos leave it afterwards."""
    state = renderer.__dict__.get("_mentoring_html")
    outer = state.inline if state is not None else []
    if state is not None:
        state.inline = []
    before = len(renderer.current_node.children)
    try:
        yield
    finally:
        state = renderer.__dict__.get("_mentoring_html")  # the paragraph may have made it
        if state is not None:
            state.inline = outer
    if state is None:
        return  # no HTML so far: nothing to do
    for node in renderer.current_node.children[before:]:
        if isinstance(node, nodes.paragraph):
            hoist_videos(node)
    while state.pending_closes and state.boxes:
        state.pending_closes -= 1
        box = state.boxes[-1]
        state.close_box(renderer, box.tag, box.line)
    state.pending_closes = 0


def render_heading(renderer: MentoringRenderer, token: SyntaxTreeNode) -> bool:
    """A heading inside a box: the box's title when it comes first. True if handled."""
    state = renderer.__dict__.get("_mentoring_html")
    if state is not None:
        state.sync(renderer)
        state.close_unclosed(renderer)
    box = renderer.current_node
    if isinstance(box, (mnodes.objectives, mnodes.callout)) and not box.children:
        title = nodes.title()
        renderer.add_line_and_source_path(title, token)
        with renderer.current_node_context(title, append=True), inline_scope(renderer):
            renderer.render_children(token)
        return True
    return False


def finalise(renderer: MentoringRenderer) -> None:
    """End of the page: close what is still open, and check every <hr>."""
    state = renderer.__dict__.get("_mentoring_html")
    if state is None:
        return
    state.sync(renderer)
    state.close_all(renderer)
    for transition in list(renderer.document.findall(nodes.transition)):
        _check_transition(transition)


def _check_transition(node: nodes.transition) -> None:
    """docutils only allows a rule between body elements of a section: else a plain rule."""
    parent = node.parent
    index = parent.index(node)
    previous = parent[index - 1] if index else None
    if (
        not isinstance(parent, (nodes.document, nodes.section))
        or previous is None
        or isinstance(previous, (nodes.title, nodes.subtitle, nodes.transition, nodes.meta))
    ):
        rule = nodes.container(classes=["mentoring-rule"])
        rule.source, rule.line = node.source, node.line
        parent.replace(node, rule)
