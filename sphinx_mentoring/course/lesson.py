"""A lesson's schedule and key points summary, filled from the course when written.

The placeholders are the carpentries package's (:mod:`sphinx_mentoring.carpentries.
schedule`); the times are the course model's time accounting (``teaching``,
``exercises``, ``break`` of each episode), the questions and key points what each
episode's boxes hold. Breaks are episodes too: they keep their place and minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from sphinx_mentoring.carpentries.schedule import (
    Episode,
    keypoints_summary,
    lesson_schedule,
    schedule_rows,
    schedule_table,
)
from sphinx_mentoring.course.model import get_course, get_domain
from sphinx_mentoring.course.rollups import clean_copy
from sphinx_mentoring.i18n import _
from sphinx_mentoring.sources import get_site

if TYPE_CHECKING:
    from sphinx_mentoring.course.model import Course, PageFacts


def _minutes(seconds: int | None) -> int:
    return round(seconds / 60) if seconds else 0


def lesson_episodes(course: Course, pages: dict[str, PageFacts], metadata: Any) -> list[Episode]:
    """Each episode of the lesson (a module of the course), in lesson order."""
    episodes = []
    for module in course.modules:
        doc = module.landing
        timing = course.timings.get(doc)
        facts = pages.get(doc)
        episodes.append(
            Episode(
                docname=doc,
                title=module.title,
                teaching=_minutes(timing.teaching) if timing else 0,
                exercises=_minutes(timing.exercises) if timing else 0,
                breaks=_minutes(timing.breaks) if timing else 0,
                new_day=metadata.get(doc, {}).get("start") is True,
                questions=facts.questions if facts else (),
            )
        )
    return episodes


class ResolveLessonSummaries(SphinxPostTransform):
    """Fill the schedule and key points placeholders from the course model."""

    default_priority = 3  # before links and cross-references are resolved

    def run(self, **kwargs: Any) -> None:
        placeholders: list[nodes.Element] = [
            *self.document.findall(lesson_schedule),
            *self.document.findall(keypoints_summary),
        ]
        if not placeholders:
            return
        course = get_course(self.env)
        pages = get_domain(self.env).pages
        lesson = get_site(self.env).lesson
        episodes = lesson_episodes(course, pages, self.env.metadata)
        for node in placeholders:
            if isinstance(node, lesson_schedule):
                start = lesson.start_time if lesson is not None else None
                node.replace_self(self._schedule(episodes, start))
            else:
                node.replace_self(self._keypoints(episodes, pages))

    def _link(self, docname: str, title: str) -> nodes.Node:
        return make_refnode(self.env._app.builder, self.env.docname, docname, "", nodes.Text(title))

    def _schedule(self, episodes: list[Episode], start: int | None) -> nodes.Node:
        section = nodes.container(classes=["mentoring-schedule-section"])
        if not episodes:
            return section
        heading = str(_("Schedule"))
        section += nodes.rubric(heading, heading, classes=["mentoring-schedule-title"])
        section += schedule_table(schedule_rows(episodes, start), self._link)
        return section

    def _keypoints(self, episodes: list[Episode], pages: dict[str, PageFacts]) -> nodes.Node:
        summary = nodes.container(classes=["mentoring-keypoints-summary"])
        entries = [(e, pages[e.docname].keypoints) for e in episodes if e.docname in pages]
        entries = [(episode, body) for episode, body in entries if body]
        if not entries:
            return summary
        heading = str(_("Key Points"))
        summary += nodes.rubric(heading, heading)
        for episode, body in entries:
            summary += nodes.paragraph(
                "", "", nodes.strong("", "", self._link(episode.docname, episode.title))
            )
            for child in body:
                summary += clean_copy(child)
        return summary
