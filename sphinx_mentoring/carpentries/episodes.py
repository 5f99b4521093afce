"""Episode metadata as boxes: the overview at the top, the key points at the end.

A styles episode keeps its questions, objectives and key points in the front
matter, and its layout draws the boxes; a Workbench episode writes them as fenced
divs. Here the front matter is written out as those very divs (rendered by the
page's own parser, so Markdown in an item works), and from then on both families
are one: :class:`EpisodeOverview` merges the questions and objectives boxes into
one overview box (an ``objectives`` node, so the objectives roll-ups work for
lessons as for Course-in-a-Box modules), with the teaching and exercise minutes,
or the break's minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.carpentries.lesson import episode_role
from sphinx_mentoring.frontmatter import key_lines
from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from collections.abc import Mapping

    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer as MentoringRenderer
    from sphinx.application import Sphinx

#: CSS classes of the overview and its parts.
OVERVIEW = "mentoring-overview"
QUESTIONS_PART = "mentoring-overview-questions"
OBJECTIVES_PART = "mentoring-overview-objectives"
TIMES_PART = "mentoring-overview-times"


def _items(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    # One line per item: a list item of the generated Markdown.
    return [" ".join(str(item).split()) for item in value if item is not None and str(item).strip()]


def _div(kind: str, items: list[str]) -> str:
    bullets = "\n".join(f"- {item}" for item in items)
    return f"::: {kind}\n{bullets}\n:::\n"


def front_matter_boxes(data: Mapping[str, Any], kinds: tuple[str, ...]) -> str:
    """The Markdown of the front matter's lists as fenced divs (``::: questions`` …)."""
    return "\n".join(_div(kind, _items(data.get(kind))) for kind in kinds if _items(data.get(kind)))


def render_head(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    """After a styles episode's title: its questions and objectives, written as divs."""
    env = renderer.sphinx_env
    if env is None or episode_role(env, env.docname) is None:
        return
    metadata = env.metadata.get(env.docname, {})
    markdown = front_matter_boxes(metadata, ("questions", "objectives"))
    if markdown:
        text = token.content if isinstance(token.content, str) else ""
        lines = key_lines(text)
        first = min(lines.get(key, 0) for key in ("questions", "objectives"))
        # token.map[0] is the opening "---": the YAML's line 0 is the next one.
        renderer.nested_render_text(markdown, (token.map[0] if token.map else 0) + 1 + first)


def render_tail(renderer: MentoringRenderer) -> None:
    """At the end of a styles episode: its key points box."""
    env = renderer.sphinx_env
    if env is None or episode_role(env, env.docname) is None:
        return
    metadata = env.metadata.get(env.docname, {})
    markdown = front_matter_boxes(metadata, ("keypoints",))
    if not markdown:
        return
    document = renderer.document
    sections = [child for child in document.children if isinstance(child, nodes.section)]
    with renderer.current_node_context(sections[0] if sections else document):
        renderer.nested_render_text(markdown, 1)


def _minutes(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def times_paragraph(metadata: Mapping[str, Any], role: str) -> nodes.paragraph | None:
    """ "Teaching: 10 min · Exercises: 5 min", or "Break: 15 min"."""
    keys = (
        (("break", _("Break")),)
        if role == "break"
        else (
            ("teaching", _("Teaching")),
            ("exercises", _("Exercises")),
        )
    )
    parts = [
        _("%(label)s: %(minutes)d min") % {"label": label, "minutes": minutes}
        for key, label in keys
        if (minutes := _minutes(metadata.get(key))) is not None
    ]
    if not parts:
        return None
    text = " · ".join(str(part) for part in parts)
    return nodes.paragraph(text, text, classes=[TIMES_PART])


class EpisodeOverview(SphinxTransform):
    """An episode's questions and objectives boxes -> one overview box with its times."""

    default_priority = 405  # after LessonBoxes made the boxes

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        role = episode_role(env, env.docname)
        if role is None:
            return
        parts = [
            box
            for box in self.document.findall(mnodes.objectives)
            if {"mentoring-objectives-questions", "mentoring-objectives-objectives"}
            & set(box["classes"])
        ]
        # "objectives" as the styles template classes its overview box
        overview = mnodes.objectives(classes=["mentoring-objectives", OVERVIEW, "objectives"])
        overview += nodes.title("", str(_("Overview")))
        times = times_paragraph(env.metadata.get(env.docname, {}), role)
        if times is not None:
            overview += times
        # Questions first, as both templates show them.
        parts.sort(key=lambda box: "mentoring-objectives-questions" not in box["classes"])
        for box in parts:
            questions = "mentoring-objectives-questions" in box["classes"]
            part = nodes.container(classes=[QUESTIONS_PART if questions else OBJECTIVES_PART])
            title, body = mnodes.split_title(box)
            heading = title.astext() if title is not None else ""
            part += nodes.rubric(heading, heading)
            part.extend(body)
            overview += part
            overview["ids"].extend(box["ids"])
        if len(overview) == 1:
            return  # nothing to show: no times, no questions, no objectives
        if parts:
            overview.source, overview.line = parts[0].source, parts[0].line
            parts[0].parent.replace(parts[0], overview)
            for box in parts[1:]:
                box.parent.remove(box)
        else:
            _insert_after_title(self.document, overview)
        for ident in overview["ids"]:
            self.document.ids[ident] = overview


def _insert_after_title(document: nodes.document, box: nodes.Element) -> None:
    sections = [child for child in document.children if isinstance(child, nodes.section)]
    if sections and sections[0].children and isinstance(sections[0][0], nodes.title):
        sections[0].insert(1, box)
    else:
        document.insert(0, box)


def setup(app: Sphinx) -> None:
    app.add_transform(EpisodeOverview)
