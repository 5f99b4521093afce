"""The course as a book, and a module as a workbook: which pages, in which order, at which level.

Sphinx assembles a PDF by following toctrees from the root page. A Jekyll course
has none of its own (or generated ones that mirror the web navigation), so the
course PDF is put together here from the course model instead:

- the **preface**: the landing page, without what only makes sense on the web
  (tiles and lists of links to modules, the generated contents, roll-ups): the
  book has a table of contents and each chapter opens with its objectives;
- one **chapter per module**, in course order: the module's landing page
  (overview, objectives) opens the chapter, its other pages are sections;
- **appendices**: every other page of the navigation (extras, references), but
  a lesson template's all-in-one and not-found pages.

A site without modules gives the landing page then every page as a chapter, in
navigation order (toctrees first, then the rest by name). The tree is generic:
a module is any group of pages of the course model (a Course-in-a-Box module,
a lesson's episode).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from sphinx_mentoring.course.model import course_contents
from sphinx_mentoring.course.reading import book_parts
from sphinx_mentoring.module import objectives_rollup
from sphinx_mentoring.sources import get_site

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.course.model import Course, Module

#: Set on an assembled tree: later LaTeX steps leave its structure alone.
BOOK = "mentoring_book"
#: Class of the preface's parts.
PREFACE = "mentoring-preface"


def page_body(env: BuildEnvironment, docname: str) -> addnodes.start_of_file:
    """A page's content (title dropped) in a start_of_file, so its labels keep their page."""
    start = addnodes.start_of_file(docname=docname)
    tree = env.get_doctree(docname)
    children: list[nodes.Node] = list(tree.children)
    if len(children) == 1 and isinstance(children[0], nodes.section):
        section = children[0]
        start["ids"] = list(section["ids"])
        children = [c for c in section.children if not isinstance(c, nodes.title)]
    start.extend(children)
    return start


def whole_page(env: BuildEnvironment, docname: str) -> addnodes.start_of_file:
    start = addnodes.start_of_file(docname=docname)
    start.extend(env.get_doctree(docname).children)
    return start


def _remove_generated(tree: nodes.Element, placed: set[str]) -> None:
    """Toctrees to placed pages, the course contents and course roll-ups: the book has them."""
    for toctree in list(tree.findall(addnodes.toctree)):
        if {ref for _title, ref in toctree["entries"]} <= placed:
            toctree.parent.remove(toctree)
    for node in list(tree.findall(course_contents)):
        node.parent.remove(node)
    for rollup in list(tree.findall(objectives_rollup)):
        if rollup.get("scope") == "course":
            rollup.parent.remove(rollup)


#: What may stand between links of a navigation line: spaces, bars, bullets, dashes.
_SEPARATORS = " \n\t\u00a0|\u00b7\u2022-\u2013\u2014,"


def _links_only(node: nodes.Node) -> bool:
    """Nothing but links within the course (and pictures, line breaks, spaces)."""
    links = [r for r in node.findall(nodes.reference) if _links_to(r)]
    if not links:
        return False
    linked = {id(n) for link in links for n in link.findall()}
    for text in node.findall(nodes.Text):
        if id(text) not in linked and str(text).strip(_SEPARATORS):
            return False
    return True


def _links_to(reference: nodes.Element) -> bool:
    """A link within the course: to a page of the book, or a site path (a module not built)."""
    refuri = str(reference.get("refuri", ""))
    external = "://" in refuri or refuri.startswith("mailto:")
    return bool(reference.get("internal")) or not external


def remove_web_navigation(tree: nodes.Element) -> None:
    """Tiles and link lists of a landing page: on paper, the contents replace them."""
    for section in list(tree.findall(nodes.section)):
        title = section.next_node(nodes.title)
        if title is None or not _links_only(title):
            continue
        body = [c for c in section.children if not isinstance(c, nodes.title)]
        if all(_links_only(c) or not c.astext().strip() for c in body):
            section.parent.remove(section)
    for block in list(tree.findall(nodes.Element)):
        navigation = isinstance(block, (nodes.paragraph, nodes.bullet_list, nodes.container))
        parent = block.parent
        if (
            not navigation
            or parent is None
            or isinstance(parent, (nodes.list_item, nodes.paragraph))
        ):
            continue
        if _links_only(block):
            parent.remove(block)


def assemble_book(
    env: BuildEnvironment, course: Course, title: str, preface_title: str, appendix_title: str
) -> nodes.document:
    """The course as one document: preface, a chapter per module, appendices."""
    from docutils.utils import new_document

    root = course.root
    tree = new_document("<course>", env.get_doctree(root).settings)
    tree["docname"] = root
    tree[BOOK] = True
    chapters, rest = book_parts(env, course)
    placed = {root, *(doc for _module, pages in chapters for doc in pages), *rest}
    # A lesson template's own pages (all in one, not found) are no part of the book:
    # the all-in-one page would print the whole lesson a second time.
    template = template_pages(env)
    rest = [doc for doc in rest if doc not in template]

    # The first title is the document's (LaTeX's \title), never printed as a heading.
    book = nodes.section(ids=["mentoring-book"])
    book += nodes.title(title, title)
    tree += book

    preface = page_body(env, root)
    _remove_generated(preface, placed)
    # The landing page's own title, unless it only repeats the course's.
    own_title = _title_of(env, root)
    if own_title and own_title != title.strip():
        preface_title = own_title
    book += _raw(r"\sphinxmentoringbeginpreface", PREFACE)
    # An unnumbered chapter: its headings are sections, unnumbered too.
    holder = nodes.section(ids=["mentoring-preface"], classes=[PREFACE])
    heading = nodes.title(preface_title, preface_title)
    heading.source, heading.line = str(env.doc2path(root)), 1  # for warnings about it
    holder += heading
    holder += preface
    book += holder
    book += _raw(r"\sphinxmentoringendpreface", PREFACE)

    for module, pages in chapters:
        book += module_chapter(env, module, pages, placed)

    if rest:
        book += _raw(rf"\sphinxmentoringappendix{{{appendix_title}}}" if chapters else "")
        for docname in rest:
            page = whole_page(env, docname)
            _remove_generated(page, placed)
            book += page
    return tree


def template_pages(env: BuildEnvironment) -> set[str]:
    lesson = get_site(env).lesson
    return {page.docname for page in lesson.template_pages} if lesson is not None else set()


def _title_of(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    text = title.astext().strip() if title is not None else ""
    return "" if text == "<no title>" else text  # Sphinx's name for a page without one


def _names_module(env: BuildEnvironment, docname: str, module: Module) -> bool:
    title = _title_of(env, docname)
    full_name = str(env.metadata.get(docname, {}).get("module_full_name") or "").strip()
    return title == module.title.strip() or (bool(full_name) and title == full_name)


def module_chapter(
    env: BuildEnvironment, module: Module, pages: list[str], placed: set[str]
) -> nodes.section:
    """A chapter titled by the module: its landing page's body, then its pages as sections.

    A landing page that is also the module's first section keeps its heading,
    unless that heading names the module: the module's title, or the page's own
    ``module_full_name`` (an overview titled after its module, whatever name the
    site's links give the module).
    """
    chapter = nodes.section(ids=[f"mentoring-module-{nodes.make_id(module.id)}"])
    chapter += nodes.title(module.title, module.title)
    for docname in pages:
        opens = docname == module.landing and (
            not module.landing_is_section or _names_module(env, docname, module)
        )
        if opens:
            opening = page_body(env, docname)
            _remove_generated(opening, placed)
            chapter += opening
        else:
            page = whole_page(env, docname)
            _remove_generated(page, placed)
            chapter += page
    return chapter


def _raw(latex: str, *classes: str) -> nodes.raw:
    return nodes.raw("", latex + "\n", format="latex", classes=list(classes))


def finish_preface(tree: nodes.document) -> None:
    """Once links are resolved: the preface loses its web navigation (or goes, if empty)."""
    parts = [n for n in tree.findall(nodes.Element) if PREFACE in n.get("classes", [])]
    for part in parts:
        if isinstance(part, nodes.section):
            remove_web_navigation(part)
    body = [
        child
        for part in parts
        if isinstance(part, nodes.section)
        for child in part.children
        if not isinstance(child, nodes.title)
    ]
    if not any(child.astext().strip() for child in body):
        for part in parts:
            part.parent.remove(part)


def iter_pages(tree: nodes.Node) -> Iterable[str]:
    for start in tree.findall(addnodes.start_of_file):
        yield start["docname"]
