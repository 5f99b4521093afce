"""Time accounting: how long a page, a module and the course take, as their authors say.

Course sites state time in several ways. Each page's time comes from the most
explicit statement it makes, never from two of them added up (a "Suggested
timing: 35 minutes" line already covers the videos of its page):

1. front matter ``duration:`` or ``time:`` (``45``, ``"1 h 30 min"``, ``PT1H``);
2. the Carpentries keys ``teaching:`` + ``exercises:`` (minutes), and ``break:``
   for ``layout: break`` episodes;
3. paragraphs that open with "Suggested timing: 10 minutes" (or "Estimated
   time: …", "Duration: …"), summed over the page;
4. the lengths of the page's videos (Course-in-a-Box ``videotime``, the ``video``
   directive's ``:duration:``), summed.

A module's time is what its ``module`` directive (or its landing page's card
front matter) states, else the sum of its pages; the course's is
``_data/course.yml`` ``duration:``, else the sum of its modules. Where nothing
states a time it is ``None`` and nothing is shown: never "0 min".

Times are kept in seconds (video lengths have them) and shown rounded to minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_mentoring import nodes as mentoring_nodes
from sphinx_mentoring.durations import CARPENTRIES_KEYS, STATED_KEYS, parse_duration, timing_line
from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


@dataclass(frozen=True)
class Timing:
    """The times one page states, in seconds (``None``: not stated)."""

    stated: int | None = None  # front matter duration / time
    teaching: int | None = None  # Carpentries
    exercises: int | None = None
    breaks: int | None = None  # Carpentries ``break:`` (break episodes)
    suggested: int | None = None  # "Suggested timing: …" paragraphs, summed
    videos: int | None = None  # video lengths, summed

    @property
    def seconds(self) -> int | None:
        """The page's time: its most explicit statement (see the module's docstring)."""
        return self._chosen()[1]

    @property
    def source(self) -> str | None:
        """Where :attr:`seconds` comes from: ``front-matter``, ``carpentries``,
        ``text``, ``videos``, or None."""
        return self._chosen()[0]

    def _chosen(self) -> tuple[str | None, int | None]:
        if self.stated is not None:
            return "front-matter", self.stated or None
        carpentries = [t for t in (self.teaching, self.exercises, self.breaks) if t is not None]
        if carpentries:
            return "carpentries", sum(carpentries) or None
        if self.suggested:
            return "text", self.suggested
        if self.videos:
            return "videos", self.videos
        return None, None


NO_TIMING = Timing()


def total(times: Iterable[int | None]) -> int | None:
    """The sum of the times that are stated; None when none is."""
    known = [t for t in times if t]
    return sum(known) if known else None


def stated_time(metadata: Mapping[str, Any], keys: Iterable[str] = STATED_KEYS) -> int | None:
    """The first of the front-matter *keys* that states a time, in seconds."""
    for key in keys:
        seconds = parse_duration(metadata.get(key))
        if seconds is not None:
            return seconds
    return None


def page_timing(
    metadata: Mapping[str, Any], doctree: nodes.document, *, stated_keys: Iterable[str]
) -> Timing:
    """What one page states about its own time.

    *stated_keys*: the front-matter keys that give the page's time outright (a page
    that declares its module gives ``duration:`` to the module instead).
    """
    carpentries = {
        key: parse_duration(metadata[key]) if key in metadata else None for key in CARPENTRIES_KEYS
    }
    return Timing(
        stated=stated_time(metadata, stated_keys),
        teaching=carpentries["teaching"],
        exercises=carpentries["exercises"],
        breaks=carpentries["break"],
        suggested=total(timing_line(p.astext()) for p in doctree.findall(nodes.paragraph)),
        videos=total(
            parse_duration(video.get("duration"), clock="m:ss")
            for video in doctree.findall(mentoring_nodes.video)
        ),
    )


def minutes(seconds: int | None) -> int | None:
    """Whole minutes to show: rounded, and at least 1 for any stated time."""
    if not seconds:
        return None
    return max(1, round(seconds / 60))


def format_duration(seconds: int | None) -> str:
    """``45 min``, ``1 h``, ``2 h 5 min`` (translated); ``""`` when no time is stated."""
    shown = minutes(seconds)
    if shown is None:
        return ""
    hours, rest = divmod(shown, 60)
    if not hours:
        return str(_("%(minutes)s min")) % {"minutes": rest}
    if not rest:
        return str(_("%(hours)s h")) % {"hours": hours}
    return str(_("%(hours)s h %(minutes)s min")) % {"hours": hours, "minutes": rest}


def iso_duration(seconds: int | None) -> str:
    """ISO 8601 (``PT1H30M``) for ``<time datetime>``; ``""`` when no time is stated."""
    shown = minutes(seconds)
    if shown is None:
        return ""
    hours, rest = divmod(shown, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")
