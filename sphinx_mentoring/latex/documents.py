"""What the LaTeX builder writes: the whole course, one workbook per module, or both.

``mentoring_pdf = "course"`` keeps ``latex_documents`` as it is (one PDF of the
whole course, as Read the Docs builds it: modules are chapters, sections are
sections). ``"modules"`` and ``"both"`` add one document per module of the course
model, known only once every page is read: each is assembled from the module's
pages in reading order (not from toctrees, so it holds exactly its module) as a
``howto`` document whose sections are the module's sections, opened by a title
page (course title, module full name, description and metadata) and contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.errors import NoUri
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.texescape import escape as latex_escape

from sphinx_mentoring.latex.unicode import typeset_latex
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

MODULE_THEME = "howto"


@dataclass
class ModuleDocument:
    """One module's PDF: its pages in order, and what its title page shows."""

    module_id: str
    title: str
    landing: str
    pages: list[str]
    targetname: str
    description: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:  # it travels in latex_documents' toctree_only slot
        return True


def slug(text: str) -> str:
    """A file-name-safe form of a module id (folders may hold spaces and ``&``)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-").lower() or "module"


def _card_metadata(doctree: nodes.document) -> tuple[str, list[tuple[str, str]]]:
    """Description and fields of the first module card of a landing page."""
    from sphinx_mentoring.module import module_card, module_card_title

    card = next(iter(doctree.findall(module_card)), None)
    if card is None:
        return "", []
    description: list[str] = []
    fields: list[tuple[str, str]] = []
    for child in card.children:
        if isinstance(child, module_card_title):
            continue
        if isinstance(child, nodes.field_list):
            for item in child.findall(nodes.field):
                name = item.next_node(nodes.field_name)
                body = item.next_node(nodes.field_body)
                if name is not None and body is not None:
                    fields.append((name.astext(), body.astext()))
        else:
            description.append(child.astext())
    return " ".join(d.strip() for d in description if d.strip()), fields


def module_documents(env: BuildEnvironment, basename: str) -> list[ModuleDocument]:
    """One :class:`ModuleDocument` per module of the course model."""
    from sphinx_mentoring.course import get_course, get_domain

    documents: list[ModuleDocument] = []
    used: set[str] = set()
    for module in get_course(env).modules:
        pages = [page for page in module.pages if page in env.all_docs]
        if module.landing in env.all_docs and module.landing not in pages:
            pages.insert(0, module.landing)
        if not pages:
            continue
        target = f"{basename}-{slug(module.id)}"
        while target in used:
            target += "-x"
        used.add(target)
        description, fields = _card_metadata(env.get_doctree(module.landing))
        facts = get_domain(env).pages
        objectives = [
            " ".join(item.astext().split())
            for doc in pages
            if doc in facts
            for box in facts[doc].objectives
            for node in box.body
            for item in node.findall(nodes.list_item)
        ]
        documents.append(
            ModuleDocument(
                module_id=module.id,
                title=module.title,
                landing=module.landing if module.landing in env.all_docs else pages[0],
                pages=pages,
                targetname=f"{target}.tex",
                description=description,
                fields=fields,
                objectives=objectives,
                sections=[section.title for section in module.sections],
            )
        )
    return documents


@dataclass
class CourseBook:
    """The course document assembled as a book (see :mod:`.book`)."""

    def __bool__(self) -> bool:  # it travels in latex_documents' toctree_only slot
        return True


def use_book(env: BuildEnvironment, root: str) -> bool:
    """``mentoring_pdf_structure``: "auto" builds the book for a course with modules,
    or for a site whose root page reaches no page through a toctree (Jekyll)."""
    structure = env.config.mentoring_pdf_structure
    if structure != "auto":
        return bool(structure == "course")
    from sphinx_mentoring.course import get_course

    if get_course(env).modules:
        return True
    manual = env.get_doctree(root).findall(addnodes.toctree) if root in env.all_docs else []
    return not any(toctree["entries"] for toctree in manual)


def base_url(config: Any) -> str:
    """Where the course is published (``mentoring_pdf_base_url``, else ``html_baseurl``)."""
    url = str(config.mentoring_pdf_base_url or config.html_baseurl or "")
    return url if url.startswith(("http://", "https://")) else ""


def published_url(env: BuildEnvironment, docname: str) -> str:
    """A page's address on the published site, or "" when the site's address is unknown."""
    from sphinx_mentoring.course import get_domain

    base = base_url(env.config)
    if not base:
        return ""
    facts = get_domain(env).pages.get(docname)
    path = facts.url if facts is not None and facts.url else docname + ".html"
    return urljoin(base if base.endswith("/") else base + "/", path)


class MentoringLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder: the course as a book, plus one workbook per module."""

    #: Theme of the document being assembled ("manual"/"howto"), for transforms.
    mentoring_theme: str = "manual"
    _mentoring_module: ModuleDocument | None = None
    _mentoring_book: bool = False

    def init_document_data(self) -> None:
        super().init_document_data()
        root = self.config.root_doc
        if use_book(self.env, root):
            self.document_data = [
                (e[0], e[1], e[2], e[3], e[4], CourseBook()) if e[0] == root else e  # type: ignore[misc]
                for e in self.document_data
            ]
        mode = self.config.mentoring_pdf
        if mode == "course":
            return
        course_entries = list(self.document_data)
        basename = "course"
        if course_entries:
            basename = str(course_entries[0][1]).removesuffix(".tex")
        modules = module_documents(self.env, basename)
        if not modules:
            warn(
                f"mentoring_pdf = {mode!r} but the course has no modules; "
                "writing the whole course only",
                "latex",
                None,
            )
            return
        author = str(course_entries[0][3]) if course_entries else latex_escape(self.config.author)
        # A latex_documents title is LaTeX markup (Sphinx escapes the project's).
        module_entries = [
            (
                module.landing,
                module.targetname,
                latex_escape(module.title),
                author,
                MODULE_THEME,
                module,
            )
            for module in modules
        ]
        self.document_data = [
            *(course_entries if mode == "both" else []),
            *module_entries,  # type: ignore[list-item]
        ]
        self.titles.extend((module.landing, module.title) for module in modules)

    def assemble_doctree(
        self, indexfile: str, toctree_only: bool, appendices: list[str]
    ) -> nodes.document:
        self._mentoring_module = None
        self._mentoring_book = False
        if isinstance(toctree_only, ModuleDocument):
            self._mentoring_module = toctree_only
            self.mentoring_theme = MODULE_THEME
            return self._assemble_module(toctree_only)
        self.mentoring_theme = next(
            (str(e[4]) for e in self.document_data if e[0] == indexfile), "manual"
        )
        if isinstance(toctree_only, CourseBook):
            self._mentoring_book = True
            return self._assemble_book(indexfile)
        return super().assemble_doctree(indexfile, toctree_only, appendices)

    def _assemble_book(self, indexfile: str) -> nodes.document:
        from sphinx_mentoring.course import get_course
        from sphinx_mentoring.i18n import _
        from sphinx_mentoring.latex.book import assemble_book, finish_preface, iter_pages

        course = get_course(self.env)
        title = next((str(e[2]) for e in self.document_data if e[0] == indexfile), "")
        tree = assemble_book(
            self.env,
            course,
            title,
            str(_("About this course")),
            latex_escape(str(_("Appendices"))),
        )
        self.docnames = {indexfile, *iter_pages(tree)}
        self.env.resolve_references(tree, indexfile, self)
        self._unresolved_to_text(tree)
        finish_preface(tree)
        return tree

    def _assemble_module(self, module: ModuleDocument) -> nodes.document:
        """The module's pages in reading order, under one section titled by the module."""
        self.docnames = set(module.pages)
        largetree = new_document("<module>", self.env.get_doctree(module.landing).settings)
        largetree["docname"] = module.landing
        largetree["mentoring_workbook"] = True  # each page a section, already
        top = nodes.section(ids=[f"mentoring-module-{slug(module.module_id)}"])
        top += nodes.title(module.title, module.title)
        largetree += top
        for docname in module.pages:
            tree = self.env.get_doctree(docname)
            tree["docname"] = docname
            # The module's own pages are placed here in order: a toctree to them
            # (the landing page's) would print them twice.
            for toctree in list(tree.findall(addnodes.toctree)):
                if {ref for _title, ref in toctree["entries"]} <= self.docnames:
                    toctree.parent.remove(toctree)
            tree = inline_all_toctrees(self, self.docnames, docname, tree, darkgreen, [docname])
            start = addnodes.start_of_file(docname=docname)
            start.extend(tree.children)
            top += start
        self.env.resolve_references(largetree, module.landing, self)
        self._unresolved_to_text(largetree)
        return largetree

    def _unresolved_to_text(self, tree: nodes.document) -> None:
        for pending in list(tree.findall(addnodes.pending_xref)):
            # A link to a page not in this PDF: its title, as Sphinx does for LaTeX.
            text = pending.get("refsectname") or pending.astext()
            pending.replace_self(nodes.emphasis(text, text))

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        try:
            return super().get_target_uri(docname, typ)
        except NoUri:
            if docname not in self.env.all_docs or docname in self.docnames:
                raise
            # A page that is not in this PDF: its address on the published site,
            # or an empty link (the text stays) when that address is unknown.
            return published_url(self.env, docname)

    def update_doc_context(self, title: str, author: str, theme: Any) -> None:
        from sphinx_mentoring.latex.titlepage import (
            UNSET_AUTHOR,
            course_info,
            course_title_page,
            pdf_metadata,
        )

        if author == UNSET_AUTHOR:
            author = ""
        super().update_doc_context(title, author, theme)
        keys = ("maketitle", "tableofcontents", "preamble", "release", "releasename", "fncychap")
        defaults = self.__dict__.setdefault(
            "_mentoring_context_defaults", {key: self.context.get(key, "") for key in keys}
        )
        self.context.update(defaults)
        info = course_info(self.config, title)
        module = self._mentoring_module
        subject = info.description
        if module is not None:
            self.context["maketitle"] = self._cover(module)
            self.context["tableofcontents"] = "\\sphinxtableofcontents\n\\clearpage"
            subject = module.description or subject
        elif self._mentoring_book:
            self.context["maketitle"] = course_title_page(info, str(self.context.get("date", "")))
        if module is not None or self._mentoring_book:
            # The title page says what the edition is; no "Release 1.0" in headers.
            self.context["release"] = info.edition
            self.context["releasename"] = ""
            if "fncychap" not in self.config.latex_elements:
                self.context["fncychap"] = ""  # "Chapter 1", not the stock "CHAPTER ONE"
        self.context["preamble"] = str(defaults["preamble"]) + typeset_latex(
            self.app, pdf_metadata(title, author or info.author, subject)
        )
        # Course and module titles are the author's text: what the engine cannot
        # typeset must not stop the PDF from outside the pages either.
        for key in ("title", "author", "maketitle"):
            self.context[key] = typeset_latex(self.app, str(self.context.get(key, "")))

    def _cover(self, module: ModuleDocument) -> str:
        from sphinx_mentoring.latex.qrcode import write_qr_code
        from sphinx_mentoring.latex.titlepage import Cover, workbook_cover

        url = published_url(self.env, module.landing)
        qrcode = ""
        if url:
            try:
                qrcode = write_qr_code(url, Path(self.outdir))
            except (OSError, ValueError) as error:
                warn(f"no QR code for module {module.title!r}: {error}", "latex", None)
        return workbook_cover(
            Cover(
                course_title=self._course_title(),
                module_title=module.title,
                description=module.description,
                fields=module.fields,
                objectives=module.objectives,
                sections=module.sections,
                url=url,
                qrcode=qrcode,
            )
        )

    def _course_title(self) -> str:
        from sphinx_mentoring.course import get_course

        return get_course(self.env).title or self.config.project


def setup_builder(app: Any) -> None:
    app.add_builder(MentoringLaTeXBuilder, override=True)
