"""EPUB: valid books with course components styled for e-readers.

The HTML visitors already write EPUB-friendly markup (open ``<details>`` boxes,
videos as links). Here:

- the EPUB theme gets a small stylesheet for objectives, callouts, module cards
  and video links, since it does not load the HTML theme's;
- links to site paths the book does not contain (a module left out of the
  course, a file of the Jekyll site such as ``img/x.png`` behind an image) keep
  their text and drop the link: epubcheck rejects links to missing resources;
- the package document never has an empty ``ibooks:version`` or ``dc:rights``
  (Sphinx writes ``version`` and ``copyright`` there; epubcheck rejects empty ones).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).with_name("epub_static")
STYLESHEET = "mentoring-epub.css"


class MentoringEpub3Builder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with metadata epubcheck accepts for any project."""

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        if not metadata.get("version"):
            metadata["version"] = self.config.release or "1.0"
        if not metadata.get("copyright"):  # dc:rights may not be empty either
            metadata["copyright"] = html.escape(self.config.epub_author or self.config.project)
        return metadata


def is_outside_link(refuri: str) -> bool:
    """A relative link to a path (not an anchor, not a URL with a scheme)."""
    if not refuri or refuri.startswith("#"):
        return False
    parts = urlsplit(refuri)
    return not parts.scheme and not parts.netloc


def unlink_outside_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Links to files the book does not hold keep their content, lose the link."""
    if not app.builder.name.startswith("epub"):
        return
    for reference in list(doctree.findall(nodes.reference)):
        refuri = reference.get("refuri", "")
        if reference.get("internal") or "refid" in reference or not is_outside_link(refuri):
            continue
        reference.replace_self(reference.children or [nodes.Text(reference.astext())])


def _add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the pickled configuration equals the next build's.
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.name.startswith("epub"):
        app.add_css_file(STYLESHEET)


def setup(app: Sphinx) -> None:
    app.add_builder(MentoringEpub3Builder, override=True)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _on_builder_inited)
    # After references are resolved (Sphinx marks its own links ``internal``).
    app.connect("doctree-resolved", unlink_outside_references, priority=700)
