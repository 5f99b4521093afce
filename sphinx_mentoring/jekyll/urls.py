"""The URL Jekyll gives a page, so links written for the Jekyll site keep working.

Jekyll builds a page's URL from a template: the page's own ``permalink:`` or the
site's ``permalink:`` style (``/:categories/:title/`` in Course-in-a-Box), with
placeholders filled from the file's place and name. For a post
``modules/basics/_posts/2002-01-01-three-spheres.md`` the categories are the
folders above ``_posts`` (``modules``, ``basics``) and the title is the file slug
after the date, so its URL is ``/modules/basics/three-spheres/``. Pages outside
``_posts`` use ``/:path/:basename`` with the style's ending.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from sphinx_mentoring.frontmatter import as_date

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx_mentoring.jekyll.site import JekyllSite

#: Jekyll's named permalink styles.
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}

_POST_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
# Jekyll's "pretty" slug mode keeps these characters and turns runs of others into "-".
_NOT_PRETTY = re.compile(r"[^\w._~!$&'()+,;=@]+")


@dataclass(frozen=True)
class SourcePath:
    """What Jekyll reads from a page's path (relative to the site root, ``/`` separators)."""

    folder: str  # "modules/basics/_posts"
    basename: str  # "2002-01-01-three-spheres"
    date: dt.date | None  # from a post's file name
    slug: str  # "three-spheres" for a post, the basename otherwise
    is_post: bool
    categories: tuple[str, ...]  # folders above _posts


def split_post_name(basename: str) -> tuple[dt.date | None, str]:
    """``2002-01-01-three-spheres`` -> (date(2002, 1, 1), "three-spheres")."""
    match = _POST_NAME.match(basename)
    if not match:
        return None, basename
    try:
        date = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None, basename
    return date, match.group(4)


def source_path(docname: str) -> SourcePath:
    """Read folder, date, slug and categories from a docname (its path without suffix)."""
    folder, _, basename = docname.rpartition("/")
    parts = [part for part in folder.split("/") if part]
    is_post = "_posts" in parts
    categories: tuple[str, ...] = ()
    date: dt.date | None = None
    slug = basename
    if is_post:
        categories = tuple(parts[: parts.index("_posts")])
        date, slug = split_post_name(basename)
    return SourcePath(folder, basename, date, slug, is_post, categories)


def slugify_pretty(text: str) -> str:
    """Jekyll's ``slugify(mode: "pretty", cased: true)``."""
    return _NOT_PRETTY.sub("-", text).strip("-")


def _front_matter_categories(metadata: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for key in ("category", "categories"):
        value = metadata.get(key)
        if isinstance(value, str):
            found.extend(value.split() if key == "categories" else [value])
        elif isinstance(value, list):
            found.extend(str(item) for item in value)
    return found


def page_date(docname: str, metadata: Mapping[str, Any]) -> dt.date | None:
    """A post's date: front-matter ``date:`` wins over the file name, as in Jekyll."""
    return as_date(metadata.get("date")) or source_path(docname).date


def _permalink_template(metadata: Mapping[str, Any], site: JekyllSite | None, post: bool) -> str:
    own = metadata.get("permalink")
    if isinstance(own, str) and own.strip():
        return own.strip()
    style = str((site.config.get("permalink") if site else None) or "date")
    template = STYLES.get(style, style)
    if post:
        return template
    # Pages: "/:path/:basename" with the ending of the site's style (Jekyll's
    # Utils.add_permalink_suffix).
    if style == "pretty" or template.endswith("/"):
        return "/:path/:basename/"
    if template.endswith(":output_ext"):
        return "/:path/:basename:output_ext"
    return "/:path/:basename"


def page_url(docname: str, metadata: Mapping[str, Any], site: JekyllSite | None) -> str:
    """The URL Jekyll publishes the page *docname* at, under the site's ``baseurl``.

    *metadata* is the page's front matter; *site* the Jekyll site (``None``: no
    ``_config.yml``, Jekyll's defaults). Characters outside URL syntax are
    percent-encoded, as Jekyll does (a folder ``Tips & Tricks`` -> ``tips%20&%20tricks``).
    """
    source = source_path(docname)
    template = _permalink_template(metadata, site, source.is_post)
    date = page_date(docname, metadata) or dt.date(1970, 1, 1)
    categories = [*source.categories, *_front_matter_categories(metadata)]
    unique: list[str] = []
    for category in categories:
        if category.lower() not in unique:
            unique.append(category.lower())
    title = metadata.get("slug") if isinstance(metadata.get("slug"), str) else source.slug
    index_page = not source.is_post and source.basename == "index"
    values = {
        "categories": "/".join(unique),
        "title": slugify_pretty(str(title)),
        "slug": slugify_pretty(str(title)).lower(),
        "name": slugify_pretty(source.basename),
        "basename": "" if index_page else source.basename,
        "path": source.folder,
        "output_ext": ".html",
        "year": f"{date.year:04d}",
        "short_year": f"{date.year % 100:02d}",
        "month": f"{date.month:02d}",
        "i_month": str(date.month),
        "day": f"{date.day:02d}",
        "i_day": str(date.day),
        "y_day": f"{date.timetuple().tm_yday:03d}",
        "week": f"{date.isocalendar()[1]:02d}",
        "short_day": date.strftime("%a"),
        "collection": "posts" if source.is_post else "",
    }
    url = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    if index_page and url.endswith("/.html"):
        url = url[: -len(".html")]
    url = re.sub(r"/{2,}", "/", "/" + url)
    baseurl = site.baseurl if site else ""
    return quote(baseurl + url, safe="/:@!$&'()*+,;=~%-._")


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
