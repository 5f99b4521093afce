"""In a PDF, a module's title prints once.

The course model makes each module a chapter (``course.wrap_module_chapters``).
A Course-in-a-Box landing page is usually titled like its module, so the chapter
"Introducing the Toolkit" would open with a section "Introducing the Toolkit":
such a landing page gives its body to the chapter instead of repeating the title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _first_section(node: nodes.Element) -> nodes.section | None:
    return next((c for c in node.children if isinstance(c, nodes.section)), None)


def _title(section: nodes.Element | None) -> str:
    if section is None:
        return ""
    title = next((c for c in section.children if isinstance(c, nodes.title)), None)
    return title.astext().strip() if title is not None else ""


def merge_repeated_title(start: addnodes.start_of_file) -> None:
    """A page titled like its enclosing heading: its body goes under that heading."""
    section = _first_section(start)
    enclosing = start.parent
    while enclosing is not None and not isinstance(enclosing, nodes.section):
        enclosing = enclosing.parent
    if section is None or enclosing is None or _title(section) != _title(enclosing):
        return
    if not _title(section):
        return
    enclosing["ids"].extend(i for i in section["ids"] if i not in enclosing["ids"])
    body = [c for c in section.children if not isinstance(c, nodes.title)]
    section.replace_self(body)


def merge_repeated_titles(app: Sphinx, doctree: nodes.document) -> None:
    """Landing pages titled like their module's chapter give it their body."""
    from sphinx_mentoring.course import get_course

    landings = {module.landing for module in get_course(app.env).modules}
    for start in list(doctree.findall(addnodes.start_of_file)):
        if start.get("docname") in landings:
            merge_repeated_title(start)
