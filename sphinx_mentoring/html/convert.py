"""HTML elements -> docutils nodes.

:class:`Converter` turns one HTML fragment (a Markdown HTML block) into nodes
appended to the renderer's current node. Where kramdown reads Markdown — the
top level of a block, and ``markdown="1"`` elements — runs of text and inline
tags are handed back to the Markdown renderer; elsewhere the HTML itself is
converted, element by element.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring import url_policy
from sphinx_mentoring.html import urls
from sphinx_mentoring.html.state import Host, has_content
from sphinx_mentoring.html.tree import BLOCK, HIDDEN, Close, Element, Fragment, Text
from sphinx_mentoring.i18n import _
from sphinx_mentoring.jekyll.kramdown.ids import add_id

if TYPE_CHECKING:
    from collections.abc import Iterator

    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

    from sphinx_mentoring.html.state import HtmlState

_SPACE = re.compile(r"\s+")
_DURATION = re.compile(r"^\s*(\d{1,2}(?::\d{2}){1,2})\s*(?:\|\s*)?")

#: Inline tags that become a docutils inline node of their own kind.
_INLINE_KINDS: dict[str, type[nodes.Element]] = {
    "b": nodes.strong,
    "strong": nodes.strong,
    "i": nodes.emphasis,
    "em": nodes.emphasis,
    "cite": nodes.emphasis,
    "dfn": nodes.emphasis,
    "var": nodes.emphasis,
    "code": nodes.literal,
    "kbd": nodes.literal,
    "samp": nodes.literal,
    "tt": nodes.literal,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
}
#: Phrasing tags whose text shows everywhere and whose look only matters in HTML.
_PLAIN_INLINE = frozenset(
    [
        "span",
        "font",
        "u",
        "small",
        "big",
        "mark",
        "abbr",
        "acronym",
        "s",
        "strike",
        "del",
        "ins",
        "q",
        "label",
        "time",
        "bdi",
        "bdo",
        "nobr",
        "wbr",
        "data",
        "output",
        "meter",
        "progress",
        "ruby",
        "rt",
        "rp",
    ]
)
#: Block containers that become a plain docutils container.
_CONTAINERS = frozenset(
    [
        "div",
        "center",
        "section",
        "article",
        "aside",
        "main",
        "header",
        "footer",
        "nav",
        "figure",
        "address",
        "hgroup",
        "search",
        "dialog",
    ]
)
CALLOUT_KINDS = ("objectives", "activity", "videos", "case_study", "info")


def collapse(text: str) -> str:
    """HTML's white space rule: any run of spaces, tabs and newlines is one space."""
    return _SPACE.sub(" ", text)


def _strip_edges(items: list[nodes.Node]) -> list[nodes.Node]:
    """Drop the white space at the start and end of a paragraph's content."""
    while items and isinstance(items[0], nodes.Text) and not items[0].strip():
        items.pop(0)
    while items and isinstance(items[-1], nodes.Text) and not items[-1].strip():
        items.pop()
    if items and isinstance(items[0], nodes.Text):
        items[0] = nodes.Text(items[0].lstrip())
    if items and isinstance(items[-1], nodes.Text):
        items[-1] = nodes.Text(items[-1].rstrip())
    return items


def inside(node: nodes.Node | None, kind: type[nodes.Node]) -> bool:
    while node is not None:
        if isinstance(node, kind):
            return True
        node = node.parent
    return False


class Converter:
    """Converts one fragment; every node gets the fragment's source and line."""

    def __init__(
        self,
        renderer: Host,
        state: HtmlState,
        fragment: Fragment,
        line0: int,
        markdown: bool = True,
    ) -> None:
        self.renderer = renderer
        self.state = state
        self.fragment = fragment
        self.line0 = line0  # 0-based line of the fragment's first character
        #: kramdown reads Markdown in the fragment (raw HTML from a directive: never)
        self.reads_markdown = markdown

    # --- helpers ------------------------------------------------------------------

    def line(self, offset: int) -> int:
        """1-based source line of ``offset``."""
        return self.line0 + self.fragment.line_of(offset) + 1

    def located(self, node: nodes.Element, offset: int) -> nodes.Element:
        node.source = self.renderer.document["source"]
        node.line = self.line(offset)
        return node

    def warn(self, message: str, subtype: str, offset: int, once: str | None = None) -> None:
        self.state.warn(message, subtype, self.line(offset), once)

    # --- block level --------------------------------------------------------------

    def run(self) -> None:
        """Convert the whole fragment into the renderer's current node."""
        for problem in self.fragment.problems:
            self.warn(problem.message, problem.subtype, problem.start)
        self.blocks(self.fragment.children, None, markdown=True, end=len(self.fragment.source))

    def blocks(
        self,
        children: list[Any],
        parent: nodes.Element | None,
        markdown: bool,
        end: int,
    ) -> None:
        """Append ``children`` to ``parent`` (None: the renderer's current node)."""
        markdown = markdown and self.reads_markdown
        for index, group in self._groups(children):
            target = parent if parent is not None else self.renderer.current_node
            if isinstance(group, Close):
                self.state.close_box(self.renderer, group.tag, self.line(group.start))
            elif isinstance(group, Element):
                self.block(group, target)
            elif markdown:
                start = group[0].start
                stop = children[index].start if index < len(children) else end
                self.markdown(self.fragment.source[start:stop], start, target)
            else:
                items = _strip_edges(self.inlines(group))
                if any(has_content(item) for item in items):
                    para = self.located(nodes.paragraph(), group[0].start)
                    para.extend(items)
                    target.append(para)
                    hoist_videos(para)

    def _groups(self, children: list[Any]) -> Iterator[tuple[int, Any]]:
        """Block elements and Close markers alone; runs of inline content together.

        Yields ``(index after the item, item)``.
        """
        run: list[Any] = []
        for index, child in enumerate(children):
            is_block = isinstance(child, Close) or (
                isinstance(child, Element) and (child.tag in BLOCK or child.tag in HIDDEN)
            )
            if is_block:
                if run:
                    yield index, run
                    run = []
                yield index + 1, child
            else:
                run.append(child)
        if run:
            yield len(children), run

    def markdown(self, text: str, offset: int, target: nodes.Element) -> None:
        """A run of Markdown (kramdown reads text between block tags as Markdown)."""
        if not text.strip():
            return
        lineno = self.line(offset) - 1
        # a run starting after a tag on the same line: its indentation is not Markdown's
        body = textwrap.dedent(text)
        renderer = cast("SphinxRenderer", self.renderer)  # only MyST's reads Markdown
        with renderer.current_node_context(target):
            renderer.nested_render_text(body, lineno)

    def block(self, element: Element, parent: nodes.Element) -> None:
        before = len(parent.children)
        self._block(element, parent)
        ident = element.attrs.get("id", "").strip()
        made = parent.children[before] if len(parent.children) > before else None
        if ident and isinstance(made, nodes.Element):
            # in-page links point to it (``<article id="linux">`` and ``#linux``)
            add_id(self.renderer.document, made, ident)

    def _block(self, element: Element, parent: nodes.Element) -> None:
        tag = element.tag
        if tag == "script" and element.attrs.get("src", "").strip():
            parent.extend(self.script_embed(element))
            return
        if tag in ("div", "pre") and "mermaid" in element.classes:
            # a diagram's source, left raw by kramdown: code in print, and in HTML an
            # element of class "mermaid" that a diagram renderer can draw
            source = textwrap.dedent(element.text()).strip("\n")
            block = mnodes.diagram(source, source, classes=["mermaid"], language="text")
            parent.append(self.located(block, element.start))
            return
        if tag in ("html", "body"):
            # a whole HTML document as a page (layout: null): a browser shows its body
            self.blocks(element.children, parent, element.markdown, element.close_start)
            return
        if tag == "head":
            # the browser's part of a whole document: its <title> names the page
            # (site.titles.html_title); <meta>, <link> and scripts only set it up
            return
        if tag in HIDDEN:
            self.warn(
                f"<{tag}> content is not shown to readers; it is left out",
                "html",
                element.start,
                once=tag,
            )
            return
        if tag in _CONTAINERS or tag in ("details", "blockquote"):
            self.container(element, parent)
        elif tag == "p":
            self.paragraph(element, parent, nodes.paragraph())
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            parent.append(self.heading(element))
        elif tag in ("ul", "ol", "menu", "dir"):
            parent.append(self.listing(element))
        elif tag == "li" and parent.children and isinstance(parent[-1], nodes.bullet_list):
            # the list went on after a blank line (which ended the Markdown block)
            parent[-1].append(self.list_item(element))
        elif tag == "li":  # a list item outside a list
            listing = nodes.bullet_list()
            listing.append(self.list_item(element))
            parent.append(self.located(listing, element.start))
        elif tag == "dl":
            parent.append(self.definitions(element))
        elif tag == "table":
            parent.append(self.table(element))
        elif tag == "hr":
            parent.append(self.located(nodes.transition(), element.start))
        elif tag in ("pre", "textarea", "listing", "xmp"):
            text = element.text().removeprefix("\n")
            parent.append(self.located(nodes.literal_block(text, text), element.start))
        elif tag in ("iframe", "video", "audio", "embed", "object"):
            parent.extend(self.media(element))
        elif tag == "summary":  # outside a details block
            self.paragraph(element, parent, nodes.paragraph(), strong=True)
        else:
            # table parts or form fields out of place, <dd>, <legend>...: keep the content
            if tag not in ("tr", "td", "th", "tbody", "thead", "tfoot", "caption", "dd", "dt"):
                self.warn(
                    f"<{tag}> has no equivalent outside HTML; its text is kept",
                    "html",
                    element.start,
                    once=tag,
                )
            box = self.located(nodes.container(classes=[f"mentoring-html-{tag}"]), element.start)
            parent.append(box)
            self.blocks(element.children, box, element.markdown, element.close_start)

    def paragraph(
        self,
        element: Element,
        parent: nodes.Element,
        para: nodes.Element,
        strong: bool = False,
    ) -> None:
        items = _strip_edges(self.inlines(element.children))
        # a <p> holding block elements (invalid HTML, common in practice)
        if any(isinstance(child, Element) and child.tag in BLOCK for child in element.children):
            box = self.located(nodes.container(classes=element.classes), element.start)
            parent.append(box)
            self.blocks(element.children, box, element.markdown, element.close_start)
            return
        if not any(has_content(item) for item in items):
            return
        if strong:
            items = [nodes.strong("", "", *items)]
        para.extend(items)
        para["classes"].extend(element.classes)
        parent.append(self.located(para, element.start))
        hoist_videos(para)

    def heading(self, element: Element) -> nodes.Element:
        """``<h2>`` in HTML is a rubric, never a section: the page's outline stays."""
        items = _strip_edges(self.inlines(element.children))
        if any(isinstance(n, nodes.image) for item in items for n in item.findall()):
            # a heading around a picture (a logo): a paragraph prints better
            node: nodes.Element = nodes.paragraph(classes=[f"mentoring-html-{element.tag}"])
        else:
            node = nodes.rubric(heading_level=int(element.tag[1]))
            node["classes"].append(f"mentoring-html-{element.tag}")
        node["classes"].extend(element.classes)
        node.extend(items)
        return self.located(node, element.start)

    def listing(self, element: Element) -> nodes.Element:
        listing: nodes.Element
        if element.tag == "ol":
            listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            start = element.attrs.get("start", "")
            if start.isascii() and start.isdigit() and len(start) <= 6:  # LaTeX counters
                listing["start"] = int(start)
        else:
            listing = nodes.bullet_list(bullet="*")
        listing["classes"].extend(element.classes)
        loose: list[Any] = []
        for child in [*element.children, None]:
            if (isinstance(child, Element) and child.tag == "li") or child is None:
                if loose and any(not isinstance(c, Text) or c.text.strip() for c in loose):
                    item = nodes.list_item()
                    self.blocks(loose, item, element.markdown, element.close_start)
                    listing.append(item)
                loose = []
                if child is not None:
                    listing.append(self.list_item(child))
            else:
                loose.append(child)
        return self.located(listing, element.start)

    def list_item(self, element: Element) -> nodes.Element:
        item = self.located(nodes.list_item(), element.start)
        item["classes"].extend(element.classes)
        self.blocks(element.children, item, element.markdown, element.close_start)
        return item

    def definitions(self, element: Element) -> nodes.Element:
        dlist = self.located(nodes.definition_list(), element.start)
        item: nodes.Element | None = None
        for child in element.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "dt":
                item = nodes.definition_list_item()
                term = nodes.term("", "", *_strip_edges(self.inlines(child.children)))
                item.append(term)
                dlist.append(item)
            elif child.tag == "dd":
                if item is None or len(item) > 1:
                    item = nodes.definition_list_item()
                    item.append(nodes.term("", ""))
                    dlist.append(item)
                definition = nodes.definition()
                self.blocks(child.children, definition, child.markdown, child.close_start)
                item.append(definition)
        for entry in dlist.children:
            if isinstance(entry, nodes.Element) and len(entry) == 1:
                entry.append(nodes.definition())
        return dlist

    def table(self, element: Element) -> nodes.Element:
        caption: Element | None = None
        head_rows: list[Element] = []
        body_rows: list[Element] = []
        for child in element.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "caption":
                caption = child
            elif child.tag == "tr":
                body_rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows = [r for r in child.children if isinstance(r, Element) and r.tag == "tr"]
                (head_rows if child.tag == "thead" else body_rows).extend(rows)
        if not head_rows and len(body_rows) > 1:
            first = [c for c in body_rows[0].children if isinstance(c, Element)]
            if first and all(c.tag == "th" for c in first):
                head_rows, body_rows = [body_rows[0]], body_rows[1:]
        if not body_rows:  # docutils wants a body
            head_rows, body_rows = [], head_rows
        all_rows = head_rows + body_rows
        if not all_rows:
            box = self.located(nodes.container(classes=element.classes), element.start)
            self.blocks(element.children, box, False, element.close_start)
            return box

        # lay the cells out on a grid (rowspan/colspan), within the limits
        limits = self.state.limits
        spans = True
        layout = _layout(all_rows, spans, limits.table_cells)
        if layout is None:
            spans = False
            layout = _layout(all_rows, spans, limits.table_cells)
        if layout is None or layout[2] > limits.table_columns:
            self.warn(
                f"<table> is too large to lay out as a table (limits: mentoring_limits "
                f"table_cells {limits.table_cells:,}, table_columns {limits.table_columns}); "
                "its rows are shown one after another",
                "table",
                element.start,
            )
            return self._rows(element, all_rows)
        if not spans:
            self.warn(
                "<table>'s colspan and rowspan would make its grid larger than "
                f"mentoring_limits table_cells ({limits.table_cells:,}); they are ignored",
                "table",
                element.start,
            )
        grid, taken, columns = layout

        table = self.located(
            nodes.table(classes=["mentoring-html-table", *element.classes]), element.start
        )
        if caption is not None:
            table.append(nodes.title("", "", *_strip_edges(self.inlines(caption.children))))
        tgroup = nodes.tgroup(cols=columns)
        table.append(tgroup)
        # column widths in characters (the text writer wraps at them; LaTeX takes ratios)
        widths = [6] * columns
        for cells in grid:
            for cell_info in cells:
                if cell_info is not None and cell_info[2] == 1:
                    length = len(collapse(cell_info[0].text()).strip())
                    widths[cell_info[1]] = max(widths[cell_info[1]], min(length + 2, 40))
        for width in widths:
            tgroup.append(nodes.colspec(colwidth=width))
        for part_rows, part_class, offset in (
            (head_rows, nodes.thead, 0),
            (body_rows, nodes.tbody, len(head_rows)),
        ):
            if not part_rows:
                continue
            part = part_class()
            for r in range(offset, offset + len(part_rows)):
                table_row = nodes.row()
                for cell_info in grid[r]:
                    if cell_info is None:
                        continue
                    cell, column, colspan = cell_info
                    entry = nodes.entry()
                    if colspan > 1:
                        entry["morecols"] = min(colspan, columns - column) - 1
                    rowspan = _span(cell.attrs.get("rowspan")) if spans else 1
                    if rowspan > 1:
                        entry["morerows"] = min(rowspan, len(all_rows) - r) - 1
                    self.blocks(cell.children, entry, cell.markdown, cell.close_start)
                    if cell.tag == "th" and part_class is nodes.tbody:
                        for para in entry.findall(nodes.paragraph):
                            para.children = [nodes.strong("", "", *para.children)]
                            para[0].parent = para
                    table_row.append(entry)
                # cells the author left out: empty entries keep every writer's grid whole
                used = sum(1 for c in range(columns) if taken.get((r, c)))
                for _missing in range(columns - used):
                    table_row.append(nodes.entry())
                part.append(table_row)
            tgroup.append(part)
        return table

    def _rows(self, element: Element, rows: list[Element]) -> nodes.Element:
        """A table too large for a grid: each row a box, each cell's content in it."""
        box = self.located(nodes.container(classes=["mentoring-table-rows"]), element.start)
        for row in rows:
            row_box = self.located(nodes.container(classes=["mentoring-table-row"]), row.start)
            for cell in row.children:
                if isinstance(cell, Element):
                    self.blocks(cell.children, row_box, cell.markdown, cell.close_start)
            box.append(row_box)
        return box

    def media(self, element: Element) -> list[nodes.Node]:
        if element.tag in ("audio", "video"):
            return [self.player(element)]
        src = element.attrs.get("src", "").strip()
        if not src:
            for child in element.children:
                if isinstance(child, Element) and child.tag == "source":
                    src = child.attrs.get("src", "").strip()
                    break
        fallback = collapse(element.text()).strip()
        if src:
            checked = self.state.checked_url(
                src, url_policy.FRAME, f"<{element.tag}>", self.line(element.start)
            )
            if checked is None:
                return self._fallback_text(fallback, element)
            src = checked
        if not src:
            self.warn(
                f"<{element.tag}> has no src: nothing to play; it is kept as a note",
                "video",
                element.start,
            )
            title = element.attrs.get("title", "") or fallback
            text = f"{_('Video')}: {title}" if title else _("Video")
            para = nodes.paragraph("", "", nodes.Text(text), classes=["mentoring-video-missing"])
            return [self.located(para, element.start)]
        title = element.attrs.get("title", "").strip()
        video = mnodes.video(
            src=src,
            title=title or urls.default_title(src),
            title_given=bool(title),
            duration="",
        )
        return [self.located(video, element.start)]

    def player(self, element: Element) -> nodes.Element:
        """``<audio>``/``<video>``: the player, and the fallback text between its tags.

        The fallback (what a browser shows when it cannot play the media, and
        what kramdown keeps in the page) is the node's content: no word is lost.
        """
        node = start_player(self.state, element.tag, element.attrs, self.line(element.start))
        fallback: list[Element | Text] = []
        for child in element.children:
            if isinstance(child, Element) and child.tag == "source":
                add_player_source(self.state, node, child.attrs, self.line(child.start))
            elif not (isinstance(child, Element) and child.tag == "track"):
                fallback.append(child)
        # kramdown reads the content of <audio> and <video> raw: HTML, not Markdown
        self.blocks(fallback, node, markdown=False, end=element.close_start)
        if not node["sources"] and not _has_src(element):
            self.warn(
                f"<{element.tag}> has no src: nothing to play; its fallback text is kept",
                "video",
                element.start,
            )
        return self.located(node, element.start)

    def script_embed(self, element: Element) -> list[nodes.Node]:
        """A ``<script src>`` embed (slides, a gist): a link to what it shows, if known."""
        src = element.attrs["src"].strip()
        link = urls.embedded_page(src, element.attrs)
        host = urls.provider(src) or src[:40]
        if link is None:
            self.warn(
                f"<script> embed from {host} runs only in a browser on the Jekyll site; "
                "it is left out (the text around it stays)",
                "embed",
                element.start,
            )
            return []
        self.warn(
            f"<script> embed from {host} runs only in a browser on the Jekyll site; "
            f"a link to what it shows is kept: {link}",
            "embed",
            element.start,
        )
        para = nodes.paragraph("", "", nodes.reference(link, link, refuri=link))
        para["classes"].append("mentoring-embed-link")
        return [self.located(para, element.start)]

    def _fallback_text(self, text: str, element: Element) -> list[nodes.Node]:
        if not text:
            return []
        return [self.located(nodes.paragraph(text, text), element.start)]

    def container(self, element: Element, parent: nodes.Element) -> None:
        classes = element.classes
        box = self.make_box(element, parent)
        if box is None:  # a videotime box joined the video before it
            return
        parent.append(box)
        if element.open:
            # continues in the next Markdown blocks: they render into it
            self.state.open_box(self.renderer, element, box, parent, self.line(element.start))
            self.blocks(element.children, box, element.markdown, element.close_start)
            return
        self.blocks(element.children, box, element.markdown, element.close_start)
        if "videotime" not in classes:
            self.state.finish_box(self.renderer, box, self.line(element.start))

    def make_box(self, element: Element, parent: nodes.Element) -> nodes.Element | None:
        """The node for a container element: objectives, callout, details or container."""
        classes = element.classes
        tag = element.tag
        node: nodes.Element
        if "videotime" in classes:
            self.videotime(element, parent)
            return None
        if tag == "details":
            node = mnodes.details(classes=["mentoring-details", *classes])
            summary = next(
                (c for c in element.children if isinstance(c, Element) and c.tag == "summary"),
                None,
            )
            text = _strip_edges(self.inlines(summary.children)) if summary else []
            if summary is not None:
                element.children.remove(summary)
            if not any(has_content(item) for item in text):
                text = [nodes.Text(str(_("Details")))]
            node.append(mnodes.details_summary("", "", *text))
        elif "objectives" in classes:
            if inside(parent, mnodes.objectives):
                self.warn(
                    "an objectives box inside another objectives box is kept as a plain box",
                    "objectives",
                    element.start,
                )
                node = nodes.container(classes=["mentoring-nested-objectives", *classes])
            else:
                node = mnodes.objectives(classes=["mentoring-objectives", *classes])
        elif "callout" in classes:
            kinds = [c for c in classes if c != "callout"]
            node = mnodes.make_callout(kinds[0] if kinds else "note", classes)
        elif tag == "blockquote":
            node = nodes.block_quote(classes=classes)
        else:
            extra = [f"mentoring-html-{tag}"] if tag != "div" else []
            node = nodes.container(classes=[*extra, *classes])
        return self.located(node, element.start)

    def videotime(self, element: Element, parent: nodes.Element) -> None:
        """``<div class="videotime">2:54</div>`` after an iframe: the video's duration."""
        items = _strip_edges(self.inlines(element.children))
        previous = parent.children[-1] if parent.children else None
        match = _DURATION.match(items[0]) if items and isinstance(items[0], nodes.Text) else None
        if match and isinstance(previous, mnodes.video) and not previous.get("duration"):
            previous["duration"] = match.group(1)
            items[0] = nodes.Text(items[0].astext()[match.end() :])
            items = _strip_edges(items)
        if any(has_content(item) for item in items):
            para = self.located(nodes.paragraph(classes=["mentoring-videotime"]), element.start)
            para.extend(items)
            parent.append(para)
        return None

    # --- inline level -------------------------------------------------------------

    def inlines(self, children: list[Any]) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for child in children:
            if isinstance(child, Text):
                text = collapse(child.text)
                if result and isinstance(result[-1], nodes.Text):
                    result[-1] = nodes.Text(result[-1] + text)
                else:
                    result.append(nodes.Text(text))
            elif isinstance(child, Element):
                result.extend(self.inline(child))
        return result

    def inline(self, element: Element) -> list[nodes.Node]:
        tag = element.tag
        if tag in HIDDEN:
            return []
        made = inline_element(self.state, tag, element.attrs, self.line(element.start))
        if made is None:  # iframe & co.
            return self.media(element)
        made = self.located(made, element.start) if isinstance(made, nodes.Element) else made
        if isinstance(made, nodes.Element) and tag not in ("img", "br"):
            made.extend(self.inlines(element.children))
            if tag in BLOCK and tag not in ("iframe",):
                # block content squeezed into a line (a <div> inside a link): keep it apart
                made.append(nodes.Text(" "))
        return [made]


def start_player(state: HtmlState, tag: str, attrs: dict[str, str], line: int) -> mnodes.media:
    """The (empty) media node of an ``<audio>``/``<video>`` start tag."""
    options = {k: v for k, v in attrs.items() if k in mnodes.MEDIA_OPTIONS}
    node = mnodes.media(
        kind=tag, sources=[], files=[], title=attrs.get("title", "").strip(), options=options
    )
    node["classes"].extend(attrs.get("class", "").split())
    add_player_source(state, node, attrs, line)
    return node


def add_player_source(
    state: HtmlState, node: mnodes.media, attrs: dict[str, str], line: int
) -> None:
    """The ``src`` of the element or of one of its ``<source>`` children."""
    src = attrs.get("src", "").strip()
    found = state.media_source(src, str(node["kind"]), line) if src else None
    if found is not None:
        node["sources"].append(found[0])
        node["files"].append(found[1])


_PLAYERS = (mnodes.video, mnodes.media)


def _has_src(element: Element) -> bool:
    """Does the element, or one of its ``<source>`` children, name a file?"""
    return bool(element.attrs.get("src", "").strip()) or any(
        isinstance(child, Element) and child.tag == "source" and _has_src(child)
        for child in element.children
    )


def hoist_videos(para: nodes.Element) -> None:
    """Move players out of a paragraph (a player is a block): split it around them."""
    if not any(isinstance(child, _PLAYERS) for child in para.children):
        return
    parent = para.parent
    position = parent.index(para)
    pieces: list[nodes.Element] = []
    current = para.copy()
    for child in list(para.children):
        if isinstance(child, _PLAYERS):
            pieces.extend([current, child])
            current = para.copy()
            if isinstance(child, mnodes.media):
                _fallback_as_paragraph(child)
        else:
            current.append(child.deepcopy() if isinstance(child, nodes.Element) else child)
    pieces.append(current)
    kept = [p for p in pieces if isinstance(p, _PLAYERS) or has_content(p)]
    for piece in kept:
        if isinstance(piece, nodes.paragraph) and piece.children:
            _strip_edges_in_place(piece)
    parent.remove(para)
    for offset, piece in enumerate(kept):
        parent.insert(position + offset, piece)


def _fallback_as_paragraph(player: mnodes.media) -> None:
    """A player's fallback written inside a line of text: a paragraph of its own."""
    if all(isinstance(child, nodes.Body) for child in player.children):
        return
    items = _strip_edges(list(player.children))
    player.children = []
    if any(has_content(item) for item in items):
        player.append(nodes.paragraph("", "", *items))


def _strip_edges_in_place(para: nodes.Element) -> None:
    items = _strip_edges(list(para.children))
    para.children = []
    para.extend(items)


Grid = list[list[tuple[Element, int, int] | None]]


def _layout(
    rows: list[Element], spans: bool, budget: int
) -> tuple[Grid, dict[tuple[int, int], bool], int] | None:
    """The cells of ``rows`` on a grid: (cells per row, taken slots, columns).

    None when the grid would hold more than ``budget`` slots: a page of spans
    (``colspan="100" rowspan="100"`` on every cell) must not take the memory.
    """
    grid: Grid = []
    taken: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        cells: list[tuple[Element, int, int] | None] = []
        column = 0
        for cell in row.children:
            if not isinstance(cell, Element) or cell.tag not in ("td", "th"):
                continue
            while taken.get((r, column)):
                column += 1
            colspan = _span(cell.attrs.get("colspan")) if spans else 1
            rowspan = min(_span(cell.attrs.get("rowspan")), len(rows) - r) if spans else 1
            if len(taken) + colspan * rowspan > budget:
                return None
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, column + dc)] = True
            cells.append((cell, column, colspan))
            column += colspan
        grid.append(cells)
    columns = max((c + 1 for (_r, c) in taken), default=1)
    if len(rows) * columns > budget:
        return None
    return grid, taken, columns


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def inline_element(
    state: HtmlState, tag: str, attrs: dict[str, str], line: int
) -> nodes.Node | None:
    """The (empty) node an inline tag opens; None for media (iframe, video)."""
    classes = attrs.get("class", "").split()
    if tag == "a":
        return state.anchor(attrs, line)
    if tag in _INLINE_KINDS:
        node = _INLINE_KINDS[tag]()
        node["classes"].extend(classes)
        return node
    if tag == "br":
        return mnodes.line_break()
    if tag == "img":
        return state.image(attrs, line)
    if tag in ("iframe", "video", "audio", "embed", "object"):
        return None
    if tag not in _PLAIN_INLINE and tag not in BLOCK:
        state.warn(
            f"<{tag}> has no equivalent outside HTML; its text is kept",
            "html",
            line,
            once=tag,
        )
    extra = [] if tag == "span" else [f"mentoring-html-{tag}"]
    return nodes.inline(classes=[*extra, *classes])
