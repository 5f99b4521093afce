"""Links that still work once an LMS has imported the cartridge.

Every page of the course, its images and downloads are files under
``web_resources/`` in the package. What each importer does with a link inside
such a page (read in their code: Canvas ``lib/cc/importer``, Moodle
``backup/cc``, Open edX ``cc2olx``) decides how links are written:

- ``$IMS-CC-FILEBASE$/images/x.png`` (the "filebase" style): Canvas, when it
  makes pages of the HTML files, and cc2olx (``/static/images/x.png``) resolve
  it; Moodle's CC 1.1 importer leaves it broken. The default of CC 1.3.
- ``../../images/x.png`` (the "relative" style): plain relative links, resolved
  against the page's own file. Canvas keeps HTML files as course files with
  their folders (and resolves the link when it makes pages of them), Moodle
  copies the files and rewrites the links that lead to one. Always written up to
  ``web_resources/`` and down again, so the path after the ``../`` is the
  file's whole path, the form Canvas looks up. The default of CC 1.1.

Moodle and Canvas (when it makes pages) find a link's file before they rewrite
it, the ``#place`` included, so a link to another page with an anchor would stay
broken there: such links lead to the page itself, except in relative links of
CC 1.3, which Canvas's course files follow as a browser does. A link to a page
that is not in the package (a module the course lists but does not hold, a
mistyped URL) points to the published site when its address is known, else
keeps its text without the link.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from urllib.parse import unquote

from docutils import nodes

from sphinx_mentoring.cartridge.package import FILEBASE

if TYPE_CHECKING:
    from collections.abc import Callable

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class LinkStyle:
    """How a page writes a link to a file of the package (paths under web_resources/)."""

    filebase: bool
    page_anchors: bool  # keep the #anchor of a link to another page

    def href(self, target: str, page: str) -> str:
        if self.filebase:
            return f"{FILEBASE}/{target}"
        return "../" * page.count("/") + target

    def link(self, target: str, anchor: str, page: str, *, to_page: bool) -> str:
        """The link to ``target#anchor`` written on ``page``."""
        if target == page:
            return f"#{anchor}" if anchor else self.href(target, page)
        if anchor and (self.page_anchors or not to_page):
            return f"{self.href(target, page)}#{anchor}"
        return self.href(target, page)


class Targets(Protocol):
    """What the package holds, by path under web_resources/."""

    def find(self, path: str) -> str | None:
        """The package path of the file ``path`` leads to, or None."""

    def is_page(self, path: str) -> bool: ...


@dataclass
class Rewritten:
    """What became of the links of one page."""

    inside: int = 0
    published: int = 0  # to the published site
    unlinked: int = 0  # kept as text


def is_package_link(refuri: str) -> bool:
    """A link the package may hold: no URL scheme, not protocol-relative, not ``#x``."""
    return bool(refuri) and not (refuri.startswith(("#", "//", FILEBASE)) or _SCHEME.match(refuri))


def rewrite_links(
    doctree: nodes.Node,
    page: str,
    targets: Targets,
    style: LinkStyle,
    published: Callable[[str], str | None],
) -> Rewritten:
    """Rewrite every link of ``doctree`` (the page at ``page``) for the package.

    ``published(refuri)`` is the address on the published site of a link that
    leads outside the package (None: unknown, the link keeps only its text).
    """
    result = Rewritten()
    here = posixpath.dirname(page)
    for reference in list(doctree.findall(nodes.reference)):
        refuri = str(reference.get("refuri", ""))
        if not is_package_link(refuri):
            continue
        path, _hash, anchor = refuri.partition("#")
        path = path.split("?", 1)[0]
        found = targets.find(posixpath.normpath(posixpath.join(here, unquote(path))))
        if found is not None:
            reference["refuri"] = style.link(found, anchor, page, to_page=targets.is_page(found))
            result.inside += 1
            continue
        url = published(refuri)
        if url is not None:
            reference["refuri"] = url
            result.published += 1
        else:
            reference.replace_self(nodes.inline("", "", *reference.children))
            result.unlinked += 1
    return result
