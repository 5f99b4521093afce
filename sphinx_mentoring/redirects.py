"""Old Jekyll URLs keep working: a small redirect page at each old URL of a page.

Pages are written at their Jekyll URLs (:mod:`sphinx_mentoring.permalinks`), so
most old URLs answer with the page itself. After an HTML build, for every old
URL of a page (its Jekyll URL, ``permalink:`` or the site's ``permalink`` style
under ``baseurl``, and any ``redirect_from:`` entries of the jekyll-redirect-from
plugin) that is not where the page was written, a tiny HTML page is written
there that sends readers (and search engines, via ``rel=canonical``) to the
page. Redirect files live at the decoded path (``/modules/a%20b/`` is the folder
``modules/a b/``, which is what a web server serves for that URL) and never
replace a page or Sphinx's own output (``search.html``, ``_static/``...). It runs
once, in the main process, at ``build-finished``: safe with parallel builds.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_mentoring.course import get_domain
from sphinx_mentoring.i18n import _
from sphinx_mentoring.permalinks import is_reserved
from sphinx_mentoring.report import warn
from sphinx_mentoring.sources import get_site, site_root, stub_redirects

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_mentoring.site import Site

#: Builders whose output is a tree of pages at URLs (not one page, not an e-book).
REDIRECT_BUILDERS = ("html", "dirhtml")


def redirect_file(url: str, baseurl: str) -> str:
    """The output file (relative, posix, decoded) that serves a Jekyll URL under
    ``baseurl``: ``/a%20b/c/`` -> ``a b/c/index.html``."""
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if baseurl and (path == baseurl or path.startswith(baseurl + "/")):
        path = path[len(baseurl) :]
    path = posixpath.normpath("/" + path.lstrip("/")).lstrip("/") + (
        "/" if path.endswith("/") else ""
    )
    if path.strip("/") in ("", "."):
        return "index.html"
    if path.endswith("/"):
        return path + "index.html"
    if path.endswith((".html", ".htm")):
        return path
    return path + "/index.html"


def redirect_page(target: str, title: str, language: str) -> str:
    """A redirect page that works without JavaScript and tells search engines."""
    href = html.escape(quote(target, safe="/:@!$&'()*+,;=~-._"), quote=True)
    moved = html.escape(str(_("This page has moved to")))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(language, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="canonical" href="{href}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>{moved} <a href="{href}">{html.escape(title)}</a>.</p>\n</body>\n</html>\n'
    )


#: In the output folder: the digest of the redirect pages written last.
STAMP = ".mentoring-redirects"


def _enabled(app: Sphinx) -> bool:
    setting = app.config.mentoring_redirects
    if setting is None:
        return (site_root(app.env) / "_config.yml").is_file()
    return bool(setting)


def _old_urls(url: str, metadata: dict[str, Any], site: Site) -> list[str]:
    """The page's Jekyll URL (noted when the page was read) and its redirect_from."""
    urls = [url]
    extra = metadata.get("redirect_from")
    if isinstance(extra, str):
        extra = [extra]
    if isinstance(extra, list):
        urls += [site.baseurl + "/" + str(u).lstrip("/") for u in extra if str(u).strip()]
    return urls


def _blocker(outdir: Path, file: str) -> str | None:
    """What of the build's output stands where a redirect page cannot go, if anything.

    A file may stand where the redirect needs a folder (``/index.html/old/``), or a
    folder where it needs a file: writing there would stop the build.
    """
    destination = outdir / file
    for parent in destination.parents:
        if parent == outdir:
            break
        if parent.exists() and not parent.is_dir():
            return parent.relative_to(outdir).as_posix()
    return file if destination.is_dir() else None


def redirect_plan(app: Sphinx, builder: StandaloneHTMLBuilder) -> dict[str, str]:
    """Redirect file (relative to the output folder) -> its HTML, for every old URL."""
    env = app.env
    site = get_site(env)
    facts = get_domain(env).pages
    outdir = Path(builder.outdir)
    pages = {
        Path(builder.get_outfilename(docname)).relative_to(outdir).as_posix()
        for docname in env.found_docs
    }
    claimed: dict[str, str] = {}
    plan: dict[str, str] = {}
    language = app.config.language or "en"
    stubs = stub_redirects(env)  # meta-refresh stubs: their URL leads to their target
    for docname in sorted(env.found_docs):
        if docname not in facts:
            continue
        metadata = env.metadata.get(docname, {})
        for url in [*_old_urls(facts[docname].url, metadata, site), *stubs.get(docname, ())]:
            file = redirect_file(url, site.baseurl)
            if file in pages:
                continue  # the page itself (or another page) lives at that URL
            if is_reserved(file):
                warn(
                    f"old URL {url} is Sphinx's own output ({file}); no redirect page is "
                    "written there. Give the page another 'permalink:'",
                    "redirect",
                    (docname, 1),
                )
                continue
            blocker = _blocker(outdir, file)
            if blocker is not None:
                warn(
                    f"old URL {url} is not redirected: {blocker} is there already, "
                    "written by the build itself; a redirect never replaces it",
                    "redirect",
                    (docname, 1),
                )
                continue
            if file in claimed and claimed[file] != docname:
                warn(
                    f"old URL {url} belongs to two pages ({claimed[file]} and {docname}); "
                    f"it redirects to {claimed[file]}. Give one a 'permalink:' to tell them apart",
                    "redirect",
                    (docname, 1),
                )
                continue
            claimed[file] = docname
            target = unquote(builder.get_target_uri(docname))
            relative = posixpath.relpath(target or "index.html", posixpath.dirname(file) or ".")
            if target.endswith("/") and not relative.endswith("/"):
                relative += "/"
            title_node = env.titles.get(docname)
            title = title_node.astext() if title_node is not None else docname
            plan[file] = redirect_page(relative, title, language)
    return plan


def _plan_key(app: Sphinx, builder: StandaloneHTMLBuilder) -> str:
    """A digest of everything the redirect pages depend on, cheaper than the pages."""
    env = app.env
    facts = get_domain(env).pages
    parts = [
        builder.name,
        builder.out_suffix,
        builder.link_suffix,
        app.config.language or "en",
        get_site(env).baseurl,
        repr(getattr(builder, "_mentoring_permalinks", None) is not None),
    ]
    stubs = stub_redirects(env)
    for docname in sorted(env.found_docs):
        parts.append(docname)  # every page: one may now live at an old URL
        parts += stubs.get(docname, ())
        if docname in facts:
            title = env.titles.get(docname)
            redirect_from = env.metadata.get(docname, {}).get("redirect_from")
            parts += [facts[docname].url, repr(redirect_from), title and title.astext()]
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


def write_redirects(app: Sphinx, exception: BaseException | None) -> None:
    builder = app.builder
    if exception is not None or builder.name not in REDIRECT_BUILDERS:
        return
    if not isinstance(builder, StandaloneHTMLBuilder) or not _enabled(app):
        return
    outdir = Path(builder.outdir)
    # A stamp of what the pages written last depended on: a rebuild that changes
    # no old URL or title (most edits during a preview) neither plans them again
    # nor touches a thousand files.
    digest = _plan_key(app, builder)
    stamp = outdir / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        return
    for file, content in redirect_plan(app, builder).items():
        destination = outdir / file
        if destination.is_file() and destination.read_text(encoding="utf-8") == content:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8")
    stamp.write_text(digest, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_redirects)
