"""Tables and pictures that fit the page.

- **Tables**: Sphinx leaves a table without ``:widths:`` to ``tabulary``, which
  may make a column too narrow for its longest word (letters split, "Seymo"
  clipped). Here each such table gets column widths from its content, as a web
  browser lays out a table: every column at least as wide as its longest word
  (long words, such as URLs, count up to a cap: they are hyphenated or broken;
  a header's words count wider, as they print in bold sans serif),
  the rest of the line shared in proportion to how much text each column holds.
  A table with ``tabularcolumns``, ``:widths:`` or merged cells keeps Sphinx's way.
- **Pictures in running text**: an image scaled to the line width after some
  words of the same paragraph cannot fit on their line; it starts a line of its
  own instead of running into the margin.
- **URLs**: ``xurl`` (added to the preamble) lets long URLs break anywhere.
- **Words that cannot be hyphenated** (a commit hash): ``sphinxmentoring.sty``
  sets TeX's emergency stretch, so their line stretches its spaces instead
  of running into the margin.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.images import get_image_size

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Characters of body text on a line (10pt Times on letter or A4 paper, margins).
LINE = 90
#: Characters per column taken by its padding.
PADDING = 3
#: A word longer than this is hyphenated or broken rather than widening its column.
LONGEST_WORD = 18
#: A header cell's words print in bold sans serif, wider than the body's serif letters.
HEADER_SCALE = 1.3
#: An image at least this wide (pixels at 96 dpi, a quarter line) gets its own line.
WIDE_IMAGE_PX = 160


def column_widths(table: nodes.table) -> list[int] | None:
    """Relative widths of the columns, or None to leave the table to Sphinx."""
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    if tgroup is None:
        return None
    count = sum(1 for child in tgroup.children if isinstance(child, nodes.colspec))
    longest, fullest = [1] * count, [1] * count
    for row in tgroup.findall(nodes.row):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(entries) != count or any(e.get("morecols") or e.get("morerows") for e in entries):
            return None
        scale = HEADER_SCALE if isinstance(row.parent, nodes.thead) else 1.0
        for index, entry in enumerate(entries):
            text = " ".join(entry.astext().split())
            words = [math.ceil(len(word) * scale) for word in text.split()] or [1]
            longest[index] = max(longest[index], min(max(words), LONGEST_WORD))
            fullest[index] = max(fullest[index], math.ceil(len(text) * scale))
    room = max(LINE - PADDING * count, count)
    if sum(fullest) <= room:
        widths = fullest
    elif sum(longest) >= room:
        widths = longest
    else:
        flexible = [full - short for full, short in zip(fullest, longest, strict=True)]
        spare = room - sum(longest)
        widths = [
            max(1, round(short + spare * flex / (sum(flexible) or 1)))
            for short, flex in zip(longest, flexible, strict=True)
        ]
    # Sphinx shares the whole line by these widths, padding included: a column of
    # "14:55" sized 5 of 81 left the time 6 pt too little room (lc-python-intro)
    return [width + PADDING for width in widths]


def _has_own_spec(table: nodes.table) -> bool:
    if "colwidths-given" in table["classes"]:
        return True
    previous = table.previous_sibling() if table.parent is not None else None
    return isinstance(previous, addnodes.tabular_col_spec)


def size_tables(doctree: nodes.document) -> None:
    for table in doctree.findall(nodes.table):
        if _has_own_spec(table):
            continue
        widths = column_widths(table)
        if widths is None:
            continue
        tgroup = next(iter(table.findall(nodes.tgroup)))
        colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
        for colspec, width in zip(colspecs, widths, strict=True):
            colspec["colwidth"] = width
        table["classes"].append("colwidths-given")


def _image_width_px(app: Sphinx, image: nodes.image) -> int | None:
    if image.get("width") or image.get("scale"):
        return None  # the author sized it
    path = Path(app.srcdir, str(image.get("uri", "")))
    size = get_image_size(path) if path.is_file() else None
    return size[0] if size else None


def break_before_wide_images(app: Sphinx, doctree: nodes.document) -> None:
    """A wide picture after words of its paragraph starts a new line."""
    for image in list(doctree.findall(nodes.image)):
        node: nodes.Element = image
        if isinstance(node.parent, nodes.reference):
            node = node.parent
        paragraph = node.parent
        if not isinstance(paragraph, nodes.paragraph):
            continue
        before = paragraph.children[: paragraph.index(node)]
        if not "".join(child.astext() for child in before).strip():
            continue
        width = _image_width_px(app, image)
        if width is not None and width < WIDE_IMAGE_PX:
            continue
        paragraph.insert(paragraph.index(node), nodes.raw("", r"\newline{}", format="latex"))


def fit(app: Sphinx, doctree: nodes.document) -> None:
    size_tables(doctree)
    break_before_wide_images(app, doctree)
