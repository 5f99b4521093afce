"""LaTeX: each module is a chapter, its sections are sections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from sphinx_mentoring.course.model import get_course

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def wrap_module_chapters(doctree: nodes.Node, env: BuildEnvironment) -> None:
    """In an assembled LaTeX tree, make each module a chapter titled by the module.

    A module whose landing page is its first section (Course-in-a-Box) would give a
    chapter titled by that section, with the other sections nested under it. Here the
    landing's own section and the included sections become siblings under a new
    section titled by the module: chapter = module, section = section.
    """
    course = get_course(env)
    by_landing = {m.landing: m for m in course.modules if m.landing_is_section}
    for start in list(doctree.findall(addnodes.start_of_file)):
        module = by_landing.get(start.get("docname"))
        if module is None or start.parent is None:
            continue
        sections = [child for child in start.children if isinstance(child, nodes.section)]
        if len(sections) != 1:
            continue
        landing_section = sections[0]
        included = [
            node
            for node in landing_section.findall(addnodes.start_of_file)
            if _nearest_container(node) is landing_section
        ]
        chapter = nodes.section(ids=[f"mentoring-module-{nodes.make_id(module.id)}"])
        chapter += nodes.title(module.title, module.title)
        parent = start.parent
        parent.replace(start, chapter)
        chapter += start
        for child in included:
            child.parent.remove(child)
            chapter += child


def _nearest_container(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section | addnodes.start_of_file):
        parent = parent.parent
    return parent


def latex_chapters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if doctree.get("mentoring_book") or doctree.get("mentoring_workbook"):
        return  # latex.book and latex.documents assembled them with their structure
    if app.builder.format == "latex" and any(True for _ in doctree.findall(addnodes.start_of_file)):
        wrap_module_chapters(doctree, app.env)
