"""pandoc attributes on images and links, and pandoc's implicit figures.

``![Caption](fig/x.png){alt='What the screenshot shows' width="50%"}``: pandoc reads
the braces as the image's attributes, single or double quotes alike (the
Workbench's own tools write ``alt='…'``), and an image alone in its paragraph is
a figure whose caption is the bracketed text. MyST's ``attrs_inline`` knows
double quotes only and never makes figures, so:

- :func:`attributes_rule` sets the attributes on the image or link token;
- :func:`render_image` gives the image the ``alt`` of its attributes and keeps
  the bracketed text as its caption;
- :class:`ImplicitFigures` makes a lone captioned image a figure (pandoc pages only).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer as MentoringRenderer
    from sphinx.application import Sphinx

_BRACES = re.compile(r"\{([^{}\n]*)\}")
_ATTRIBUTE = re.compile(
    r"""\s*(?:#([\w:.-]+)"""  # #id
    r"""|\.([\w-]+)"""  # .class
    r"""|([\w:-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+)))"""  # key="v", key='v', key=v
)
#: Marks a pandoc page's document, so the figures transform knows the dialect.
PANDOC_DOCUMENT = "mentoring_pandoc"
_CAPTION = "mentoring_caption"


def parse_attributes(text: str) -> tuple[str, list[str], dict[str, str]] | None:
    """``(id, classes, other attributes)`` of pandoc attributes, or None if ``text`` is not."""
    ident, classes, attributes = "", [], {}
    position = 0
    text = text.strip()
    while position < len(text):
        match = _ATTRIBUTE.match(text, position)
        if match is None:
            return None
        name, cls, key = match.group(1), match.group(2), match.group(3)
        if name is not None:
            ident = name
        elif cls is not None:
            classes.append(cls)
        else:
            value = next((v for v in match.group(4, 5, 6) if v is not None), "")
            if key == "class":
                classes.extend(value.split())
            else:
                attributes[key] = value
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    if not (ident or classes or attributes):
        return None
    return ident, classes, attributes


def _opening(tokens: list[Token]) -> Token | None:
    """The image, or the ``link_open`` of the link just closed, at the end of ``tokens``."""
    last = tokens[-1]
    if last.type == "image":
        return last
    if last.type != "link_close":
        return None
    depth = 0
    for token in reversed(tokens):
        if token.type == "link_close":
            depth += 1
        elif token.type == "link_open":
            depth -= 1
            if depth == 0:
                return token
    return None


def attributes_rule(state: StateInline, silent: bool) -> bool:
    """``{…}`` right after an image or a link: its pandoc attributes."""
    if state.pending or not state.tokens or state.src[state.pos] != "{":
        return False
    target = _opening(state.tokens)
    match = _BRACES.match(state.src, state.pos)
    if target is None or match is None:
        return False
    parsed = parse_attributes(match.group(1))
    if parsed is None:
        return False
    ident, classes, attributes = parsed
    if not silent:
        if ident:
            target.attrSet("id", ident)
        for key, value in attributes.items():
            target.attrSet(key, value)
        if classes:
            existing = str(target.attrGet("class") or "").split()
            target.attrSet("class", " ".join(dict.fromkeys([*existing, *classes])))
    state.pos = match.end()
    return True


def attributes_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: pandoc attributes after images and links."""
    names = [rule.name for rule in md.inline.ruler.__rules__]
    if "attr" in names:  # MyST's attrs_inline: ours first, it knows fewer quotes
        md.inline.ruler.before("attr", "pandoc_attributes", attributes_rule)
    else:
        md.inline.ruler.push("pandoc_attributes", attributes_rule)


def render_image(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    """After MyST's image: the ``alt`` attribute wins, the bracketed text is the caption."""
    image = renderer.current_node.children[-1] if renderer.current_node.children else None
    if not isinstance(image, nodes.image):
        return
    text = image.get("alt", "")
    alt = token.attrGet("alt")
    if alt is not None:
        image["alt"] = str(alt)
    if text:
        image[_CAPTION] = text


class ImplicitFigures(SphinxTransform):
    """pandoc's implicit figures: an image alone in its paragraph, captioned by its text."""

    default_priority = 390

    def apply(self, **kwargs: Any) -> None:
        if not self.document.get(PANDOC_DOCUMENT):
            return
        for image in list(self.document.findall(nodes.image)):
            caption = image.get(_CAPTION, "")
            paragraph = image.parent
            if not caption or not isinstance(paragraph, nodes.paragraph):
                continue
            content = [
                child
                for child in paragraph.children
                if not (isinstance(child, nodes.Text) and not child.strip())
            ]
            if content != [image]:
                continue  # pandoc: only an image alone in its paragraph is a figure
            figure = nodes.figure("", classes=["mentoring-figure"])
            figure.source, figure.line = paragraph.source, paragraph.line
            paragraph.remove(image)
            figure += image
            figure += nodes.caption(caption, caption)
            paragraph.parent.replace(paragraph, figure)
            self.document.set_id(figure)  # Sphinx numbers figures by their id


def setup(app: Sphinx) -> None:
    app.add_transform(ImplicitFigures)
