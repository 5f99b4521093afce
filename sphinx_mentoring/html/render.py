"""The renderer side: HTML tokens in, docutils structure out, across blocks.

A ``<div markdown="1">`` opened in one Markdown block holds the blocks that
follow until its ``</div>``: the open boxes form a stack on :class:`HtmlState`,
and the renderer's current node is the innermost box. Inline tags work the same
way within a paragraph (``<sup>``, ``<a>`` ... ``</a>``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_mentoring import nesting
from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.html import tree
from sphinx_mentoring.html.convert import (
    Converter,
    add_player_source,
    hoist_videos,
    inline_element,
    start_player,
)
from sphinx_mentoring.html.state import HtmlState, InlineOpen, get_state

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer


#: markdown-it token meta keys (set by :mod:`sphinx_mentoring.html.markdown`)
EVENTS = "mentoring_html_events"
UNCLOSED = "mentoring_html_unclosed"


def _line0(token: SyntaxTreeNode) -> int:
    """0-based line of a (rendered, hence 1-based) token."""
    return token.map[0] - 1 if token.map else 0


def render_html_block(renderer: SphinxRenderer, token: SyntaxTreeNode) -> None:
    state = get_state(renderer)
    state.sync(renderer)
    content = token.content
    events = token.meta.get(EVENTS) if token.meta else None
    if events is None:
        events = tree.scan(content)
    outer = [box.tag for box in state.boxes]
    fragment = tree.build(content, events, outer, state.room(renderer.current_node))
    line0 = _line0(token)
    inline_only = all(
        isinstance(child, tree.Text)
        or (isinstance(child, tree.Element) and child.tag not in tree.BLOCK)
        for child in fragment.children
    )
    if inline_only and not fragment.problems:
        # text and inline tags only (``<img ...>`` alone on a line, ``<span>``):
        # a paragraph, its content read as Markdown as kramdown does
        if any(
            isinstance(c, tree.Element) or getattr(c, "text", "").strip() for c in fragment.children
        ):
            para = _inline_paragraph(renderer, content, line0)
            renderer.copy_attributes(token, para, ("class", "id"))
        return
    closing = _give_attributes(fragment, token.attrs, state)
    state.unclosed_starts = (token.meta or {}).get(UNCLOSED, set())
    Converter(renderer, state, fragment, line0).run()
    if closing is not None:  # ``</div>`` then ``{: .class}``: the box it closed
        renderer.copy_attributes(token, closing, ("class", "id"))
    if state.boxes:
        renderer.current_node = state.boxes[-1].node


def _give_attributes(
    fragment: tree.Fragment, attrs: dict[str, str | int | float], state: HtmlState
) -> nodes.Element | None:
    """A block IAL after the HTML (kramdown): its attributes join the last element's.

    When the block ends by closing a box of earlier blocks (``</div>`` after a
    blank line), that box is returned: it takes the attributes once converted.
    """
    shown = [c for c in fragment.children if not (isinstance(c, tree.Text) and not c.text.strip())]
    last = shown[-1] if attrs and shown else None
    if isinstance(last, tree.Close):
        boxes = [box for box in state.boxes if box.tag == last.tag]
        return boxes[-1].node if boxes else None
    last = next((c for c in reversed(fragment.children) if isinstance(c, tree.Element)), None)
    if last is None:
        return None
    for key, value in attrs.items():
        if key == "class":
            last.attrs["class"] = " ".join(dict.fromkeys([*last.classes, *str(value).split()]))
        else:
            last.attrs[key] = str(value)
    return None


def _inline_paragraph(renderer: SphinxRenderer, content: str, line0: int) -> nodes.paragraph:
    para = nodes.paragraph()
    para.source, para.line = renderer.document["source"], line0 + 1
    renderer.current_node.append(para)
    with renderer.current_node_context(para), inline_scope(renderer):
        renderer.nested_render_text(content.strip(), line0, inline=True)
    hoist_videos(para)
    return para


def render_html_inline(renderer: SphinxRenderer, token: SyntaxTreeNode) -> None:
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
        if event.tag not in tree.VOID and state.room(current) <= 0:
            state.flattened_inline[event.tag] = state.flattened_inline.get(event.tag, 0) + 1
            state.warn(
                f"<{event.tag}> nests too deep (limit: mentoring_limits['nesting_depth']); "
                "it and the tags inside it are not opened, their text is kept",
                "nesting",
                line,
                once="inline",
            )
            return
        attrs = dict(event.attrs)
        if event.tag in ("source", "track") and isinstance(current, mnodes.media):
            if event.tag == "source":
                add_player_source(state, current, attrs, line)
            return
        if event.tag in ("audio", "video"):
            # a player: what follows up to its end tag is its fallback; the paragraph
            # lets it go when it ends (hoist_videos)
            player = start_player(state, event.tag, attrs, line)
            player.source, player.line = renderer.document["source"], line
            current.append(player)
            if not event.selfclosing:
                state.inline.append(InlineOpen(event.tag, player, current))
                renderer.current_node = player
            return
        made = inline_element(state, event.tag, attrs, line)
        if made is None:  # an iframe: moved out of the paragraph when it ends
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
        if state.flattened_inline.get(event.tag):
            state.flattened_inline[event.tag] -= 1
            return
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
def inline_scope(renderer: SphinxRenderer) -> Iterator[None]:
    """Inline tags open and close within a paragraph; videos leave it afterwards."""
    state = renderer.__dict__.get("_mentoring_html")
    outer = state.inline if state is not None else []
    outer_flattened = state.flattened_inline if state is not None else {}
    if state is not None:
        state.inline, state.flattened_inline = [], {}
    before = len(renderer.current_node.children)
    try:
        yield
    finally:
        state = renderer.__dict__.get("_mentoring_html")  # the paragraph may have made it
        if state is not None:
            state.inline, state.flattened_inline = outer, outer_flattened
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


def render_heading(renderer: SphinxRenderer, token: SyntaxTreeNode) -> bool:
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


def finalise(renderer: SphinxRenderer) -> None:
    """End of the page: close what is still open, bound the nesting, check every <hr>."""
    state = renderer.__dict__.get("_mentoring_html")
    if state is not None:
        state.sync(renderer)
        state.close_all(renderer)
    env = renderer.sphinx_env
    # Before any recursive walk of the document (this one, then docutils' own).
    nesting.guard(renderer.document, env.config if env else None, env.docname if env else None)
    if state is None:
        return
    for transition in list(renderer.document.findall(nodes.transition)):
        _check_transition(transition)


def _check_transition(node: nodes.transition) -> None:
    """docutils only allows a rule between body elements of a section: else a plain rule
    (a styles lesson's all-in-one page ends with its last episode's <hr />)."""
    parent = node.parent
    index = parent.index(node)
    previous = parent[index - 1] if index else None
    last = node.next_node(descend=False, siblings=True, ascend=True) is None
    if (
        not isinstance(parent, (nodes.document, nodes.section))
        or previous is None
        or last
        or isinstance(previous, (nodes.title, nodes.subtitle, nodes.transition, nodes.meta))
    ):
        rule = nodes.container(classes=["mentoring-rule"])
        rule.source, rule.line = node.source, node.line
        parent.replace(node, rule)
