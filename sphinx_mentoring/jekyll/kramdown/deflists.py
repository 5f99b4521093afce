"""Definition lists (``Term`` then ``:   definition``) and their term ids.

The syntax is mdit-py-plugins' ``deflist`` (pandoc's, which kramdown shares:
blank lines between entries keep one list; the definition runs on indented or
lazy lines). kramdown's ``{:auto_ids}`` (or ``{:auto_ids-prefix}``) on the list
gives each term an id, which glossary links (``[shell](#shell)``) point to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_mentoring.jekyll.kramdown.ids import add_id, basic_id

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore
    from markdown_it.tree import SyntaxTreeNode


_AUTO_IDS = re.compile(r"auto_ids(?:-([\w-]+))?")


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
