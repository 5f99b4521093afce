"""A lesson's glossary: the reference page's definition lists as a Sphinx glossary.

Both templates keep the glossary as a definition list on the reference page
(styles: ``reference.md``, a kramdown list, often with ``{:auto_ids}``; Workbench:
``learners/reference.md``, a pandoc list whose terms are spans with ids,
``[MARC 21]{#marc-21}``). Each list becomes a ``glossary`` whose terms are Sphinx
terms: ``{term}`MARC 21``` links to one from any page, the index lists them,
and the anchors the lesson's own links use keep working (the span's id, or the
id kramdown's ``auto_ids`` gives the term's text).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.sources import site_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Where each template keeps its glossary (paths relative to the lesson's root).
REFERENCE_PAGES = frozenset({"reference.md", "learners/reference.md", "_extras/reference.md"})


def is_reference_page(env: BuildEnvironment, docname: str) -> bool:
    path = PurePosixPath(site_path(env, docname)).as_posix()
    layout = env.metadata.get(docname, {}).get("layout")
    return path in REFERENCE_PAGES or layout == "reference"


def _explicit_id(term: nodes.term) -> str | None:
    """The id of a span that is the whole term (``[MARC 21]{#marc-21}``), taken off it."""
    for child in term.findall(nodes.inline):
        if child["ids"] and child.astext().strip() == term.astext().strip():
            ident = child["ids"].pop(0)
            child["names"] = []
            return str(ident)
    return None


class LessonGlossary(SphinxTransform):
    """The reference page's definition lists -> glossaries of linkable terms."""

    default_priority = 420

    def apply(self, **kwargs: Any) -> None:
        if not is_reference_page(self.env, self.env.docname):
            return
        for definitions in list(self.document.findall(nodes.definition_list)):
            if isinstance(definitions.parent, addnodes.glossary) or not definitions.children:
                continue
            glossary = addnodes.glossary(sorted=False)
            glossary.source, glossary.line = definitions.source, definitions.line
            glossary_list = nodes.definition_list(classes=["glossary", *definitions["classes"]])
            for item in definitions.children:
                glossary_list += self._item(item)
            glossary += glossary_list
            definitions.parent.replace(definitions, glossary)

    def _item(self, item: nodes.Node) -> nodes.Node:
        if not isinstance(item, nodes.definition_list_item) or not item.children:
            return item
        old_term = item[0]
        if not isinstance(old_term, nodes.term):
            return item
        node_id = _explicit_id(old_term)
        if node_id is None and old_term["ids"]:
            node_id = str(old_term["ids"][0])  # the id {:auto_ids} gave it (jekyll.kramdown)
        if node_id is None:
            # kramdown's auto_ids: the term's text as an id, as the lesson's links expect
            candidate = nodes.make_id(old_term.astext())
            node_id = candidate if candidate and candidate not in self.document.ids else None
        term = make_glossary_term(
            self.env,
            old_term.children[:],
            None,
            old_term.source or str(self.env.doc2path(self.env.docname)),
            old_term.line or item.line or 0,
            node_id,
            self.document,
        )
        if node_id is not None:
            self.document.ids[node_id] = term
        new_item = nodes.definition_list_item("", term, *item.children[1:])
        new_item.source, new_item.line = item.source, item.line
        return new_item


def setup(app: Sphinx) -> None:
    app.add_transform(LessonGlossary)
