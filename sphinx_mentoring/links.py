"""Links written for the Jekyll site (``/modules/basics/``, permalinks) -> Sphinx documents.

Course pages link to each other by their Jekyll URLs: absolute (``/modules/x/``,
``{{ site.baseurl }}/modules/x/`` once Liquid ran), relative to the page's own URL
(``../../mindset/`` from a post, ``modules/x/`` from the home page), with or
without trailing slash or ``#anchor``. A post-transform, run before MyST and
Sphinx resolve references, maps each such link to the document published at
that URL (the site model's URLs, :mod:`sphinx_mentoring.site.urls`). A link to a file of the
site (an image, a PDF) is copied into the HTML output. A link to nothing warns
(``mentoring.link``) with its file and line and is kept as written.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from sphinx_mentoring.course import get_course, get_domain
from sphinx_mentoring.report import warn
from sphinx_mentoring.site.urls import normalise_url
from sphinx_mentoring.sources import get_site

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Unrendered Liquid (when no Liquid engine ran): the site's baseurl.
_LIQUID_BASEURL = re.compile(r"^\{\{\s*site\.baseurl\s*\}\}")
_SOURCE_SUFFIXES = (".md", ".markdown", ".rst", ".txt")


def is_site_link(target: str) -> bool:
    """A link into the site: no URL scheme, not a same-page ``#anchor``."""
    return bool(target) and not target.startswith("#") and not _SCHEME.match(target)


def _looks_like_url(target: str) -> bool:
    """Written as a URL path (not a bare word MyST may know as a label)."""
    path = target.split("#", 1)[0]
    return "/" in path or path.endswith((".html", ".htm"))


class Resolution:
    """Where a site link leads: a document (with anchor) or a file of the site."""

    def __init__(self, docname: str | None = None, anchor: str = "", file: str | None = None):
        self.docname = docname
        self.anchor = anchor
        self.file = file


def _missing_message(env: BuildEnvironment, target: str) -> str:
    """Why a link leads nowhere, as precisely as the site allows."""
    listed = set(get_site(env).module_order)
    path = [part for part in target.split("#", 1)[0].split("/") if part and part != ".."]
    name = unquote(path[-1]) if path else ""
    if name in listed:
        return (
            f"link to {target!r}: module {name!r} is listed in _data/course.yml "
            "but has no pages in this project"
        )
    return f"link to {target!r}: no page of the course has this URL"


def resolve_site_link(env: BuildEnvironment, fromdoc: str, target: str) -> Resolution | None:
    """The document (or site file) a Jekyll link written on *fromdoc* points to."""
    course = get_course(env)
    site = get_site(env)
    target = _LIQUID_BASEURL.sub(site.baseurl, unquote(target.strip()))
    if target.startswith("//") and "." not in target[2:].split("/", 1)[0]:
        # "{{ site.baseurl }}/x" with baseurl "/" gives "//x": a path, not a host.
        target = target[1:]
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]

    # 1. a Jekyll URL, relative to the URL of the page it is written on
    facts = get_domain(env).pages.get(fromdoc)
    base = facts.url if facts else "/"
    absolute = urlsplit(urljoin("http://site" + base, path)).path if path else base
    key = normalise_url(absolute, site.baseurl)
    docname = course.urls.get(key)
    if docname is None:
        folded = key.casefold()
        docname = next((doc for url, doc in course.urls.items() if url.casefold() == folded), None)
    if docname is not None:
        return Resolution(docname, anchor)

    # 2. a source file, relative to the page's file (``other.md``, ``../x/``)
    relative = posixpath.normpath(posixpath.join(posixpath.dirname(fromdoc), path))
    for candidate in (relative, relative.rstrip("/") + "/index"):
        stem = candidate
        for suffix in (*_SOURCE_SUFFIXES, ".html"):
            stem = stem.removesuffix(suffix)
        if stem in env.all_docs:
            return Resolution(stem, anchor)

    # 3. a file of the site (image, PDF), copied into the HTML output
    site_path = key.lstrip("/")
    if site.file_at(site_path) is not None:
        return Resolution(file=site_path)
    return None


class ResolveSiteLinks(SphinxPostTransform):
    """Point Jekyll-style links at the Sphinx documents they mean."""

    default_priority = 6  # before MyST (9) and Sphinx (10) resolve references

    def run(self, **kwargs: Any) -> None:
        fromdoc = self.env.docname
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") == "myst" and not xref.get("refdomain"):
                self._resolve_xref(xref, xref.get("refdoc", fromdoc))
        for reference in list(self.document.findall(nodes.reference)):
            refuri = reference.get("refuri", "")
            if (
                reference.get("internal")
                or reference.get("mentoring_checked")
                or "refid" in reference
                or not is_site_link(refuri)
            ):
                continue
            self._resolve_reference(reference, self._docname_of(reference, fromdoc), refuri)

    def _docname_of(self, node: nodes.Node, default: str) -> str:
        source = node.source or ""
        if source:
            docname = self.env.path2doc(source)
            if docname:
                return docname
        return default

    def _location(self, node: nodes.Node, docname: str) -> Any:
        return node if node.line else (docname, None)

    def _resolve_xref(self, xref: addnodes.pending_xref, fromdoc: str) -> None:
        target = xref.get("reftarget", "")
        if not is_site_link(target) or (
            not _looks_like_url(target) and not target.startswith("{{")
        ):
            return  # a label or document name: MyST's business
        found = resolve_site_link(self.env, fromdoc, target)
        if found is None and target.split("#", 1)[0].endswith(_SOURCE_SUFFIXES):
            return  # a link to a source file: MyST resolves it or says why not
        content = xref.children[0].deepcopy() if xref.children else nodes.Text(target)
        if found is None or found.docname is None:
            reference = nodes.reference("", "", refuri=target, mentoring_checked=True)
            reference.source, reference.line = xref.source, xref.line
            reference += content
            if found is None:
                warn(
                    _missing_message(self.env, target),
                    "link",
                    self._location(xref, fromdoc),
                )
            else:
                reference["refuri"] = self._file_uri(found.file or "", fromdoc) or target
            xref.replace_self(reference)
            return
        xref.replace_self(self._refnode(fromdoc, found, content))

    def _resolve_reference(self, reference: nodes.reference, fromdoc: str, refuri: str) -> None:
        found = resolve_site_link(self.env, fromdoc, refuri)
        reference["mentoring_checked"] = True
        if found is None:
            warn(
                _missing_message(self.env, refuri),
                "link",
                self._location(reference, fromdoc),
            )
            return
        if found.docname is None:
            reference["refuri"] = self._file_uri(found.file or "", fromdoc) or refuri
            return
        new = self._refnode(fromdoc, found, nodes.Text(""))
        if isinstance(new, nodes.reference):
            reference["refuri"] = new["refuri"]
            reference["internal"] = True
        else:
            reference.replace_self(nodes.inline("", "", *reference.children))

    def _refnode(self, fromdoc: str, found: Resolution, content: nodes.Node) -> nodes.Element:
        try:
            return make_refnode(
                self.env._app.builder, fromdoc, found.docname or "", found.anchor, content
            )
        except NoUri:
            # The page is not in this output (another module's PDF): keep the text.
            return nodes.inline("", "", content)

    def _file_uri(self, site_path: str, fromdoc: str) -> str | None:
        builder = self.env._app.builder
        if builder.format != "html":
            return None
        if not getattr(builder, "packages_site_files", False):
            # Copied into the output at the end (a builder that packages files does it itself).
            files: set[str] = builder.__dict__.setdefault("_mentoring_site_files", set())
            files.add(site_path)
        return relative_uri(builder.get_target_uri(fromdoc), site_path)


def copy_site_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy the site files that pages link to (``build-finished``, HTML builders)."""
    if exception is not None:
        return
    site = get_site(app.env)
    for site_path in sorted(app.builder.__dict__.get("_mentoring_site_files", ())):
        source, target = site.file_at(site_path), Path(app.outdir, site_path)
        if source is not None and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def setup(app: Sphinx) -> None:
    app.add_post_transform(ResolveSiteLinks)
    app.connect("build-finished", copy_site_files)
