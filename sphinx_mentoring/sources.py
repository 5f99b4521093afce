"""The site model as Sphinx's sources: one :class:`~sphinx_mentoring.site.Site` per build.

- At ``config-inited`` the site is read (:func:`sphinx_mentoring.site.load_site`),
  or taken over from the ``conf.py`` that read it to list the pages
  (:func:`sphinx_mentoring.jekyll.project.jekyll_settings` puts it there as
  ``_mentoring_site``): either way once per build. Pages Jekyll does not publish
  (``published: false``, future posts) and stubs that only send readers to
  another page are left out of the project's sources.
- Everything else asks :func:`get_site` and :func:`page_of` for what Jekyll
  knows: front matter, defaults, URL, title, collection.
- At ``source-read`` a page gets its ``defaults:`` as metadata and, when it holds
  ``{{`` or ``{%``, its Liquid rendered (:mod:`sphinx_mentoring.jekyll.liquid`).

The site lives beside the build (keyed by its configuration object), never in
the pickled environment: each build reads the files of the site anew.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_mentoring.config import SITE_CONF_KEY
from sphinx_mentoring.i18n import _
from sphinx_mentoring.report import info, warn
from sphinx_mentoring.site import Family, load_site
from sphinx_mentoring.site.frontmatter import has_front_matter, split_front_matter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.site import Page, Site

#: The site of each build, by the build's configuration object.
_SITES: weakref.WeakKeyDictionary[Config, Site] = weakref.WeakKeyDictionary()


def root_folder(srcdir: str | Path, config: Config) -> Path:
    """The Jekyll site folder: ``mentoring_jekyll_site`` or the source folder."""
    configured = getattr(config, "mentoring_jekyll_site", None)
    return Path(srcdir, configured) if configured else Path(srcdir)


def _load(srcdir: str | Path, config: Config, skip: tuple[Path, ...] = ()) -> Site:
    root = root_folder(srcdir, config)
    # The site conf.py read to list the pages, if it is this one (conf.py's namespace).
    site = getattr(config, "_raw_config", {}).get(SITE_CONF_KEY)
    if site is None or site.root.resolve() != root.resolve():
        site = load_site(root, skip=skip)
    _SITES[config] = site
    for file, problem in site.problems:  # _config.yml, _data/: once per build
        warn(problem.message, problem.subtype, f"{file}:{problem.line}")
    return site


def site_root(env: BuildEnvironment) -> Path:
    """The site folder of this build."""
    return root_folder(env.srcdir, env.config)


def get_site(env: BuildEnvironment) -> Site:
    """The site of this build (read at ``config-inited``)."""
    site = _SITES.get(env.config)
    if site is None:
        site = _load(env.srcdir, env.config)
    return site


#: Per build: the site folder relative to the source folder ("" when it is the source
#: folder, None when it is not inside it).
_SITE_PREFIXES: weakref.WeakKeyDictionary[Config, str | None] = weakref.WeakKeyDictionary()


def _site_prefix(env: BuildEnvironment) -> str | None:
    if env.config not in _SITE_PREFIXES:
        relative = Path(os.path.relpath(site_root(env), env.srcdir)).as_posix()
        prefix = "" if relative == "." else None if relative.startswith("..") else relative + "/"
        _SITE_PREFIXES[env.config] = prefix
    return _SITE_PREFIXES[env.config]


def site_path(env: BuildEnvironment, docname: str) -> str:
    """A document's source file relative to the site root (posix), as Jekyll names it."""
    # Asked several times for every page: no file-system path arithmetic here.
    relative = env.doc2path(docname, False).as_posix()
    prefix = _site_prefix(env)
    if prefix is None:  # the site folder lies outside the source folder
        source = env.doc2path(docname)
        outside = Path(os.path.relpath(source, site_root(env))).as_posix()
        return relative if outside.startswith("..") else outside
    return relative[len(prefix) :] if prefix and relative.startswith(prefix) else relative


def page_of(env: BuildEnvironment, docname: str) -> Page | None:
    """The site's page that document *docname* is (None: not a page of the site)."""
    return get_site(env).by_path.get(site_path(env, docname))


def docname_of(env: BuildEnvironment, page: Page) -> str | None:
    """The document a page of the site is, when it is one of this project's."""
    source = get_site(env).root / page.path
    docname = env.path2doc(str(source))
    return docname if docname in env.found_docs else None


def stub_redirects(env: BuildEnvironment) -> dict[str, list[str]]:
    """Meta-refresh stubs (and ``redirect_to:`` pages) that send readers to a page of
    the site: target document -> the stubs' URLs (under baseurl), which keep working."""
    site = get_site(env)
    found: dict[str, list[str]] = {}
    for page in site.all:
        target = site.redirect_target(page)
        docname = docname_of(env, target) if target is not None else None
        if docname is not None:
            found.setdefault(docname, []).append(site.public_url(page))
    return found


# --------------------------------------------------------------------------- events


def exclude_unbuilt(app: Sphinx, config: Config) -> None:
    """Leave out what Jekyll does not write, and stubs that redirect within the site."""
    site = _load(app.srcdir, config, skip=(Path(app.outdir), Path(app.doctreedir)))
    srcdir = Path(app.srcdir)
    left_out: list[str] = []
    for page in site.unpublished:
        relative = os.path.relpath(site.root / page.path, srcdir)
        info(f"{site.root / page.path}:1: not published ({_why(page)}), left out")
        left_out.append(Path(relative).as_posix())
    for page in site.all:
        # Documents of collections Jekyll does not write (output: false) are data for
        # Liquid, not pages; stubs that redirect within the site are redirects.
        if not page.output or site.redirect_target(page) is not None:
            left_out.append(Path(os.path.relpath(site.root / page.path, srcdir)).as_posix())
    if left_out:
        config.exclude_patterns = [*config.exclude_patterns, *left_out]


def _why(page: Page) -> str:
    return "published: false" if page.front_matter.get("published") is False else "a future date"


def _listing_pages(env: BuildEnvironment) -> set[str]:
    """Documents whose Liquid read a list of pages (``site.pages``, ``site.posts`` …)."""
    pages: set[str] | None = getattr(env, "mentoring_liquid_listings", None)
    if pages is None:
        pages = env.mentoring_liquid_listings = set()  # type: ignore[attr-defined]
    return pages


def _moved_page(text: str, url: str) -> str:
    """A stub pointing to another site: a short page with the link, no automatic refresh."""
    front, _body = split_front_matter(text)
    return f"{front}\n{_('This page has moved to')} <{url}>.\n"


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    text = source[0]
    site = get_site(env)
    page = site.by_path.get(site_path(env, docname))
    if page is not None and page.redirect is not None and site.redirect_target(page) is None:
        source[0] = text = _moved_page(text, page.redirect)
    # As in Jekyll, only pages with front matter go through Liquid: plain
    # Markdown (and MyST's own {{ substitutions }}) is left alone.
    uses_liquid = ("{{" in text or "{%" in text) and (page is not None or has_front_matter(text))
    if site.family == Family.WORKBENCH:
        uses_liquid = False  # pandoc reads the Workbench's pages: no Liquid there
    if page is not None and page.defaults:
        # Front matter read later by the parser updates this mapping: it wins.
        metadata = env.metadata[docname]
        metadata.update({k: v for k, v in page.defaults.items() if k not in metadata})
    if not uses_liquid:
        return
    # python-liquid is imported on first use: most builds and previews need none.
    from sphinx_mentoring.jekyll import liquid

    result = liquid.render_page(text, site, site_path(env, docname))
    theme_includes = _theme_includes(env)
    theme_includes.pop(docname, None)
    for problem in result.problems:
        if problem.theme_include is not None:
            theme_includes.setdefault(docname, []).append((problem.theme_include, problem.line))
        else:
            warn(problem.message, "liquid", (docname, problem.line))
    # Re-read the page when what its Liquid read changes: includes, other pages,
    # the site's configuration and data; and when pages come or go, if it lists them.
    data = site.root / site.config.data_dir
    data_files = sorted(p for p in data.rglob("*") if p.is_file()) if data.is_dir() else []
    for dependency in dict.fromkeys([*result.dependencies, site.root / "_config.yml", *data_files]):
        if dependency.is_file():
            env.note_dependency(str(dependency))
    if result.uses_listing:
        _listing_pages(env).add(docname)
    source[0] = result.text


def pages_need_no_toctree(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Jekyll has no toctrees: a page of the site that no toctree lists (a 404 page,
    a guide linked from a layout) is built without Sphinx's "not included" warning."""
    root = env.config.root_doc
    included = set().union(*env.toctree_includes.values())
    for docname in env.all_docs:
        if docname == root or docname in included:
            continue
        metadata = env.metadata.setdefault(docname, {})
        if "orphan" not in metadata and page_of(env, docname) is not None:
            metadata["orphan"] = True
    return []


def _theme_includes(env: BuildEnvironment) -> dict[str, list[tuple[str, int]]]:
    """Per document, the includes its Liquid missed that the site's theme may hold."""
    found: dict[str, list[tuple[str, int]]] | None = getattr(env, "mentoring_theme_includes", None)
    if found is None:
        found = env.mentoring_theme_includes = {}  # type: ignore[attr-defined]
    return found


def purge_listing(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _listing_pages(env).discard(docname)
    _theme_includes(env).pop(docname, None)


def merge_listing(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    _listing_pages(env).update(_listing_pages(other) & docnames)
    theirs = _theme_includes(other)
    _theme_includes(env).update({d: theirs[d] for d in docnames if d in theirs})


def warn_theme_includes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """One warning per include of the theme's the site's pages use (the theme is not
    read: the author can do nothing about it page by page), at its first use."""
    uses: dict[str, list[tuple[str, int]]] = {}
    for docname, includes in sorted(_theme_includes(env).items()):
        for name, line in includes:
            uses.setdefault(name, []).append((docname, line))
    site = get_site(env)
    theme = site.config.get("remote_theme") or site.config.get("theme")
    for name, places in sorted(uses.items()):
        pages = len({docname for docname, _line in places})
        warn(
            f"{{% include {name} %}}: no file '{name}' in _includes/ (on {pages} "
            f"page{'s' if pages > 1 else ''}); it may be the theme's ({theme}), which is "
            "not read; left out",
            "liquid",
            places[0],
        )
    return []


def reread_listing(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A page listing the site's pages is read again when pages are added or removed."""
    if not added and not removed:
        return []
    return sorted(_listing_pages(env) - removed - added - changed)


def setup(app: Sphinx) -> None:
    # After Sphinx has normalised source_suffix (priority 800).
    app.connect("config-inited", exclude_unbuilt, priority=900)
    app.connect("source-read", on_source_read)
    # After the course model has written its toctrees (priority 500).
    app.connect("env-updated", pages_need_no_toctree, priority=900)
    app.connect("env-updated", warn_theme_includes)
    app.connect("env-purge-doc", purge_listing)
    app.connect("env-merge-info", merge_listing)
    app.connect("env-get-outdated", reread_listing)
