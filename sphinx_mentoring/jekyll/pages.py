"""Which files of a Jekyll site are pages, and what Jekyll knows about each.

Jekyll renders a file only when it has front matter; it skips folders and files
whose name starts with ``_``, ``.``, ``#`` or ``~`` (``_posts`` excepted), the
``exclude:`` list, ``published: false`` pages and posts dated in the future.
Everything else (README, LICENSE, images ...) is copied, not rendered: those are
not pages, and the zero-config build leaves them out of the document list too.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from sphinx_mentoring.frontmatter import load_yaml

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx_mentoring.jekyll.site import JekyllSite

#: Suffixes Jekyll renders through its Markdown converter or as HTML pages.
PAGE_SUFFIXES = (".md", ".markdown", ".html")
#: Jekyll's own default ``exclude:`` list (Jekyll 4).
DEFAULT_EXCLUDES = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)
_POST_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M
)


@dataclass(frozen=True)
class Page:
    """One file Jekyll renders."""

    path: str  # posix path relative to the site root, e.g. ``modules/basics/_posts/x.md``
    front_matter: dict[str, Any]

    @property
    def docname(self) -> str:
        return str(PurePosixPath(self.path).with_suffix(""))

    @property
    def is_post(self) -> bool:
        return is_post_path(self.path)


def is_post_path(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return "_posts" in parts[:-1] and _POST_NAME.match(PurePosixPath(path).stem) is not None


def post_date(path: str) -> dt.date | None:
    match = _POST_NAME.match(PurePosixPath(path).stem)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def has_front_matter(text: str) -> bool:
    """Does the page start with a ``---`` front-matter block (Jekyll's mark of a page)?"""
    return _FRONT_MATTER.match(text) is not None


def front_matter_text(text: str) -> str:
    """The YAML between the page's ``---`` fences, or "" when it has none."""
    match = _FRONT_MATTER.match(text)
    return match.group(1) if match else ""


def split_front_matter(text: str) -> tuple[str, str]:
    """``(front matter block with its fences and line break, body)``, or ``("", text)``.

    The block keeps every character of the source, so the body's first line number
    is the block's line count + 1.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return "", text
    end = match.end()
    for line_break in ("\r\n", "\n"):
        if text.startswith(line_break, end):
            end += len(line_break)
            break
    return text[:end], text[end:]


def read_front_matter(text: str) -> dict[str, Any] | None:
    """The front matter mapping, ``{}`` when it is empty or broken, None when absent."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    try:
        data = load_yaml(match.group(1))
    except yaml.YAMLError:
        return {}  # still a page for Jekyll's purposes; frontmatter.py reports it
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def _excluded(path: str, patterns: list[str]) -> bool:
    parts = PurePosixPath(path).parts
    for pattern in patterns:
        pattern = pattern.strip("/")
        if not pattern:
            continue
        # An entry names a file or folder (relative to the site root) or is a glob.
        for depth in range(1, len(parts) + 1):
            if fnmatch.fnmatchcase("/".join(parts[:depth]), pattern):
                return True
    return False


def _hidden(path: str) -> bool:
    parts = PurePosixPath(path).parts
    if any(p.startswith(("_", ".")) and p != "_posts" for p in parts[:-1]):
        return True
    return parts[-1].startswith(("_", ".", "#", "~"))


def exclude_list(site: JekyllSite) -> list[str]:
    excludes = site.config.get("exclude")
    listed = [str(e) for e in excludes] if isinstance(excludes, list) else []
    return [*DEFAULT_EXCLUDES, *listed]


def defaults_for(site: JekyllSite, path: str, *, is_post: bool) -> dict[str, Any]:
    """The ``defaults:`` of ``_config.yml`` that apply to a page (later entries win)."""
    values: dict[str, Any] = {}
    entries = site.config.get("defaults")
    if not isinstance(entries, list):
        return values
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
        scope_path = str(scope.get("path") or "").strip("/")
        if scope_path:
            if "*" in scope_path:
                if not fnmatch.fnmatchcase(path, scope_path) and not fnmatch.fnmatchcase(
                    path, scope_path + "/*"
                ):
                    continue
            elif path != scope_path and not path.startswith(scope_path + "/"):
                continue
        scope_type = scope.get("type")
        if scope_type and scope_type != ("posts" if is_post else "pages"):
            continue
        values.update(entry["values"])
    return values


def iter_pages(site: JekyllSite, *, skip: Path | None = None) -> Iterator[Page]:
    """Every page Jekyll would render, in path order (``skip``: a build folder inside)."""
    root = site.root.resolve()
    patterns = exclude_list(site)
    future = site.config.get("future") is True
    today = dt.date.today()
    skip = skip.resolve() if skip is not None else None
    for file in sorted(root.rglob("*")):
        if file.suffix.lower() not in PAGE_SUFFIXES or not file.is_file():
            continue
        if skip is not None and file.resolve().is_relative_to(skip):
            continue
        path = file.relative_to(root).as_posix()
        if _hidden(path) or _excluded(path, patterns):
            continue
        try:
            head = file.read_text(encoding="utf-8", errors="replace")[:65536]
        except OSError:
            continue
        front_matter = read_front_matter(head)
        if front_matter is None:
            continue  # no front matter: Jekyll copies the file, it is not a page
        is_post = is_post_path(path)
        if front_matter.get("published", True) is False:
            continue
        date = post_date(path) if is_post else None
        if is_post and date is None:
            continue  # a file in _posts without a date is not a post for Jekyll
        if date is not None and date > today and not future:
            continue
        merged = {**defaults_for(site, path, is_post=is_post), **front_matter}
        yield Page(path=path, front_matter=merged)
