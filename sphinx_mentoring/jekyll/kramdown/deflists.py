"""Definition lists (``Term`` then ``:   definition``) and their term ids.

The syntax is mdit-py-plugins' ``deflist`` (pandoc's, which kramdown shares:
blank lines between entries keep one list; the definition runs on indented or
lazy lines). Where kramdown reads more (``parser/kramdown/list.rb``,
``parse_definition_list``), :func:`definition_rule` adds it: a ``:`` line ends
the paragraph above it, and *each line* of that paragraph is a term (mdit takes
a one-line term only, and left ``term one`` / ``term two`` / ``: definition`` a
paragraph); terms that follow a list join it. kramdown's ``{:auto_ids}`` (or
``{:auto_ids-prefix}``) on the list gives each term an id, which glossary links
(``[shell](#shell)``) point to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from markdown_it.token import Token

from sphinx_mentoring.jekyll.kramdown.ids import add_id, basic_id

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.tree import SyntaxTreeNode


_AUTO_IDS = re.compile(r"auto_ids(?:-([\w-]+))?")
#: kramdown's ``DEFINITION_LIST_START``: a colon, then a space or a tab, then text.
_DEFINITION = re.compile(r" {0,3}:[ \t]+\S")


def _is_definition_line(state: StateBlock, line: int) -> bool:
    if state.is_code_block(line):
        return False
    return bool(_DEFINITION.match(state.src, state.bMarks[line], state.eMarks[line]))


def definition_rule(md: MarkdownIt) -> Callable[[StateBlock, int, int, bool], bool]:
    """The block rule for a ``:`` line after a paragraph (mdit's ``deflist`` must be on ``md``).

    As a terminator it ends the paragraph; then the paragraph's lines become
    the terms of a list that mdit's own rule builds from its last line on.
    """
    rules = md.block.ruler.__rules__  # markdown-it-py has no public look-up by name
    deflist = rules[md.block.ruler.__find__("deflist")].fn

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not _is_definition_line(state, start):
            return False
        if silent:
            return True  # the paragraph above ends here
        tokens = state.tokens
        if len(tokens) < 3 or tokens[-1].type != "paragraph_close":
            return False
        opening, inline = tokens[-3], tokens[-2]
        if opening.type != "paragraph_open" or opening.level != state.level or not opening.map:
            return False
        first, after = opening.map
        # right after the paragraph, or after one blank line (kramdown's first_as_para)
        if after != start and not (after == start - 1 and state.isEmpty(after)):
            return False
        del tokens[-3:]
        before = len(tokens)
        if not deflist(state, after - 1, end, False):
            tokens.extend([opening, inline, Token("paragraph_close", "p", -1)])
            return False
        dl_open = tokens[before]
        dl_open.map = [first, dl_open.map[1] if dl_open.map else start]
        terms = []
        for offset, text in enumerate(inline.content.split("\n")[:-1]):
            terms.extend(_term(text, first + offset, state.level + 1))
        tokens[before + 1 : before + 1] = terms
        if (
            before
            and tokens[before - 1].type == "dl_close"
            and tokens[before - 1].level == state.level
        ):
            del tokens[before - 1 : before + 1]  # terms after a list belong to it
        return True

    return rule


def _term(text: str, line: int, level: int) -> list[Token]:
    opening = Token("dt_open", "dt", 1, map=[line, line + 1], level=level, block=True)
    inline = Token("inline", "", 0, map=[line, line + 1], level=level + 1, block=True)
    inline.content, inline.children = text.strip(), []
    closing = Token("dt_close", "dt", -1, level=level, block=True)
    return [opening, inline, closing]


def term_ids(state: StateCore) -> None:
    """Under ``{:auto_ids}``, each term's id (kramdown's basic id of its text)."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "dl_open":
            continue
        prefix = None
        for name in token.meta.get("kramdown_refs", ()):
            match = _AUTO_IDS.fullmatch(name)
            if match:
                prefix = match.group(1) or ""
                break
        if prefix is None:
            continue
        ids: list[str] = []
        depth = 0
        for inner in tokens[index:]:
            depth += inner.nesting
            if inner.type == "dt_open" and depth == 2:
                ids.append("")
            elif inner.type == "inline" and depth == 2 and ids and not ids[-1]:
                ids[-1] = prefix + basic_id(inner.content)
            if depth == 0:
                break
        token.meta["kramdown_term_ids"] = ids


def add_term_ids(
    document: nodes.document, token: SyntaxTreeNode, rendered: list[nodes.Node]
) -> None:
    """Give the terms of a just-rendered definition list their ``{:auto_ids}`` ids."""
    ids = token.meta.get("kramdown_term_ids")
    if not ids:
        return
    for node in rendered:
        if isinstance(node, nodes.definition_list):
            terms = [
                item[0]
                for item in node.children
                if isinstance(item, nodes.Element) and isinstance(item[0], nodes.term)
            ]
            for term, ident in zip(terms, ids, strict=False):
                add_id(document, term, ident)
