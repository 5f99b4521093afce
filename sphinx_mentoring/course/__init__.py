"""The course model: modules, their sections in reading order, and what follows from it.

Authors write no toctrees. While Sphinx reads the pages, :func:`collect_page` notes
each page's course facts (module, date, section, title, URL, objectives) in the
``mentoring`` domain, which purges and merges them like any domain, so ``-j`` and
incremental builds see exactly what a fresh serial build sees. :func:`get_course`
derives the course from those facts: modules in ``_data/course.yml`` order, pages
in Jekyll order.

The structure needs all pages, so it is known only after reading. At
``env-updated`` each *host* page (a module's landing page, the page with
``course-contents``) gets its generated toctree written into its stored doctree,
and Sphinx's toctree bookkeeping for that one page is redone. Only hosts whose
toctree changed are touched; when the course structure changes, every page is
rewritten (navigation shows on all of them), but none is re-read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_mentoring.course.contents import CourseContentsDirective, ResolveCourseContents
from sphinx_mentoring.course.latex import latex_chapters
from sphinx_mentoring.course.model import (
    DOMAIN,
    Course,
    MentoringDomain,
    Module,
    PageFacts,
    Section,
    collect_page,
    course_contents,
    get_course,
    get_domain,
    jekyll_docname,
    module_entries,
)
from sphinx_mentoring.course.navigation import html_page_context
from sphinx_mentoring.course.toctrees import update_hosts
from sphinx_mentoring.module import ModuleDirective, ModuleOrPythonModule

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "Course",
    "MentoringDomain",
    "Module",
    "PageFacts",
    "Section",
    "get_course",
    "get_domain",
    "jekyll_docname",
    "module_entries",
]


def setup(app: Sphinx) -> None:
    app.add_domain(MentoringDomain)
    app.add_directive_to_domain(DOMAIN, "module", ModuleDirective)
    # Sphinx finds a bare ``module`` in the default (Python) domain first.
    app.add_directive_to_domain("py", "module", ModuleOrPythonModule, override=True)
    app.add_node(course_contents)
    app.add_directive("course-contents", CourseContentsDirective)
    app.connect("doctree-read", collect_page, priority=600)
    app.connect("env-updated", update_hosts)
    app.add_post_transform(ResolveCourseContents)
    app.connect("doctree-resolved", latex_chapters, priority=400)
    app.connect("html-page-context", html_page_context)
