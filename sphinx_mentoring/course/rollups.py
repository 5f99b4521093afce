"""The objectives roll-ups: ``module-objectives`` and ``course-objectives``.

Each lists every objectives box of a module (or of every module), linked back to
its section. The directives leave an ``objectives_rollup`` placeholder; it is
filled when the page is written, from the course model, so it stays right when
another page changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from sphinx_mentoring.course.model import get_course, get_domain
from sphinx_mentoring.module import objectives_rollup


class ModuleObjectivesDirective(SphinxDirective):
    """``module-objectives [module]``: the objectives of a module (default: this page's)."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        node = objectives_rollup(
            module=self.arguments[0].strip() if self.arguments else "",
            scope="module",
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        return [node]


class CourseObjectivesDirective(SphinxDirective):
    """``course-objectives``: the objectives of every module, in course order."""

    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        node = objectives_rollup(module="*", scope="course", classes=self.options.get("class", []))
        self.set_source_info(node)
        return [node]


def clean_copy(node: nodes.Node) -> nodes.Node:
    """A copy fit for another page: no ids, no footnote marks or targets of the original."""
    copy = node.deepcopy()
    if isinstance(copy, nodes.Element):
        for child in list(copy.findall(nodes.Element)):
            if isinstance(
                child, nodes.footnote_reference | nodes.citation_reference | nodes.target
            ):
                if child.parent is not None:
                    child.parent.remove(child)
                continue
            child["ids"] = []
            child["names"] = []
    return copy


class ResolveObjectivesRollups(SphinxPostTransform):
    """Fill roll-up placeholders from the course model when the page is written."""

    default_priority = 3  # before links and cross-references are resolved

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(objectives_rollup))
        if not placeholders:
            return
        course = get_course(self.env)
        pages = get_domain(self.env).pages
        here = self.env.docname
        for node in placeholders:
            container = nodes.container(
                classes=["mentoring-objectives-rollup", *node.get("classes", [])]
            )
            if node.get("scope") == "course":
                for module in course.modules:
                    items = self._module_items(module.pages, pages, here)
                    if items is not None:
                        container += nodes.rubric(module.title, module.title)
                        container += items
            else:
                key = node.get("module") or course.module_of.get(here, "")
                found = course.module(key)
                items = self._module_items(found.pages, pages, here) if found else None
                if items is not None:
                    container += items
            node.replace_self(container)

    def _module_items(
        self, docnames: list[str], pages: dict[str, Any], here: str
    ) -> nodes.bullet_list | None:
        items = nodes.bullet_list(classes=["mentoring-objectives-sections"])
        for doc in docnames:
            facts = pages.get(doc)
            if facts is None:
                continue
            for box in facts.objectives:
                item = nodes.list_item()
                reference = make_refnode(
                    self.env._app.builder, here, doc, box.node_id, nodes.Text(facts.title)
                )
                item += nodes.paragraph("", "", reference)
                for child in box.body:
                    item += clean_copy(child)
                items += item
        return items if items.children else None
