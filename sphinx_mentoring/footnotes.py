"""HTML-anchor footnotes -> native docutils footnotes (or Sphinx citations).

Course pages write notes by hand, in HTML::

    ... young people.<sup><a name="1" href="#fn1">1</a>, <a name="2" href="#fn2">2</a></sup>
    <hr/>
    <a name="fn1" href="#1">1</a>: [A paper](https://example.org), by ...

The html package turns that into references (``refuri="#fn1"``,
``mentoring_name="1"``), a ``transition`` and paragraphs that start with the
definition anchor. :class:`AnchorFootnotes` pairs marks and definitions and
rebuilds them as ``footnote_reference``/``footnote`` (``mentoring_footnotes =
"footnote"``) or ``citation_reference``/``citation`` (``"citation"``), so every
builder places them natively: page-bottom notes in PDF, ``[1]`` in text.

The ConnectedLib variant (plain ``<sup>N</sup>`` marks and a ``<details>``
"References" block of ``N: text`` lines) is converted only when marks and
definitions match one to one; otherwise it is kept as written, with a warning.

Ids include the document name (unique in ``singlehtml`` and LaTeX); citation
labels include the page name (citations are global to the project).

A Markdown footnote mark with no definition on the page (``[^4]`` in a regular
expression) is text in kramdown and pandoc: :func:`undefined_marks_plugin` keeps
it so, where MyST would report an unknown target and print nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from sphinx.application import Sphinx

#: CSS class of every note this module creates.
NOTE_CLASS = "mentoring-footnote"
_POST_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")
_FN_ANCHOR = re.compile(r"^#fn", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s,;]*$")
_NUMBERED_LINE = re.compile(r"^\s*+\[?([0-9]++)\]?\s*+[:.)]\s*")
# Possessive quantifiers and a separator required between numbers: linear on any
# text (``\d+(\s*[,;]?\s*\d+)*`` backtracked exponentially on a run of digits).
_MARK_NUMBERS = re.compile(r"^\s*+[0-9]++(?:(?:\s*+[,;]\s*+|\s++)[0-9]++)*+\s*+$")
#: The longest number a note keeps as its label (LaTeX counters overflow beyond).
_MAX_LABEL_DIGITS = 6


# --- the document's notes ----------------------------------------------------------


@dataclass
class Note:
    """One definition and the marks that cite it."""

    name: str  # the definition anchor's name, e.g. "fn1" (ConnectedLib: "1")
    label: str  # what the reader sees, e.g. "1"
    body: list[nodes.Node]  # the definition's content (inline nodes)
    source_node: nodes.Element  # the definition paragraph / list item, replaced by the note
    marks: list[nodes.Element] = field(default_factory=list)


def _is_anchor(node: nodes.Node) -> bool:
    return isinstance(node, nodes.reference) and "mentoring_name" in node.attributes


def _first_meaningful(paragraph: nodes.Element) -> tuple[int, nodes.Node] | None:
    for index, child in enumerate(paragraph.children):
        if isinstance(child, nodes.Text) and not child.astext().strip():
            continue
        return index, child
    return None


def definition_anchor(paragraph: nodes.Node) -> nodes.reference | None:
    """The anchor a definition paragraph starts with (``<a name="fn1" href="#1">1</a>:``)."""
    if not isinstance(paragraph, nodes.paragraph):
        return None
    first = _first_meaningful(paragraph)
    if first is None:
        return None
    index, anchor = first
    if not _is_anchor(anchor) or index + 1 >= len(paragraph.children):
        return None
    follower = paragraph.children[index + 1]
    if not isinstance(follower, nodes.Text) or not follower.astext().lstrip().startswith(":"):
        return None
    assert isinstance(anchor, nodes.reference)
    return anchor


def _definition_body(paragraph: nodes.paragraph, anchor: nodes.reference) -> list[nodes.Node]:
    """The paragraph's content after ``anchor`` and its ``:``."""
    children = list(paragraph.children)
    rest = children[children.index(anchor) + 1 :]
    first = rest[0]
    text = first.astext().lstrip()[1:].lstrip()  # drop the ":"
    rest = ([nodes.Text(text)] if text else []) + rest[1:]
    for child in rest:
        child.parent = None
    return rest


def _mark_target(node: nodes.reference) -> str | None:
    uri = node.get("refuri", "")
    return uri[1:] if uri.startswith("#") and len(uri) > 1 else None


def _by_number(text: str) -> tuple[int, str]:
    """Numeric order of digit strings, however long (``int()`` refuses 4,300 digits)."""
    digits = text.lstrip("0")
    return len(digits), digits


def _label_of(text: str, used: set[str]) -> str:
    """The author's number when it is one (LaTeX footnotes need numbers), else the next free."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= _MAX_LABEL_DIGITS and text not in used:
        return text
    number = 1
    while str(number) in used:
        number += 1
    return str(number)


def _replace(old: nodes.Element, new: list[nodes.Node]) -> None:
    """Put ``new`` where ``old`` was (unlike replace_self, copying none of its attributes)."""
    parent = old.parent
    index = parent.index(old)
    parent.remove(old)
    for offset, node in enumerate(new):
        node.parent = None
        parent.insert(index + offset, node)


def _replace_with_text(node: nodes.Element) -> None:
    """Keep a dead anchor's text, without the link to nowhere."""
    node.replace_self(nodes.Text(node.astext()))


# --- the transform -----------------------------------------------------------------


class AnchorFootnotes(SphinxTransform):
    """Pair HTML-anchor marks and definitions and make them native notes."""

    # Before Sphinx's citation transforms (619) and docutils' Footnotes (620).
    default_priority = 600

    def apply(self, **kwargs: Any) -> None:
        if not self.document.get("source"):
            return
        # Both styles may be on one page: their labels share one set, so that no
        # two notes of the page print the same number (LaTeX would drop one).
        self.used_labels: set[str] = set()
        notes = self.collect_anchor_notes()
        self.collect_details_notes(notes)
        if notes:
            self.make_native(notes)

    # -- HTML-anchor variant

    def collect_anchor_notes(self) -> list[Note]:
        notes: list[Note] = []
        by_name: dict[str, Note] = {}
        for paragraph in list(self.document.findall(nodes.paragraph)):
            anchor = definition_anchor(paragraph)
            if anchor is None:
                continue
            name = anchor["mentoring_name"]
            if name in by_name:
                warn(
                    f"footnote {anchor.astext()!r} (name {name!r}) is defined twice; the "
                    "second definition is kept as text. Renumber one of them",
                    "footnote",
                    paragraph,
                )
                _replace_with_text(anchor)
                continue
            label = _label_of(anchor.astext(), self.used_labels)
            self.used_labels.add(label)
            note = Note(name, label, _definition_body(paragraph, anchor), paragraph)
            notes.append(note)
            by_name[name] = note

        for reference in list(self.document.findall(nodes.reference)):
            target = _mark_target(reference)
            if target is None or _is_definition_anchor(reference):
                continue
            cited = by_name.get(target)
            if cited is not None:
                cited.marks.append(reference)
            elif _FN_ANCHOR.match(reference["refuri"]) or isinstance(
                reference.parent, nodes.superscript
            ):
                warn(
                    f"footnote mark {reference.astext()!r} points to {reference['refuri']!r}, "
                    f'but no definition <a name="{target}"> follows; its text is kept',
                    "footnote",
                    reference,
                )
                _replace_with_text(reference)
        return notes

    # -- ConnectedLib variant: <sup>N</sup> + <details><summary>References</summary>

    def collect_details_notes(self, notes: list[Note]) -> None:
        for found in list(self.document.findall(_is_references_details)):
            details = cast("nodes.Element", found)
            definitions = _details_definitions(details)
            if not definitions:
                continue
            marks = _plain_marks(self.document, details)
            defined = [number for number, _ in definitions]
            cited = {number for number, _ in marks}
            problems = []
            counts = Counter(defined)
            duplicates = sorted((n for n, c in counts.items() if c > 1), key=_by_number)
            if duplicates:
                problems.append(f"note {', '.join(duplicates)} is defined more than once")
            if missing := sorted(cited - set(defined), key=_by_number):
                problems.append(f"mark {', '.join(missing)} has no definition")
            if unused := sorted(set(defined) - cited, key=_by_number):
                problems.append(f"definition {', '.join(unused)} has no <sup> mark")
            if problems:
                warn(
                    "the References block and the <sup> marks do not match up ("
                    + "; ".join(problems)
                    + "); the notes are kept as written",
                    "footnote",
                    details,
                )
                continue
            by_number: dict[str, Note] = {}
            for number, body in definitions:
                label = _label_of(number, self.used_labels)
                self.used_labels.add(label)
                note = Note(number, label, body, details)
                by_number[number] = note
                notes.append(note)
            _split_plain_marks(marks)
            for number, mark in marks:
                by_number[number].marks.append(mark)

    # -- building the native nodes

    def make_native(self, notes: list[Note]) -> None:
        citations = self.config.mentoring_footnotes == "citation"
        page = _page_slug(self.env.docname)
        replaced: dict[int, list[nodes.Element]] = {}
        for note in notes:
            label = f"{page}-{note.label}" if citations else note.label
            note_node: nodes.Element = (
                nodes.citation(classes=[NOTE_CLASS])
                if citations
                else nodes.footnote(classes=[NOTE_CLASS])
            )
            kind = "cite" if citations else "footnote"
            note_id = self._unique_id(f"{kind}-{page}-{note.label}", note_node)
            note_node["ids"].append(note_id)
            note_node += nodes.label(label, label)
            paragraph = nodes.paragraph()
            paragraph.extend(note.body)
            note_node += paragraph
            _copy_position(note.source_node, note_node)
            _copy_position(note.source_node, paragraph)
            if citations:
                note_node["names"].append(nodes.fully_normalize_name(label))

            for mark in note.marks:
                ref_node: nodes.Element
                if citations:
                    ref_node = nodes.citation_reference(label, label)
                else:
                    ref_node = nodes.footnote_reference(note.label, note.label, refid=note_id)
                mark_id = self._unique_id(f"{kind}ref-{page}-{note.label}", ref_node)
                ref_node["ids"].append(mark_id)
                if not citations:
                    note_node["backrefs"].append(mark_id)
                _copy_position(mark, ref_node)
                _replace(mark, [ref_node])
            if not note.marks:
                warn(
                    f"footnote {note.label!r} is never cited (no mark points to "
                    f"'#{note.name}'); it is kept as a note",
                    "footnote",
                    note.source_node,
                )
            replaced.setdefault(id(note.source_node), [note.source_node]).append(note_node)

        for source_node, *note_nodes in replaced.values():
            self._place(source_node, note_nodes)
        for superscript in list(self.document.findall(nodes.superscript)):
            _unwrap_marks_only(superscript)

    def _place(self, source_node: nodes.Element, note_nodes: list[nodes.Element]) -> None:
        """Put the notes where the definition was; drop the ``<hr/>`` that announced them."""
        item = source_node.parent
        if _is_references_details(source_node):
            # The block's summary ("References") stays as the notes' heading where
            # they stand; in LaTeX the notes go to the foot of each page, without it.
            note_nodes = [_summary_heading(source_node), *note_nodes]
        # Not replace_self(): it would copy the definition's classes onto the first note.
        _replace(source_node, list(note_nodes))
        lst = item.parent if isinstance(item, nodes.list_item) else None
        if isinstance(lst, nodes.bullet_list | nodes.enumerated_list) and all(
            isinstance(i, nodes.Element)
            and len(i.children) == 1
            and isinstance(i[0], nodes.footnote | nodes.citation)
            for i in lst.children
        ):
            # A list of definitions, every item now a note: the notes replace the list.
            _remove_rule_before(lst)
            _replace(lst, [cast("nodes.Element", i)[0] for i in lst.children])
            return
        _remove_rule_before(note_nodes[0])

    def _unique_id(self, wanted: str, node: nodes.Element) -> str:
        base = nodes.make_id(wanted) or "note"
        candidate, counter = base, 1
        while candidate in self.document.ids:
            counter += 1
            candidate = f"{base}-{counter}"
        self.document.ids[candidate] = node
        return candidate


def _is_definition_anchor(node: nodes.reference) -> bool:
    parent = node.parent
    return isinstance(parent, nodes.paragraph) and definition_anchor(parent) is node


def _page_slug(docname: str) -> str:
    """``modules/mentoring/_posts/2001-01-01-what-is-mentoring`` -> ``mentoring-what-is-mentoring``.

    Short enough for a citation label, unique per page.
    """
    parts = [p for p in docname.split("/") if p not in {"_posts", "modules"}]
    parts = [_POST_DATE.sub("", p) for p in parts]
    return "-".join(parts) or "page"


def _copy_position(source: nodes.Node, target: nodes.Element) -> None:
    target.source = source.source or getattr(source.parent, "source", None)
    target.line = source.line or getattr(source.parent, "line", None)


def _remove_rule_before(node: nodes.Element) -> None:
    """The ``<hr/>`` separating notes from the body: the notes get their own area now."""
    parent = node.parent
    if parent is None:
        return
    index = parent.index(node)
    while index > 0 and isinstance(
        parent[index - 1], nodes.comment | nodes.target | nodes.system_message
    ):
        index -= 1
    if index > 0 and isinstance(parent[index - 1], nodes.transition):
        parent.remove(parent[index - 1])


def _unwrap_marks_only(superscript: nodes.superscript) -> None:
    """``<sup>`` holding only note marks and separators: the marks are superscript already."""
    children = list(superscript.children)
    has_mark = any(
        isinstance(c, nodes.footnote_reference | nodes.citation_reference) for c in children
    )
    only_marks = all(
        isinstance(c, nodes.footnote_reference | nodes.citation_reference)
        or (isinstance(c, nodes.Text) and _SEPARATOR.match(c.astext()))
        for c in children
    )
    if has_mark and only_marks:
        for child in children:
            child.parent = None
        _replace(superscript, children)


# --- ConnectedLib <details> helpers ------------------------------------------------


def _is_references_details(node: nodes.Node) -> bool:
    if type(node).__name__ != "details" or not isinstance(node, nodes.Element):
        return False
    if node.get("details_type"):
        return False  # a lesson's solution, hint … box, never a References block
    summary = node.children[0] if node.children else None
    return summary is not None and type(summary).__name__ in {"details_summary", "title"}


def _summary_heading(details: nodes.Element) -> nodes.Element:
    summary = details[0]
    rubric = nodes.rubric("", "", *[child.deepcopy() for child in summary.children])
    rubric["classes"].append("mentoring-notes-heading")
    _copy_position(summary, rubric)
    only = addnodes.only(expr="not latex")
    only += rubric
    _copy_position(summary, only)
    return only


def _details_body(details: nodes.Element) -> list[nodes.Node]:
    return list(details.children[1:])


def _lines(paragraph: nodes.Element) -> Iterator[list[nodes.Node]]:
    """A paragraph's inline content, split at ``<br>`` and newlines."""
    line: list[nodes.Node] = []
    for child in paragraph.children:
        if type(child).__name__ == "line_break":
            yield line
            line = []
        elif isinstance(child, nodes.Text) and "\n" in child.astext():
            pieces = child.astext().split("\n")
            for piece in pieces[:-1]:
                if piece:
                    line.append(nodes.Text(piece))
                yield line
                line = []
            if pieces[-1]:
                line.append(nodes.Text(pieces[-1]))
        else:
            line.append(child)
    yield line


def _details_definitions(details: nodes.Element) -> list[tuple[str, list[nodes.Node]]]:
    """``N: text`` lines (paragraphs, ``<br>``-separated lines or list items) of the block.

    Returns [] unless every non-empty line is a numbered definition (or continues one).
    """
    definitions: list[tuple[str, list[nodes.Node]]] = []
    for block in _details_body(details):
        if isinstance(block, nodes.enumerated_list):
            start = int(block.get("start", 1))
            for offset, item in enumerate(block.children):
                body = (
                    [n.deepcopy() for p in item.children for n in p.children]
                    if all(isinstance(p, nodes.paragraph) for p in item.children)
                    else None
                )
                if body is None:
                    return []
                definitions.append((str(start + offset), body))
            continue
        if not isinstance(block, nodes.paragraph):
            return []
        for line in _lines(block):
            text = "".join(n.astext() for n in line)
            if not text.strip():
                continue
            match = _NUMBERED_LINE.match(text) if line and isinstance(line[0], nodes.Text) else None
            if match:
                first = line[0].astext()
                rest = first[match.end() :] if match.end() <= len(first) else ""
                body = ([nodes.Text(rest)] if rest else []) + [n.deepcopy() for n in line[1:]]
                definitions.append((match.group(1), body))
            elif definitions:  # a continuation line of the previous note
                definitions[-1][1].extend([nodes.Text(" "), *(n.deepcopy() for n in line)])
            else:
                return []
    return definitions


def _plain_marks(
    document: nodes.document, details: nodes.Element
) -> list[tuple[str, nodes.Element]]:
    """``<sup>N</sup>`` / ``<sup>1, 2</sup>`` marks before the References block."""
    marks: list[tuple[str, nodes.Element]] = []
    for sup in document.findall(nodes.superscript):
        if _inside(sup, details) or len(sup.children) != 1 or not isinstance(sup[0], nodes.Text):
            continue
        text = sup.astext()
        if _MARK_NUMBERS.match(text):
            marks.extend((number, sup) for number in re.findall(r"[0-9]+", text))
    return marks


def _inside(node: nodes.Node, ancestor: nodes.Node) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def _split_plain_marks(marks: list[tuple[str, nodes.Element]]) -> None:
    """Give each number of ``<sup>1, 2</sup>`` its own placeholder, separators kept."""
    seen: set[int] = set()
    for _, sup in marks:
        if id(sup) in seen:
            continue
        seen.add(id(sup))
        text = sup.astext()
        pieces: list[nodes.Node] = []
        position = 0
        for match in re.finditer(r"[0-9]+", text):
            if match.start() > position:
                pieces.append(nodes.Text(text[position : match.start()]))
            pieces.append(nodes.inline(match.group(), match.group()))
            position = match.end()
        if position < len(text):
            pieces.append(nodes.Text(text[position:]))
        sup.children = []
        sup.extend(pieces)
    # Each (number, sup) pair now points to its own inline placeholder, in order.
    placeholders: dict[int, list[nodes.Element]] = {}
    for _, sup in marks:
        placeholders.setdefault(id(sup), [c for c in sup.children if isinstance(c, nodes.inline)])
    for index, (number, sup) in enumerate(marks):
        marks[index] = (number, placeholders[id(sup)].pop(0))


# --- LaTeX: a note nobody cites would vanish -----------------------------------------


class KeepUncitedNotes(SphinxPostTransform):
    """LaTeX only prints footnotes where they are cited: keep uncited ones as paragraphs."""

    default_priority = 590  # before Sphinx's LaTeXFootnoteTransform (600)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for footnote in list(self.document.findall(nodes.footnote)):
            if NOTE_CLASS in footnote["classes"] and not footnote["backrefs"]:
                label = footnote[0].astext()
                paragraphs = [c for c in footnote.children[1:]]
                if paragraphs and isinstance(paragraphs[0], nodes.paragraph):
                    paragraphs[0].insert(0, nodes.Text(f"{label}: "))
                container = nodes.container("", *paragraphs, classes=[NOTE_CLASS])
                footnote.replace_self(container)


# --- Markdown marks without a definition -------------------------------------------


def _undefined_marks_as_text(state: StateCore) -> None:
    # (MyST matches every mark, defined or not: the definitions are the blocks)
    defined = {t.meta.get("label") for t in state.tokens if t.type == "footnote_reference_open"}
    for block in state.tokens:
        for child in block.children or []:
            label = child.meta.get("label") if child.type == "footnote_ref" else None
            if label is not None and label not in defined:
                child.type, child.tag, child.content = "text", "", f"[^{label}]"


def undefined_marks_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: ``[^x]`` without a ``[^x]:`` definition stays text."""
    md.core.ruler.push("mentoring_undefined_footnote_marks", _undefined_marks_as_text)


def setup(app: Sphinx) -> None:
    app.add_transform(AnchorFootnotes)
    app.add_post_transform(KeepUncitedNotes)
