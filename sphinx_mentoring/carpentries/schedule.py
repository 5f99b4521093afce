"""A lesson's schedule and key points summary: placeholders, and the schedule table.

The styles template draws it on the lesson's landing page (``_includes/syllabus.html``):
the clock starts at ``start_time`` (minutes after midnight, ``_config.yml``), each
episode adds its ``teaching`` + ``exercises`` minutes, a break episode its
``break`` minutes, an episode with ``start: true`` begins a new day at
``start_time`` again, and a last row says when the lesson finishes. Without a
``start_time`` (Workbench lessons have none) the times are the time elapsed
since the start, as the Workbench's instructor view shows them.

:func:`schedule_rows` does the arithmetic, :func:`schedule_table` makes the
docutils table; the minutes come from the course model's time accounting.

Both templates also gather every episode's key points on one page (styles: the
reference page, above the glossary; the Workbench: its Key Points page): here on
the reference page. :class:`LessonSummaries` leaves a :class:`lesson_schedule`
on the landing page and a :class:`keypoints_summary` on the reference page; the
course model fills them when the page is written
(:mod:`sphinx_mentoring.course.lesson`), so they stay right when an episode changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.carpentries.glossary import is_reference_page
from sphinx_mentoring.i18n import _
from sphinx_mentoring.sources import get_site

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx


class lesson_schedule(nodes.General, nodes.Element):
    """Placeholder: the lesson's schedule (filled when the page is written)."""


class keypoints_summary(nodes.General, nodes.Element):
    """Placeholder: every episode's key points (filled when the page is written)."""


#: The roll-up placeholders of a lesson (the course model notes pages holding one).
SUMMARY_NODES = (lesson_schedule, keypoints_summary)


def _top_section(document: nodes.document) -> nodes.Element:
    sections = [child for child in document.children if isinstance(child, nodes.section)]
    return sections[0] if sections else document


class LessonSummaries(SphinxTransform):
    """A lesson's landing page gets the schedule, its reference page the key points."""

    default_priority = 430

    def apply(self, **kwargs: Any) -> None:
        if get_site(self.env).lesson is None:
            return
        docname = self.env.docname
        if docname == self.config.root_doc:
            _top_section(self.document).append(
                lesson_schedule(classes=["mentoring-schedule-placeholder"])
            )
        elif is_reference_page(self.env, docname):
            top = _top_section(self.document)
            at = 1 if top.children and isinstance(top[0], nodes.title) else 0
            top.insert(at, keypoints_summary())


@dataclass(frozen=True)
class Episode:
    """What the schedule needs to know of one episode (in minutes)."""

    docname: str
    title: str
    teaching: int = 0
    exercises: int = 0
    breaks: int = 0
    new_day: bool = False  # styles ``start: true``
    questions: tuple[str, ...] = ()

    @property
    def minutes(self) -> int:
        return self.teaching + self.exercises + self.breaks

    @property
    def is_break(self) -> bool:
        return self.breaks > 0 and not (self.teaching or self.exercises)


@dataclass(frozen=True)
class Row:
    day: int | None  # the day an episode opens, when the lesson spans days
    start: int  # minutes: clock time (with a start time) or elapsed
    episode: Episode | None  # None: the finish row of a day


@dataclass
class Schedule:
    rows: list[Row] = field(default_factory=list)
    clock: bool = True  # start times are clock times (else elapsed times)
    days: int = 1

    @property
    def total(self) -> int:
        """Minutes of the whole lesson: every episode's teaching + exercises + breaks."""
        return sum(row.episode.minutes for row in self.rows if row.episode is not None)


def schedule_rows(episodes: Sequence[Episode], start_time: int | None) -> Schedule:
    """The rows of the schedule, each day closed by a finish row (as ``syllabus.html``)."""
    clock = start_time is not None
    day_start = start_time or 0
    multiday = any(episode.new_day for episode in episodes)
    schedule = Schedule(clock=clock)
    current, day = day_start, 0
    for episode in episodes:
        opens = None
        if episode.new_day:
            day += 1
            if day > 1:
                schedule.rows.append(Row(None, current, None))
                current = day_start if clock else current
            opens = day
        schedule.rows.append(Row(opens if multiday else None, current, episode))
        current += episode.minutes
    schedule.rows.append(Row(None, current, None))
    schedule.days = max(day, 1)
    return schedule


def clock_text(minutes: int, clock: bool) -> str:
    """``09:05`` (a clock time), or ``1 h 05`` / ``0:05`` elapsed."""
    hours, rest = divmod(minutes, 60)
    return f"{hours % 24:02d}:{rest:02d}" if clock else f"{hours}:{rest:02d}"


def minutes_text(episode: Episode) -> str:
    if episode.is_break:
        return str(_("%(minutes)d min break")) % {"minutes": episode.breaks}
    parts = [str(_("%(minutes)d min")) % {"minutes": episode.teaching}]
    if episode.exercises:
        parts.append(str(_("%(minutes)d min exercises")) % {"minutes": episode.exercises})
    return " + ".join(parts)


def _entry(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    entry += nodes.paragraph("", "", *children) if children else nodes.paragraph()
    return entry


def schedule_table(schedule: Schedule, link: Callable[[str, str], nodes.Node]) -> nodes.table:
    """The schedule as a table; ``link(docname, title)`` makes an episode's link."""
    multiday = schedule.days > 1
    headings = [str(_("Day"))] if multiday else []
    headings += [
        str(_("Time") if schedule.clock else _("Elapsed")),
        str(_("Episode")),
        str(_("Minutes")),
        str(_("Questions")),
    ]
    table = nodes.table(classes=["mentoring-schedule"])
    group = nodes.tgroup(cols=len(headings))
    table += group
    for width in ([8] if multiday else []) + [12, 36, 18, 34]:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += nodes.row("", *(_entry(nodes.Text(text)) for text in headings))
    body = nodes.tbody()
    group += body
    number = 0
    for row in schedule.rows:
        cells: list[nodes.entry] = []
        if multiday:
            day = str(_("Day %(day)d")) % {"day": row.day} if row.day else ""
            cells.append(_entry(nodes.Text(day)) if day else _entry())
        cells.append(_entry(nodes.Text(clock_text(row.start, schedule.clock))))
        episode = row.episode
        if episode is None:
            cells += [_entry(nodes.strong("", str(_("Finish")))), _entry(), _entry()]
        else:
            number += 1
            cells.append(_entry(nodes.Text(f"{number}. "), link(episode.docname, episode.title)))
            cells.append(_entry(nodes.Text(minutes_text(episode))))
            questions = str(_("Break")) if episode.is_break else " ".join(episode.questions)
            cells.append(_entry(nodes.Text(questions)) if questions else _entry())
        body += nodes.row("", *cells)
    return table


def setup(app: Sphinx) -> None:
    app.add_node(lesson_schedule)
    app.add_node(keypoints_summary)
    app.add_transform(LessonSummaries)
