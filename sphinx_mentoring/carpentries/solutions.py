"""Where a lesson's PDF prints its solutions (``mentoring_solutions``).

``"inline"`` (the default) keeps each solution inside its challenge, as the web
page shows it (closed there). In print a learner sees the answer right under the
question, so a workbook may move them away:

- ``"episode"``: each page's solutions follow its last section, under a
  "Solutions" heading;
- ``"appendix"``: all solutions make one appendix at the end of the book, by page.

In place of a moved solution its challenge says where it went ("Solution: page
12", a link in the PDF); the moved solution says which challenge it answers and
links back. This happens on the LaTeX builder's assembled tree only: the web
pages and the EPUB keep their solutions where the author wrote them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import new_document

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The docname of the appendix of solutions in the LaTeX tree.
APPENDIX_DOCNAME = "mentoring-solutions"


class solution_ref(nodes.Inline, nodes.Element):
    """A link to a moved solution (or back to its challenge) with its page number:
    ``target_doc``, ``target_id``; ``anchor``: an id for links back to it. The
    children are the link's text."""


def _visit_solution_ref_latex(self: Any, node: solution_ref) -> None:
    if node.get("anchor"):
        self.body.append(self.hypertarget(node["anchor"], withdoc=True, anchor=True))
    label = self.idescape(f"{node['target_doc']}:{node['target_id']}")
    self.body.append(f"\\hyperref[{label}]{{")
    for child in node.children:
        child.walkabout(self)
    self.body.append(f"}}~(p.~\\pageref{{{label}}})")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    for child in node.children:
        child.walkabout(self)
    raise nodes.SkipNode


def _is_solution(node: nodes.Node) -> bool:
    return isinstance(node, mnodes.details) and node.get("details_type") == "solution"


def _challenge_title(solution: nodes.Element) -> str:
    parent = solution.parent
    while parent is not None and not isinstance(parent, mnodes.callout):
        parent = parent.parent
    if parent is None or not parent.children or not isinstance(parent[0], nodes.title):
        return ""
    return parent[0].astext()


def _page_of(node: nodes.Node) -> tuple[addnodes.start_of_file | nodes.document, str]:
    """The innermost included page holding ``node`` (the root document otherwise)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent, parent["docname"]
        if isinstance(parent, nodes.document):
            return parent, parent.get("docname", "")
        parent = parent.parent
    raise ValueError("a node outside any document")


def move_solutions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Move the solutions of an assembled LaTeX tree where ``mentoring_solutions`` says."""
    mode = app.config.mentoring_solutions
    if app.builder.format != "latex" or mode == "inline":
        return
    solutions = [cast("mnodes.details", node) for node in doctree.findall(_is_solution)]
    if not solutions:
        return
    # by page, in reading order: (page node, docname, solutions)
    pages: dict[int, tuple[nodes.Element, str, list[mnodes.details]]] = {}
    for solution in solutions:
        holder, holder_doc = _page_of(solution)
        pages.setdefault(id(holder), (holder, holder_doc, []))[2].append(solution)

    appendix = None
    if mode == "appendix":
        appendix = new_document("<solutions>")
        appendix["docname"] = APPENDIX_DOCNAME
        section = nodes.section(ids=["mentoring-solutions"])
        section += nodes.title("", str(_("Solutions")))
        appendix += section
    number = 0
    for page, page_doc, found in pages.values():
        if appendix is not None:
            title = _page_title(page)
            target = cast("nodes.Element", appendix[0])
            if title:
                target += nodes.rubric(title, title)
            target_doc = APPENDIX_DOCNAME
        else:
            target = nodes.container(classes=["mentoring-solutions"])
            heading = str(_("Solutions"))
            target += nodes.rubric(heading, heading)
            _last_section(page).append(target)
            target_doc = page_doc
        for solution in found:
            number += 1
            _move(solution, number, target, target_doc, page_doc)
    if appendix is not None:
        doctree += appendix


def _move(
    solution: mnodes.details, number: int, target: nodes.Element, target_doc: str, page_doc: str
) -> None:
    """Leave a link in the solution's place and move it to ``target``, linked back."""
    solution_id = f"mentoring-solution-{number}"
    challenge_id = f"{solution_id}-challenge"
    challenge = _challenge_title(solution)
    link = nodes.paragraph(classes=["mentoring-solution-ref"])
    link += solution_ref(
        "",
        nodes.Text(str(_("Solution"))),
        target_doc=target_doc,
        target_id=solution_id,
        anchor=challenge_id,
    )
    solution.parent.replace(solution, link)
    solution["ids"] = [solution_id]
    if challenge and isinstance(solution[0], mnodes.details_summary):
        text = str(_("Solution to: %s")) % challenge
        solution[0].children = []
        solution[0] += nodes.Text(text)
    back = nodes.paragraph(classes=["mentoring-solution-back"])
    back += solution_ref(
        "",
        nodes.Text(str(_("Back to the challenge"))),
        target_doc=page_doc,
        target_id=challenge_id,
    )
    solution += back
    target += solution


def _page_title(page: nodes.Element) -> str:
    section = next(iter(page.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        return section[0].astext()
    return ""


def _last_section(page: nodes.Element) -> nodes.Element:
    """The section a page's content ends in (its top section), else the page."""
    sections = [child for child in page.children if isinstance(child, nodes.section)]
    return sections[-1] if sections else page


def setup(app: Sphinx) -> None:
    app.add_node(
        solution_ref,
        latex=(_visit_solution_ref_latex, None),
        html=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.connect("doctree-resolved", move_solutions, priority=450)
