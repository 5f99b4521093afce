"""A Carpentries lesson in the site model: its episodes in lesson order, its other pages.

Both formats of a lesson come out the same:

- **styles** (Jekyll): the ``episodes`` collection, in ``episode_order``
  (``_config.yml``, episode slugs) or else file-name order; the other pages in
  the order of the template's menus: setup, the reference page, the ``extras``
  collection (``extras_order``), then the rest;
- **Workbench**: ``config.yaml``'s ``episodes:``, ``learners:``, ``instructors:``
  and ``profiles:`` lists (each folder in file-name order when its list is empty),
  read by :mod:`.workbench`.

The course model makes each episode a unit of the course (a module with one page)
and the other pages its appendices. Plain Python, as the whole site model.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from sphinx_mentoring.site.family import Family
from sphinx_mentoring.site.model import Lesson, episode_id

if TYPE_CHECKING:
    from sphinx_mentoring.site.model import Page, Site

#: The families that are Carpentries lessons.
LESSON_FAMILIES = frozenset({Family.CARPENTRIES_STYLES, Family.WORKBENCH})
#: The template's pages that are no lesson content (generated elsewhere, or for the web).
STYLES_TEMPLATE_PAGES = frozenset({"aio.md", "404.md", "404.html"})


def _order(pages: list[Page], names: object) -> list[Page]:
    """``pages`` in the order of ``names`` (slugs or file names); the others after."""
    if not isinstance(names, list) or not names:
        return pages
    position: dict[str, int] = {}
    for number, name in enumerate(names):
        position.setdefault(PurePosixPath(str(name)).stem, number)
    listed = sorted(
        (p for p in pages if episode_id(p) in position), key=lambda p: position[episode_id(p)]
    )
    return listed + [p for p in pages if episode_id(p) not in position]


def _start_time(value: object) -> int | None:
    try:
        minutes = int(str(value))
    except ValueError:
        return None
    return minutes if 0 <= minutes < 24 * 60 else None


#: What the template's layouts call a page that has no title of its own.
LAYOUT_TITLES = {"reference": "Reference"}


def _template_title(site: Site, page: Page) -> None:
    """A page titled by its layout gets that title, as if its front matter said so:
    the reference page as the menus call it, the landing page (``layout: lesson``)
    by the lesson's title, which its layout shows."""
    layout = str(page.data.get("layout") or "")
    title = site.title if layout == "lesson" else LAYOUT_TITLES.get(layout)
    if title is not None and not page.front_matter.get("title"):
        page.front_matter = {**page.front_matter, "title": title}
        page.data["title"] = page.title = title


def styles_lesson(site: Site) -> Lesson:
    """A styles lesson: the ``episodes`` and ``extras`` collections and the pages."""
    built = {page.path: page for page in site.built}
    for page in built.values():
        _template_title(site, page)
    collection = site.collections.get("episodes")
    episodes = [doc for doc in (collection.docs if collection else []) if doc.path in built]
    episodes = _order(episodes, site.config.get("episode_order"))
    extras_collection = site.collections.get("extras")
    extras = [doc for doc in (extras_collection.docs if extras_collection else [])]
    extras = _order([doc for doc in extras if doc.path in built], site.config.get("extras_order"))
    placed = {page.path for page in [*episodes, *extras]}
    pages = [page for path, page in sorted(built.items()) if path not in placed]
    root_pages = {page.path: page for page in pages}
    first = [root_pages[path] for path in ("setup.md", "reference.md") if path in root_pages]
    template_pages = [page for page in pages if page.path in STYLES_TEMPLATE_PAGES]
    skip = {page.path for page in [*first, *template_pages]} | {"index.md", "index.html"}
    rest = [page for page in pages if page.path not in skip]
    return Lesson(
        episodes=episodes,
        appendices=[*first, *extras, *rest],
        start_time=_start_time(site.config.get("start_time")),
        template_pages=template_pages,
    )


#: The Workbench's page folders, in the order sandpaper's menus show them.
WORKBENCH_FOLDERS = ("episodes", "learners", "instructors", "profiles")


def workbench_lesson(site: Site) -> Lesson:
    """A Workbench lesson: the episodes, then learners, instructors, profiles, the rest."""
    collections = site.collections
    episodes = collections["episodes"].docs if "episodes" in collections else []
    others = [
        page
        for folder in WORKBENCH_FOLDERS[1:]
        if folder in collections
        for page in collections[folder].docs
    ]
    root_pages = [page for page in site.pages if page.path != "index.md"]
    return Lesson(episodes=list(episodes), appendices=others + root_pages)


#: The ``carpentry`` codes of both templates and who each one is (the templates'
#: footers and sandpaper's ``varnish`` name them so).
PUBLISHERS = {
    "swc": "Software Carpentry",
    "dc": "Data Carpentry",
    "lc": "Library Carpentry",
    "cp": "The Carpentries",
    "incubator": "The Carpentries Incubator",
    "lab": "The Carpentries Lab",
}
_GITHUB_REPOSITORY = re.compile(r"^[\w.-]+/[\w.-]+$")


def _publication(site: Site, lesson: Lesson) -> Lesson:
    """Who publishes the lesson and where its source is, from its configuration:
    ``carpentry``; the Workbench's ``source`` and ``branch``, or the styles
    template's ``repository: owner/name`` (GitHub's; the template's placeholder
    ``<USERNAME>/<PROJECT>`` is no repository)."""
    code = str(site.config.get("carpentry") or "").strip().lower()
    lesson.publisher = PUBLISHERS.get(code, "")
    source = str(site.config.get("source") or "").strip()
    repository = str(site.config.get("repository") or "").strip()
    if source.startswith("https://"):
        lesson.repository = source.rstrip("/")
    elif _GITHUB_REPOSITORY.match(repository):
        lesson.repository = f"https://github.com/{repository}"
    lesson.branch = str(site.config.get("branch") or "").strip()
    return lesson


def read_lesson(site: Site) -> Lesson | None:
    """The lesson a site is, or None for a site of another family."""
    if site.family == Family.CARPENTRIES_STYLES:
        return _publication(site, styles_lesson(site))
    if site.family == Family.WORKBENCH:
        return _publication(site, workbench_lesson(site))
    return None
