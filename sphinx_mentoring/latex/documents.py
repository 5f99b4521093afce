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
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.errors import NoUri
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.texescape import escape as latex_escape

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
    from sphinx_mentoring.course import get_course

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
        documents.append(
            ModuleDocument(
                module_id=module.id,
                title=module.title,
                landing=module.landing if module.landing in env.all_docs else pages[0],
                pages=pages,
                targetname=f"{target}.tex",
                description=description,
                fields=fields,
            )
        )
    return documents


def title_page(course_title: str, module: ModuleDocument) -> str:
    rows = "".join(
        rf"\sphinxmentoringmetaitem{{{latex_escape(name)}}}{{{latex_escape(value)}}}"
        for name, value in module.fields
    )
    return (
        rf"\sphinxmentoringtitlepage{{{latex_escape(course_title)}}}"
        rf"{{{latex_escape(module.title)}}}{{{latex_escape(module.description)}}}{{{rows}}}"
    )


class MentoringLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder, plus one document per module (``mentoring_pdf``)."""

    #: Theme of the document being assembled ("manual"/"howto"), for transforms.
    mentoring_theme: str = "manual"
    _mentoring_module: ModuleDocument | None = None

    def init_document_data(self) -> None:
        super().init_document_data()
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
        author = str(course_entries[0][3]) if course_entries else self.config.author
        module_entries = [
            (module.landing, module.targetname, module.title, author, MODULE_THEME, module)
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
        if isinstance(toctree_only, ModuleDocument):
            self._mentoring_module = toctree_only
            self.mentoring_theme = MODULE_THEME
            return self._assemble_module(toctree_only)
        self._mentoring_module = None
        self.mentoring_theme = next(
            (str(e[4]) for e in self.document_data if e[0] == indexfile), "manual"
        )
        return super().assemble_doctree(indexfile, toctree_only, appendices)

    def _assemble_module(self, module: ModuleDocument) -> nodes.document:
        """The module's pages in reading order, under one section titled by the module."""
        self.docnames = set(module.pages)
        largetree = new_document("<module>", self.env.get_doctree(module.landing).settings)
        largetree["docname"] = module.landing
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
        for pending in list(largetree.findall(addnodes.pending_xref)):
            # A link to another module's page: its title, as Sphinx does for LaTeX.
            text = pending.get("refsectname") or pending.astext()
            pending.replace_self(nodes.emphasis(text, text))
        return largetree

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        try:
            return super().get_target_uri(docname, typ)
        except NoUri:
            if self._mentoring_module is None or docname not in self.env.all_docs:
                raise
            # A page of another module: not in this PDF. Resolvers that do not
            # expect NoUri get an empty link; the text stays.
            return ""

    def update_doc_context(self, title: str, author: str, theme: Any) -> None:
        super().update_doc_context(title, author, theme)
        defaults = self.__dict__.setdefault(
            "_mentoring_context_defaults",
            {key: self.context.get(key, "") for key in ("maketitle", "tableofcontents")},
        )
        self.context.update(defaults)
        module = self._mentoring_module
        if module is not None:
            course_title = self._course_title()
            self.context["maketitle"] = title_page(course_title, module)
            self.context["tableofcontents"] = "\\sphinxtableofcontents\n\\clearpage"

    def _course_title(self) -> str:
        from sphinx_mentoring.course import get_course

        return get_course(self.env).title or self.config.project


def setup_builder(app: Any) -> None:
    app.add_builder(MentoringLaTeXBuilder, override=True)
