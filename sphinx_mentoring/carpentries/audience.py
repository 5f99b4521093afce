"""Instructor content: left out of the learner build, shown in the instructor build.

Instructor content is a Workbench ``instructor`` div (a ``details`` box of that
kind by now), a styles block classed ``.instructor_notes`` (the instructor-view
variant of the template), and the Workbench's ``instructors/`` pages. With
``mentoring_instructor = False`` (the default: the learner build) they are left
out, and the build says how many, so nothing goes missing unnoticed; with
``True`` (``sphinx-mentoring build --instructor``) everything is built and the
notes are marked as such. In the learner build, a link to an ``instructors/`` page
keeps its text (the page is not there to link to).
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.carpentries.lesson import is_workbench_folder
from sphinx_mentoring.report import info

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Classes that mark a styles block as an instructor note.
INSTRUCTOR_CLASSES = frozenset({"instructor_notes", "instructor-notes", "instructor"})
#: Where the learner build notes how many instructor blocks a page left out.
HIDDEN_KEY = "mentoring_instructor_hidden"
#: ... and how many links to instructor pages it kept as text.
LINKS_KEY = "mentoring_instructor_links"
#: The Workbench folder of instructor pages.
INSTRUCTOR_FOLDER = "instructors"


def is_instructor_only(node: nodes.Node) -> bool:
    if isinstance(node, mnodes.details):
        return node.get("details_type") == "instructor"
    return isinstance(node, nodes.Element) and bool(INSTRUCTOR_CLASSES & set(node["classes"]))


class InstructorContent(SphinxTransform):
    """Learner build: instructor blocks out (counted); instructor build: marked."""

    default_priority = 410  # after LessonBoxes made the instructor boxes

    def apply(self, **kwargs: Any) -> None:
        if not self.config.mentoring_instructor:
            self._unlink_instructor_pages()
        found = [
            cast("nodes.Element", node)
            for node in self.document.findall(is_instructor_only)
            if not any(is_instructor_only(parent) for parent in _ancestors(node))
        ]
        if not found:
            return
        if self.config.mentoring_instructor:
            for node in found:
                if not isinstance(node, mnodes.details):
                    node["classes"].append("mentoring-instructor-note")
            return
        for node in found:
            node.parent.remove(node)
        self.env.metadata[self.env.docname][HIDDEN_KEY] = len(found)

    def _unlink_instructor_pages(self) -> None:
        """Links to the ``instructors/`` pages the learner build leaves out: their text."""
        docname = self.env.docname
        folder = PurePosixPath(docname).parent
        links = [
            xref
            for xref in self.document.findall(addnodes.pending_xref)
            if xref.get("reftype") == "myst"
            and not xref.get("refdomain")
            and self._in_instructor_folder(folder, str(xref.get("reftarget", "")))
        ]
        for xref in links:
            xref.replace_self(
                nodes.inline("", "", *xref.children, classes=["mentoring-instructor-link"])
            )
        if links:
            self.env.metadata[docname][LINKS_KEY] = len(links)

    def _in_instructor_folder(self, folder: PurePosixPath, target: str) -> bool:
        """Does ``target`` name a page of ``instructors/`` that this build left out?"""
        path = target.partition("#")[0]
        if not path or "://" in path or path.startswith("/"):
            return False
        page = posixpath.normpath((folder / path).as_posix())
        return (
            INSTRUCTOR_FOLDER in PurePosixPath(page).parts[:-1]
            and posixpath.splitext(page)[0] not in self.env.found_docs
            and Path(self.env.srcdir, page).is_file()
        )


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    result = []
    parent = node.parent
    while parent is not None:
        result.append(parent)
        parent = parent.parent
    return result


def leave_out_instructor_pages(app: Sphinx, config: Config) -> None:
    """The learner build of a Workbench lesson has no ``instructors/`` pages."""
    if config.mentoring_instructor:
        return
    root = Path(app.srcdir, config.mentoring_jekyll_site or "")
    if is_workbench_folder(root) and (root / INSTRUCTOR_FOLDER).is_dir():
        pattern = (root / INSTRUCTOR_FOLDER).relative_to(app.srcdir).as_posix() + "/**"
        if pattern not in config.exclude_patterns:
            config.exclude_patterns = [*config.exclude_patterns, pattern]
            info(
                f"[mentoring] learner build: the pages in {INSTRUCTOR_FOLDER}/ are left out; "
                "build with --instructor (mentoring_instructor = True) to include them"
            )


def report_hidden(app: Sphinx, exception: Exception | None) -> None:
    """One line at the end of a learner build: how much instructor content it left out."""
    if exception is not None or app.config.mentoring_instructor:
        return
    counts = [meta[HIDDEN_KEY] for meta in app.env.metadata.values() if meta.get(HIDDEN_KEY)]
    if counts:
        info(
            f"[mentoring] learner build: {sum(counts)} instructor notes on {len(counts)} "
            "pages left out; build with --instructor (mentoring_instructor = True) "
            "to include them"
        )
    links = sum(meta.get(LINKS_KEY, 0) for meta in app.env.metadata.values())
    if links:
        info(
            f"[mentoring] learner build: {links} links to {INSTRUCTOR_FOLDER}/ pages "
            "kept as text (the pages are in the instructor build)"
        )


def setup(app: Sphinx) -> None:
    app.add_transform(InstructorContent)
    app.connect("config-inited", leave_out_instructor_pages)
    app.connect("build-finished", report_hidden)
