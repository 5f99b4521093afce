"""Directives for new course content: ``objectives``, ``callout``, ``video``.

The same nodes as the raw-HTML idioms they replace, usable from MyST
(```` ```{objectives} ```` or ``:::{objectives}``) and reStructuredText
(``.. objectives::``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring import url_policy
from sphinx_mentoring.html import urls
from sphinx_mentoring.i18n import _
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class _BoxDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def _title(self, text: str) -> nodes.title:
        children, messages = self.parse_inline(text, lineno=self.lineno)
        title = nodes.title(text, "", *children, *messages)
        self.set_source_info(title)
        return title

    def _fill(self, node: nodes.Element) -> list[nodes.Node]:
        self.set_source_info(node)
        node["classes"].extend(self.options.get("class", []))
        self.state.nested_parse(self.content, self.content_offset, node)
        self.add_name(node)
        return [node]


class ObjectivesDirective(_BoxDirective):
    """``objectives [title]``: the learning objectives of a page, as a list."""

    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        node = mnodes.objectives(classes=["mentoring-objectives"])
        configured = self.config.mentoring_objectives_title
        default = str(configured) if configured else str(_("Learning objectives"))
        node.append(self._title(self.arguments[0] if self.arguments else default))
        result = self._fill(node)
        if not any(child.astext().strip() for child in node.children[1:]):
            warn(
                "objectives box has no items (only a title); add a list of objectives",
                "objectives",
                node,
            )
        return result


class CalloutDirective(_BoxDirective):
    """``callout <type>`` with ``:title:``: an activity, videos, case study, info box."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        **_BoxDirective.option_spec,
        "title": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        node = mnodes.make_callout(self.arguments[0].strip())
        if self.options.get("title"):
            node.append(self._title(self.options["title"]))
        return self._fill(node)


class VideoDirective(SphinxDirective):
    """``video <url>`` with ``:title:`` and ``:duration:``."""

    required_arguments = 1
    final_argument_whitespace = False
    option_spec: ClassVar[dict[str, Any]] = {
        "title": directives.unchanged,
        "duration": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        schemes = url_policy.project_schemes(self.config)
        src = url_policy.allowed(self.arguments[0], url_policy.FRAME, schemes)
        title = self.options.get("title", "").strip()
        if src is None:
            warn(
                url_policy.refusal(self.arguments[0], "a video", schemes),
                "unsafe-url",
                self.get_location(),
            )
            return [nodes.paragraph(title, title)] if title else []
        node = mnodes.video(
            src=src,
            title=title or urls.default_title(src),
            title_given=bool(title),
            duration=self.options.get("duration", "").strip(),
        )
        node["classes"].extend(self.options.get("class", []))
        self.set_source_info(node)
        self.add_name(node)
        return [node]


def _enable_colon_fence(app: Sphinx, config: Config) -> None:
    """``:::{objectives}`` works out of the box: MyST's colon fences are switched on."""
    extensions = getattr(config, "myst_enable_extensions", None)
    if extensions is None:
        return
    if isinstance(extensions, (list, tuple)) and "colon_fence" not in extensions:
        config.myst_enable_extensions = [*extensions, "colon_fence"]
    elif isinstance(extensions, set) and "colon_fence" not in extensions:
        config.myst_enable_extensions = {*extensions, "colon_fence"}


def setup(app: Sphinx) -> None:
    app.add_directive("objectives", ObjectivesDirective)
    app.add_directive("callout", CalloutDirective)
    app.add_directive("video", VideoDirective)
    app.connect("config-inited", _enable_colon_fence)
