"""Jekyll's reader: the files of a site folder -> :class:`~.model.Site`.

As ``Jekyll::Reader``: walk the folder, leaving out what ``EntryFilter`` leaves
out (names starting with ``.``, ``_``, ``#`` or ending with ``~``; the
``exclude:`` list, unless ``include:`` names it); a file that starts with a
``---`` line is a page, any other a static file; every ``_posts`` folder holds
posts (dated file names, front matter or not); each collection's
``<collections_dir>/_<label>`` holds its documents. ``published: false``
files, and posts dated in the future (unless ``future: true``), are left out.

Each file is read once, its front matter parsed once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx_mentoring.site import frontmatter, names, titles, urls
from sphinx_mentoring.site.config import CollectionConfig, SiteConfig
from sphinx_mentoring.site.data import read_data, read_data_file
from sphinx_mentoring.site.defaults import Defaults
from sphinx_mentoring.site.family import Family, detect, reader_for
from sphinx_mentoring.site.lesson import read_lesson
from sphinx_mentoring.site.model import HTML, MARKDOWN, OTHER, Collection, Page, Site
from sphinx_mentoring.site.text import SNIFF_BYTES, file_text, sniff

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx_mentoring.site.frontmatter import Problem

_HTML_EXTS = (".html", ".htm", ".xhtml")
_SPECIAL = (".", "_", "#", "~")
#: Files jekyll-optional-front-matter never makes pages of (by name, any case).
_NOT_OPTIONAL = frozenset(
    {
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CODE_OF_CONDUCT",
        "CONTRIBUTING",
        "ISSUE_TEMPLATE",
        "PULL_REQUEST_TEMPLATE",
    }
)
_INDEX_NAMES = ("index.html", "index.htm", "index.xhtml", "index.xml")


def _index_of(url: str) -> str:
    """The folder URL a page's URL is the index of ("" when it is none)."""
    for name in _INDEX_NAMES:
        if url.lower().endswith("/" + name):
            return url[: -len(name)]
    return url if url.endswith("/") else ""


def load_site(root: str | Path, *, skip: Path | Sequence[Path] = ()) -> Site:
    """Read the site in *root* (``skip``: build folders inside it, never read)."""
    root = Path(root)
    problems: list[tuple[str, Problem]] = []
    config = SiteConfig(_read_config(root, problems))
    family = detect(root, config.raw)
    family_reader = reader_for(family)
    if family_reader is not None:
        site = family_reader(root, skip)
    else:
        site = JekyllReader(root, config, family, problems, skip).read()
    # A lesson's structure (episodes, appendices; its template's page titles) is read
    # with the rest of the site.
    site.lesson = read_lesson(site)
    return site


def _read_config(root: Path, problems: list[tuple[str, Problem]]) -> dict[str, Any]:
    path = root / "_config.yml"
    if not path.is_file():
        return {}
    raw = read_data_file(path, problems)
    return {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else {}


def _glob_include(patterns: list[str], entry: str, is_dir: bool) -> bool:
    """``EntryFilter#glob_include?`` on site-relative paths."""
    for pattern in patterns:
        pattern = pattern.lstrip("/")
        if not pattern:
            continue
        if (
            fnmatch.fnmatchcase(entry, pattern)
            or entry.startswith(pattern)
            or (is_dir and pattern == entry + "/")
        ):
            return True
    return False


def _as_list(value: Any) -> list[str]:
    """Jekyll's ``pluralized_array_from_hash`` item: a list, or a space-separated string."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item is not None]
    return [str(value)] if value is not None else []


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _title_text(front_matter: dict[str, Any], yaml_text: str) -> str | None:
    """The title as written: YAML's reading of a number or date is not the author's text."""
    value = front_matter.get("title")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return frontmatter.raw_value(yaml_text, "title") or str(value)


class JekyllReader:
    """Reads one Jekyll site folder."""

    def __init__(
        self,
        root: Path,
        config: SiteConfig,
        family: Family,
        problems: list[tuple[str, Problem]],
        skip: Path | Sequence[Path] = (),
    ) -> None:
        self.root = root
        self.config = config
        self.family = family
        self.problems = problems
        folders = [skip] if isinstance(skip, Path) else list(skip)
        self.skip = {folder.resolve() for folder in folders}
        self.exclude = [e for e in config.exclude if e not in config.include]
        self.include = config.include
        self.markdown_exts = config.markdown_exts
        self.defaults = Defaults(config.get("defaults"), root, config.collections_dir)
        self.today = dt.date.today()
        titles_options = config.titles_from_headings
        self.titles_from_headings = titles_options.get("enabled") is not False
        self.titles_in_collections = titles_options.get("collections") is True
        self.collection_configs = config.collections
        self.posts = Collection(self.collection_configs["posts"], "")
        self.site = Site(root=root, config=config, family=family, problems=problems)

    # --- the walk ---------------------------------------------------------------------

    def read(self) -> Site:
        data_dir = self.root / self.config.data_dir
        self.site.data = read_data(data_dir, self.problems)
        self._read_directory("")
        self.site.collections["posts"] = self.posts
        for label, collection_config in self.collection_configs.items():
            if label != "posts":
                self.site.collections[label] = self._read_collection(collection_config)
        if (self.root / "_config.yml").is_file():
            self._github_pages_defaults()
        for collection in self.site.collections.values():
            self._sort(collection)
        self.site.pages.sort(key=lambda page: page.name)
        self.site.static_files.sort()
        return self.site

    def _github_pages_defaults(self) -> None:
        """What GitHub Pages' default plugins add: every Markdown file without front
        matter is a page (jekyll-optional-front-matter), but README, LICENSE and the
        like; a folder's README is its index page when it has none (jekyll-readme-index).
        Off with ``optional_front_matter: {enabled: false}`` / ``require_front_matter``
        and ``readme_index: {enabled: false}``, as on GitHub Pages."""
        raw = self.config.raw
        optional = raw.get("optional_front_matter")
        optional_on = not raw.get("require_front_matter") and not (
            isinstance(optional, dict) and optional.get("enabled") is False
        )
        readme = raw.get("readme_index")
        readme_on = not (isinstance(readme, dict) and readme.get("enabled") is False)
        markdown = [
            path
            for path in self.site.static_files
            if PurePosixPath(path).suffix.lower() in self.markdown_exts
        ]
        for path in markdown if optional_on else []:
            if PurePosixPath(path).stem.upper() not in _NOT_OPTIONAL:
                self._plugin_page(path)
        indexes = {_index_of(page.url) for page in self.site.pages}
        indexes |= {_index_of("/" + path) for path in self.site.static_files}
        for path in markdown if readme_on else []:
            if PurePosixPath(path).stem.upper() != "README":
                continue
            folder = str(PurePosixPath(path).parent)
            folder_url = "/" if folder == "." else f"/{folder}/"
            if folder_url not in indexes:
                self._plugin_page(path, permalink=folder_url)
                indexes.add(folder_url)

    def _plugin_page(self, relative: str, permalink: str | None = None) -> None:
        """A page made of a file without front matter (read as Jekyll reads a page:
        a byte-order mark is dropped, so front matter after one counts)."""
        try:
            text = (self.root / relative).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            return
        page = self._page(relative, text.replace("\r\n", "\n"), None, permalink)
        if self._published(page):
            self.site.pages.append(page)

    def _keep(self, relative: str, name: str, is_dir: bool) -> bool:
        """``EntryFilter#filter`` for one entry (a path relative to the site root)."""
        if name.endswith("."):
            return False
        included = _glob_include(self.include, relative, is_dir) or _glob_include(
            self.include, name, is_dir
        )
        if _glob_include(self.exclude, relative, is_dir) and not included:
            return False
        if included:
            return True
        return not (name.startswith(_SPECIAL) or name.endswith("~"))

    def _entries(self, folder: str) -> list[os.DirEntry[str]]:
        """The entries of a folder, but symbolic links to folders or out of the site.

        The site folder is the trust boundary, and two links to the site itself
        would make the walk endless (the Sphinx side warns about each link).
        """
        try:
            with os.scandir(self.root / folder) as entries:
                kept = [entry for entry in entries if not self._escapes(entry)]
        except OSError:
            return []
        return sorted(kept, key=lambda entry: entry.name)

    def _escapes(self, entry: os.DirEntry[str]) -> bool:
        if not entry.is_symlink():
            return False
        target = Path(entry.path).resolve()
        return entry.is_dir() or not target.is_relative_to(self.root.resolve())

    def _read_directory(self, folder: str) -> None:
        entries = self._entries(folder)
        names_here = {entry.name for entry in entries}
        collections_dir = self.config.collections_dir
        if "_posts" in names_here and (
            not collections_dir or (folder + "/").startswith(collections_dir + "/")
        ):
            self._read_posts(folder)
        for entry in entries:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            is_dir = entry.is_dir()
            if not self._keep(relative, entry.name, is_dir):
                continue
            if is_dir:
                if self.skip and Path(entry.path).resolve() in self.skip:
                    continue
                self._read_directory(relative)
            elif entry.is_file():
                self._read_file(relative, collection=None)

    def _files_under(self, folder: str) -> list[str]:
        """Every file under *folder* (site-relative), filtered as Jekyll filters them."""
        found: list[str] = []
        for entry in self._entries(folder):
            relative = f"{folder}/{entry.name}"
            if not self._keep(relative, entry.name, entry.is_dir()):
                continue
            if entry.is_dir():
                found.extend(self._files_under(relative))
            elif entry.is_file():
                found.append(relative)
        return found

    def _read_posts(self, folder: str) -> None:
        posts_folder = f"{folder}/_posts" if folder else "_posts"
        for relative in self._files_under(posts_folder):
            if names.is_dated(relative):
                self._read_file(relative, collection=self.posts, header_required=False)

    def _read_collection(self, collection_config: CollectionConfig) -> Collection:
        base = self.config.collections_dir
        directory = f"{base}/_{collection_config.label}" if base else f"_{collection_config.label}"
        collection = Collection(collection_config, directory)
        if (self.root / directory).is_dir():
            for relative in self._files_under(directory):
                self._read_file(relative, collection=collection)
        return collection

    # --- one file -----------------------------------------------------------------------

    def _markup(self, path: str) -> str:
        suffix = PurePosixPath(path).suffix.lower()
        if suffix in self.markdown_exts:
            return MARKDOWN
        if suffix in _HTML_EXTS:
            return HTML
        return OTHER

    def _read_file(
        self, relative: str, *, collection: Collection | None, header_required: bool = True
    ) -> None:
        path = self.root / relative
        try:
            with path.open("rb") as stream:
                first = stream.readline(512)
                # Jekyll would copy a page behind a byte-order mark: nothing the author
                # wrote is dropped here, it is a page (and a warning says why). A page
                # saved as UTF-16 is still a page (the build says to save it as UTF-8).
                hidden = frontmatter.has_hidden_yaml_header(first)
                encoded = sniff(first[:SNIFF_BYTES]) != "utf-8-sig"
                if (
                    header_required
                    and not encoded
                    and not frontmatter.has_yaml_header(first)
                    and not hidden
                ):
                    self._static(relative, collection)
                    return
                raw = first + stream.read()
        except OSError:
            return
        text = file_text(raw)
        if encoded and header_required and not frontmatter.has_yaml_header(text[:8].encode()):
            self._static(relative, collection)
            return
        text = text.replace("\r\n", "\n")
        page = self._page(relative, text, collection)
        if hidden:
            page.problems = (*page.problems, frontmatter.bom_problem())
        if not self._published(page):
            self.site.unpublished.append(page)
        elif collection is None:
            self.site.pages.append(page)
        else:
            collection.docs.append(page)

    def _sort(self, collection: Collection) -> None:
        """``Collection#sort_docs!``: ``order:``, else ``sort_by:``, else date then path."""
        docs = sorted(collection.docs, key=lambda doc: (doc.date or self.today, doc.path))
        sort_by, order = collection.config.sort_by, collection.config.order
        if order is not None:
            position = {f"{collection.directory}/{entry}": n for n, entry in enumerate(order)}
            listed = sorted((d for d in docs if d.path in position), key=lambda d: position[d.path])
            docs = listed + [d for d in docs if d.path not in position]
        elif sort_by is not None:
            with_key = [d for d in docs if d.data.get(sort_by) is not None]
            # Values that cannot be compared (Ruby could not either) keep path order.
            with contextlib.suppress(TypeError):
                with_key.sort(key=lambda doc: doc.data[sort_by])
            docs = with_key + [d for d in docs if d.data.get(sort_by) is None]
        collection.docs[:] = docs

    def _static(self, relative: str, collection: Collection | None) -> None:
        if collection is not None:
            collection.files.append(relative)
        self.site.static_files.append(relative)

    def _published(self, page: Page) -> bool:
        if page.front_matter.get("published") is False and not self.config.unpublished:
            return False
        return not (
            page.is_post
            and page.date is not None
            and page.date > self.today
            and not self.config.future
        )

    def _page(
        self,
        relative: str,
        text: str,
        collection: Collection | None,
        permalink: str | None = None,
    ) -> Page:
        block, body = frontmatter.split_front_matter(text)
        yaml_text = frontmatter.front_matter_text(text) if block else ""
        parsed = frontmatter.parse(yaml_text, first_line=2)
        front_matter = parsed.data
        problems = (parsed.problem,) if parsed.problem else ()
        markup = self._markup(relative)
        file = names.file_name(relative)
        if collection is None:
            defaults = self.defaults.values_for(relative, "pages")
        else:
            kind_path = relative.removeprefix(self.config.collections_dir + "/")
            defaults = self.defaults.values_for(kind_path, collection.label)
        data: dict[str, Any] = {**defaults, **front_matter}
        if permalink is not None:
            data["permalink"] = permalink
        page = Page(
            path=relative,
            collection=collection.label if collection else None,
            front_matter=front_matter,
            defaults=defaults,
            data=data,
            content=body,
            url="",
            markup=markup,
            output=collection.output if collection else True,
            front_matter_text=yaml_text,
            body_line=block.count("\n") + 1,
            problems=problems,
        )
        page.redirect = self._redirect(front_matter, body, markup)
        if collection is None:
            self._page_fields(page, file, yaml_text)
        else:
            self._document_fields(page, file, yaml_text, collection)
        return page

    def _redirect(self, front_matter: dict[str, Any], body: str, markup: str) -> str | None:
        target = front_matter.get("redirect_to")  # jekyll-redirect-from
        if isinstance(target, list) and target:
            target = target[0]
        if isinstance(target, str) and target.strip():
            return target.strip()
        if markup in (MARKDOWN, HTML):
            return titles.refresh_target(body)
        return None

    def _page_fields(self, page: Page, file: names.FileName, yaml_text: str) -> None:
        """``Jekyll::Page``: URL from /:path/:basename, title from the front matter or
        (Markdown pages) the heading the body starts with."""
        directory = str(PurePosixPath(page.path).parent)
        directory = "" if directory == "." else directory
        output_ext = ".html" if page.markup in (MARKDOWN, HTML) else file.ext
        basename = file.basename.rstrip(".")
        page.url = urls.page_url(
            directory, basename, output_ext, page.data.get("permalink"), self.config.permalink_style
        )
        page.slug = basename
        page.title = _title_text(page.data, yaml_text)
        if page.title is None and page.markup == MARKDOWN and self.titles_from_headings:
            page.title = titles.leading_heading(page.content)
            if page.title is not None:
                page.data["title"] = page.title
        elif page.title is None and page.markup == HTML:
            # What its readers see (Liquid's page.title stays empty, as in Jekyll).
            page.title = titles.html_title(page.content)
        page.tags = tuple(_as_list(page.data.get("tags")))

    def _document_fields(
        self, page: Page, file: names.FileName, yaml_text: str, collection: Collection
    ) -> None:
        """``Jekyll::Document``: date, slug, categories, tags, title, URL."""
        data = page.data
        relative = page.path.removeprefix(self.config.collections_dir + "/")
        date = _as_date(data.get("date")) or file.date
        page.date = date
        page.slug = str(data.get("slug") or file.slug)
        # Categories: the folders above _posts, then the front matter's.
        categories: list[str] = []
        if collection.label == "posts" and not relative.startswith("_posts"):
            above = relative[: relative.index("_posts")]
            categories = [part for part in above.split("/") if part]
        for key in ("category", "categories"):
            for item in _as_list(data.get(key)):
                if item not in categories:
                    categories.append(item)
        page.categories = tuple(categories)
        page.tags = tuple(dict.fromkeys([*_as_list(data.get("tag")), *_as_list(data.get("tags"))]))
        title = _title_text(data, yaml_text)
        if title is None and self.titles_in_collections and page.markup == MARKDOWN:
            title = titles.leading_heading(page.content)
        page.title = title or names.titleize_slug(file.slug)
        data.setdefault("title", page.title)
        data.setdefault("slug", page.slug)
        data.setdefault("ext", file.ext)
        data["categories"] = list(categories)
        data["tags"] = list(page.tags)
        if date is not None:
            data.setdefault("date", date)
        output_ext = ".html" if page.markup in (MARKDOWN, HTML) else file.ext
        # Document#cleaned_relative_path
        cleaned = relative[: len(relative) - len(file.ext)] if file.ext else relative
        cleaned = cleaned.replace(f"_{collection.label}", "", 1).rstrip(".")
        values: dict[str, str | None] = {
            "collection": collection.label,
            "path": cleaned,
            "output_ext": output_ext,
            "name": urls.slugify(file.basename),
            "title": urls.slugify(page.slug, "pretty", cased=True),
            "slug": urls.slugify(page.slug),
            "categories": urls.categories_part(categories),
            "slugified_categories": "/".join(dict.fromkeys(urls.slugify(c) for c in categories)),
            **urls.date_values(date or self.today),
        }
        template = collection.config.permalink or urls.add_permalink_suffix(
            "/:collection/:path", self.config.permalink_style
        )
        page.url = urls.document_url(urls.style_template(template), values, data.get("permalink"))
