"""EPUB: valid books with course components styled for e-readers.

The HTML visitors already write EPUB-friendly markup (open ``<details>`` boxes,
videos as links). Here:

- the EPUB theme gets a small stylesheet for objectives, callouts, module cards
  and video links, since it does not load the HTML theme's;
- links to site paths the book does not contain (a module left out of the
  course, a file of the Jekyll site such as ``img/x.png`` behind an image) and
  links to an id the page lacks (a target MyST could not resolve) keep their
  text and drop the link: epubcheck rejects links to missing resources;
- a project without ``version``, ``copyright`` or a description still gets a
  book epubcheck accepts (Sphinx writes them into ``ibooks:version``,
  ``dc:rights`` and ``dc:description``);
- :class:`MentoringEpubBuilder` names each page's file safely (Course-in-a-Box
  folders hold spaces, ``&`` and accents, which Sphinx's manifest quotes and its
  spine does not) and puts every page in the spine, in reading order (pages no
  toctree reaches follow the course's, instead of being left out of it);
- an SVG picture's ids that are no XML names (``id="bullet(57356)"``, as
  drawing programs export them) are made names in the book's copy, with the
  references to them: epubcheck rejects the SVG otherwise (RSC-005);
- :class:`EpubTranslator` marks footnotes for e-readers (``epub:type``
  ``footnote`` and ``noteref``: pop-up notes).
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder
from sphinx.writers.html5 import HTML5Translator

from sphinx_mentoring.filenames import safe_filename

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
    """Links to files the book does not hold, or to an id the page does not have
    (MyST's fallback for a target it could not resolve), keep their content and
    lose the link: epubcheck rejects both (RSC-007, RSC-012)."""
    if not app.builder.name.startswith("epub"):
        return
    ids = {node_id for node in doctree.findall(nodes.Element) for node_id in node["ids"]}
    for reference in list(doctree.findall(nodes.reference)):
        refuri = reference.get("refuri", "")
        if "refid" in reference:
            dangling = reference["refid"] not in ids
        else:
            dangling = not reference.get("internal") and is_outside_link(refuri)
        if dangling:
            reference.replace_self(reference.children or [nodes.Text(reference.astext())])


def _add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the pickled configuration equals the next build's.
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def _on_builder_inited(app: Sphinx) -> None:
    if not app.builder.name.startswith("epub"):
        return
    app.add_css_file(STYLESHEET)
    # EPUB 3 needs a version (ibooks:version), rights (dc:rights) and a
    # description (dc:description, never empty): a course or lesson that names
    # none of them (a Carpentries lesson has no description) still gets a valid
    # book, without warnings.
    config = app.config
    if not config.epub_description:
        config.epub_description = config.project
    if not config.version:
        config.version = config.release or "1.0"
    if not (config.epub_copyright or config.copyright):
        config.epub_copyright = config.epub_author or config.project


#: An id XML accepts (an NCName); others make epubcheck reject an SVG.
_XML_NAME = re.compile(r"[^\W\d][\w.-]*")
_SVG_ID = re.compile(r'\bid="([^"]*)"')


def svg_with_xml_ids(text: str) -> str:
    """``text`` (an SVG) with every id an XML name, and the references to each."""
    for old in sorted({m.group(1) for m in _SVG_ID.finditer(text)}, key=len, reverse=True):
        if _XML_NAME.fullmatch(old):
            continue
        new = re.sub(r"[^\w.-]", "-", old)
        new = new if _XML_NAME.fullmatch(new) else f"_{new}"
        for before, after in (('id="', '"'), ('"#', '"'), ("(#", ")")):
            text = text.replace(f"{before}{old}{after}", f"{before}{new}{after}")
    return text


class MentoringEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with safe file names and every page in the spine."""

    def copy_image_files(self) -> None:
        super().copy_image_files()
        for dest in self.images.values():
            path = self.outdir / self.imagedir / dest
            if path.suffix.lower() != ".svg" or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            fixed = svg_with_xml_ids(text)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")

    def _safe_names(self) -> dict[str, str]:
        names = self.__dict__.get("_mentoring_safe_names")
        if names is None:
            names, used = {}, set()
            for docname in sorted(self.env.all_docs):
                safe = safe_filename(docname)
                if safe != docname and (safe in used or safe in self.env.all_docs):
                    digest = hashlib.sha1(docname.encode(), usedforsecurity=False).hexdigest()
                    safe = f"{safe}-{digest[:8]}"
                names[docname] = safe
                used.add(safe)
            self.__dict__["_mentoring_safe_names"] = names
        return names

    def safe_name(self, pagename: str) -> str:
        return self._safe_names().get(pagename, pagename)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self.env.all_docs:
            return quote(self.safe_name(docname)) + self.link_suffix
        return super().get_target_uri(docname, typ)

    def get_output_path(self, page_name: str, /) -> Path:
        return super().get_output_path(self.safe_name(page_name))

    def get_toc(self) -> None:
        super().get_toc()
        from sphinx_mentoring.course import get_course
        from sphinx_mentoring.course.reading import reading_order

        # Pages no toctree reaches come after the others, in reading order.
        listed = {html.unescape(node["refuri"]).split("#")[0] for node in self.refnodes}
        for docname in reading_order(self.env, get_course(self.env)):
            refuri = self.safe_name(docname) + self.out_suffix
            if refuri in listed:
                continue
            title = self.env.titles.get(docname)
            text = title.astext() if title is not None else docname
            self.refnodes.append(
                {"level": 1, "refuri": html.escape(refuri), "text": html.escape(text)}
            )
            listed.add(refuri)


class EpubTranslator(HTML5Translator):
    """Footnotes e-readers recognise: ``epub:type="footnote"`` / ``"noteref"``."""

    def visit_footnote(self, node: nodes.footnote) -> None:
        super().visit_footnote(node)
        self._add_epub_type('role="doc-footnote"', "footnote")

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        super().visit_footnote_reference(node)
        self._add_epub_type('role="doc-noteref"', "noteref")

    def _add_epub_type(self, marker: str, epub_type: str) -> None:
        for index in range(len(self.body) - 1, max(len(self.body) - 4, -1), -1):
            if marker in self.body[index]:
                self.body[index] = self.body[index].replace(
                    marker, f'{marker} epub:type="{epub_type}"', 1
                )
                return


def setup(app: Sphinx) -> None:
    app.add_builder(MentoringEpubBuilder, override=True)
    app.set_translator("epub", EpubTranslator)
    app.connect("config-inited", _add_static_path)
    # Before Sphinx checks the EPUB configuration (builder-inited, priority 500).
    app.connect("builder-inited", _on_builder_inited, priority=400)
    # After references are resolved (Sphinx marks its own links ``internal``).
    app.connect("doctree-resolved", unlink_outside_references, priority=700)
