"""A tolerant HTML element tree, built on :mod:`html.parser`.

Course pages hold hand-written HTML fragments: unclosed ``<p>``, a ``<div>``
opened in one Markdown block and closed three blocks later, a stray
``</div>``. :func:`scan` tokenizes a fragment once (the result is cached on the
markdown-it token); :func:`build` turns the events into a tree, closing what
HTML closes implicitly and reporting what does not fit as :class:`Problem`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple

#: Elements that never have content.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
#: Block-level elements: they end a run of inline content. A superset of the
#: tags that start a CommonMark "type 6" HTML block, so inline runs re-parsed as
#: Markdown can never start such a block again.
BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "pre",
        "script",
        "style",
        "textarea",
        "video",
        "audio",
    ]
)
#: Containers that may span several Markdown blocks (blank lines inside).
PERSISTENT = frozenset(
    [
        "div",
        "center",
        "details",
        "blockquote",
        "section",
        "article",
        "aside",
        "figure",
        "main",
        "header",
        "footer",
        "nav",
    ]
)
#: Elements whose content is not shown to readers.
HIDDEN = frozenset({"script", "style", "template", "noscript"})

# Start tag -> the open elements it closes implicitly (HTML's optional end tags).
_CLOSES: dict[str, frozenset[str]] = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "thead": frozenset({"tbody", "tr", "td", "th"}),
    "tbody": frozenset({"thead", "tbody", "tr", "td", "th"}),
    "tfoot": frozenset({"thead", "tbody", "tr", "td", "th"}),
    "option": frozenset({"option"}),
}
# ... and where the search for them stops.
_SCOPE: dict[str, frozenset[str]] = {
    "li": frozenset({"ul", "ol"}),
    "dt": frozenset({"dl"}),
    "dd": frozenset({"dl"}),
    "tr": frozenset({"table"}),
    "td": frozenset({"table", "tr"}),
    "th": frozenset({"table", "tr"}),
    "thead": frozenset({"table"}),
    "tbody": frozenset({"table"}),
    "tfoot": frozenset({"table"}),
    "option": frozenset({"select"}),
}
#: Elements whose end tag HTML lets authors leave out: closing them silently is fine.
_OPTIONAL_END = frozenset(
    ["p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option"]
)


_NEWLINE = re.compile("\n")


class Event(NamedTuple):
    """One piece of the source: ``kind`` is start, end, data or comment."""

    kind: str
    tag: str  # tag name, or the text of data/comment
    attrs: tuple[tuple[str, str], ...]
    start: int  # offset in the fragment
    selfclosing: bool = False


class _Scanner(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(source))]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, selfclosing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, selfclosing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], selfclosing: bool) -> None:
        pairs = tuple((name.lower(), value or "") for name, value in attrs)
        self.events.append(Event("start", tag.lower(), pairs, self._offset(), selfclosing))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(Event("end", tag.lower(), (), self._offset()))

    def handle_data(self, data: str) -> None:
        self.events.append(Event("data", data, (), self._offset()))

    def handle_comment(self, data: str) -> None:
        self.events.append(Event("comment", data, (), self._offset()))

    def handle_decl(self, decl: str) -> None:
        self.events.append(Event("comment", decl, (), self._offset()))

    def handle_pi(self, data: str) -> None:
        self.events.append(Event("comment", data, (), self._offset()))

    def unknown_decl(self, data: str) -> None:
        # <![CDATA[...]]>: its text is content
        text = data[6:] if data.startswith("CDATA[") else data
        self.events.append(Event("data", text, (), self._offset()))


def scan(source: str) -> tuple[Event, ...]:
    """Tokenize an HTML fragment; unterminated markup at the end is kept as text."""
    scanner = _Scanner(source)
    scanner.feed(source)
    scanner.close()
    return tuple(scanner.events)


@dataclass
class Text:
    text: str
    start: int


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    start: int  # offset of the start tag in the fragment
    children: list[Element | Text] = field(default_factory=list)
    #: still open at the end of the fragment: continues in the next Markdown blocks
    open: bool = False
    content_start: int = 0  # offset just after the start tag
    close_start: int = -1  # offset where the content ends (its end tag, or what closed it)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def markdown(self) -> bool:
        """kramdown's ``markdown="1"``: the content is Markdown, not HTML."""
        return self.attrs.get("markdown", "0").lower() in ("1", "block", "span", "true")

    def text(self) -> str:
        return "".join(
            child.text if isinstance(child, Text) else child.text() for child in self.children
        )


@dataclass
class Close:
    """An end tag that closes a container opened in an earlier Markdown block."""

    tag: str
    start: int


@dataclass
class Problem:
    """Something in the fragment an author should hear about."""

    subtype: str
    message: str
    start: int


@dataclass
class Fragment:
    source: str
    children: list[Element | Text | Close] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _line_starts: list[int] | None = None

    def line_of(self, offset: int) -> int:
        """0-based line of ``offset`` within the fragment."""
        if self._line_starts is None:
            self._line_starts = [m.end() for m in _NEWLINE.finditer(self.source)]
        return bisect.bisect_right(self._line_starts, offset)


def build(
    source: str, events: tuple[Event, ...], outer: list[str], room: int | None = None
) -> Fragment:
    """Build the tree of ``events``.

    ``outer`` holds the tags of containers left open by earlier Markdown blocks
    (innermost last); an end tag matching one of them becomes a :class:`Close`.
    ``room``: how many elements may nest here; tags deeper than that are not
    opened (their content joins the element around them), with one problem.
    """
    fragment = Fragment(source)
    root = Element("#root", {}, 0)
    stack: list[Element] = [root]
    outer = list(outer)
    flattened: dict[str, int] = {}  # tag -> start tags not opened, awaiting their end tag

    def pop_to(index: int, at: int, closer: str | None) -> None:
        """Close ``stack[index:]`` at offset ``at``; ``closer`` names an end tag."""
        for element in stack[index:][::-1]:
            element.close_start = at
            mismatched = closer is not None and element.tag != closer
            if mismatched and element.tag not in _OPTIONAL_END:
                fragment.problems.append(
                    Problem(
                        "html-nesting",
                        f"<{element.tag}> is closed by </{closer}> before its own </{element.tag}>",
                        element.start,
                    )
                )
        del stack[index:]

    for position, event in enumerate(events):
        following = events[position + 1].start if position + 1 < len(events) else len(source)
        if event.kind == "data":
            stack[-1].children.append(Text(event.tag, event.start))
        elif event.kind == "comment":
            continue  # not shown to readers, in Jekyll either
        elif event.kind == "start":
            tag = event.tag
            implicit = _CLOSES.get(tag)
            if implicit:
                scope = _SCOPE.get(tag, frozenset())
                for index in range(len(stack) - 1, 0, -1):
                    if stack[index].tag in scope:
                        break
                    if stack[index].tag in implicit:
                        pop_to(index, event.start, None)
                        break
            elif tag in BLOCK:
                # a block element ends an open paragraph
                for index in range(len(stack) - 1, 0, -1):
                    if stack[index].tag == "p":
                        pop_to(index, event.start, None)
                        break
                    if stack[index].tag in PERSISTENT or stack[index].tag in ("li", "td", "th"):
                        break
            nests = tag not in VOID and not event.selfclosing
            if nests and room is not None and len(stack) > room:
                if not flattened:
                    fragment.problems.append(
                        Problem(
                            "nesting",
                            f"<{tag}> nests too deep (limit: mentoring_limits['nesting_depth']); "
                            "it and the tags inside it are not opened, their text is kept",
                            event.start,
                        )
                    )
                flattened[tag] = flattened.get(tag, 0) + 1
                continue
            element = Element(tag, dict(event.attrs), event.start, content_start=following)
            stack[-1].children.append(element)
            if nests:
                stack.append(element)
            else:
                element.close_start = following
        else:  # end tag
            tag = event.tag
            if flattened.get(tag):
                flattened[tag] -= 1
                continue
            for index in range(len(stack) - 1, 0, -1):
                if stack[index].tag == tag:
                    pop_to(index, event.start, tag)
                    break
            else:
                if tag in outer:
                    # closes a container of an earlier block, and whatever is open here
                    pop_to(1, event.start, tag)
                    del outer[len(outer) - 1 - outer[::-1].index(tag) :]
                    root.children.append(Close(tag, event.start))  # type: ignore[arg-type]
                elif tag in PERSISTENT:
                    fragment.problems.append(
                        Problem("html-stray", f"</{tag}> has no matching <{tag}>", event.start)
                    )
                # other end tags without a start (</p>, </ul> after a blank line) are
                # harmless: HTML ignores them too
    # what is still open: containers continue in the next blocks, the rest ends here
    for index, element in enumerate(stack[1:], start=1):
        element.close_start = len(source)
        if element.tag in PERSISTENT and all(e.tag in PERSISTENT for e in stack[1:index]):
            element.open = True
    fragment.children = root.children  # type: ignore[assignment]
    return fragment
