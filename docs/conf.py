"""The documentation of sphinx-mentoring, built with sphinx-mentoring itself."""

from __future__ import annotations

import os

from sphinx_mentoring import __version__

project = "sphinx-mentoring"
# The one place the version is written is sphinx_mentoring/__init__.py.
version = release = __version__
author = "sphinx-mentoring developers"
copyright = "2026, sphinx-mentoring developers"

extensions = ["sphinx_mentoring"]
html_theme = "sphinx_mentoring"
html_title = "sphinx-mentoring"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

exclude_patterns = ["_build"]
myst_heading_anchors = 3

latex_documents = [
    ("index", "sphinx-mentoring.tex", "sphinx-mentoring", author, "manual"),
]
