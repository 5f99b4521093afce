"""Lesson boxes: challenges, solutions, callouts … as the project's box nodes.

Both Carpentries syntaxes reach this transform in one shape: a styles blockquote
classed by its kramdown IAL (``> ## Title`` … ``{: .challenge}`` is a
``block_quote`` with the class ``challenge``) and a Workbench fenced div
(``::: challenge`` is a ``container`` with that class). Each becomes the node of its
kind, with the content as written, nested boxes included (a solution stays inside
its challenge):

- collapsible kinds (solution, hint, spoiler, instructor) are ``details`` boxes;
- objectives (and the Workbench's questions) are ``objectives`` boxes, the node the
  Course-in-a-Box objectives use, so the roll-ups serve both families;
- every other kind is a ``callout`` of that kind;
- the Workbench's ``tab`` and ``group-tab`` divs, where each heading starts a tab,
  are a ``mentoring-tabs`` container of ``mentoring-tab`` parts, one after the
  other (every tab's content shows, in every format).

The box's first heading, if it starts the box, is its title (as the Carpentries
templates show it); otherwise the kind's name is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx


CALLOUT, DETAILS, OBJECTIVES, TABS = "callout", "details", "objectives", "tabs"
#: The class every lesson box has (the theme mixes its colours from the kind's hue).
LESSON_BOX = "mentoring-lesson-box"


@dataclass(frozen=True)
class Kind:
    """One box kind of the Carpentries templates."""

    node: str  # CALLOUT, DETAILS, OBJECTIVES or TABS
    title: Any  # the default title (a lazy translation)


#: The kinds of both templates: styles' lesson.scss and bin/lesson_check.py, the
#: Workbench's lesson.lua and pegboard's KNOWN_DIVS.
KINDS: dict[str, Kind] = {
    "callout": Kind(CALLOUT, _("Callout")),
    "caution": Kind(CALLOUT, _("Caution")),
    "warning": Kind(CALLOUT, _("Warning")),
    "challenge": Kind(CALLOUT, _("Challenge")),
    "checklist": Kind(CALLOUT, _("Checklist")),
    "discussion": Kind(CALLOUT, _("Discussion")),
    "keypoints": Kind(CALLOUT, _("Key Points")),
    "prereq": Kind(CALLOUT, _("Prerequisites")),
    "testimonial": Kind(CALLOUT, _("Testimonial")),
    "tab": Kind(TABS, ""),
    "group-tab": Kind(TABS, ""),
    "objectives": Kind(OBJECTIVES, _("Objectives")),
    "questions": Kind(OBJECTIVES, _("Questions")),
    "solution": Kind(DETAILS, _("Solution")),
    "hint": Kind(DETAILS, _("Hint")),
    "spoiler": Kind(DETAILS, _("Show details")),
    "instructor": Kind(DETAILS, _("Instructor note")),
}


def box_kind(node: nodes.Element) -> str | None:
    """The kind a classed blockquote or fenced div names (its first class that is one).

    Raw HTML ``<div>`` elements are not lesson boxes: :mod:`sphinx_mentoring.html`
    gives them their own meaning (a nested objectives box stays a plain box).
    """
    is_div = isinstance(node, nodes.container) and node.get("is_div")
    if not (is_div or isinstance(node, nodes.block_quote)):
        return None
    return next((cls for cls in node["classes"] if cls in KINDS), None)


def _leading_heading(node: nodes.Element) -> nodes.rubric | None:
    first = node.children[0] if node.children else None
    return first if isinstance(first, nodes.rubric) else None


def make_tabs(kind: str, source: nodes.Element) -> nodes.container:
    """A tab group: each heading (a rubric here) and what follows it is one tab."""
    group = nodes.container(classes=["mentoring-tabs", f"mentoring-tabs-{kind}"])
    tab: nodes.container | None = None
    for child in source.children[:]:
        if isinstance(child, nodes.rubric) or tab is None:
            tab = nodes.container(classes=["mentoring-tab"])
            group += tab
        tab += child
    return group


def make_box(kind: str, source: nodes.Element) -> nodes.Element:
    """The box node of ``kind`` holding ``source``'s content (moved, not copied)."""
    spec = KINDS[kind]
    if spec.node == TABS:
        tabs = make_tabs(kind, source)
        tabs.source, tabs.line = source.source, source.line
        tabs["ids"], tabs["names"] = source["ids"][:], source["names"][:]
        return tabs
    heading = _leading_heading(source)
    body = source.children[1:] if heading is not None else source.children[:]
    title_children: list[nodes.Node] = (
        heading.children[:] if heading is not None else [nodes.Text(str(spec.title))]
    )
    extra = [cls for cls in dict.fromkeys(source["classes"]) if cls != kind]
    box: nodes.Element
    if spec.node == DETAILS:
        box = mnodes.details(details_type=kind)
        box["classes"] = ["mentoring-details", f"mentoring-details-{kind}", *extra]
        box += mnodes.details_summary("", "", *title_children)
    elif spec.node == OBJECTIVES:
        box = mnodes.objectives(classes=["mentoring-objectives", f"mentoring-objectives-{kind}"])
        box["classes"].extend(extra)
        box += nodes.title("", "", *title_children)
    else:
        box = mnodes.make_callout(kind, extra)
        box += nodes.title("", "", *title_children)
    # the kind itself too, as the templates class their boxes (.challenge, .solution)
    box["classes"] += [LESSON_BOX, kind]
    box.extend(body)
    box.source, box.line = source.source, source.line
    # Ids of the div and of its heading (anchors) now name the box.
    for origin in (source, heading):
        if origin is not None:
            box["ids"].extend(origin["ids"])
            box["names"].extend(origin["names"])
    return box


class LessonBoxes(SphinxTransform):
    """Classed blockquotes and fenced divs of a known kind -> their box nodes."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            kind = box_kind(node)
            if kind is None or node.parent is None:
                continue
            box = make_box(kind, node)
            node.parent.replace(node, box)  # (replace_self would merge the old classes in)
            for ident in box["ids"]:
                self.document.ids[ident] = box


def setup(app: Sphinx) -> None:
    app.add_transform(LessonBoxes)
