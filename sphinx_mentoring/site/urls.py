"""Permalinks: the URL Jekyll gives a page or a document (``Jekyll::URL``).

A URL comes from a template: the file's own ``permalink:``, else its
collection's ``permalink``, else the site's ``permalink`` style (``date`` by
default, ``/:categories/:title/`` in Course-in-a-Box), with placeholders filled
from the file's place and name. Pages use ``/:path/:basename`` with the style's
ending. The URLs here are Jekyll's ``page.url``: without ``baseurl``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from sphinx_mentoring.site.config import PERMALINK_STYLES

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

_PLACEHOLDER = re.compile(r":([a-z_]+)")
_SAFE_PATH = re.compile(r"^[a-zA-Z0-9./-]+$")
# Utils::SLUGIFY_*_REGEXP: \p{M}\p{L}\p{Nd} is "a word character but not _".
_SLUG_PATTERNS = {
    "raw": re.compile(r"\s+"),
    "default": re.compile(r"(?:[^\w]|_)+"),
    "pretty": re.compile(r"(?:[^\w._~!$&'()+,;=@]|_)+"),
    "ascii": re.compile(r"[^A-Za-z0-9]+"),
}


def slugify(text: str | None, mode: str = "default", *, cased: bool = False) -> str:
    """Jekyll's ``Utils.slugify`` (modes raw, default, pretty, ascii; latin as default)."""
    if text is None:
        return ""
    pattern = _SLUG_PATTERNS.get("default" if mode == "latin" else mode)
    if pattern is None:  # "none" or an unknown mode: the text as it is
        return text if cased else text.lower()
    slug = pattern.sub("-", text)
    slug = re.sub(r"^-|-$", "", slug)
    return slug if cased else slug.lower()


def add_permalink_suffix(template: str, style: str) -> str:
    """``Utils.add_permalink_suffix``: a page template gets the ending of the site's style."""
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def style_template(style: str) -> str:
    """A named style's template, or the style itself when it is a template."""
    return PERMALINK_STYLES.get(style, style)


def escape_path(value: str) -> str:
    """``URL.escape_path``: percent-encode what is not allowed in a URL path segment."""
    if not value or _SAFE_PATH.match(value):
        return value
    return quote(value, safe="/!$&'()*+,;=:@-._~")


def sanitize_url(url: str) -> str:
    """``URL#sanitize_url``: one leading slash, no ``..`` or ``./``, no doubled slashes."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)


def fill(template: str, values: Mapping[str, str | None]) -> str:
    """Replace the ``:placeholders`` of *template* (unknown ones stay as written)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        for key in (name, name.rstrip("_")):
            if key in values:
                value = values[key]
                suffix = name[len(key) :]
                return escape_path(value or "") + suffix
        return match.group(0)

    return _PLACEHOLDER.sub(replace, template)


def categories_part(categories: Sequence[str]) -> str:
    """``:categories``: each category in lower case, once, joined by ``/``."""
    unique: list[str] = []
    for category in categories:
        lowered = str(category).lower()
        if lowered not in unique:
            unique.append(lowered)
    return "/".join(unique)


def date_values(date: dt.date | dt.datetime) -> dict[str, str | None]:
    """The date placeholders (``UrlDrop``)."""
    moment = date if isinstance(date, dt.datetime) else dt.datetime(date.year, date.month, date.day)
    iso = moment.isocalendar()
    return {
        "year": f"{moment.year:04d}",
        "short_year": f"{moment.year % 100:02d}",
        "month": f"{moment.month:02d}",
        "i_month": str(moment.month),
        "short_month": moment.strftime("%b"),
        "long_month": moment.strftime("%B"),
        "day": f"{moment.day:02d}",
        "i_day": str(moment.day),
        "y_day": f"{moment.timetuple().tm_yday:03d}",
        "w_year": str(iso[0]),
        "week": f"{iso[1]:02d}",
        "w_day": str(iso[2]),
        "short_day": moment.strftime("%a"),
        "long_day": moment.strftime("%A"),
        "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}",
        "second": f"{moment.second:02d}",
    }


def page_url(directory: str, basename: str, output_ext: str, permalink: Any, style: str) -> str:
    """The URL of a page (``Jekyll::Page#url``): *directory* is its folder ("" at the root)."""
    if output_ext != ".html":
        template = "/:path/:basename:output_ext"
    elif basename == "index":
        template = "/:path/"
    else:
        template = add_permalink_suffix("/:path/:basename", style)
    values: dict[str, str | None] = {
        "path": "/" + directory if directory else "",
        "basename": basename,
        "output_ext": output_ext,
    }
    if isinstance(permalink, str) and permalink.strip():
        template = permalink.strip()
    return sanitize_url(_fill_hash(template, values))


def _fill_hash(template: str, values: Mapping[str, str | None]) -> str:
    """``URL#generate_url_from_hash``: a nil value removes ``/:key``."""
    for key, value in values.items():
        if ":" not in template:
            break
        if value is None:
            template = template.replace(f"/:{key}", "")
        else:
            template = template.replace(f":{key}", escape_path(value))
    return template


def document_url(template: str, values: Mapping[str, str | None], permalink: Any) -> str:
    """The URL of a collection document (``Jekyll::Document#url``)."""
    if isinstance(permalink, str) and permalink.strip():
        template = permalink.strip()
    return sanitize_url(fill(template, values))


def normalise_url(url: str, baseurl: str = "") -> str:
    """The comparable form of a site URL: decoded, without baseurl, ``index.html``,
    ``.html`` or trailing slash. ``/modules/basics/`` and ``/modules/basics`` are equal."""
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    path = re.sub(r"/{2,}", "/", "/" + path)
    base = baseurl.rstrip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :] or "/"
    for ending in ("/index.html", "/index.htm", "/index.md"):
        if path.endswith(ending):
            path = path[: -len(ending) + 1]
    for ending in (".html", ".htm", ".md"):
        if path.endswith(ending):
            path = path[: -len(ending)]
    return path.rstrip("/") or "/"
