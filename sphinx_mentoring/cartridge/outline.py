"""The course's outline as an LMS shows it: the organization of the cartridge.

The children of the organization's root item are what Canvas makes modules,
Moodle sections and Open edX (cc2olx) chapters, so each module of the course
model (a Course-in-a-Box module, a lesson's episode) is one top-level entry, in
course order; its landing page and its sections are the entry's items. A section
written as several pages is an item holding its parts.

A page placed directly under the root would land in Canvas's "Misc Module", so
the course's landing page opens the outline in an entry of its own, and the
pages that belong to no module (a lesson's extras, a site's other pages) close
it in one more. A page the outline leaves out (an all-in-one page, a 404 page
of a lesson template) is still in the package, so links to it work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx_mentoring.course.navigation import reading_order
from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.course.model import Course, Module


@dataclass
class Entry:
    """A folder of the outline (``docname`` None) or one page of the course."""

    title: str
    docname: str | None = None
    children: list[Entry] = field(default_factory=list)

    def pages(self) -> list[str]:
        """The pages at and below this entry, in order."""
        own = [self.docname] if self.docname is not None else []
        return own + [doc for child in self.children for doc in child.pages()]


def _page(course: Course, docname: str) -> Entry:
    return Entry(course.titles.get(docname) or docname, docname)


def _module(course: Course, module: Module, env: BuildEnvironment) -> Entry:
    entry = Entry(module.title)
    if module.landing != course.root:
        entry.children.append(_page(course, module.landing))
    # A module of one page (a lesson's episode) has that page as its section too: an
    # item is listed once (a manifest's identifiers are unique).
    placed = {course.root, module.landing}
    for section in module.sections:
        if section.parts:
            parts = [_page(course, doc) for doc in section.parts if doc in env.all_docs]
            entry.children.append(Entry(section.title, children=parts))
        elif section.docname in env.all_docs and section.docname not in placed:
            entry.children.append(_page(course, section.docname))
    return entry


def course_outline(env: BuildEnvironment, course: Course) -> list[Entry]:
    """The top-level entries: the landing page, one per module, the other pages."""
    outline: list[Entry] = []
    if course.root in env.all_docs:
        outline.append(Entry(str(_("Course overview")), children=[_page(course, course.root)]))
    outline += [
        entry for module in course.modules if (entry := _module(course, module, env)).children
    ]
    placed = {doc for entry in outline for doc in entry.pages()}
    # A lesson names its other pages (in lesson order); elsewhere, every other page:
    # the navigation's order, then by name.
    others = course.appendices or [
        *reading_order(env, course),
        *sorted(env.all_docs),
    ]
    rest = [_page(course, doc) for doc in others if doc not in placed and doc in env.all_docs]
    if rest:
        outline.append(Entry(str(_("Appendices")), children=rest))
    return outline
