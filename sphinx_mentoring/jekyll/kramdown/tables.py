"""kramdown tables: a header row is optional.

Follows kramdown's ``parser/kramdown/table.rb``, which differs from GFM tables:

- a table is a run of lines holding a ``|`` (outside code spans), after a block
  boundary (a blank line, the start of a container) and before one (a blank
  line, an attribute list, the end); it never interrupts a paragraph;
- no separator line is needed: ``| a | b |`` alone is a one-row table;
- the rows above the first ``|---|`` line are the header, and its colons set
  the alignment; separator lines at the very top are ignored, later ones start
  a new body section; rows after a ``|===|`` line are the footer;
- rows have as many cells as the widest row (the others are padded).

The tokens are markdown-it's (``table_open`` … ``td_close``), with the header
and the footer optional; :func:`render_table` turns them into one docutils table
(docutils has one body: the footer rows close it, with the class
``mentoring-table-foot``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_mentoring.jekyll.kramdown.attributes import is_ial_line
from sphinx_mentoring.jekyll.kramdown.boundaries import after_block_boundary

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer

_SEPARATOR_CHARS = frozenset("+|: \t-")
_FOOTER_CHARS = frozenset("+|: \t=")
_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_BACKTICKS = re.compile(r"`+")
_ALIGNMENTS = {(True, True): "center", (True, False): "left", (False, True): "right"}


def _is_separator(line: str) -> bool:
    return "-" in line and set(line) <= _SEPARATOR_CHARS


def _is_footer_separator(line: str) -> bool:
    return "=" in line and set(line) <= _FOOTER_CHARS


def split_cells(line: str) -> list[str] | None:
    """The cells of a table row, or None when no ``|`` stands outside code spans."""
    if "|" not in line:
        return None  # most lines of a page: no scan (this rule is tried at every block)
    runs = list(_BACKTICKS.finditer(line))
    # the next run of the same length, for each run (one pass from the end: linear)
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        size = len(runs[index].group(0))
        following[index] = last.get(size)
        last[size] = index
    code: list[tuple[int, int]] = []  # code spans: a run of backticks to the next equal run
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        code.append((runs[index].start(), runs[closing].end()))
        index = closing + 1
    cells: list[str] = []
    current: list[str] = []
    pipes = 0
    position = 0
    span = 0
    while position < len(line):
        if span < len(code) and position == code[span][0]:
            current.append(line[code[span][0] : code[span][1]])
            position = code[span][1]
            span += 1
            continue
        char = line[position]
        if char == "\\" and line.startswith("|", position + 1):
            current.append("|")
            position += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
            pipes += 1
        else:
            current.append(char)
        position += 1
    cells.append("".join(current))
    if not pipes:
        return None
    if line.lstrip().startswith("|") and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return [cell.strip() for cell in cells]


def _line(state: StateBlock, number: int) -> str:
    return state.src[state.bMarks[number] + state.tShift[number] : state.eMarks[number]].rstrip()


def table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start) or not after_block_boundary(state, start):
        return False
    header: list[list[str]] = []
    bodies: list[list[list[str]]] = []
    footer: list[list[str]] = []
    rows: list[list[str]] = []
    alignment: list[str] = []
    in_footer = False
    number = start
    while number < end and not state.isEmpty(number) and state.sCount[number] >= state.blkIndent:
        text = _line(state, number)
        if is_ial_line(text):
            break
        if _is_separator(text):
            if not rows:
                pass  # separator lines before any row are ignored
            elif not header and not bodies and not in_footer and not alignment:
                header, rows = rows, []
                alignment = [
                    _ALIGNMENTS.get((bool(left), bool(right)), "")
                    for left, right in _ALIGN.findall(text)
                ]
            else:
                bodies.append(rows)
                rows = []
        elif _is_footer_separator(text):
            if rows:
                bodies.append(rows)
                rows = []
            in_footer = True
        else:
            cells = split_cells(text)
            if cells is None:
                return False  # a line without a pipe: not a table (kramdown reverts)
            rows.append(cells)
        number += 1
    if number == start:
        return False
    if rows:
        if in_footer:
            footer.extend(rows)
        else:
            bodies.append(rows)
    if not any(bodies):
        return False  # kramdown: "table without body"
    if silent:
        return True
    columns = max(len(row) for row in [*header, *footer] + [r for b in bodies for r in b])
    alignment = (alignment + [""] * columns)[:columns]
    table = state.push("table_open", "table", 1)
    table.map = [start, number]
    if header:
        _section(state, "thead", header, columns, alignment, "th")
    _section(state, "tbody", [row for body in bodies for row in body], columns, alignment, "td")
    if footer:
        foot = _section(state, "tbody", footer, columns, alignment, "td")
        foot.meta["kramdown_foot"] = True
    state.push("table_close", "table", -1)
    state.line = number
    return True


def _section(
    state: StateBlock,
    tag: str,
    rows: list[list[str]],
    columns: int,
    alignment: list[str],
    cell_tag: str,
) -> Token:
    opener = state.push(f"{tag}_open", tag, 1)
    for row in rows:
        state.push("tr_open", "tr", 1)
        for column in range(columns):
            cell = state.push(f"{cell_tag}_open", cell_tag, 1)
            if alignment[column]:
                cell.attrs["style"] = f"text-align:{alignment[column]}"
            inline = state.push("inline", "", 0)
            inline.content = row[column] if column < len(row) else ""
            inline.children = []
            state.push(f"{cell_tag}_close", cell_tag, -1)
        state.push("tr_close", "tr", -1)
    state.push(f"{tag}_close", tag, -1)
    return opener


def render_table(renderer: DocutilsRenderer, token: SyntaxTreeNode) -> None:
    """One docutils table: header rows if any, body rows, footer rows last."""
    sections = token.children or []
    rows = [row for section in sections for row in section.children or []]
    columns = max((len(row.children or []) for row in rows), default=1)
    table = nodes.table(classes=["colwidths-auto"])
    renderer.copy_attributes(token, table, ("class", "id"))
    renderer.add_line_and_source_path(table, token)
    renderer.current_node.append(table)
    tgroup = nodes.tgroup(cols=columns)
    table += tgroup
    for _ in range(columns):
        tgroup += nodes.colspec(colwidth=100 // columns)
    body = None
    for section in sections:
        if section.type == "thead":
            part: nodes.Element = nodes.thead()
            tgroup += part
        else:
            if body is None:
                body = nodes.tbody()
                tgroup += body
            part = body
        with renderer.current_node_context(part):
            for row in section.children or []:
                renderer.render_table_row(row)
                made = part.children[-1]
                if section.meta.get("kramdown_foot") and isinstance(made, nodes.Element):
                    made["classes"].append("mentoring-table-foot")
