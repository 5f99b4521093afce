"""EPUB: valid books with course components styled for e-readers.

The HTML visitors already write EPUB-friendly markup (open ``<details>`` boxes,
videos as links). Here:

- the EPUB theme gets a small stylesheet for objectives, callouts, module cards
  and video links, since it does not load the HTML theme's;
- links to site paths the book does not contain (a module left out of the
  course, a file of the Jekyll site such as ``img/x.png`` behind an image) keep
  their text and drop the link: epubcheck rejects links to missing resources;
- a project without ``version`` or ``copyright`` still gets a book epubcheck
  accepts (Sphinx writes them into ``ibooks:version`` and ``dc:rights``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).with_name("epub_static")
STYLESHEET = "mentoring-epub.css"


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
    if not app.builder.name.startswith("epub"):
        return
    app.add_css_file(STYLESHEET)
    # EPUB 3 needs a version (ibooks:version) and rights (dc:rights): a course
    # whose conf.py names neither still gets a valid book, without warnings.
    config = app.config
    if not config.version:
        config.version = config.release or "1.0"
    if not (config.epub_copyright or config.copyright):
        config.epub_copyright = config.epub_author or config.project


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_static_path)
    # Before Sphinx checks the EPUB configuration (builder-inited, priority 500).
    app.connect("builder-inited", _on_builder_inited, priority=400)
    # After references are resolved (Sphinx marks its own links ``internal``).
    app.connect("doctree-resolved", unlink_outside_references, priority=700)
