"""LaTeX / PDF: the mentoring.sty package, per-module documents, unicode fallbacks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    pass
