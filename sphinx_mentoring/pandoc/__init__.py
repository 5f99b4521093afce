"""pandoc Markdown, the dialect of Carpentries Workbench lessons, where MyST differs.

A page of a Workbench lesson is read as pandoc Markdown (as sandpaper reads it):

- :mod:`.divs`: fenced divs (``::: challenge`` … ``:::``), nested as pandoc nests
  them: a closing fence closes the innermost open div, whatever its colon count
  (on every page: MyST's own colon fences are the same idea, nested less well);
- :mod:`.attributes`: ``{alt='…'}`` after images and links, implicit figures;
- :mod:`.math`: ``$…$`` math, except where the ``$`` are MARC subfields;
- :mod:`.knitr`: R Markdown chunks (``.Rmd`` episodes) as code, not run;
- :mod:`.code`: ```` ```output ```` and the like: a class, not a language;
- MyST's ``attrs_inline`` (bracketed spans ``[term]{#id}``) and ``deflist``
  (definition lists) extensions, switched on for these pages only.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from sphinx_mentoring.carpentries.lesson import is_workbench

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: MyST extensions that read pandoc's syntax of the same features.
PANDOC_EXTENSIONS = frozenset({"attrs_inline", "deflist", "dollarmath"})


def is_pandoc_page(env: BuildEnvironment) -> bool:
    """Is the page being read written in pandoc Markdown (a Workbench lesson)?"""
    return is_workbench(env)


def pandoc_config(config: MdParserConfig) -> MdParserConfig:
    """MyST's configuration, reading what pandoc's Markdown has and CommonMark has not."""
    return dataclasses.replace(
        config,
        enable_extensions=set(config.enable_extensions) | PANDOC_EXTENSIONS,
        # pandoc's tex_math_dollars: no space inside the dollars, no digit after
        dmath_allow_space=False,
        dmath_allow_digits=False,
        dmath_allow_labels=False,
        # pandoc's auto_identifiers: every heading has an id, links may name it
        heading_anchors=6,
    )


def setup(app: Sphinx) -> None:
    from sphinx_mentoring.pandoc import attributes

    attributes.setup(app)
