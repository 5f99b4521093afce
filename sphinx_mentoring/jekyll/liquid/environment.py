"""python-liquid set up as Jekyll's Liquid: lenient parsing, Jekyll's tags and
filters, undefined values that render empty, errors that cost one tag.

Errors never stop a render: python-liquid runs in lax mode and hands every error
to :meth:`JekyllEnvironment.error`, which records it as a located problem of the
page (unless Ruby Liquid would say nothing, see :mod:`.lax`). An output or
``assign`` that fails while rendering costs only itself.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from liquid import Environment, Mode, Undefined
from liquid.ast import IllegalNode
from liquid.builtin.expressions import FilteredExpression, Nil
from liquid.builtin.output import Output, OutputNode
from liquid.builtin.tags.assign_tag import AssignNode, AssignTag
from liquid.exceptions import (
    LiquidError,
    LiquidInterrupt,
    LiquidSyntaxError,
    ResourceLimitError,
    StopRender,
)
from liquid.parser import eat_block, get_parser
from liquid.token import TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG

from sphinx_mentoring.jekyll.liquid import filters, tags
from sphinx_mentoring.jekyll.liquid.lax import (
    JekyllTokenStream,
    expression_stream,
    ignored_by_ruby,
)
from sphinx_mentoring.jekyll.liquid.state import current
from sphinx_mentoring.limits import DEFAULT as DEFAULT_LIMITS

if TYPE_CHECKING:
    from typing import TextIO

    from liquid import RenderContext
    from liquid.ast import Node
    from liquid.stream import TokenStream
    from liquid.tag import Tag

    from sphinx_mentoring.site import Site


def _in_html_comment(source: str, index: int) -> bool:
    opening = source.rfind("<!--", 0, index)
    return opening >= 0 and source.find("-->", opening, index) < 0


class ReportingUndefined(Undefined):
    """Renders empty, as Jekyll does, and reports the variable once the page's own
    text outputs it. Not inside an HTML comment (no reader sees it there), nor in
    an included file (templates use variables their layouts set)."""

    __slots__ = ()

    def __str__(self) -> str:
        state = current()
        token = self.token
        if (
            state is None
            or state.include_line is not None
            or state.theme_include_missing  # the theme's include would have set it
            or (
                token is not None
                and token.start_index >= 0
                and _in_html_comment(token.source, token.start_index)
            )
        ):
            return ""
        what = (self.hint or repr(self.name)).removesuffix(" is undefined").strip("'")
        state.report(f"Liquid variable '{what}' is not defined; it renders empty", token)
        return ""


_UNEXPECTED_TAG = re.compile(r"unexpected tag '(\w+)'")
_BLOCK_PART = re.compile(r"end\w+|else|elsif|when")


def report_error(error: LiquidError) -> None:
    """A Liquid error of the page being rendered, as a located problem."""
    state = current()
    if state is None:
        return
    in_include = state.include_line is not None
    if isinstance(error, LiquidSyntaxError) and ignored_by_ruby(error, in_include=in_include):
        return
    message = str(error.message or type(error).__name__)
    tag = _UNEXPECTED_TAG.match(message)
    if tag and tag.group(1) == "raw":  # the lexer reads a raw block only with its end
        message = "'{% raw %}' is never closed"
    elif tag and _BLOCK_PART.match(tag.group(1)):
        message = f"'{{% {tag.group(1)} %}}' outside the block it belongs to"
    elif tag:
        message = f"unknown tag '{tag.group(1)}'"
    token = error.token
    if token is not None and token.source is not state.marked and error.template_name:
        message += f" (in {Path(str(error.template_name)).name})"
    state.report(f"Liquid error: {message}; that tag is left out", token)


def _contained(node: Node, context: RenderContext, buffer: TextIO, render: Any) -> int:
    """Render one node; a failure costs that node only."""
    try:
        return int(render(context, buffer))
    except (LiquidInterrupt, StopRender, ResourceLimitError):
        # A limit reached stops the page's Liquid (a string doubled by ``append`` is
        # already stored when the namespace limit is found: going on would double it
        # again, to gigabytes).
        raise
    except LiquidError as error:
        if error.token is None:
            error.token = node.token
        report_error(error)
    except Exception as error:  # a filter that met a value it cannot handle
        report_error(LiquidError(f"{type(error).__name__}: {error}", token=node.token))
    return 0


class ContainedOutputNode(OutputNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return _contained(self, context, buffer, super().render_to_output)


class JekyllOutput(Output):
    """``{{ … }}`` read leniently (reserved words as names, trailing words ignored)."""

    node_class = ContainedOutputNode

    def parse(self, stream: TokenStream) -> OutputNode:
        token = stream.eat(TOKEN_OUTPUT)
        expression = stream.expect(TOKEN_EXPRESSION)
        if not expression.value.strip():
            return self.node_class(
                token, Nil(expression)
            )  # "{{ }}": Ruby outputs nothing, silently
        return self.node_class(
            token, FilteredExpression.parse(self.env, expression_stream(expression, "output"))
        )


class ContainedAssignNode(AssignNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return _contained(self, context, buffer, super().render_to_output)


class JekyllAssign(AssignTag):
    node_class = ContainedAssignNode


def enabled_plugins(site: Site) -> set[str]:
    """The plugins a site's ``_config.yml`` lists (``plugins:``, or Jekyll 3's ``gems:``)."""
    names: set[str] = set()
    for key in ("plugins", "gems"):
        listed = site.config.get(key)
        if isinstance(listed, list):
            names.update(str(name) for name in listed)
    return names


def _lenient_get_node(tag: Tag, stream: TokenStream) -> Node:
    """``Tag.get_node`` that never swallows the rest of the page.

    python-liquid drops a block whose opening tag fails up to its end tag, or to
    the end of the page when there is none. Here a block without its end tag
    costs only the opening tag: what follows it is read as if it were not there.
    """
    start = stream.pos
    token = stream.current
    try:
        return tag.parse(stream)
    except LiquidError as error:
        if error.token is None:
            error.token = token
        report_error(error)
        rest = stream.tokens[start + 1 :]
        if tag.end and any(t.kind == TOKEN_TAG and t.value == tag.end for t in rest):
            stream.pos = start
            eat_block(stream, (tag.end,))
        else:
            # The parser steps past the token it is left on: the tag and its expression.
            has_expression = rest[:1] and rest[0].kind == TOKEN_EXPRESSION
            stream.pos = start + 1 if has_expression else start
        return IllegalNode(token)


class JekyllEnvironment(Environment):
    """python-liquid as Jekyll's Liquid, with limits against runaway templates."""

    loop_iteration_limit: ClassVar[int | None] = DEFAULT_LIMITS.liquid_loop_iterations
    output_stream_limit: ClassVar[int | None] = DEFAULT_LIMITS.liquid_output
    # a string doubled by ``assign s = s | append: s`` grows in the namespace, not the output
    local_namespace_limit: ClassVar[int | None] = DEFAULT_LIMITS.liquid_output
    context_depth_limit: ClassVar[int] = 30

    def __init__(self, site: Site) -> None:
        super().__init__(
            loader=tags.IncludesLoader(site.root / "_includes"),
            undefined=ReportingUndefined,
            strict_filters=False,  # Jekyll passes a value through an unknown filter
            tolerance=Mode.LAX,
        )
        self.add_tag(JekyllOutput)
        self.add_tag(JekyllAssign)
        for tag in tags.JEKYLL_TAGS:
            self.add_tag(tag)
        plugins = enabled_plugins(site)
        for plugin, tag in tags.PLUGIN_TAGS.items():
            if plugin in plugins:
                self.add_tag(tag)
        for registered in self.tags.values():
            if registered.block:
                registered.get_node = functools.partial(_lenient_get_node, registered)  # type: ignore[method-assign]
        for name, function in filters.JEKYLL_FILTERS.items():
            self.add_filter(name, function)
        for name, function in {**filters.url_filters(site), **filters.date_filters(site)}.items():
            self.add_filter(name, function)

    def _parse(self, source: str) -> list[Node]:
        # The template's tokens in a stream that reads each tag's expression leniently.
        return get_parser(self).parse(JekyllTokenStream(self.tokenizer()(source)))

    def error(
        self,
        exc: type[LiquidError] | LiquidError,
        msg: str | None = None,
        token: Any = None,
    ) -> None:
        error = exc if isinstance(exc, LiquidError) else exc(msg, token=token)
        if error.token is None:
            error.token = token
        report_error(error)
