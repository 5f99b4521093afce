"""Reading a time as authors write it: ``45``, ``"1 h 30 min"``, ``PT1H``, ``2:54``.

Front matter (``duration:``, Carpentries ``teaching:``), the ``module`` directive's
``:duration:``, video lengths and "Suggested timing: 10 minutes" lines all go
through :func:`parse_duration`; :mod:`sphinx_mentoring.course.timing` adds the
results up. Plain text in, seconds out: no Sphinx here.
"""

from __future__ import annotations

import re
from typing import Any, Literal

#: Front-matter keys that state a page's time outright, in order of preference.
STATED_KEYS = ("duration", "time")
#: The Carpentries episode keys (minutes); ``break`` is the time of a break episode.
CARPENTRIES_KEYS = ("teaching", "exercises", "break")

_NUMBER = r"\d+(?:[.,]\d+)?"
#: Unit words -> seconds (English, and the languages the theme is translated to).
UNITS: dict[str, int] = {
    **dict.fromkeys(
        ("h", "hr", "hrs", "hour", "hours", "hora", "horas", "heure", "heures", "stunde"), 3600
    ),
    **dict.fromkeys(("stunden", "std", "ora", "ore", "uur"), 3600),
    **dict.fromkeys(
        ("m", "min", "mins", "minute", "minutes", "minuto", "minutos", "minuten", "minuti"), 60
    ),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "segundos", "secondes"), 1),
}
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
#: "10 minutes", "1.5 h", "10-15 min" (a range counts as its upper end: plan for it).
_AMOUNT = re.compile(
    rf"({_NUMBER})\s*(?:(?:-|\u2013|\u2014|to|a|à|bis)\s*({_NUMBER})\s*)?({_UNIT})(?![^\W\d_])",
    re.IGNORECASE,
)
#: Minutes left without their unit after hours: "1 h 30", "1h30".
_TRAILING_MINUTES = re.compile(rf"(?:h|hours?|hrs?)\s*({_NUMBER})\s*$", re.IGNORECASE)
#: Calendar units: a course may state them ("2 weeks"), but they are no working time.
_CALENDAR = re.compile(
    r"\b(days?|weeks?|months?|years?|sessions?|semanas?|semaines?|wochen?|tage?|jours?"
    r"|d[ií]as?)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}))?$")
_ISO = re.compile(rf"^PT(?:({_NUMBER})H)?(?:({_NUMBER})M)?(?:({_NUMBER})S)?$", re.IGNORECASE)
#: A paragraph that opens by stating the time of what it describes.
_TIMING_LINE = re.compile(
    r"^\W*(?:(?:suggested|estimated|approximate|expected|recommended|total)\s+)?"
    r"(?:timing|time|duration|length|time\s+needed|time\s+required)\W*\s*:\s*(.+)$",
    re.IGNORECASE,
)
#: A statement of time is short; a longer first line is prose that mentions time.
_TIMING_LINE_MAX = 80


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_duration(
    value: Any, *, clock: Literal["h:mm", "m:ss"] = "h:mm", unit_required: bool = False
) -> int | None:
    """Seconds stated by *value*, or None when it states no time one can add up.

    A bare number is minutes (Carpentries' ``teaching: 10``); *clock* says how a
    colon form reads (front matter ``1:30`` is 1 h 30 min, a video's ``2:54`` is
    2 min 54 s); *unit_required* refuses bare numbers (in running text).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if unit_required or value < 0 else round(value * 60)
    text = " ".join(str(value).split())
    clock_match = _CLOCK.match(text)
    if clock_match:
        first, second, third = (int(group or 0) for group in clock_match.groups())
        if clock_match.group(3) is not None:  # h:mm:ss
            return first * 3600 + second * 60 + third
        return first * 60 + second if clock == "m:ss" else first * 3600 + second * 60
    iso = _ISO.match(text)
    if iso and any(iso.groups()):
        hours, minutes, seconds = (_number(group or "0") for group in iso.groups())
        return round(hours * 3600 + minutes * 60 + seconds)
    if re.fullmatch(_NUMBER, text):
        return None if unit_required else round(_number(text) * 60)
    if not text or _CALENDAR.search(text):
        return None
    amounts = list(_AMOUNT.finditer(text))
    if not amounts:
        return None
    seconds = sum(_number(m.group(2) or m.group(1)) * UNITS[m.group(3).lower()] for m in amounts)
    trailing = _TRAILING_MINUTES.search(text)
    if trailing and trailing.start(1) >= amounts[-1].end():
        seconds += _number(trailing.group(1)) * 60
    return round(seconds)


def timing_line(text: str) -> int | None:
    """Seconds stated by a paragraph that opens with "Suggested timing: 10 minutes"."""
    first_line = text.strip().split("\n", 1)[0]
    if len(first_line) > _TIMING_LINE_MAX:
        return None
    match = _TIMING_LINE.match(first_line)
    return parse_duration(match.group(1), unit_required=True) if match else None
