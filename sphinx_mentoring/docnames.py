"""A page whose name the build cannot use is published under another one, with a warning.

Sphinx names each page after its file (``search.md`` is ``search``) and writes
its own files beside the author's: ``search.html``, ``genindex.html``,
``py-modindex.html``, the EPUB's ``nav.xhtml``, and the ``_static/``,
``_images/``, ``_sources/``, ``_downloads/`` folders. A Jekyll site's own
``search.md`` would be written at ``search.html``, then silently replaced by
Sphinx's search page. And a file name of 251 bytes is fine for Jekyll but too
long for the files Sphinx keeps for it (``<name>.doctree``, ``<name>.md.txt``):
the build would stop.

Such a page is given another name — ``search-page``; the first 200 bytes of a
long name and a short digest of the whole — with one warning. Links to its
Jekyll URL follow it (the course model maps URLs to documents). The name is
decided where Sphinx decides it, when it finds the source files:
:class:`MentoringProject` changes only these names.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from sphinx.project import Project

from sphinx_mentoring.report import file_location, warn

if TYPE_CHECKING:
    import os

    from sphinx.application import Sphinx

#: Documents Sphinx writes itself (HTML and EPUB builders).
RESERVED_NAMES = frozenset({"search", "genindex", "py-modindex", "nav"})
#: Folders Sphinx fills in the output.
RESERVED_FOLDERS = frozenset({"_static", "_images", "_sources", "_downloads"})
#: The longest file name most file systems take (ext4, APFS, NTFS: 255 bytes).
NAME_MAX = 255
#: What a moved page's name gets.
SUFFIX = "-page"
_KEPT_BYTES = 200


def usable_name(docname: str, source_suffix: str) -> tuple[str, str] | None:
    """``(new name, why)`` for a document name the build cannot use, else None."""
    if docname in RESERVED_NAMES:
        return docname + SUFFIX, f"{docname!r} is the name of a page Sphinx writes itself"
    top, _, rest = docname.partition("/")
    if rest and top in RESERVED_FOLDERS:
        return f"{top.lstrip('_')}{SUFFIX}/{rest}", f"{top}/ is a folder Sphinx writes itself"
    path = PurePosixPath(docname)
    # Sphinx keeps <name>.doctree and _sources/<name><suffix>.txt for each page.
    longest = len(path.name.encode()) + max(len(".doctree"), len(source_suffix) + len(".txt"))
    if longest > NAME_MAX:
        kept = path.name.encode()[:_KEPT_BYTES].decode(errors="ignore")
        digest = hashlib.sha256(path.name.encode()).hexdigest()[:8]
        why = f"its file name is {len(path.name.encode())} bytes long, too long for the build"
        return str(path.with_name(f"{kept}-{digest}")), why
    return None


class MentoringProject(Project):
    """Sphinx's project, with the names the build cannot use changed."""

    def path2doc(self, filename: str | os.PathLike[str]) -> str | None:
        docname = super().path2doc(filename)
        if docname is None:
            return None
        suffix = str(filename)[len(docname) :] if str(filename).startswith(docname) else ".md"
        change = usable_name(docname, suffix)
        if change is None:
            return docname
        moved, why = change
        warned: set[str] = self.__dict__.setdefault("_mentoring_warned", set())
        if docname not in warned:  # Sphinx finds the files more than once per build
            warned.add(docname)
            warn(
                f"the page is published as {moved!r}: {why}. Rename its file to choose the name",
                "page-name",
                file_location(self.srcdir / filename, 1),
            )
        return moved


def use_project(app: Sphinx) -> None:
    """``builder-inited``: Sphinx finds the sources again for each build, with ours."""
    if type(app.project) is Project:
        app.project.__class__ = MentoringProject


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", use_project)
