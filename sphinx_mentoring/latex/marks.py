"""Adjacent footnote marks get a separator in LaTeX: 1, 2, 3 never reads "123".

In HTML the author's ``<sup>1, 2, 3</sup>`` keeps its commas; in LaTeX each mark
is ``\\footnote``-like, so marks that follow one another (or are separated by
nothing but spaces and commas inside a superscript) are joined by
``\\sphinxmentoringfootnotesep`` from ``sphinxmentoring.sty``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

SEPARATOR = r"\sphinxmentoringfootnotesep{}"
_MARKS = (nodes.footnote_reference,)


def _is_separator_text(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Text) and not str(node).strip(" ,;\u00a0\n\t")


def _separator() -> nodes.raw:
    return nodes.raw("", SEPARATOR, format="latex")


class FootnoteMarkSeparators(SphinxPostTransform):
    """Join adjacent footnote marks with a visible separator (LaTeX only)."""

    builders = ("latex",)
    # Before Sphinx's LaTeXFootnoteTransform (600) turns references into notes.
    default_priority = 590

    def run(self, **kwargs: Any) -> None:
        for superscript in list(self.document.findall(nodes.superscript)):
            self._unwrap_marks(superscript)
        for mark in list(self.document.findall(nodes.footnote_reference)):
            self._separate(mark)

    def _unwrap_marks(self, superscript: nodes.superscript) -> None:
        """``<sup>[1], [2]</sup>``: the marks are raised already; drop the wrapper."""
        children = superscript.children
        if not any(isinstance(c, _MARKS) for c in children):
            return
        if not all(isinstance(c, _MARKS) or _is_separator_text(c) for c in children):
            return
        replacement: list[nodes.Node] = [
            c.deepcopy() if isinstance(c, _MARKS) else _separator()
            for c in children
            if isinstance(c, _MARKS) or str(c).strip()
        ]
        superscript.replace_self(replacement)

    def _separate(self, mark: nodes.footnote_reference) -> None:
        parent = mark.parent
        if parent is None:
            return
        index = parent.index(mark)
        following = parent.children[index + 1 : index + 3]
        if following and isinstance(following[0], _MARKS):
            parent.insert(index + 1, _separator())
        elif (
            len(following) == 2
            and isinstance(following[1], _MARKS)
            and isinstance(following[0], nodes.Text)
            and not str(following[0]).strip()
        ):
            parent[index + 1] = _separator()
