"""What sandpaper does to a Workbench lesson's pages besides reading their Markdown.

- Every page of ``episodes/``, ``learners/``, ``instructors/`` and ``profiles/``
  lands in one flat site folder, and so do those folders' ``fig/``, ``files/`` and
  ``data/``: ``fig/x.png`` on a learners page may be ``episodes/fig/x.png``.
  :class:`WorkbenchResources` points such images at the file that exists.
  A link to a page (``[x](other.md)``) is found the same way.
- A ``links.md`` at the lesson's root holds reference-style link definitions that
  sandpaper appends to every page: :func:`append_links` appends its definitions.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.carpentries.lesson import is_workbench
from sphinx_mentoring.sources import site_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The folders sandpaper flattens into one, in the order it searches them.
PAGE_FOLDERS = ("episodes", "learners", "instructors", "profiles")
LINKS_FILE = "links.md"
#: The page suffixes sandpaper renders.
SUFFIXES = (".md", ".Rmd", ".rmd")


def _is_local(uri: str) -> bool:
    return bool(uri) and "://" not in uri and not uri.startswith(("/", "data:", "mailto:", "#"))


def resolve_resource(root: Path, page_folder: str, uri: str) -> str | None:
    """The path (relative to ``root``) of the file a page's relative ``uri`` means."""
    target = posixpath.normpath(posixpath.join(page_folder, uri))
    if (root / target).is_file():
        return target
    # ../fig/x.png or fig/x.png: the flattened site resolves both against any folder
    flat = PurePosixPath(posixpath.normpath(uri).lstrip("./"))
    while flat.parts and flat.parts[0] == "..":
        flat = PurePosixPath(*flat.parts[1:])
    for folder in PAGE_FOLDERS:
        candidate = PurePosixPath(folder, flat).as_posix()
        if (root / candidate).is_file():
            return candidate
    return None


class WorkbenchResources(SphinxTransform):
    """Images of a Workbench page, and links to its pages, found where sandpaper's flat
    site would find them."""

    default_priority = 395

    def apply(self, **kwargs: Any) -> None:
        if not is_workbench(self.env):
            return
        root = site_root(self.env)
        source = Path(self.env.doc2path(self.env.docname))
        page_folder = (
            source.parent.relative_to(root).as_posix() if source.is_relative_to(root) else ""
        )
        for image in self.document.findall(nodes.image):
            uri = image.get("uri", "")
            if not _is_local(uri) or (source.parent / uri).is_file():
                continue
            found = resolve_resource(root, page_folder, uri)
            if found is not None:
                image["uri"] = posixpath.relpath(found, page_folder or ".")
        # [text](other.md): the page is in the flat site whichever folder it is in
        for xref in self.document.findall(addnodes.pending_xref):
            path, hash_, anchor = str(xref.get("reftarget", "")).partition("#")
            if (
                xref.get("reftype") != "myst"
                or xref.get("refdomain")
                or not _is_local(path)
                or not path.endswith(SUFFIXES)
                or (source.parent / path).is_file()
            ):
                continue
            found = resolve_resource(root, page_folder, path)
            if found is not None:
                xref["reftarget"] = posixpath.relpath(found, page_folder or ".") + hash_ + anchor


def append_links(app: Sphinx, docname: str, source: list[str]) -> None:
    """sandpaper appends the lesson's ``links.md`` to every page: so does the build."""
    root = site_root(app.env)
    links = root / LINKS_FILE
    if not links.is_file() or not is_workbench(app.env):
        return
    if Path(app.env.doc2path(docname)) == links:
        return
    app.env.note_dependency(str(links))
    # Its link definitions only (pandoc reads a front matter or comments in it as
    # nothing); a label the page defines itself is the page's (the first one wins).
    defined = {_label(match) for match in _DEFINITION.finditer(source[0])}
    appended = [
        line
        for line in _read(links, links.stat().st_mtime_ns).splitlines()
        if (match := _DEFINITION.match(line)) is not None and _label(match) not in defined
    ]
    source[0] = source[0].rstrip("\n") + "\n\n" + "\n".join(appended) + "\n"


#: A reference-style link definition: ``[label]: url``.
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:", re.MULTILINE)


def _label(match: re.Match[str]) -> str:
    return " ".join(match.group(1).split()).casefold()


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime: int) -> str:
    """The file's text, read once per version (not once per page)."""
    return path.read_text(encoding="utf-8-sig")


def setup(app: Sphinx) -> None:
    app.add_transform(WorkbenchResources)
    app.connect("source-read", append_links)
