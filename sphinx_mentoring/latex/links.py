"""Links a PDF cannot follow: site paths become the published page, other relative links text.

A link the course could not resolve to one of its pages (a file of the site, a
page that is not built, a URL Liquid left half-written) keeps a relative target.
A PDF has no site around it: hyperref would take such a target for a local file
(and a ``{``/``%`` in it breaks LaTeX). A site path (``/files/handout.pdf``)
becomes the page on the published site (``mentoring_pdf_base_url``, else
``html_baseurl``); any other relative link keeps its text, without a link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_FOLLOWABLE = ("%", "#", "mailto:", "tel:")


def _targets(
    doctree: nodes.document,
) -> tuple[set[str], set[tuple[str, str]], list[tuple[nodes.reference, str]]]:
    """The pages of an assembled tree, their (page, id) pairs (LaTeX's labels), and its
    links with the page each is on."""
    pages: set[str] = set()
    ids: set[tuple[str, str]] = set()
    references: list[tuple[nodes.reference, str]] = []
    stack: list[tuple[nodes.Element, str]] = [(doctree, str(doctree.get("docname", "")))]
    while stack:
        node, docname = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            docname = node["docname"]
            pages.add(docname)
        ids.update((docname, node_id) for node_id in node["ids"])
        if isinstance(node, nodes.reference):
            references.append((node, docname))
        stack.extend((c, docname) for c in node.children if isinstance(c, nodes.Element))
    return pages, ids, references


def _label_exists(refuri: str, pages: set[str], ids: set[tuple[str, str]]) -> bool:
    """``%page#id`` (as the LaTeX builder writes it) names a label of this document."""
    docname, _, anchor = refuri[1:].partition("#")
    return docname in pages and (not anchor or (docname, anchor) in ids)


def resolve_outside_links(app: Sphinx, doctree: nodes.document) -> None:
    from sphinx_mentoring.latex.documents import base_url

    base = base_url(app.config)
    pages, ids, references = _targets(doctree)
    for reference, docname in references:
        if reference.parent is None:
            continue
        refuri = str(reference.get("refuri", ""))
        if reference.get("refid") and not refuri:
            refuri = f"%{docname}#{reference['refid']}"  # as the LaTeX writer reads it
        if refuri.startswith("%") and not _label_exists(refuri, pages, ids):
            # a reference nothing defines ("??" in the PDF): its text stays
            reference.replace_self(reference.children or [nodes.Text(reference.astext())])
            continue
        if not refuri or refuri.startswith(_FOLLOWABLE) or "://" in refuri:
            continue
        if base and refuri.startswith("/") and not refuri.startswith("//"):
            reference["refuri"] = urljoin(base, refuri)
            continue
        reference.replace_self(reference.children or [nodes.Text(reference.astext())])
