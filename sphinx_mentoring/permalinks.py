"""Pages live at the URLs their Jekyll site gave them.

An HTML build of a Jekyll site writes each page where Jekyll published it:
``modules/Course Selection/_posts/2019-01-02-read-&-watch.md`` becomes
``modules/course selection/read-&-watch/index.html``, so the old URL
``/modules/course%20selection/read-&-watch/`` answers with the page itself, and
no source path (``_posts``, dates, capitals Jekyll folds) shows in public URLs.

Every URL and output file of an HTML build comes from two builder methods,
``get_target_uri`` (links, toctrees, images, the search index) and
``get_output_path`` (where a page is written). At ``builder-inited`` both are
wrapped on the builder instance to look up the page's Jekyll URL, noted in the
course facts while reading (:meth:`sphinx_mentoring.site.Site.public_url`).
Sphinx's incremental check asks for output paths before reading, from the facts
of the previous build: so the same mapping serves it.

The site's other files (images, PDFs, fonts: Jekyll's static files) are copied
to the same places, so their URLs keep working too; never over a page or
Sphinx's own output, and only when new or changed.

A page keeps the path Sphinx would give it (with a ``mentoring.permalink``
warning) when its URL is output Sphinx reserves (``search.html``, ``_static/``…),
is taken by another page (the first by name keeps it), or is no HTML page URL
(``/feed.xml``). Its old URL then gets a redirect page (:mod:`.redirects`).
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.site.model import Page, Site

#: Builders whose output is a tree of pages at URLs (not one page, not an e-book).
URL_BUILDERS = ("html", "dirhtml")
#: Files and folders of an HTML build that no page may be written over.
RESERVED_FILES = frozenset(
    {
        "genindex.html",
        "search.html",
        "searchindex.js",
        "objects.inv",
        "py-modindex.html",
        ".buildinfo",
        ".nojekyll",
    }
)
RESERVED_FOLDERS = frozenset({"_static", "_images", "_sources", "_downloads", "_modules"})


def is_reserved(path: str) -> bool:
    """Is *path* (relative to the output folder) output Sphinx writes itself?"""
    first = path.split("/", 1)[0]
    return path in RESERVED_FILES or first in RESERVED_FOLDERS or path.startswith(".")


def url_file(url: str, baseurl: str) -> str | None:
    """The output file (decoded, relative) that serves a page URL, as Jekyll writes it.

    ``/base/modules/a b/x/`` -> ``modules/a b/x/index.html``; ``/about`` ->
    ``about.html`` (Jekyll adds the extension); None for a URL that is no HTML page
    (``/feed.xml``) or that leaves the site (``/../x``).
    """
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if baseurl and (path == baseurl or path.startswith(baseurl.rstrip("/") + "/")):
        path = path[len(baseurl.rstrip("/")) :]
    trailing = path.endswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            return None
        parts.append(part)
    if not parts:
        return "index.html"
    file = "/".join(parts)
    if trailing:
        return file + "/index.html"
    last = parts[-1]
    if last.endswith((".html", ".htm")):
        return file
    if "." in last:
        return None
    return file + ".html"


def _enabled(app: Sphinx) -> bool:
    builder = app.builder
    if builder.name not in URL_BUILDERS:
        return False
    if getattr(builder, "out_suffix", "") != ".html":
        return False  # html_file_suffix changes every URL: Jekyll's cannot be kept
    setting = app.config.mentoring_permalinks
    if setting is None:
        from sphinx_mentoring.site import Family
        from sphinx_mentoring.sources import get_site, site_root

        # a Jekyll site, or a Workbench lesson (its pages at sandpaper's flat URLs)
        root = site_root(app.env)
        return (root / "_config.yml").is_file() or get_site(app.env).family == Family.WORKBENCH
    return bool(setting)


class Permalinks:
    """The output file of every page, from the course facts (computed when they change)."""

    def __init__(self, env: BuildEnvironment, builder: StandaloneHTMLBuilder) -> None:
        self.env = env
        self.builder = builder
        self._course: object = None
        self._files: dict[str, str] = {}
        self._warned: set[tuple[str, str]] = set()

    def files(self) -> dict[str, str]:
        """docname -> output file (posix, decoded), for pages that move."""
        from sphinx_mentoring.course.model import get_course

        # The course is derived again whenever a page's facts change: so is the plan.
        course = get_course(self.env)
        if course is not self._course:
            self._files = self._plan()
            self._course = course
        return self._files

    def _plan(self) -> dict[str, str]:
        from sphinx_mentoring.course.model import get_domain
        from sphinx_mentoring.sources import get_site

        pages = get_domain(self.env).pages
        baseurl = get_site(self.env).baseurl
        wanted: dict[str, str] = {}
        for docname in sorted(pages):
            if docname not in self.env.found_docs:
                continue
            file = url_file(pages[docname].url, baseurl)
            if file is None:
                self._warn(docname, f"its Jekyll URL {pages[docname].url} is no HTML page URL")
            elif is_reserved(file):
                self._warn(
                    docname,
                    f"its Jekyll URL {pages[docname].url} is reserved for Sphinx's own output",
                )
            else:
                wanted[docname] = file
        # Pages that stay where Sphinx puts them keep their paths first.
        taken = {self._default_file(doc): doc for doc in self.env.found_docs if doc not in wanted}
        files: dict[str, str] = {}
        for docname, file in wanted.items():
            owner = taken.get(file)
            if owner is not None and owner != docname:
                self._warn(
                    docname,
                    f"its Jekyll URL {pages[docname].url} belongs to {owner} too (the first "
                    "by name keeps it); give one of them another 'permalink:'",
                )
                continue
            taken[file] = docname
            files[docname] = file
        return files

    def _default_file(self, docname: str) -> str:
        return posixpath.relpath(
            str(self._original_output_path(docname)).replace("\\", "/"),
            str(self.builder.outdir).replace("\\", "/"),
        )

    _original_output_path: Callable[[str], Any]

    def _warn(self, docname: str, why: str) -> None:
        if (docname, why) in self._warned:
            return
        self._warned.add((docname, why))
        warn(
            f"the page stays at {self._default_file(docname)}: {why}",
            "permalink",
            (docname, 1),
        )

    def target_uri(self, docname: str) -> str | None:
        file = self.files().get(docname)
        if file is None:
            return None
        if self.builder.name == "dirhtml" and (
            file == "index.html" or file.endswith("/index.html")
        ):
            file = file[: -len("index.html")]
        return quote(file)


def install(app: Sphinx) -> None:
    """``builder-inited``: route the builder's URLs and output paths through the mapping."""
    if not _enabled(app):
        return
    builder: Any = app.builder
    permalinks = Permalinks(app.env, builder)
    original_uri = builder.get_target_uri
    original_path = builder.get_output_path
    permalinks._original_output_path = original_path

    def get_target_uri(docname: str, typ: str | None = None) -> str:
        uri = permalinks.target_uri(docname)
        return original_uri(docname, typ) if uri is None else uri

    def get_output_path(page_name: str, /) -> Any:
        file = permalinks.files().get(page_name)
        if file is None:
            return original_path(page_name)
        return type(original_path(page_name))(builder.outdir, *file.split("/"))

    builder.get_target_uri = get_target_uri
    builder.get_output_path = get_output_path
    builder._mentoring_permalinks = permalinks


def behind_byte_order_mark(pages: Iterable[Page]) -> list[str]:
    """Pages whose front matter follows a byte-order mark: Jekyll copies each as a
    file (the build makes a page of it too, and serves the file where Jekyll does)."""
    return [page.path for page in pages if any(p.subtype == "bom" for p in page.problems)]


def collection_file_urls(site: Site) -> dict[str, str | None]:
    """Where Jekyll writes the files of a collection (``StaticFile#url``): its URL
    template filled with the file's path, plus its extension (``_episodes/x.md``
    without front matter, under ``/:path/index.html``, is ``x/index.html.md``);
    None for a collection that is not written (``output: false``: never published).
    Posts' files keep their paths, as Jekyll keeps them."""
    from sphinx_mentoring.site import urls

    found: dict[str, str | None] = {}
    for collection in site.collections.values():
        if collection.label == "posts":
            continue
        if not collection.output:
            found.update(dict.fromkeys(collection.files))
            continue
        template = collection.config.permalink or "/:collection/:path:output_ext"
        for path in [*collection.files, *behind_byte_order_mark(collection.docs)]:
            stem, ext = posixpath.splitext(path)
            cleaned = ("/" + stem).rstrip(".").replace(collection.directory, "", 1)
            values = {
                "collection": collection.label,
                "path": cleaned,
                "output_ext": "",
                "name": posixpath.basename(stem),
                "title": "",
            }
            url = urls.document_url(urls.style_template(template), values, None).rstrip("/")
            found[path] = unquote(url + ext).lstrip("/")
    return found


def copy_static_files(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the site's static files at their URLs, as Jekyll copies them."""
    permalinks = getattr(app.builder, "_mentoring_permalinks", None)
    if exception is not None or permalinks is None:
        return
    from sphinx_mentoring.sources import get_site

    site = get_site(app.env)
    outdir = Path(app.builder.outdir)
    pages = set(permalinks.files().values())
    conf = Path(app.confdir, "conf.py").resolve() if app.confdir else None
    written_at = collection_file_urls(site)
    for path in [*site.static_files, *behind_byte_order_mark(site.all)]:
        source = site.root / path
        if is_reserved(path) or path in pages or source.resolve() == conf:
            continue
        url = written_at.get(path, path)
        if url is None:
            continue
        target = outdir / url
        if not source.is_file() or source.resolve().is_relative_to(outdir.resolve()):
            continue
        if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install)
    app.connect("build-finished", copy_static_files)
