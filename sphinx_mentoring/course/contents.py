"""The ``course-contents`` directive: the course's modules and sections on a page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from sphinx_mentoring.course.model import course_contents, get_course

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class CourseContentsDirective(SphinxDirective):
    """``course-contents``: the course's modules and their sections, in order."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "maxdepth": directives.nonnegative_int,
        "hidden": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        node = course_contents(
            maxdepth=self.options.get("maxdepth", 2),
            hidden="hidden" in self.options,
            classes=["mentoring-course-contents", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        return [node]


def _entry(builder: Builder, fromdoc: str, todoc: str, title: str) -> nodes.paragraph:
    reference = make_refnode(builder, fromdoc, todoc, "", nodes.Text(title))
    return addnodes.compact_paragraph("", "", reference)


def course_contents_list(
    builder: Builder, env: BuildEnvironment, fromdoc: str, maxdepth: int
) -> nodes.bullet_list:
    course = get_course(env)
    top = nodes.bullet_list(classes=["mentoring-course-modules"])
    for module in course.modules:
        item = nodes.list_item(classes=["mentoring-course-module"])
        item += _entry(builder, fromdoc, module.landing, module.title)
        # A module of one page is listed once: its landing page is its section.
        if maxdepth != 1 and module.sections and not module.landing_counts:
            sections = nodes.bullet_list(classes=["mentoring-module-sections"])
            for section in module.sections:
                entry = nodes.list_item()
                entry += _entry(builder, fromdoc, section.docname, section.title)
                if section.parts and (maxdepth == 0 or maxdepth > 2):
                    parts = nodes.bullet_list()
                    for part in section.parts:
                        parts += nodes.list_item(
                            "", _entry(builder, fromdoc, part, course.titles.get(part, part))
                        )
                    entry += parts
                sections += entry
            item += sections
        top += item
    return top


class ResolveCourseContents(SphinxPostTransform):
    """Turn ``course-contents`` placeholders into the current course's contents list."""

    default_priority = 4  # before links and references are resolved

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(course_contents)):
            if node.get("hidden") or self.env._app.builder.format == "latex":
                # LaTeX prints its own table of contents.
                node.parent.remove(node)
                continue
            container = nodes.container(classes=node["classes"])
            container += course_contents_list(
                self.env._app.builder, self.env, self.env.docname, node.get("maxdepth", 2)
            )
            node.replace_self(container)
