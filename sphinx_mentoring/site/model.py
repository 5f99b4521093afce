"""The site model: what Jekyll knows about a site once it has read it.

Modelled on Jekyll's ``Site``, ``Collection``, ``Document`` and ``Page``:

- :class:`Page`: a file Jekyll renders (it starts with front matter): a *page*
  (``collection is None``) or a *document* of a collection; posts are the
  documents of the ``posts`` collection. Its front matter is parsed once, its
  URL and title worked out once, by the reader.
- :class:`Collection`: ``posts`` and the ``collections:`` of ``_config.yml``;
  only collections with ``output: true`` are written as pages, the others are
  data for Liquid (``site.<label>``).
- :class:`Site`: the configuration, ``_data``, pages, collections, static files
  and the family, with look-ups by path, docname and URL.

Plain Python: no Sphinx here. :mod:`sphinx_mentoring.sources` gives Sphinx its
view of the model (one per build).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from sphinx_mentoring.site.module_names import Link, links_in
from sphinx_mentoring.site.urls import normalise_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx_mentoring.site.config import CollectionConfig, SiteConfig
    from sphinx_mentoring.site.frontmatter import Problem


class Family(enum.StrEnum):
    """The kind of course site (:mod:`.family` tells which one a folder holds)."""

    COURSE_IN_A_BOX = "course-in-a-box"  # P2PU: modules/<name>/_posts, _data/course.yml
    CARPENTRIES_STYLES = "carpentries-styles"  # Jekyll collections _episodes, _extras
    WORKBENCH = "workbench"  # Carpentries Workbench: config.yaml, episodes/ (pandoc)
    JEKYLL = "jekyll"  # any other Jekyll site


#: How Jekyll renders a file: by its extension.
MARKDOWN, HTML, OTHER = "markdown", "html", "other"


@dataclass(eq=False)
class Page:
    """A file Jekyll renders: a page, or a document of a collection (posts included)."""

    path: str  # posix, relative to the site root: "modules/basics/_posts/2002-01-01-x.md"
    collection: str | None  # the collection's label ("posts", "episodes"); None: a page
    front_matter: dict[str, Any]  # as the author wrote it ({} when broken)
    defaults: dict[str, Any]  # the _config.yml defaults that apply to it
    data: dict[str, Any]  # Jekyll's page data: defaults, front matter, what Jekyll derives
    content: str  # the body after the front matter, as read
    url: str  # Jekyll's page.url (without baseurl)
    markup: str  # MARKDOWN, HTML or OTHER
    output: bool  # written as a page of its own (a page, or a document of an output collection)
    front_matter_text: str = ""  # the YAML between the fences
    body_line: int = 1  # 1-based line of the body's first line in the file
    title: str | None = None  # page.title: front matter, else as GitHub Pages titles it
    date: dt.date | None = None  # a document's date (front matter, else the file name)
    slug: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    redirect: str | None = None  # where a meta-refresh stub (or redirect_to:) sends readers
    problems: tuple[Problem, ...] = ()  # what is wrong in its front matter, located

    @property
    def docname(self) -> str:
        """The Sphinx document name: the path without its extension."""
        return str(PurePosixPath(self.path).with_suffix(""))

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def is_document(self) -> bool:
        return self.collection is not None

    @property
    def is_post(self) -> bool:
        return self.collection == "posts"

    @property
    def metadata(self) -> dict[str, Any]:
        """What the author set for the page: its defaults, then its own front matter."""
        return {**self.defaults, **self.front_matter}

    @property
    def module(self) -> str | None:
        """Course-in-a-Box: a post's module is the folder above ``_posts``."""
        return self.categories[-1] if self.is_post and self.categories else None


@dataclass(eq=False)
class Collection:
    """One collection: its configuration, documents (sorted as Jekyll sorts them)
    and the files in its folder that are not documents (no front matter)."""

    config: CollectionConfig
    directory: str  # relative to the site root: "_episodes", "modules/x/_posts" for posts: ""
    docs: list[Page] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.config.label

    @property
    def output(self) -> bool:
        return self.config.output


def episode_id(page: Page) -> str:
    """The id of an episode as a unit of the course: its file name without suffix."""
    return PurePosixPath(page.path).stem


@dataclass
class Lesson:
    """The lesson's structure: what the course model needs of a lesson site."""

    episodes: list[Page] = field(default_factory=list)  # lesson order
    appendices: list[Page] = field(default_factory=list)  # after the episodes, in order
    start_time: int | None = None  # minutes after midnight (styles ``start_time``)
    template_pages: list[Page] = field(default_factory=list)  # all-in-one, 404: no lesson pages
    publisher: str = ""  # who publishes it, from ``carpentry`` ("lc": "Library Carpentry")
    repository: str = ""  # the lesson's source repository (an https URL), or ""
    branch: str = ""  # its default branch ("" when the config does not say)

    def is_episode(self, page: Page) -> bool:
        return any(page is episode for episode in self.episodes)

    @property
    def module_entries(self) -> list[tuple[str, str | None]]:
        """The episodes as the course's modules: (id, title) in lesson order."""
        return [(episode_id(page), page.title) for page in self.episodes]


@dataclass(eq=False)
class Site:
    """A site as read once: configuration, data, pages, collections and files."""

    root: Path
    config: SiteConfig
    family: Family
    data: dict[str, Any] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)  # Jekyll's site.pages (published)
    collections: dict[str, Collection] = field(default_factory=dict)  # posts included
    static_files: list[str] = field(default_factory=list)  # site-relative paths
    unpublished: list[Page] = field(default_factory=list)  # published: false, future posts
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (file, problem)
    lesson: Lesson | None = None  # a Carpentries lesson's structure (set by load_site)
    #: Folders whose files the site serves from its root (the Workbench flattens its
    #: episodes/, learners/ … into one folder): a URL path may name a file in one of them.
    flat_folders: tuple[str, ...] = ()

    # --- what Jekyll has -----------------------------------------------------------

    @property
    def baseurl(self) -> str:
        return self.config.baseurl

    @property
    def posts(self) -> list[Page]:
        collection = self.collections.get("posts")
        return collection.docs if collection else []

    @property
    def documents(self) -> list[Page]:
        return [doc for collection in self.collections.values() for doc in collection.docs]

    @cached_property
    def all(self) -> list[Page]:
        """Every page and document, in path order."""
        return sorted([*self.pages, *self.documents], key=lambda page: page.path)

    @cached_property
    def categories(self) -> dict[str, list[Page]]:
        """``site.categories``: posts by category, newest first (as Jekyll gives them)."""
        return _posts_by(self.posts, lambda post: post.categories)

    @cached_property
    def tags(self) -> dict[str, list[Page]]:
        """``site.tags``: posts by tag, newest first."""
        return _posts_by(self.posts, lambda post: post.tags)

    # --- what the course and Sphinx ask ---------------------------------------------

    @property
    def title(self) -> str:
        """The site's title: ``_config.yml``, else ``_data/course.yml``, else the folder."""
        for source in (self.config.raw, self._course_data):
            title = source.get("title")
            if isinstance(title, str) and title.strip():
                return title.strip()
        return self.root.resolve().name

    @property
    def description(self) -> str:
        for source in (self.config.raw, self._course_data):
            description = source.get("description")
            if isinstance(description, str) and description.strip():
                return description.strip()
        return ""

    @property
    def _course_data(self) -> dict[str, Any]:
        course = self.data.get("course")
        return course if isinstance(course, dict) else {}

    @property
    def module_entries(self) -> list[tuple[str, str | None]]:
        """``_data/course.yml`` ``modules:`` (else ``_config.yml``'s) as (id, title) pairs.

        A plain entry is the module's folder and the name its layout shows; a
        mapping may give ``id``/``name``/``slug`` and a ``title``. A Carpentries
        lesson's modules are its episodes, in lesson order.
        """
        if self.lesson is not None:
            return self.lesson.module_entries
        raw = self._course_data.get("modules")
        if raw is None:
            raw = self.config.get("modules")
        entries: list[tuple[str, str | None]] = []
        for item in raw if isinstance(raw, list) else []:
            if isinstance(item, dict):
                key = item.get("id") or item.get("name") or item.get("slug")
                if key:
                    title = item.get("title")
                    entries.append((str(key), str(title) if title else None))
            elif item is not None:
                entries.append((str(item), None))
        return entries

    @property
    def module_order(self) -> list[str]:
        return [key for key, _title in self.module_entries]

    @cached_property
    def links(self) -> list[Link]:
        """The links that name parts of the site (its modules): the menus of its own
        layouts and includes, which every page shows, then its landing page's."""
        links: list[Link] = []
        for folder in ("_includes", "_layouts"):
            for path in sorted((self.root / folder).rglob("*.htm*")):
                text = path.read_text(encoding="utf-8", errors="replace")
                links += links_in(text, "/", self.baseurl, markdown=False)
        landing = self.by_url.get("/")
        if landing is not None:
            markdown = landing.markup == MARKDOWN
            links += links_in(landing.content, landing.url, self.baseurl, markdown=markdown)
        return links

    @cached_property
    def built(self) -> list[Page]:
        """The pages a Sphinx build makes documents of: Markdown and HTML pages Jekyll
        writes, except stubs that only send readers to another page of the site."""
        return [
            page
            for page in self.all
            if page.output
            and page.markup in (MARKDOWN, HTML)
            and self.redirect_target(page) is None
        ]

    @cached_property
    def by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.all}

    @cached_property
    def by_docname(self) -> dict[str, Page]:
        return {page.docname: page for page in reversed(self.all)}

    @cached_property
    def by_url(self) -> dict[str, Page]:
        """Written pages by their normalised URL (the first in path order wins)."""
        found: dict[str, Page] = {}
        for page in self.all:
            if page.output:
                found.setdefault(normalise_url(page.url), page)
        return found

    def file_at(self, path: str) -> Path | None:
        """The file of the site served at the URL path *path* (relative to the site's
        root), or None."""
        for folder in ("", *self.flat_folders):
            candidate = self.root / folder / path if folder else self.root / path
            if path and candidate.is_file():
                return candidate
        return None

    def public_url(self, page: Page) -> str:
        """The page's URL under the site's ``baseurl``."""
        return self.baseurl + page.url

    def find_url(self, url: str, base: str = "/") -> Page | None:
        """The page a link *url*, written on the page at URL *base*, leads to."""
        if urlsplit(url).scheme or url.startswith("//"):
            return None
        absolute = urlsplit(urljoin("http://site" + base, url)).path
        return self.by_url.get(normalise_url(absolute, self.baseurl))

    def redirect_target(self, page: Page) -> Page | None:
        """The page of this site a redirect stub sends readers to (None: not a stub,
        or it points elsewhere)."""
        if page.redirect is None:
            return None
        target = self.find_url(page.redirect, page.url)
        return target if target is not None and target is not page else None


def _posts_by(posts: list[Page], names: Callable[[Page], Iterable[str]]) -> dict[str, list[Page]]:
    """Posts by category (or tag) as Jekyll's ``post_attr_hash``: the names in the
    order the oldest posts bring them, each name's posts newest first."""
    found: dict[str, list[Page]] = {}
    for post in posts:
        for name in names(post):
            found.setdefault(name, []).append(post)
    return {name: group[::-1] for name, group in found.items()}
