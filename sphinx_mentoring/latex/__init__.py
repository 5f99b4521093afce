"""LaTeX / PDF: the sphinxmentoring.sty package, per-module documents, unicode fallbacks.

- ``sphinxmentoring.sty`` (beside this file) defines the look of every course
  component; it is added to the preamble and copied next to the ``.tex`` files.
  Its reader-facing names ("Video", "Scan to watch") are set from the message
  catalogs in the preamble.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PACKAGE = "sphinxmentoring"
STY_FILE = Path(__file__).with_name(f"{PACKAGE}.sty")


def latex_escape(text: str) -> str:
    """Escape plain text for a LaTeX argument (the writer's own escaping rules)."""
    from sphinx.util.texescape import escape

    return escape(text)


def translated_names_preamble() -> str:
    """The package's fixed strings in the language of the build."""
    names = {
        "sphinxmentoringvideoname": _("Video"),
        "sphinxmentoringscanname": _("Scan to watch"),
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
    preamble = app.config.latex_elements.get("preamble", "")
    app.builder.context["preamble"] = translated_names_preamble() + preamble


def setup(app: Sphinx) -> None:
    app.add_latex_package(PACKAGE)
    app.connect("builder-inited", _on_builder_inited)
