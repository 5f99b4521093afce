"""Section numbers print once: the author's, or LaTeX's, never both.

Course authors often number their titles ("1. Introduction"). When any title of
a LaTeX document starts with a number, LaTeX stops numbering that level and
the levels below (``secnumdepth``), so the reader sees "1. Introduction", not
"Chapter 1. 1. Introduction"; levels above it keep LaTeX's numbers. The
titles are never rewritten: the author's words reach the PDF as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: "1. Intro", "2) Intro", "3: Intro", "1.2 Intro" -- not "2020 vision" or "10 Tips".
AUTHOR_NUMBER = re.compile(r"^\s*(\d{1,3}(\.\d{1,3})*[.):]|\d{1,3}(\.\d{1,3})+)\s")
#: LaTeX's level numbers, as \setcounter{secnumdepth} counts them.
_LATEX_LEVEL = {"part": -1, "chapter": 0, "section": 1, "subsection": 2, "subsubsection": 3}


def title_has_number(title: str) -> bool:
    return bool(AUTHOR_NUMBER.match(title))


def top_level(docclass: str, toplevel_sectioning: str | None) -> int:
    """The LaTeX level of the document's first-level headings."""
    if toplevel_sectioning in _LATEX_LEVEL:
        return _LATEX_LEVEL[toplevel_sectioning]
    return _LATEX_LEVEL["chapter"] if docclass == "manual" else _LATEX_LEVEL["section"]


def section_depths(document: nodes.document) -> list[tuple[int, str]]:
    """(depth, title) of every section; depth 0 is the document title."""
    found: list[tuple[int, str]] = []

    def walk(node: nodes.Element, depth: int) -> None:
        for child in node.children:
            if isinstance(child, nodes.section):
                title = next(iter(child.findall(nodes.title)), None)
                found.append((depth, title.astext() if title is not None else ""))
                walk(child, depth + 1)
            elif isinstance(child, nodes.Element):
                walk(child, depth)

    walk(document, 0)
    return found


def secnumdepth_for(document: nodes.document, docclass: str, toplevel: str | None) -> int | None:
    """The secnumdepth that keeps author-numbered levels unnumbered, or None."""
    author_depths = [
        depth for depth, title in section_depths(document) if depth >= 1 and title_has_number(title)
    ]
    if not author_depths:
        return None
    # Depth 1 is the first heading level; LaTeX numbers levels <= secnumdepth.
    return top_level(docclass, toplevel) + min(author_depths) - 1 - 1


def apply_author_numbering(app: Sphinx, doctree: nodes.document) -> None:
    """Turn LaTeX numbering off from the first level whose titles carry numbers."""
    # The builder knows which theme (manual/howto) it is assembling for.
    theme = str(getattr(app.builder, "mentoring_theme", "manual"))
    depth = secnumdepth_for(doctree, theme, app.config.latex_toplevel_sectioning)
    if depth is not None:
        doctree.insert(
            0, nodes.raw("", f"\\setcounter{{secnumdepth}}{{{depth}}}\n", format="latex")
        )
