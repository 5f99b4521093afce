"""Jekyll's ``site`` and ``page`` objects in Liquid, over the site model.

Like Jekyll's drops, they are read-only mappings computed when asked: ``site.pages``,
``site.posts``, ``site.<collection>``, ``site.collections``, ``site.categories``,
``site.tags``, ``site.data``, ``site.static_files``, ``site.html_pages``,
``site.documents``, ``site.time``, ``site.github`` (what can be known offline)
and every ``_config.yml`` key; a page gives its data (defaults, front matter and
what Jekyll derives) with ``url``, ``path``, ``name``, ``dir``, ``content``,
``excerpt``, ``collection``, ``id``, ``date``, ``previous``/``next``.

The ``content`` of another page is that page's Markdown with *its* Liquid
rendered (Jekyll gives its HTML; ours goes through the same Markdown reader as
the page that shows it). Reading another page makes it a dependency of the page
being rendered; reading a list of pages marks the page as one to read again when
pages are added or removed (incremental builds stay equal to fresh ones).
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx_mentoring.jekyll.liquid.state import current

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx_mentoring.jekyll.liquid import LiquidResult
    from sphinx_mentoring.site import Collection, Page, Site

#: Jekyll's ``excerpt_separator`` default.
EXCERPT_SEPARATOR = "\n\n"


class _Drops:
    """The drops of one site (one per build): each page's drop made once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.pages: dict[int, PageDrop] = {}
        self.rendered: dict[str, LiquidResult] = {}  # page path -> its body, Liquid rendered

    def page(self, page: Page) -> PageDrop:
        drop = self.pages.get(id(page))
        if drop is None:
            drop = self.pages[id(page)] = PageDrop(page, self)
        return drop

    def many(self, pages: list[Page]) -> list[PageDrop]:
        _note_listing()
        return [self.page(page) for page in pages]


_DROPS: weakref.WeakKeyDictionary[Site, _Drops] = weakref.WeakKeyDictionary()


def drops_of(site: Site) -> _Drops:
    drops = _DROPS.get(site)
    if drops is None:
        drops = _DROPS[site] = _Drops(site)
    return drops


def _note_listing() -> None:
    state = current()
    if state is not None:
        state.uses_listing = True


def _note_page(site: Site, page: Page) -> None:
    state = current()
    if state is not None and page.path != state.page_path:
        state.dependencies.append(site.root / page.path)


_DEFINITION = re.compile(r" {0,3}\[([^\]]+)\]:\s*\S")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def _without_repeated_definitions(text: str, seen: set[str]) -> str:
    """Drop link definitions an earlier page's content on this page already made.

    Pages shown together (``{{ p.content }}`` in a loop) often share a list of
    link definitions (an included ``links.md``). Jekyll shows each page as HTML,
    its links resolved; here their Markdown meets on one page, where the first
    definition of a label wins anyway: the repeats are dropped, not warned about.
    """
    lines = text.split("\n")
    kept: list[str] = []
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence is not None else opening.group(1)[0] * 3
        definition = _DEFINITION.match(line) if fence is None else None
        if definition is not None:
            label = " ".join(definition.group(1).split()).casefold()
            if label in seen:
                continue
            seen.add(label)
        kept.append(line)
    return "\n".join(kept)


class _Drop(Mapping[str, Any]):
    """A read-only mapping whose values are computed on demand."""

    def _keys(self) -> list[str]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True


class PageDrop(_Drop):
    """A page or a document (``page``, each of ``site.pages``, ``site.posts`` …)."""

    _DERIVED = ("content", "dir", "excerpt", "id", "name", "path", "url", "collection")

    def __init__(self, page: Page, drops: _Drops) -> None:
        self._page = page
        self._drops = drops

    @property
    def source(self) -> Page:
        return self._page

    def _keys(self) -> list[str]:
        return list(dict.fromkeys([*self._page.data, *self._derived()]))

    def _derived(self) -> tuple[str, ...]:
        if self._page.collection is None:
            return tuple(k for k in self._DERIVED if k not in ("id", "collection"))
        return (*self._DERIVED, "date", "next", "previous", "relative_path", "output")

    def __getitem__(self, key: str) -> Any:
        page, site = self._page, self._drops.site
        _note_page(site, page)
        getter = _PAGE_FIELDS.get(key)
        if getter is not None and key in self._derived():
            return getter(self)
        if key in page.data:
            return page.data[key]
        if key == "title":
            return page.title  # nil for a page without one, as in Jekyll (no warning)
        raise KeyError(key)

    # -- what Jekyll derives -------------------------------------------------------------

    def content(self) -> str:
        page = self._page
        state = current()
        if state is None or page.path in state.rendering:
            return page.content  # its own content, or a page inside itself: as written
        rendered = self._drops.rendered.get(page.path)
        if rendered is None:
            from sphinx_mentoring.jekyll.liquid import render_body

            rendered = self._drops.rendered[page.path] = render_body(self._drops.site, page)
        state.dependencies.extend(rendered.dependencies)
        state.uses_listing = state.uses_listing or rendered.uses_listing
        return _without_repeated_definitions(rendered.text, state.link_labels)

    def excerpt(self) -> str | None:
        page = self._page
        given = page.data.get("excerpt")
        if isinstance(given, str):
            return given
        if page.collection is None and self._drops.site.config.get("page_excerpts") is not True:
            return None
        separator = page.data.get("excerpt_separator") or self._drops.site.config.get(
            "excerpt_separator", EXCERPT_SEPARATOR
        )
        content = self.content().lstrip("\n")
        return content.split(str(separator), 1)[0] if separator else content

    def url(self) -> str:
        return self._page.url

    def path(self) -> str:
        return self._page.path

    def name(self) -> str:
        return self._page.name

    def dir(self) -> str:
        url = self._page.url
        folder = url if url.endswith("/") else str(PurePosixPath(url).parent)
        return folder if folder.endswith("/") else folder + "/"

    def id(self) -> str:
        return self._page.url.removesuffix(".html").removesuffix("/")

    def collection(self) -> str | None:
        return self._page.collection

    def date(self) -> Any:
        return self._page.data.get("date") or self._page.date

    def output(self) -> None:
        return None  # the rendered page does not exist while pages are rendered

    def _neighbour(self, step: int) -> PageDrop | None:
        collection = self._drops.site.collections.get(self._page.collection or "")
        docs = collection.docs if collection is not None else []
        index = next((i for i, doc in enumerate(docs) if doc is self._page), None)
        if index is None or not 0 <= index + step < len(docs):
            return None
        return self._drops.page(docs[index + step])

    def next(self) -> PageDrop | None:
        return self._neighbour(1)

    def previous(self) -> PageDrop | None:
        return self._neighbour(-1)


_PAGE_FIELDS: dict[str, Callable[[PageDrop], Any]] = {
    "content": PageDrop.content,
    "excerpt": PageDrop.excerpt,
    "url": PageDrop.url,
    "path": PageDrop.path,
    "relative_path": PageDrop.path,
    "name": PageDrop.name,
    "dir": PageDrop.dir,
    "id": PageDrop.id,
    "collection": PageDrop.collection,
    "date": PageDrop.date,
    "output": PageDrop.output,
    "next": PageDrop.next,
    "previous": PageDrop.previous,
}


class CollectionDrop(_Drop):
    """One of ``site.collections``: its label, documents, files and configuration."""

    def __init__(self, collection: Collection, drops: _Drops) -> None:
        self._collection = collection
        self._drops = drops

    def _keys(self) -> list[str]:
        return ["label", "docs", "files", "directory", "relative_directory", "output"]

    def __getitem__(self, key: str) -> Any:
        collection = self._collection
        if key == "label":
            return collection.label
        if key == "docs":
            return self._drops.many(collection.docs)
        if key == "files":
            _note_listing()
            return [_static_file(path) for path in collection.files]
        if key in ("directory", "relative_directory"):
            return collection.directory
        if key == "output":
            return collection.output
        raise KeyError(key)


def _static_file(path: str) -> dict[str, Any]:
    pure = PurePosixPath(path)
    return {
        "path": "/" + path,
        "name": pure.name,
        "basename": pure.stem,
        "extname": pure.suffix,
    }


class GithubDrop(_Drop):
    """``site.github`` (jekyll-github-metadata): what can be known offline; the rest
    renders empty without a warning (GitHub Pages would know it)."""

    def __init__(self, site: Site) -> None:
        self._site = site

    def _values(self) -> dict[str, Any]:
        config = self._site.config
        url = str(config.get("url") or "").rstrip("/") + self._site.baseurl
        values: dict[str, Any] = {"url": url or None, "environment": "production"}
        repository = config.get("repository")
        if isinstance(repository, str) and repository.count("/") == 1 and "<" not in repository:
            owner, name = repository.split("/")
            values.update(
                repository_nwo=repository,
                repository_name=name,
                project_title=name,
                owner_name=owner,
                repository_url=f"https://github.com/{repository}",
            )
        return values

    def _keys(self) -> list[str]:
        return list(self._values())

    def __getitem__(self, key: str) -> Any:
        return self._values().get(key)


class SiteDrop(_Drop):
    """Jekyll's ``site``: the configuration, data, pages and collections."""

    _LISTS = (
        "pages",
        "posts",
        "html_pages",
        "documents",
        "collections",
        "categories",
        "tags",
        "static_files",
    )

    def __init__(self, site: Site) -> None:
        self._site = site
        self._drops = drops_of(site)

    def _keys(self) -> list[str]:
        site = self._site
        return list(
            dict.fromkeys(
                [*site.config.raw, *self._LISTS, *site.collections, "data", "time", "github"]
            )
        )

    def __getitem__(self, key: str) -> Any:
        site, drops = self._site, self._drops
        if key == "baseurl":
            # Without its trailing slash: ``{{ site.baseurl }}/img/x.png`` with ``baseurl: /``
            # is ``/img/x.png`` (a path Sphinx resolves), not ``//img/x.png``.
            return site.baseurl
        if key == "data":
            return site.data
        if key == "time":
            return dt.datetime.now(tz=dt.UTC)
        if key == "github":
            return GithubDrop(site)
        if key == "pages":
            return drops.many(site.pages)
        if key == "html_pages":
            return drops.many([p for p in site.pages if p.url.endswith(("/", ".html"))])
        if key == "posts":
            # Jekyll's site.posts: newest first.
            return list(reversed(drops.many(site.posts)))
        if key == "documents":
            return drops.many(site.documents)
        if key == "collections":
            _note_listing()
            return [CollectionDrop(c, drops) for c in site.collections.values()]
        if key in ("categories", "tags"):
            groups = site.categories if key == "categories" else site.tags
            return {name: drops.many(pages) for name, pages in groups.items()}
        if key == "static_files":
            _note_listing()
            return [_static_file(path) for path in site.static_files]
        if key in site.config.raw:
            return site.config.raw[key]
        if key in site.collections:
            return drops.many(site.collections[key].docs)
        raise KeyError(key)
