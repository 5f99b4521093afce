"""MyST, taught the Jekyll course idioms.

The Markdown is parsed by myst-parser as usual. This renderer subclass only
changes what happens to the tokens a Jekyll page is full of and that plain MyST
keeps as raw HTML (which every builder but HTML drops): front matter, HTML
blocks and inline HTML. Each hook hands the token to the module of its concern.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from markdown_it.token import Token
from myst_parser.config.main import merge_file_level
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from sphinx_mentoring import boundary, footnotes, frontmatter, limits, nesting, pandoc
from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.carpentries import episodes
from sphinx_mentoring.html import markdown as html_markdown
from sphinx_mentoring.html import render as html
from sphinx_mentoring.html import state as html_state
from sphinx_mentoring.jekyll import kramdown
from sphinx_mentoring.jekyll.kramdown import deflists, ids, tables, toc
from sphinx_mentoring.pandoc import attributes as pandoc_attributes
from sphinx_mentoring.pandoc import code as pandoc_code
from sphinx_mentoring.pandoc import divs as pandoc_divs
from sphinx_mentoring.pandoc import knitr
from sphinx_mentoring.pandoc import math as pandoc_math
from sphinx_mentoring.report import warn
from sphinx_mentoring.site.frontmatter import front_matter_text, load_yaml
from sphinx_mentoring.sources import page_of

if TYPE_CHECKING:
    from collections.abc import Callable, MutableMapping, Sequence

    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx


_MYST_KEY = re.compile(r"^myst[ \t]*:", re.MULTILINE)
#: MyST settings a page must not change: the build's security is the project's.
PROJECT_ONLY = frozenset({"url_schemes"})


def page_settings(topmatter: dict[str, Any], document: nodes.document) -> dict[str, Any]:
    """The page's MyST settings, without those that would loosen the project's security.

    A page may not allow URL schemes ``conf.py`` does not (``javascript:``), nor add an
    ``http-equiv`` meta tag (a refresh sending readers elsewhere): each is left out,
    with a warning.
    """
    settings = dict(topmatter)
    myst = settings.get("myst")
    if isinstance(myst, dict):
        myst = dict(myst)
        for name in sorted(PROJECT_ONLY & set(myst)):
            del myst[name]
            _refuse(document, f"the page's 'myst: {name}' is ignored: only conf.py sets it")
        if isinstance(myst.get("html_meta"), dict):
            myst["html_meta"] = _page_meta(myst["html_meta"], document)
        settings["myst"] = myst
    if isinstance(settings.get("html_meta"), dict):
        settings["html_meta"] = _page_meta(settings["html_meta"], document)
    return settings


def _page_meta(meta: dict[str, Any], document: nodes.document) -> dict[str, Any]:
    kept = {}
    for key, value in meta.items():
        if str(key).strip().lower().startswith("http-equiv"):
            _refuse(
                document, f"the page's html_meta {key!r} is ignored: only conf.py sets http-equiv"
            )
        else:
            kept[key] = value
    return kept


def _refuse(document: nodes.document, message: str) -> None:
    env = getattr(document.settings, "env", None)
    warn(message, "unsafe-setting", (env.docname, 1) if env is not None else document["source"])


class MentoringRenderer(SphinxRenderer):
    """Renders markdown-it tokens to docutils, with Jekyll-aware hooks."""

    def render(
        self, tokens: Sequence[Token], options: Any, md_env: MutableMapping[str, Any]
    ) -> nodes.document:
        # How the front-matter title becomes the document title depends on the
        # body's headings: known only from all tokens (frontmatter.plan_title).
        document = options.get("document")
        env = document.settings.env if document is not None else None
        if (
            env is not None
            and (not tokens or tokens[0].type != "front_matter")
            and page_of(env, env.docname) is not None
        ):
            # A page of the site without front matter (a post may have none): its
            # title comes from the site model all the same.
            empty = Token("front_matter", "", 0, content="", map=[0, 0], block=True, hidden=True)
            tokens = [empty, *tokens]
        md_env["mentoring_tokens"] = tokens
        return super().render(tokens, options, md_env)

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        frontmatter.render_front_matter(self, token)
        episodes.render_head(self, token)  # a styles episode's questions and objectives

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        html.render_html_block(self, token)

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        html.render_html_inline(self, token)

    def render_paragraph(self, token: SyntaxTreeNode) -> None:
        # Inline HTML elements may open in one token and close in another;
        # a paragraph is the widest scope they can span.
        with html.inline_scope(self):
            super().render_paragraph(token)

    def render_heading(self, token: SyntaxTreeNode) -> None:
        # Inside an HTML box a heading is its title or a rubric, never a section.
        if html.render_heading(self, token):
            return
        # Under the page's title: the opening heading may be the title itself,
        # other level-1 headings go one level down.
        opening = token.nester_tokens.opening if token.nester_tokens else None
        shift = frontmatter.heading_shift(self.md_env, opening) if opening else 0
        if not shift:
            super().render_heading(token)
            return
        self._heading_offset += shift
        try:
            super().render_heading(token)
        finally:
            self._heading_offset -= shift

    def render_image(self, token: SyntaxTreeNode) -> None:
        super().render_image(token)
        image = self.current_node.children[-1]
        if isinstance(image, nodes.image):
            html_state.resolve_site_image(self, image)
        if self.document.get(pandoc_attributes.PANDOC_DOCUMENT):
            pandoc_attributes.render_image(self, token)

    def render_pandoc_div(self, token: SyntaxTreeNode) -> None:
        pandoc_divs.render_div(self, token)

    # kramdown's constructs (sphinx_mentoring.jekyll.kramdown)

    def render_table(self, token: SyntaxTreeNode) -> None:
        tables.render_table(self, token)

    def render_kramdown_toc(self, token: SyntaxTreeNode) -> None:
        toc.render_toc(self, token)

    def render_dl(self, token: SyntaxTreeNode) -> None:
        before = len(self.current_node.children)
        super().render_dl(token)
        deflists.add_term_ids(self.document, token, self.current_node.children[before:])

    def render_math_block(self, token: SyntaxTreeNode) -> None:
        super().render_math_block(token)
        block = self.current_node.children[-1]
        if token.meta.get("nowrap") and isinstance(block, nodes.math_block):
            block["nowrap"] = True  # an AMS environment, taken as written

    def render_hardbreak(self, token: SyntaxTreeNode) -> None:
        # MyST's break is raw HTML and LaTeX: the text builders glued the two lines
        self.current_node.append(mnodes.line_break())

    def copy_attributes(
        self,
        token: SyntaxTreeNode,
        node: nodes.Element,
        keys: Sequence[str] = ("class",),
        *,
        converters: dict[str, Callable[[str], Any]] | None = None,
        aliases: dict[str, str] | None = None,
    ) -> None:
        super().copy_attributes(token, node, keys, converters=converters, aliases=aliases)
        # MyST normalises an id (``My_Id`` -> ``my-id``); links use it as written.
        if "id" in keys and token.attrs.get("id"):
            ids.add_id(self.document, node, str(token.attrs["id"]))

    def _render_finalise(self) -> None:
        html.finalise(self)
        episodes.render_tail(self)  # a styles episode's key points
        if not self.document.get(pandoc_attributes.PANDOC_DOCUMENT):
            # a title inserted from the front matter is Jekyll's layout: kramdown gives
            # it no id (frontmatter.TitlePlan)
            plan = self.md_env.get("mentoring_title_plan")
            sections = [c for c in self.document.children if isinstance(c, nodes.section)]
            inserted = sections[0] if sections and getattr(plan, "insert", None) else None
            ids.add_heading_ids(self.document, inserted)
        frontmatter.finish_title(self.document, self.md_env.get("mentoring_title_plan"))
        super()._render_finalise()

    def run_directive(
        self,
        name: str,
        first_line: str,
        content: str,
        position: int,
        additional_options: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> list[nodes.Element]:
        # MyST reads {include} files itself: the trust boundary is checked first.
        directive, _messages = directives.directive(name, self.language_module_rst, self.document)
        env = self.sphinx_env
        location = (env.docname, position) if env is not None else None
        if boundary.refuse_myst_include(env, directive, first_line, location):
            return []
        return super().run_directive(
            name, first_line, content, position, additional_options, **kwargs
        )


class MentoringParser(MystParser):
    """The MyST parser, rendering with :class:`MentoringRenderer`."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        config = env.myst_config
        topmatter = None
        # Only a ``myst:`` key in the front matter changes MyST's configuration: the
        # site model has the page's front matter parsed; other pages are read here.
        page = page_of(env, env.docname)
        if page is not None:
            topmatter = page.front_matter if "myst" in page.front_matter else None
        elif _MYST_KEY.search(yaml_text := front_matter_text(inputstring)):
            # Malformed YAML (or beyond the limits) is reported by render_front_matter.
            with contextlib.suppress(yaml.YAMLError):
                topmatter = load_yaml(yaml_text, limits.from_config(env.config))
        if isinstance(topmatter, dict) and topmatter:

            def warning(wtype: Any, msg: str) -> None:
                create_warning(document, msg, wtype, line=1, append_to=document)

            config = merge_file_level(config, page_settings(topmatter, document), warning)

        is_pandoc = pandoc.is_pandoc_page(document.settings.env)
        if is_pandoc:
            config = pandoc.pandoc_config(config)
        md = create_md_parser(config, MentoringRenderer)
        if not is_pandoc:  # a Jekyll page: read as kramdown reads it
            md.use(kramdown.kramdown_plugin)
        md.use(html_markdown.html_plugin, kramdown=not is_pandoc)
        md.use(pandoc_divs.fenced_div_plugin)
        md.use(footnotes.undefined_marks_plugin)
        md.use(nesting.markdown_plugin)
        if is_pandoc:
            md.use(pandoc_attributes.attributes_plugin)
            md.use(pandoc_math.math_plugin)
            md.use(knitr.knitr_plugin)
            md.use(pandoc_code.code_plugin)
            document[pandoc_attributes.PANDOC_DOCUMENT] = True
        md.options["document"] = document
        md.render(inputstring)


def setup(app: Sphinx) -> None:
    app.add_source_parser(MentoringParser, override=True)
