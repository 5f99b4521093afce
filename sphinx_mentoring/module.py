"""Module metadata: the ``module`` directive, its card, and the objectives roll-ups.

A module's landing page declares the module with the ``module`` directive (or the
same keys in its front matter); it renders as a card (``module_card``) in every
output format. ``module-objectives`` and ``course-objectives`` list every
objectives box of a module or of the whole course, each linked back to its
section. They are placeholders filled when the page is written, from the course
model, so they stay right when another page changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_mentoring.durations import parse_duration
from sphinx_mentoring.i18n import _
from sphinx_mentoring.report import warn
from sphinx_mentoring.sources import page_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

#: Front-matter keys that make a page declare its module with a card (like the
#: directive). ``duration`` joins the card only with one of them: alone, it is the
#: page's own time (see :mod:`sphinx_mentoring.course.timing`).
CARD_KEYS = ("module_description", "audience", "prerequisites", "module_fields")


class module_card(nodes.General, nodes.Element):
    """A module's metadata card: a ``module_card_title``, description, a field list.

    Attributes ``module_id`` and ``module_title`` name the module for the course model;
    ``duration`` is the module's time as written (the model adds it up).
    """


class module_card_title(nodes.Part, nodes.TextElement):
    """The card's heading (in LaTeX it is the environment's argument)."""


class objectives_rollup(nodes.General, nodes.Element):
    """Placeholder: every objectives box of ``module`` (``scope="course"``: all modules)."""


def _field_label(name: str) -> str:
    known = {
        "audience": _("Audience"),
        "duration": _("Duration"),
        "prerequisites": _("Prerequisites"),
    }
    return str(known.get(name, name.replace("_", " ").replace("-", " ").capitalize()))


def build_card(
    module_id: str,
    title: str,
    fields: list[tuple[str, str]],
    description: list[nodes.Node],
) -> module_card:
    """The card node: heading, description, then the metadata as a field list."""
    duration = next((value for name, value in fields if name == "duration"), "")
    card = module_card(
        module_id=module_id,
        module_title=title,
        duration=duration,
        classes=["mentoring-module-card"],
    )
    card += module_card_title(title, title)
    card.extend(description)
    if fields:
        field_list = nodes.field_list(classes=["mentoring-module-fields"])
        for name, value in fields:
            field_list += nodes.field(
                "",
                nodes.field_name(_field_label(name), _field_label(name)),
                nodes.field_body("", nodes.paragraph(value, value)),
            )
        card += field_list
    return card


class _AnyOption(dict[str, Any]):
    """An option spec accepting any option name: free-form module fields."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


class ModuleDirective(SphinxDirective):
    """``module``: declare the module this page is the landing page of, with a card."""

    required_arguments = 1
    final_argument_whitespace = True  # module folders may hold spaces
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = _AnyOption(
        {
            "full-name": directives.unchanged,
            "description": directives.unchanged,
            "audience": directives.unchanged,
            "duration": directives.unchanged,
            "prerequisites": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def run(self) -> list[nodes.Node]:
        module_id = self.arguments[0].strip()
        title = self.options.get("full-name") or module_id
        description: list[nodes.Node] = []
        if self.options.get("description"):
            text = self.options["description"]
            description.append(
                nodes.paragraph(text, text, classes=["mentoring-module-description"])
            )
        if self.content:
            description.extend(self.parse_content_to_nodes())
        fields = [
            (name, str(value))
            for name, value in self.options.items()
            if name not in ("full-name", "description", "class") and value
        ]
        card = build_card(module_id, title, fields, description)
        card["classes"].extend(self.options.get("class", []))
        self.set_source_info(card)
        duration = self.options.get("duration", "")
        if duration and parse_duration(duration) is None:
            warn(
                f"the module's duration {duration!r} is no time that adds up (write e.g. "
                "'90 minutes' or '1 h 30 min'); the card shows it as written and the "
                "module's time is the sum of its sections",
                "duration",
                card,
            )
        return [card]


#: Options only Python's ``module`` directive has: with one of them, it is Python's.
PYTHON_MODULE_OPTIONS = frozenset(
    {
        "platform",
        "synopsis",
        "no-index",
        "noindex",
        "no-contents-entry",
        "no-typesetting",
        "deprecated",
    }
)


class ModuleOrPythonModule(ModuleDirective):
    """``module`` in the default (Python) domain: ours, unless Python's options are used.

    Sphinx looks a bare directive name up in the default domain first, where
    Python's ``module`` lives; course authors mean the course module. Python
    documentation keeps ``py:module`` (always) and bare ``module`` with its options.
    """

    def run(self) -> list[nodes.Node]:
        if PYTHON_MODULE_OPTIONS & set(self.options):
            from sphinx.domains.python import PyModule

            options = {k: v for k, v in self.options.items() if k in PyModule.option_spec}
            return PyModule(
                self.name,
                self.arguments,
                options,
                self.content,
                self.lineno,
                self.content_offset,
                self.block_text,
                self.state,
                self.state_machine,
            ).run()
        return super().run()


def card_from_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    """A landing page's front matter may carry the card: put it under the title."""
    env = app.env
    metadata: Mapping[str, Any] = env.metadata.get(env.docname, {})
    if not any(key in metadata for key in CARD_KEYS):
        return
    if any(True for _node in doctree.findall(module_card)):
        return  # the directive wins
    page = page_of(env, env.docname)
    module_id = metadata.get("module_name") or (page.module if page is not None else None)
    if not module_id:
        return
    title = str(metadata.get("module_full_name") or module_id)
    fields = [
        (key, str(metadata[key]))
        for key in ("audience", "duration", "prerequisites")
        if metadata.get(key)
    ]
    extra = metadata.get("module_fields")
    if isinstance(extra, dict):
        fields += [(str(key), str(value)) for key, value in extra.items()]
    description: list[nodes.Node] = []
    if metadata.get("module_description"):
        text = str(metadata["module_description"])
        description.append(nodes.paragraph(text, text, classes=["mentoring-module-description"]))
    card = build_card(str(module_id), title, fields, description)
    card.source, card.line = str(env.doc2path(env.docname)), 1
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    if sections and sections[0].children and isinstance(sections[0][0], nodes.title):
        sections[0].insert(1, card)
    else:
        doctree.insert(0, card)


# --------------------------------------------------------------------------- roll-ups


# --------------------------------------------------------------------------- visitors


def visit_card_html(self: HTML5Translator, node: module_card) -> None:
    self.body.append(
        self.starttag(
            node,
            "aside",
            CLASS="mentoring-module-card",
            **{"aria-label": node.get("module_title", "")},  # type: ignore[arg-type]
        )
    )


def depart_card_html(self: HTML5Translator, node: module_card) -> None:
    self.body.append("</aside>\n")


def visit_card_title_html(self: HTML5Translator, node: module_card_title) -> None:
    self.body.append(self.starttag(node, "p", CLASS="mentoring-module-card-title"))


def depart_card_title_html(self: HTML5Translator, node: module_card_title) -> None:
    self.body.append("</p>\n")


def visit_card_latex(self: LaTeXTranslator, node: module_card) -> None:
    title = self.encode(node.get("module_title", ""))
    self.body.append(f"\n\\begin{{sphinxmentoringmodulecard}}{{{title}}}\n")


def depart_card_latex(self: LaTeXTranslator, node: module_card) -> None:
    self.body.append("\n\\end{sphinxmentoringmodulecard}\n")


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def visit_card_text(self: TextTranslator, node: module_card) -> None:
    self.new_state(0)


def depart_card_text(self: TextTranslator, node: module_card) -> None:
    self.end_state(wrap=False)


def visit_card_title_text(self: TextTranslator, node: module_card_title) -> None:
    self.new_state(0)


def depart_card_title_text(self: TextTranslator, node: module_card_title) -> None:
    self.end_state()


def visit_passthrough(self: Any, node: nodes.Node) -> None:
    pass


def visit_card_title_paragraph(self: Any, node: module_card_title) -> None:
    self.visit_paragraph(node)


def depart_card_title_paragraph(self: Any, node: module_card_title) -> None:
    self.depart_paragraph(node)


def setup(app: Sphinx) -> None:
    app.add_node(
        module_card,
        html=(visit_card_html, depart_card_html),
        latex=(visit_card_latex, depart_card_latex),
        text=(visit_card_text, depart_card_text),
        man=(visit_passthrough, visit_passthrough),
        texinfo=(visit_passthrough, visit_passthrough),
    )
    app.add_node(
        module_card_title,
        html=(visit_card_title_html, depart_card_title_html),
        latex=(skip, None),
        text=(visit_card_title_text, depart_card_title_text),
        man=(visit_card_title_paragraph, depart_card_title_paragraph),
        texinfo=(visit_card_title_paragraph, depart_card_title_paragraph),
    )
    app.add_node(objectives_rollup)
    app.add_directive("module", ModuleDirective)
    app.connect("doctree-read", card_from_front_matter, priority=450)
