"""Link and image destinations with spaces: ``[mail](mailto:a@b.c?subject=Two Words)``.

kramdown (``parser/kramdown/link.rb``) takes everything up to the matching
``)`` as the destination, unless white space is followed by a quote (a title);
CommonMark stops at the first space and prints the whole link as text. This
replaces markdown-it's ``parseLinkDestination`` for inline links, on this
parser only: a destination that CommonMark reads is read the same way.
A local image's path is then decoded back to the file name.

A label defined twice (``[x]: /a`` … ``[x]: /b``, often an included ``links.md``
repeating a page's own) takes its last definition, silently, as kramdown does
(``@link_defs[id] = …``; Jekyll does not show kramdown's warnings); markdown-it
keeps the first and MyST warns.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from markdown_it import helpers
from markdown_it.common.utils import unescapeAll

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def _kramdown_destination(string: str, pos: int, maximum: int) -> Any:
    result = helpers.parseLinkDestination(string, pos, maximum)
    # only inside ``( … )`` of an inline link, and only where CommonMark stopped at a space
    opening = pos - 1
    while opening >= 0 and string[opening] in " \t\n":
        opening -= 1
    if opening < 0 or string[opening] != "(" or string.startswith("<", pos):
        return result
    end = result.pos if result.ok else pos
    if end >= maximum or string[end] not in " \t":
        return result
    depth = 1
    index = pos
    while index < maximum:
        char = string[index]
        if char == "\n":
            return result
        if char in " \t" and string[index + 1 : index + 2] in ('"', "'"):
            break
        if char == "\\" and index + 1 < maximum:
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                break
        index += 1
    else:
        return result
    destination = string[pos:index].strip()
    if not destination:
        return result
    result.ok = True
    result.str = unescapeAll(destination)
    result.pos = pos + len(string[pos:index].rstrip())
    return result


def links_plugin(md: MarkdownIt) -> None:
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkDestination=_kramdown_destination,
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkTitle=helpers.parseLinkTitle,
    )


def local_image_paths(state: StateCore) -> None:
    """An image in the site is a file name: ``img/a%20b.png`` is ``img/a b.png``.

    markdown-it percent-encodes a destination (spaces, accents) for the web; the
    browser decodes it again before asking Jekyll's server for the file.
    """
    for token in state.tokens:
        for child in token.children or ():
            if child.type != "image":
                continue
            src = str(child.attrGet("src") or "")
            if "%" in src and not _SCHEME.match(src):
                child.attrSet("src", unquote(src))


def last_definition_wins(state: StateCore) -> None:
    """Between block and inline parsing: a label's last definition is the one used."""
    references = state.env.get("references", {})
    for duplicate in state.env.pop("duplicate_refs", []):
        references[duplicate["label"]] = {key: duplicate[key] for key in ("title", "href", "map")}
