"""kramdown inline attribute lists (``{:target="_blank"}``, ``{: .class}``, ``{:toc}``).

A markdown-it core rule, run after inline parsing:

- a *span* IAL right after a link or image sets its attributes (``target``,
  ``rel``, ``class``, ``id``, ``width`` ...) on that token, which MyST copies to
  the docutils node, so the HTML writer emits them; after any other element it
  just vanishes;
- a *block* IAL on its own line adds its class/id to the block it touches (the
  block above it, or else the block right below);
- ``* TOC`` followed by ``{:toc}`` becomes a local table of contents (the
  ``contents`` directive);
- kramdown extension tags (``{::options ... /}``, ``{::comment}``) vanish.

Whatever an IAL cannot express in Sphinx is dropped: no ``{:`` ever reaches the output.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

_QUOTES = "\"'“”‘’″„«»"  # noqa: RUF001 (typographic quotes are the point)
#: An attribute list ``{: ...}`` or a kramdown extension tag ``{::name ...}`` / ``{:/name}``.
IAL = re.compile(r"\{:(?::[^{}]*|/[\w-]*|[^{}]*)\}")
_ATTRIBUTE = re.compile(
    rf"([\w:-]+)\s*=\s*[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]"  # key="value" (any quotes)
    r"|([\w:-]+)=([^\s}]+)"  # key=value
    r"|\.([\w-]+)"  # .class
    r"|#([\w-]+)"  # #id
    r"|([\w-]+)"  # a reference name (toc, or an attribute list definition)
)


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


def _apply(
    token: Token, ial_texts: list[str], state: StateCore | None = None, line: int | None = None
) -> list[str]:
    """Set the attributes of IALs on a token; return the reference names (``toc``)."""
    names: list[str] = []
    for text in ial_texts:
        attributes, classes, refs = parse_ial(text)
        names += refs
        for key, value in attributes.items():
            if key == "id" and not value:
                continue
            if key == "id" and state is not None and not _claim_id(state, value, line):
                continue
            token.attrSet(key, value)
        if classes:
            existing = str(token.attrGet("class") or "").split()
            token.attrSet("class", " ".join(dict.fromkeys([*existing, *classes])))
    return names


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


def _is_blank(token: Token) -> bool:
    return token.type == "kramdown_ial" or (token.type == "text" and not token.content.strip())


def _process_spans(children: list[Token]) -> tuple[list[Token], list[str], bool]:
    """Apply span IALs inside one inline token.

    Returns the kept children, the IALs that stand on a line of their own (block
    IALs: first or last line of the paragraph), and whether nothing else is left.
    """
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    block: list[str] = []
    kept_lines: list[list[Token]] = []
    for number, line in enumerate(lines):
        if line and all(_is_blank(t) for t in line) and any(t.type == "kramdown_ial" for t in line):
            if number in (0, len(lines) - 1):
                block += [t.content for t in line if t.type == "kramdown_ial"]
            continue  # a line of IALs only: it leaves no text
        kept: list[Token] = []
        for child in line:
            if child.type != "kramdown_ial":
                kept.append(child)
                continue
            previous = kept[-1] if kept else None
            if previous is not None and previous.type == "link_close":
                opener = _matching_open(kept, len(kept) - 1)
                if opener is not None:
                    _apply(opener, [child.content])
            elif previous is not None and previous.type == "image":
                _apply(previous, [child.content])
            # after anything else the span IAL just vanishes
        kept_lines.append(kept)
    result: list[Token] = []
    breaks = [c for c in children if c.type in ("softbreak", "hardbreak")]
    for index, line in enumerate(kept_lines):
        if index:
            result.append(breaks[0] if breaks else Token("softbreak", "br", 0))
        result.extend(line)
    empty = not any(not _is_blank(t) for line in kept_lines for t in line)
    return result, block, empty


def _close_index(tokens: list[Token], open_index: int) -> int:
    """Index of the token closing ``tokens[open_index]`` (itself when not a container)."""
    opener = tokens[open_index]
    if opener.nesting != 1:
        return open_index
    depth = 0
    for index in range(open_index, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _open_index(tokens: list[Token], close_index: int) -> int:
    closer = tokens[close_index]
    if closer.nesting != -1:
        return close_index
    depth = 0
    for index in range(close_index, -1, -1):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return 0


def _toc_token(list_open: Token) -> Token:
    token = Token("fence", "code", 0)
    token.info = "{contents}"
    token.content = ":local:\n:backlinks: none\n:class: mentoring-toc\n"
    token.markup = "```"
    token.block = True
    token.map = list_open.map
    token.level = list_open.level
    return token


def _claim_id(state: StateCore, ident: str, line: int | None) -> bool:
    """An id may name one block of a page; a second one is reported and left off."""
    seen: set[str] = state.env.setdefault("mentoring_ial_ids", set())
    if ident not in seen:
        seen.add(ident)
        return True
    document = state.md.options.get("document")
    docname = getattr(getattr(document, "settings", None), "env", None)
    warn(
        f"the id {ident!r} of this attribute list is already used on the page; "
        "it is left off this block. Give each block its own id",
        "ial",
        (docname.docname if docname is not None else "", line),
    )
    return False


def ial_rule(state: StateCore) -> None:
    tokens = state.tokens
    if not any(t.type == "inline" and "{:" in t.content for t in tokens):
        return
    removed: set[int] = set()
    replacements: dict[int, tuple[int, Token]] = {}  # open index -> (close index, new token)
    for index, token in enumerate(tokens):
        if token.type != "inline" or "{:" not in token.content or not token.children:
            continue
        children, trailing, standalone = _process_spans(token.children)
        token.children = children
        opener_index = index - 1 if index and tokens[index - 1].nesting == 1 else None
        if not trailing and not standalone:
            continue
        names = [n for text in trailing for n in parse_ial(text)[2]]
        if "toc" in names:
            # ``* TOC`` + ``{:toc}``: the list that holds it becomes the table of contents.
            for list_index in range(index - 1, -1, -1):
                if tokens[list_index].type in ("bullet_list_open", "ordered_list_open"):
                    close = _close_index(tokens, list_index)
                    if close > index:
                        replacements[list_index] = (close, _toc_token(tokens[list_index]))
                        break
            continue
        # The IAL is the last line of its block (0-based end == 1-based last line).
        line = token.map[1] if token.map else None
        if not standalone and opener_index is not None:
            _apply(tokens[opener_index], trailing, state, line)
            continue
        # An IAL paragraph of its own: it applies to the block it touches.
        if opener_index is None or tokens[opener_index].type != "paragraph_open":
            continue
        para_open, para_close = opener_index, index + 1
        removed.update({para_open, index, para_close})
        target = _neighbour_block(tokens, para_open, para_close)
        if target is not None and trailing:
            _apply(target, trailing, state, line)
    if not removed and not replacements:
        return
    result: list[Token] = []
    skip_until = -1
    for index, token in enumerate(tokens):
        if index <= skip_until:
            continue
        if index in replacements:
            skip_until, new = replacements[index]
            result.append(new)
            continue
        if index not in removed:
            result.append(token)
    state.tokens = result


def _neighbour_block(tokens: list[Token], para_open: int, para_close: int) -> Token | None:
    """The block right above the IAL line (no blank line between), else right below."""
    para_map = tokens[para_open].map
    line = para_map[0] if para_map else None
    level = tokens[para_open].level
    if para_open > 0:
        before = tokens[para_open - 1]
        opener = tokens[_open_index(tokens, para_open - 1)]
        if before.level == level and opener.map and line is not None and opener.map[1] == line:
            return opener if opener.type != "html_block" else None
    if para_close + 1 < len(tokens):
        after = tokens[para_close + 1]
        end = para_map[1] if para_map else None
        if after.level == level and after.nesting >= 0 and after.map and after.map[0] == end:
            return after if after.type != "html_block" else None
    return None


def ial_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: apply and remove kramdown IALs."""
    md.inline.ruler.after("text", "kramdown_ial", ial_inline_rule)
    md.core.ruler.push("kramdown_ial", ial_rule)
