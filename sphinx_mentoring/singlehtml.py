"""Single-page HTML with ids unique across the assembled document.

``singlehtml`` puts every page into one document, but each page's ids were made
unique within that page only: two modules' "1. Introduction" both give
``id="introduction"``, so a link to the second lands on the first. Here the
assembled tree gets unique ids (a repeated id takes its page's name as prefix)
and every link follows its target: in-page links (``refid``), links between
pages (``#document-<page>#<id>``, which Sphinx leaves with two ``#``), and
footnote back-references.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


def _owned(tree: nodes.document) -> Iterator[tuple[nodes.Element, str]]:
    """Every element with the page it comes from (its innermost start_of_file)."""
    stack: list[tuple[nodes.Element, str]] = [(tree, str(tree.get("docname", "")))]
    while stack:
        node, docname = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            docname = node["docname"]
        yield node, docname
        stack.extend(
            (child, docname)
            for child in reversed(node.children)
            if isinstance(child, nodes.Element)
        )


def make_ids_unique(tree: nodes.document) -> dict[tuple[str, str], str]:
    """Rename repeated ids; return (page, old id) -> new id for the renamed ones."""
    owned = list(_owned(tree))
    seen: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for node, docname in owned:
        ids = []
        for old in node["ids"]:
            new = old
            if old in seen:
                prefix = re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")
                new, count = f"{prefix}-{old}", 1
                while new in seen:
                    count += 1
                    new = f"{prefix}-{old}-{count}"
                renamed[(docname, old)] = new
            seen.add(new)
            ids.append(new)
        node["ids"] = ids
    for node, docname in owned:
        if node.get("refid"):
            node["refid"] = renamed.get((docname, node["refid"]), node["refid"])
        if node.get("backrefs"):
            node["backrefs"] = [renamed.get((docname, ref), ref) for ref in node["backrefs"]]
        refuri = node.get("refuri")
        if isinstance(refuri, str) and refuri.startswith("#"):
            node["refuri"] = _fixed_refuri(refuri, docname, renamed)
    return renamed


def _fixed_refuri(refuri: str, docname: str, renamed: dict[tuple[str, str], str]) -> str:
    """``#document-<page>#<id>`` or ``#<id>`` (this page) -> ``#<unique id>``."""
    target_doc, anchor = docname, refuri[1:]
    if refuri.startswith("#document-") and "#" in refuri[1:]:
        target_doc, anchor = refuri[len("#document-") :].split("#", 1)
    elif refuri.startswith("#document-"):
        return refuri
    return "#" + renamed.get((target_doc, anchor), anchor)


class MentoringSingleHTMLBuilder(SingleFileHTMLBuilder):
    """Sphinx's single-page HTML builder, with ids unique across pages."""

    def assemble_doctree(self) -> nodes.document:
        tree = super().assemble_doctree()
        make_ids_unique(tree)
        return tree


def setup(app: Sphinx) -> None:
    app.add_builder(MentoringSingleHTMLBuilder, override=True)
