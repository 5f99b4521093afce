"""LaTeX / PDF: the sphinxmentoring.sty package, per-module documents, unicode fallbacks.

- ``sphinxmentoring.sty`` (beside this file) defines the look of every course
  component; it is added to the preamble and copied next to the ``.tex`` files.
  Its reader-facing names ("Video", "Scan to watch") are set from the message
  catalogs in the preamble.
- :mod:`.documents`: ``mentoring_pdf`` -- the course, one PDF per module, or both.
- :mod:`.unicode`: characters the engine cannot typeset: mapped, printed in a
  fallback font, or named.
- :mod:`.marks`: adjacent footnote marks are separated.
- :mod:`.numbering`: authors' numbered titles are not numbered again.
- :mod:`.qrcode`: a QR code of each video link.
- :mod:`.links`: relative links a PDF cannot follow: the published page, or text.
- :mod:`.fit`: tables get column widths from their content; wide inline
  pictures start a line.
- :mod:`.sources`: source page and line comments in the ``.tex``;
  :mod:`.compile`: each PDF compiled on its own, failures summarised.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file
from sphinx.util.texescape import escape

from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

PACKAGE = "sphinxmentoring"
STY_FILE = Path(__file__).with_name(f"{PACKAGE}.sty")


def latex_escape(text: str) -> str:
    """Escape plain text for a LaTeX argument (the writer's own escaping rules)."""
    return escape(text)


def translated_names_preamble() -> str:
    """The package's fixed strings in the language of the build."""
    names = {
        "sphinxmentoringvideoname": _("Video"),
        "sphinxmentoringscanname": _("Scan to watch"),
        "sphinxmentoringobjectivesname": _("Learning objectives"),
        "sphinxmentoringsectionsname": _("In this module"),
        "sphinxmentoringonlinename": _("This module online"),
        "sphinxmentoringlicensename": _("Licence"),
        "sphinxmentoringeditionname": _("Edition"),
    }
    return "".join(
        rf"\renewcommand{{\{macro}}}{{{latex_escape(str(text))}}}" + "\n"
        for macro, text in names.items()
    )


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    # Copied once, by the main process, before any .tex is written.
    copy_asset_file(STY_FILE, app.builder.outdir, force=True)
    from sphinx_mentoring.latex.unicode import fallback_fonts_preamble
    from sphinx_mentoring.palette import latex_colours

    preamble = app.config.latex_elements.get("preamble", "")
    fonts = fallback_fonts_preamble(app.config)
    # The author's preamble comes last: it may redefine a colour or a name.
    app.builder.context["preamble"] = (  # type: ignore[attr-defined]
        translated_names_preamble() + latex_colours() + fonts + preamble
    )


def setup(app: Sphinx) -> None:
    from sphinx_mentoring.latex import documents, marks

    app.add_latex_package(PACKAGE)
    app.add_latex_package("xurl", after_hyperref=True)  # long URLs break anywhere
    documents.setup_builder(app)
    app.add_post_transform(marks.FootnoteMarkSeparators)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("build-finished", _report_unicode)
    # After the course model has made modules chapters (doctree-resolved, 500).
    app.connect("doctree-resolved", _finish_latex_document, priority=600)


def _report_unicode(app: Sphinx, exception: BaseException | None) -> None:
    if app.builder.format == "latex":
        from sphinx_mentoring.latex.unicode import report_unicode

        report_unicode(app, exception)


def _finish_latex_document(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Last touches on an assembled LaTeX document, in this order."""
    if app.builder.format != "latex":
        return
    from sphinx_mentoring.latex import (
        book,
        fit,
        links,
        numbering,
        qrcode,
        sources,
        structure,
        unicode,
    )

    if not doctree.get(book.BOOK):  # the book is assembled with its structure
        structure.merge_repeated_titles(app, doctree)
    numbering.apply_author_numbering(app, doctree)
    unicode.apply_unicode_fallback(app, doctree)
    qrcode.add_qr_codes(app, doctree)
    fit.fit(app, doctree)
    links.resolve_outside_links(app, doctree)
    sources.mark_sources(doctree, app.srcdir)  # last: nothing moves blocks after it
