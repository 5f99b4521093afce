"""The ``sphinx_mentoring`` HTML theme (also the ``sphinx.html_themes`` entry point)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "sphinx_mentoring"


def setup(app: Sphinx) -> None:
    app.add_html_theme("sphinx_mentoring", str(THEME_DIR))
