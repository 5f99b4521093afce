"""Where each part of a ``.tex`` comes from, for the summary of a failed PDF.

Before every block of an assembled document a comment names its source page and
line (``%% mentoring-source: modules/basics/_posts/x.md:12``). TeX skips
comments, so the PDF is the same; :mod:`.compile` reads back the last comment
before the line a LaTeX error names.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

MARK = "%% mentoring-source: "

#: Containers whose children are blocks in vertical mode (a comment is safe there).
_BLOCK_PARENTS = (nodes.document, nodes.section, addnodes.start_of_file)


def _line_of(node: nodes.Node) -> tuple[str | None, int | None]:
    if isinstance(node, nodes.section) and node.children:
        node = node[0]
    return node.source or None, node.line


def mark_sources(doctree: nodes.document, srcdir: Path) -> None:
    """A source comment before each block whose page and line are known."""
    for parent in list(doctree.findall(lambda n: isinstance(n, _BLOCK_PARENTS))):
        assert isinstance(parent, nodes.Element)
        for child in list(parent.children):
            if not isinstance(child, (nodes.Body, nodes.section)):
                continue
            source, line = _line_of(child)
            if not source or not line or not Path(source).is_absolute():
                continue
            relative = os.path.relpath(source, srcdir).replace(os.sep, "/")
            if relative.startswith(".."):
                continue
            comment = nodes.raw("", f"{MARK}{relative}:{line}\n", format="latex")
            parent.insert(parent.index(child), comment)
