"""``sphinx-build -b imscc``: the course as an IMS Common Cartridge.

Sphinx's HTML builder writes the pages (its translator, so every component
renders as on the web), with these differences:

- each page is a self-contained HTML file: the page's content in a
  ``.mentoring-page`` block, one stylesheet, no theme navigation, no script;
- files are named safely (:mod:`sphinx_mentoring.filenames`) under
  ``web_resources/``: ``pages/``, ``images/``, ``files/`` (downloads and site
  files pages link to), ``styles/``;
- links are rewritten for the package (:mod:`.links`);
- at the end, the outline (:mod:`.outline`) and the files the pages use make
  the manifest (:mod:`.package`), and everything is zipped.

The unpacked cartridge is ``OUT/imscc/<name>/``, the package
``OUT/imscc/<name>.imscc``. The files the package declares are read from the
pages themselves (every ``href`` and ``src`` that leads into the package), so a
page an incremental build did not rewrite keeps its images, and files no page
uses any more leave the package.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import unquote, urljoin, urlsplit

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import __
from sphinx.util.display import progress_message
from sphinx.util.osutil import copyfile, ensuredir
from sphinx.writers.html5 import HTML5Translator

from sphinx_mentoring.cartridge.links import LinkStyle, Rewritten, rewrite_links
from sphinx_mentoring.cartridge.outline import Entry, course_outline
from sphinx_mentoring.cartridge.package import (
    FILEBASE,
    VERSIONS,
    WEB_RESOURCES,
    Cartridge,
    Item,
    Metadata,
    Resource,
    WebLink,
    manifest,
    weblink,
    write_package,
)
from sphinx_mentoring.course import get_course, get_domain
from sphinx_mentoring.filenames import safe_filename, safe_filenames
from sphinx_mentoring.report import info, warn
from sphinx_mentoring.sources import get_site, page_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from pygments.formatters.html import HtmlFormatter

STYLESHEET = Path(__file__).with_name("mentoring-cartridge.css")
STYLE_PATH = "styles/mentoring-cartridge.css"
PAGES, IMAGES, FILES = "pages", "images", "files"

PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{stylesheet}">
</head>
<body>
<div class="mentoring-page">
{body}
</div>
</body>
</html>
"""


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


class CartridgeTranslator(HTML5Translator):
    """Sphinx's HTML5 translator; downloads go to the package's safe file names."""

    builder: CommonCartridgeBuilder

    def visit_download_reference(self, node: nodes.Element) -> None:
        if "filename" in node and "refuri" not in node:
            node["refuri"] = self.builder.link_to(self.builder.download_path(node["filename"]))
        super().visit_download_reference(node)


class _Links(HTMLParser):
    """The ``href`` and ``src`` values of a page (what it asks of the package)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


class CommonCartridgeBuilder(StandaloneHTMLBuilder):
    """The course as an IMS Common Cartridge (CC 1.3, or 1.1 for Moodle)."""

    name = "imscc"
    epilog = __("The Common Cartridge is in %(outdir)s.")
    default_translator_class = CartridgeTranslator
    copysource = False
    search = False
    add_permalinks = False
    embedded = True
    html_scaled_image_link = False
    #: Files of the site that pages link to are packaged here (not copied by links.py).
    packages_site_files = True

    # --- set up ------------------------------------------------------------------------

    def init(self) -> None:
        super().init()
        config = self.config
        self.version = VERSIONS[config.mentoring_imscc_version]
        moodle = self.version.name == "1.1"
        filebase = (config.mentoring_imscc_links or ("relative" if moodle else "filebase")) == (
            "filebase"
        )
        # A #place in a link to another page breaks it in Moodle and in Canvas Pages
        # (both look the file up with it); only Canvas course files (relative, 1.3) keep it.
        self.style = LinkStyle(filebase=filebase, page_anchors=not (moodle or filebase))
        self.package_name = safe_filename(str(get_course(self.env).title or "course")).lower()
        self.package_dir = Path(self.outdir, self.package_name)
        self.web_dir = self.package_dir / WEB_RESOURCES
        self.imagedir = IMAGES
        self._images_dir = self.web_dir / IMAGES
        self._downloads_dir = self.web_dir / FILES
        self.rewritten = Rewritten()

    def get_theme_config(self) -> tuple[str, dict[str, str | int | bool]]:
        # Pages are written without a theme's templates (see write_doc); Sphinx's
        # plain theme keeps the HTML builder's set-up cheap.
        return "basic", {}

    # --- names -------------------------------------------------------------------------

    @cached_property
    def page_names(self) -> dict[str, str]:
        return safe_filenames(self.env.all_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """A page's path under ``web_resources/`` (Sphinx links pages relative to it)."""
        return f"{PAGES}/{self.page_names.get(docname, safe_filename(docname))}.html"

    def get_output_path(self, page_name: str, /) -> Path:
        return self.web_dir / self.get_target_uri(page_name)

    def post_process_images(self, doctree: nodes.Node) -> None:
        super().post_process_images(doctree)
        # Sphinx names each image uniquely in the project; the package, safely too.
        names = self.image_names
        for uri in self.images:
            unique = self.env.images[uri][1]
            self.images[uri] = names.get(unique, safe_filename(unique))

    @cached_property
    def image_names(self) -> dict[str, str]:
        return safe_filenames(str(name) for _docs, name in self.env.images.values())

    @cached_property
    def download_names(self) -> dict[str, str]:
        return safe_filenames(str(dest) for _docs, dest in self.env.dlfiles.values())

    def download_path(self, filename: str) -> str:
        return f"{FILES}/{self.download_names.get(filename, safe_filename(filename))}"

    def link_to(self, target: str) -> str:
        """How the page being written links to ``target`` (a path under web_resources/)."""
        return self.style.href(target, self.get_target_uri(self.current_docname))

    # --- what the package holds (links.Targets) ---------------------------------------

    def find(self, path: str) -> str | None:
        # Images and downloads are linked by the translator, never through references.
        if path in self._pages:
            return path
        return self._site_file(path)

    def is_page(self, path: str) -> bool:
        return path in self._pages

    @cached_property
    def _pages(self) -> set[str]:
        return {self.get_target_uri(doc) for doc in self.env.all_docs}

    @cached_property
    def _site_files(self) -> dict[str, str]:
        """Files of the site that pages link to (``img/x.pdf``): site path -> package path."""
        return {}

    def _site_file(self, path: str) -> str | None:
        """The package path of the site's file at ``path`` (links.py links pages to a site
        file by its path from the site's root, as if the pages lay there)."""
        if path in self._site_files:
            return self._site_files[path]
        site = get_site(self.env)
        if path.startswith(("..", "/")):
            return None
        # Where the site serves it from: a Workbench lesson's data/x.zip is episodes/data/.
        source = site.file_at(path)
        if source is None or not source.resolve().is_relative_to(site.root.resolve()):
            return None
        name = f"{FILES}/{safe_filename(path)}"
        if name in self._site_files.values():
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem}-{_digest(path)[:8]}{dot}{suffix}"
        self._site_files[path] = name
        return name

    # --- writing -----------------------------------------------------------------------

    def write_doc_serialized(self, docname: str, doctree: nodes.document) -> None:
        # In the main process, before the page goes to a worker: links, image names.
        self.current_docname = docname
        self.post_process_images(doctree)
        self._keep_alt_of_missing_images(doctree)
        page = self.get_target_uri(docname)
        done = rewrite_links(doctree, page, self, self.style, self._publisher(docname))
        self.rewritten.inside += done.inside
        self.rewritten.published += done.published
        self.rewritten.unlinked += done.unlinked

    def _keep_alt_of_missing_images(self, doctree: nodes.document) -> None:
        """A local image that is no file of the course keeps its alt text, never a broken
        link in the package."""
        for image in list(doctree.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if uri in self.images or "?" in image.get("candidates", {}) or uri.startswith("data:"):
                continue
            alt = str(image.get("alt", ""))
            warn(f"image {uri} is not a file of the course: its alt text is kept", "imscc", image)
            image.replace_self(nodes.inline(alt, alt, classes=["mentoring-missing-image"]))

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        doctree.settings = self.docsettings
        self.current_docname = docname
        self.secnumbers = self.env.toc_secnumbers.get(docname, {})
        self.fignumbers = self.env.toc_fignumbers.get(docname, {})
        self.imgpath = self.link_to(IMAGES)
        self.dlpath = self.link_to(FILES)
        translator = self.create_translator(doctree, self)
        doctree.walkabout(translator)
        title = self.env.titles.get(docname)
        text = PAGE.format(
            language=html.escape(self._language, quote=True),
            title=html.escape(title.astext() if title is not None else docname),
            stylesheet=html.escape(self.link_to(STYLE_PATH), quote=True),
            body="".join(translator.fragment),  # type: ignore[attr-defined]
        )
        target = self.get_output_path(docname)
        ensuredir(target.parent)
        target.write_text(text, encoding="utf-8", errors="xmlcharrefreplace")

    @cached_property
    def _language(self) -> str:
        return str(self.config.language or "en").replace("_", "-")

    def _publisher(self, docname: str) -> Callable[[str], str | None]:
        return lambda refuri: self.published(docname, refuri)

    def published(self, docname: str, refuri: str) -> str | None:
        """Where a link that leads outside the package goes on the published site."""
        base = str(self.config.html_baseurl or "")
        if not base.startswith(("http://", "https://")):
            return None
        facts = get_domain(self.env).pages.get(docname)
        page_url = urljoin(base if base.endswith("/") else base + "/", facts.url if facts else "")
        return urljoin(page_url, refuri)

    # --- assets ------------------------------------------------------------------------

    def copy_assets(self) -> None:
        self.copy_download_files()
        ensuredir(self.web_dir / posixpath.dirname(STYLE_PATH))
        css = STYLESHEET.read_text(encoding="utf-8") + self._code_colours()
        target = self.web_dir / STYLE_PATH
        if not target.is_file() or target.read_text(encoding="utf-8") != css:
            target.write_text(css, encoding="utf-8")

    def _code_colours(self) -> str:
        """Pygments' colours, scoped (its line-number rules are not, and are left out)."""
        # Sphinx's HTML highlighter's formatter (typed as any Pygments formatter)
        formatter = cast("HtmlFormatter[str]", self.highlighter.get_formatter())
        scope = ".mentoring-page .highlight"
        rules = [
            *formatter.get_background_style_defs(scope),
            *formatter.get_token_style_defs(scope),
        ]
        return "\n/* Code (Pygments) */\n" + "\n".join(rules) + "\n"

    def copy_download_files(self) -> None:
        for source, (_docs, dest) in self.env.dlfiles.items():
            target = self.web_dir / self.download_path(str(dest))
            ensuredir(target.parent)
            try:
                copyfile(self.srcdir / source, target, force=True)
            except OSError as error:
                warn(f"cannot copy the download {source}: {error}", "imscc", None)

    def _copy_site_files(self) -> None:
        site = get_site(self.env)
        for site_path, package_path in self._site_files.items():
            target = self.web_dir / package_path
            source = site.file_at(site_path)
            if source is not None:
                ensuredir(target.parent)
                copyfile(source, target, force=True)

    # --- the package -------------------------------------------------------------------

    def finish(self) -> None:
        self.copy_image_files()
        self._copy_site_files()
        with progress_message(__("writing the Common Cartridge")):
            cartridge = self.cartridge()
            package = self.write_unpacked(cartridge)
        # The configuration the pages were written with: a change rewrites them all.
        self.write_buildinfo()
        self._report(package)

    def cartridge(self) -> Cartridge:
        """What the package holds: the outline, a resource per page (or web link), the files."""
        course = get_course(self.env)
        assets = Resource("R_files", "webcontent", files=self._asset_files())
        pages = self._page_resources(assets.identifier)
        links, weblinks = self._weblink_resources(course.titles)

        def item(entry: Entry) -> Item | None:
            if entry.docname is not None:
                resource = links.get(entry.docname) or pages.get(entry.docname)
                if resource is None:
                    return None
                return Item(f"I_{_digest(entry.docname)}", entry.title, resource.identifier)
            children = [child for c in entry.children if (child := item(c)) is not None]
            key = entry.title + "\x1f" + "\x1f".join(entry.pages()[:1])
            return Item(f"I_{_digest(key)}", entry.title, children=children) if children else None

        items = [top for entry in course_outline(self.env, course) if (top := item(entry))]
        resources = [*pages.values(), *links.values(), assets]
        return Cartridge(self._metadata(course.title), items, resources, weblinks)

    def _page_resources(self, assets: str) -> dict[str, Resource]:
        """A web content resource per page written: its HTML file, depending on the files."""
        found: dict[str, Resource] = {}
        for docname in sorted(self.env.all_docs):
            path = f"{WEB_RESOURCES}/{self.get_target_uri(docname)}"
            if not (self.package_dir / path).is_file():
                message = f"the page {docname} was not written: it is left out of the package"
                warn(message, "imscc", docname)
                continue
            found[docname] = Resource(f"R_{_digest(docname)}", "webcontent", path, [path], [assets])
        return found

    def _weblink_resources(
        self, titles: dict[str, str]
    ) -> tuple[dict[str, Resource], dict[str, WebLink]]:
        """A web link resource per page that only sends readers to another site."""
        resources: dict[str, Resource] = {}
        links: dict[str, WebLink] = {}
        for docname in sorted(self.env.all_docs):
            url = self._external_target(docname)
            if url is None:
                continue
            identifier = f"R_{_digest('link ' + docname)}"
            xml_path = f"weblinks/{identifier}.xml"
            resources[docname] = Resource(identifier, "weblink", files=[xml_path])
            links[xml_path] = WebLink(titles.get(docname) or url, url)
        return resources, links

    def _external_target(self, docname: str) -> str | None:
        """The address a page only sends readers to, when it is on another site."""
        page = page_of(self.env, docname)
        if page is None or page.redirect is None or get_site(self.env).redirect_target(page):
            return None
        url = urljoin(self.published(docname, "") or "", page.redirect)
        return url if urlsplit(url).scheme in ("http", "https") else None

    def _asset_files(self) -> list[str]:
        """Every file of the package the pages link to, by reading the pages."""
        found: set[str] = set()
        for docname in sorted(self.env.all_docs):
            page = self.get_target_uri(docname)
            file = self.web_dir / page
            if not file.is_file():
                continue
            parser = _Links()
            parser.feed(file.read_text(encoding="utf-8"))
            for url in parser.urls:
                target = self._package_target(url, page)
                if target is None or target in self._pages:
                    continue
                if (self.web_dir / target).is_file():
                    found.add(target)
                else:
                    warn(f"{page} links to {url}, which is not in the package", "imscc", docname)
        return [f"{WEB_RESOURCES}/{path}" for path in sorted(found)]

    def _package_target(self, url: str, page: str) -> str | None:
        """The path under web_resources/ a link of ``page`` leads to, if inside the package."""
        url = url.split("#", 1)[0].split("?", 1)[0]
        if url.startswith(FILEBASE):
            return posixpath.normpath(unquote(url[len(FILEBASE) :]).lstrip("/"))
        if not url or urlsplit(url).scheme or url.startswith(("/", "//")):
            return None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(url)))
        return None if target.startswith("..") else target

    def _metadata(self, title: str) -> Metadata:
        config = self.config
        site = get_site(self.env)
        description = site.description or str(config.epub_description or "")
        author = str(config.author or "")
        licence = site.config.get("license") or site.config.get("licence") or ""
        return Metadata(
            title=title or str(config.project or "Course"),
            language=self._language,
            description="" if description == "unknown" else description,
            author="" if author == "Author name not set" else author,
            licence=str(licence),
        )

    def write_unpacked(self, cartridge: Cartridge) -> Path:
        """The cartridge's folder (exactly what is declared) and its zip."""
        entries: dict[str, bytes | Path] = {"imsmanifest.xml": manifest(cartridge, self.version)}
        for xml_path, link in cartridge.weblinks.items():
            entries[xml_path] = weblink(link, self.version)
        for file in cartridge.files():
            if file not in entries:
                entries[file] = self.package_dir / file
        for name, content in entries.items():
            if isinstance(content, bytes):
                target = self.package_dir / name
                ensuredir(target.parent)
                if not target.is_file() or target.read_bytes() != content:
                    target.write_bytes(content)
        self._remove_stale(set(entries))
        package = Path(self.outdir, f"{self.package_name}.imscc")
        write_package(package, entries)
        return package

    def _remove_stale(self, declared: set[str]) -> None:
        """Files an earlier build left that this package does not declare."""
        for file in sorted(self.package_dir.rglob("*"), reverse=True):
            relative = file.relative_to(self.package_dir).as_posix()
            if file.is_file() and relative not in declared:
                file.unlink()
            elif file.is_dir() and not any(file.iterdir()):
                file.rmdir()

    def _report(self, package: Path) -> None:
        done = self.rewritten
        if done.unlinked:
            info(
                f"[imscc] {done.unlinked} link(s) to pages outside the course kept their text "
                "only: set html_baseurl to the published site to link them there"
            )
        if done.published:
            info(f"[imscc] {done.published} link(s) to pages outside the course lead to the site")
        info(f"[imscc] CC {self.version.name} package: {package}")
