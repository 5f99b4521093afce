"""kramdown attribute lists: ``{: .class #id key="value"}``, ``{:name: ...}``, ``{:toc}``.

Follows kramdown's ``parser/kramdown/extensions.rb``:

- a *block* IAL is a line of its own. It ends the paragraph, list, quote or
  table above it (kramdown's paragraphs and lazy lines stop there), and applies
  to the block it touches: the block just above it in the same container (no
  blank line between), else the block just below. So ``> > …`` then
  ``> {: .solution}`` classes the inner quote and ``{: .challenge}`` at the left
  margin the outer one, as written;
- an ALD ``{:name: .class}`` defines attributes that an IAL names (``{: name}``);
- a *span* IAL right after a link or image sets its attributes (``target``,
  ``rel``, ``class``, ``id``, ``width`` …); after any other element it vanishes;
- ``{:toc}`` on a list makes it the page's table of contents (:mod:`.toc`),
  ``{:auto_ids}`` on a definition list gives its terms ids (:mod:`.deflists`);
- on a code block, ``.language-X`` is its language (as rouge reads it), other
  classes stay on the block, and a block with no language is plain text;
- extension tags (``{::options … /}``, ``{::comment}``) vanish.

Whatever an IAL cannot express in Sphinx is dropped: no ``{:`` reaches the output.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

_QUOTES = "\"'“”‘’″„«»"  # noqa: RUF001 (typographic quotes are the point)
#: An attribute list ``{: ...}`` or a kramdown extension tag ``{::name ...}`` / ``{:/name}``.
IAL = re.compile(r"\{:(?::[^{}]*|/[\w-]*|[^{}]*)\}")
#: A line that is one block IAL (``\\.`` first: a backslash always takes the next
#: character, so the pattern is unambiguous and linear).
_IAL_LINE = re.compile(r" {0,3}\{:(?![:/])((?:\\.|[^\\}\n])+)\}[ \t]*")
#: A line that defines an attribute list: ``{:name: attributes}``.
_ALD_LINE = re.compile(r" {0,3}\{:(\w[\w-]*):((?:\\.|[^\\}\n])+)\}[ \t]*")
_ATTRIBUTE = re.compile(
    rf"([\w:-]+)\s*=\s*[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]"  # key="value" (any quotes)
    r"|([\w:-]+)=([^\s}]+)"  # key=value
    r"|\.([\w-]+)"  # .class
    r"|#([\w-]+)"  # #id
    r"|([\w-]+)"  # a reference name (toc, or an attribute list definition)
)
#: markdown-it token types of the blocks an IAL line makes.
IAL_TOKEN = "kramdown_ial"
ALD_TOKEN = "kramdown_ald"
#: Blocks whose attributes reach the docutils node (MyST copies class and id).
_TARGETS = frozenset(
    [
        "paragraph_open",
        "heading_open",
        "blockquote_open",
        "bullet_list_open",
        "ordered_list_open",
        "table_open",
        "dl_open",
        "fence",
        "code_block",
        "math_block",
        "kramdown_toc",
        "html_block",  # the HTML element the block ends with (html.render)
    ]
)


class Attributes:
    """What one or more attribute lists say: attributes, classes, reference names."""

    def __init__(self) -> None:
        self.attributes: dict[str, str] = {}
        self.classes: list[str] = []
        self.names: list[str] = []

    def update(self, text: str) -> None:
        attributes, classes, names = parse_ial(text)
        self.attributes.update(attributes)
        self.classes += [c for c in classes if c not in self.classes]
        self.names += names


def parse_ial(text: str) -> tuple[dict[str, str], list[str], list[str]]:
    """``({attribute: value}, [classes], [reference names])`` of one IAL's text."""
    inner = text[2:-1] if text.startswith("{:") else text
    if inner.startswith((":", "/")):
        return {}, [], []  # an extension tag: nothing to apply
    attributes: dict[str, str] = {}
    classes: list[str] = []
    names: list[str] = []
    for match in _ATTRIBUTE.finditer(inner):
        key, value, bare_key, bare_value, cls, ident, name = match.groups()
        if key is not None:
            attributes[key] = value
        elif bare_key is not None:
            attributes[bare_key] = bare_value
        elif cls is not None:
            classes.append(cls)
        elif ident is not None:
            attributes["id"] = ident
        elif name is not None:
            names.append(name)
    if "class" in attributes:
        classes = attributes.pop("class").split() + classes
    return attributes, classes, names


def set_attributes(
    token: Token, found: Attributes, state: StateCore | None = None, line: int | None = None
) -> None:
    """Put classes, id and attributes on a token (an id a page already uses is reported)."""
    for key, value in found.attributes.items():
        if key == "id" and (not value or (state is not None and not _claim_id(state, value, line))):
            continue
        token.attrSet(key, value)
    if found.classes:
        existing = str(token.attrGet("class") or "").split()
        token.attrSet("class", " ".join(dict.fromkeys([*existing, *found.classes])))


def _claim_id(state: StateCore, ident: str, line: int | None) -> bool:
    """An id may name one block of a page; a second one is reported and left off."""
    seen: set[str] = state.env.setdefault("mentoring_ial_ids", set())
    if ident not in seen:
        seen.add(ident)
        return True
    document = state.md.options.get("document")
    env = getattr(getattr(document, "settings", None), "env", None)
    warn(
        f"the id {ident!r} of this attribute list is already used on the page; "
        "it is left off this block. Give each block its own id",
        "ial",
        (env.docname if env is not None else "", line),
    )
    return False


# --- block IALs and ALDs: a block rule makes the tokens, a core rule applies them -----


def is_ial_line(text: str) -> bool:
    """Is this line (container markers removed) a block IAL or an ALD?"""
    return bool(_ALD_LINE.fullmatch(text) or _IAL_LINE.fullmatch(text))


def ial_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A line that is an IAL or an ALD: a block of its own, ending the one above."""
    if state.is_code_block(start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("{:", begin):
        return False
    line = state.src[begin : state.eMarks[start]]
    ald = _ALD_LINE.fullmatch(line)
    ial = None if ald else _IAL_LINE.fullmatch(line)
    if ald is None and ial is None:
        return False
    if silent:
        return True
    token = state.push(ALD_TOKEN if ald else IAL_TOKEN, "", 0)
    token.content = line.strip()
    token.map = [start, start + 1]
    # kramdown: an IAL that follows no block (a blank line, or the start of its
    # container) waits for the next block; after a blank line, across blank lines
    at_start = start == 0 or (len(state.tokens) > 1 and state.tokens[-2].nesting == 1)
    token.meta["at_start"] = at_start
    token.meta["blank_before"] = at_start or state.isEmpty(start - 1)
    state.line = start + 1
    return True


def _opener_index(tokens: list[Token], close_index: int) -> int:
    depth = 0
    for index in range(close_index, -1, -1):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return 0


def _follows(first: Token, second: Token) -> bool:
    """Does ``second`` start on the line right after ``first``?"""
    return first.map is not None and second.map is not None and second.map[0] == first.map[1]


def _definitions(tokens: list[Token]) -> dict[str, Attributes]:
    """The page's attribute list definitions (kramdown resolves them page-wide)."""
    alds: dict[str, Attributes] = {}
    for token in tokens:
        if token.type == ALD_TOKEN:
            match = _ALD_LINE.fullmatch(token.content)
            if match:
                alds.setdefault(match.group(1), Attributes()).update("{:" + match.group(2) + "}")
    return alds


def _resolve(texts: list[str], alds: dict[str, Attributes]) -> Attributes:
    found = Attributes()
    for text in texts:
        own = Attributes()
        own.update(text)
        for name in own.names:
            definition = alds.get(name)
            if definition is not None:
                found.attributes.update(definition.attributes)
                found.classes += [c for c in definition.classes if c not in found.classes]
        found.attributes.update(own.attributes)
        found.classes += [c for c in own.classes if c not in found.classes]
        found.names += own.names
    return found


def apply_block_ials(state: StateCore) -> None:
    """Each group of IAL lines gives its attributes to the block it touches; then goes."""
    tokens = state.tokens
    if not any(t.type in (IAL_TOKEN, ALD_TOKEN) for t in tokens):
        return
    alds = _definitions(tokens)
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == ALD_TOKEN:
            index += 1
            continue
        if token.type != IAL_TOKEN:
            kept.append(token)
            index += 1
            continue
        group = [token]
        index += 1
        while (
            index < len(tokens)
            and tokens[index].type == IAL_TOKEN
            and _follows(group[-1], tokens[index])
        ):
            group.append(tokens[index])
            index += 1
        target = None
        if not group[0].meta.get("blank_before") and kept and kept[-1].nesting <= 0:
            target = kept[_opener_index(kept, len(kept) - 1)]
        elif index < len(tokens):
            following = tokens[index]
            # at the start of a container, a blank line after the IAL takes it
            if following.nesting >= 0 and (
                _follows(group[-1], following) or not group[0].meta.get("at_start")
            ):
                target = following
        if target is not None and target.type in _TARGETS:
            line = group[-1].map[1] if group[-1].map else None
            found = _resolve([t.content for t in group], alds)
            set_attributes(target, found, state, line)
            if found.names:
                target.meta.setdefault("kramdown_refs", []).extend(found.names)
    state.tokens = kept


# --- span IALs --------------------------------------------------------------------


def ial_inline_rule(state: StateInline, silent: bool) -> bool:
    """Take ``{:...}`` as one token before emphasis can see the ``_`` of ``_blank``."""
    if not state.src.startswith("{:", state.pos):
        return False
    match = IAL.match(state.src, state.pos)
    if match is None or "\n" in match.group(0):
        return False
    if not silent:
        token = state.push("kramdown_ial", "", 0)
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _matching_open(children: list[Token], close_index: int) -> Token | None:
    close = children[close_index]
    open_type = close.type.replace("_close", "_open")
    depth = 0
    for index in range(close_index - 1, -1, -1):
        child = children[index]
        if child.type == close.type:
            depth += 1
        elif child.type == open_type:
            if depth == 0:
                return child
            depth -= 1
    return None


def _is_blank(token: Token) -> bool:
    return token.type == "kramdown_ial" or (token.type == "text" and not token.content.strip())


def _apply_spans(children: list[Token]) -> list[Token]:
    """Span IALs set their link's or image's attributes; lines of IALs only go."""
    lines: list[list[Token]] = [[]]
    breaks: list[Token] = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
            breaks.append(child)
        else:
            lines[-1].append(child)
    kept_lines: list[list[Token]] = []
    for line in lines:
        if line and all(_is_blank(t) for t in line) and any(t.type == "kramdown_ial" for t in line):
            continue  # a line of IALs only: it leaves no text
        kept: list[Token] = []
        for child in line:
            if child.type != "kramdown_ial":
                kept.append(child)
                continue
            found = Attributes()
            found.update(child.content)
            previous = kept[-1] if kept else None
            if previous is not None and previous.type == "link_close":
                opener = _matching_open(kept, len(kept) - 1)
                if opener is not None:
                    set_attributes(opener, found)
            elif previous is not None and previous.type == "image":
                set_attributes(previous, found)
            # after anything else the span IAL just vanishes
        kept_lines.append(kept)
    result: list[Token] = []
    for index, line in enumerate(kept_lines):
        if index:
            result.append(breaks[0] if breaks else Token("softbreak", "br", 0))
        result.extend(line)
    return result


def apply_span_ials(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children and "{:" in token.content:
            token.children = _apply_spans(token.children)


# --- code blocks: kramdown's language -----------------------------------------------

_LANGUAGE_CLASS = re.compile(r"language-(\S+)")


def code_languages(state: StateCore) -> None:
    """``.language-X`` is the language; a code block with none is plain text (rouge)."""
    for token in state.tokens:
        if token.type not in ("fence", "code_block"):
            continue
        if token.type == "fence" and token.info.strip().startswith("{"):
            continue  # a MyST directive
        classes = str(token.attrGet("class") or "").split()
        languages = [m.group(1) for c in classes if (m := _LANGUAGE_CLASS.fullmatch(c))]
        others = [c for c in classes if not _LANGUAGE_CLASS.fullmatch(c)]
        if languages and not token.info.strip():
            token.info = languages[0]
        elif not token.info.strip():
            token.info = "text"
        if classes:
            if others:
                token.attrSet("class", " ".join(others))
            else:
                del token.attrs["class"]
