"""What Jekyll reads from a file's name: the one place post names are parsed.

A post ``modules/basics/_posts/2002-1-5-three-spheres.md`` has the date
2002-01-05 and the slug ``three-spheres`` (Jekyll's ``DATE_FILENAME_MATCHER``
accepts one-digit months and days); any other document's slug is its name
without the extension (trailing dots dropped).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

# Document::DATE_FILENAME_MATCHER, on the file name only.
_DATED = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.*)$")


@dataclass(frozen=True)
class FileName:
    """A document's file name, read as Jekyll reads it."""

    basename: str  # without the extension: "2002-1-5-three-spheres"
    ext: str  # ".md"
    date: dt.date | None  # from a dated name
    slug: str  # "three-spheres"


def split_dated(basename: str) -> tuple[dt.date | None, str]:
    """``2002-1-5-three-spheres`` -> (date(2002, 1, 5), "three-spheres")."""
    match = _DATED.match(basename)
    if not match:
        return None, basename
    year, month, day = (int(match.group(n)) for n in (1, 2, 3))
    if year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None, basename
    # Ruby's Time.parse, which Jekyll uses, rolls a day past the month's end over
    # into the next month: 2017-02-31 is 2017-03-03 (and the post is published)
    return dt.date(year, month, 1) + dt.timedelta(days=day - 1), match.group(4)


def file_name(path: str) -> FileName:
    """Date, slug and extension of the file at *path* (posix, any folder)."""
    name = PurePosixPath(path).name
    ext = PurePosixPath(name).suffix
    basename = name[: len(name) - len(ext)] if ext else name
    date, slug = split_dated(basename)
    return FileName(basename, ext, date, slug.rstrip(".") or slug)


def is_dated(path: str) -> bool:
    """Does the file name start with a date (what makes a file in ``_posts`` a post)?"""
    return file_name(path).date is not None


def titleize_slug(slug: str) -> str:
    """Jekyll's ``Utils.titleize_slug``: ``what-is-mentoring`` -> ``What Is Mentoring``."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in slug.split("-"))


def title_from_path(path: str) -> str:
    """A readable title from a file name (``2001-01-01-what_is-it.md`` -> ``What Is It``)."""
    slug = file_name(path).slug
    words = re.split(r"[-_\s]+", slug)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or slug
