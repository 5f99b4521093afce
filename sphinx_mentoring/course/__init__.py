"""The course model: modules, their sections in reading order, and what follows from it.

Authors write no toctrees: the structure of the site, the PDF and the navigation
comes from the pages' front matter and file layout.

- :mod:`.model`: each page's course facts, collected while reading (a domain, so
  ``-j`` and incremental builds see what a fresh build sees), and the course;
- :mod:`.toctrees`: the generated toctrees of module landing pages;
- :mod:`.contents`: the ``course-contents`` directive;
- :mod:`.rollups`: the ``module-objectives`` and ``course-objectives`` roll-ups;
- :mod:`.lesson`: a Carpentries lesson's schedule and key points summary;
- :mod:`.latex`: modules as LaTeX chapters;
- :mod:`.navigation`: ``context["mentoring"]`` for the theme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_mentoring.course.contents import CourseContentsDirective, ResolveCourseContents
from sphinx_mentoring.course.latex import latex_chapters
from sphinx_mentoring.course.lesson import ResolveLessonSummaries
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
    module_entries,
)
from sphinx_mentoring.course.navigation import html_page_context, render_titles_once
from sphinx_mentoring.course.rollups import (
    CourseObjectivesDirective,
    ModuleObjectivesDirective,
    ResolveObjectivesRollups,
)
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
    app.add_directive("module-objectives", ModuleObjectivesDirective)
    app.add_directive("course-objectives", CourseObjectivesDirective)
    app.add_post_transform(ResolveObjectivesRollups)
    app.add_post_transform(ResolveLessonSummaries)  # a lesson's schedule and key points
    app.connect("doctree-resolved", latex_chapters, priority=400)
    app.connect("html-page-context", html_page_context)
    app.connect("builder-inited", render_titles_once)
