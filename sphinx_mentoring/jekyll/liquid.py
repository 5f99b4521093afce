"""Liquid in Jekyll pages, rendered with python-liquid before Markdown parsing.

Only pages that contain ``{{`` or ``{%`` are touched. The front matter stays in
place (the parser reads it); the body is rendered with ``site`` (``_config.yml``
plus ``_data/*.yml`` as ``site.data``) and ``page`` (the front matter).

Line numbers: before rendering, every newline of the page's literal text gets an
invisible marker naming its source line. After rendering the markers say where
each source line landed, and the output is padded (a construct that rendered to
fewer lines) or squeezed (extra blank lines dropped after one that rendered to
more), so warnings from later stages still point at the author's lines.

Sandbox: python-liquid has no access to Python attributes or files; the only
loader reads ``_includes/`` and refuses any path that resolves outside it.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar

from liquid import BoundTemplate, Environment, Undefined
from liquid.ast import Node
from liquid.exceptions import LiquidError, TemplateNotFoundError
from liquid.lex import compile_liquid_rules
from liquid.loader import BaseLoader, TemplateSource
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from sphinx_mentoring.site.frontmatter import split_front_matter

if TYPE_CHECKING:
    from typing import TextIO

    from liquid import RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

    from sphinx_mentoring.site import Site as JekyllSite

_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
_LIQUID_RULES = compile_liquid_rules()
_INCLUDE_ARG = re.compile(r"""([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s]+)""")
_BLANK_RUN = re.compile(r"\n[ \t]*(?=\n[ \t]*\n)")


def has_liquid(text: str) -> bool:
    return "{{" in text or "{%" in text


@dataclass(frozen=True)
class Problem:
    """Something wrong in a page's Liquid, at a line of the page."""

    message: str
    line: int


@dataclass
class _RenderState:
    """What one page's render collects (held in a context variable, not globally)."""

    site: JekyllSite
    page_path: str
    marked: str
    first_line: int
    problems: list[Problem] = field(default_factory=list)
    dependencies: list[Path] = field(default_factory=list)
    include_line: int | None = None  # line of the outermost include being rendered

    def line_of(self, token: Token | None) -> int:
        if self.include_line is not None:
            return self.include_line
        if token is None or token.start_index < 0 or token.source is not self.marked:
            return 1
        return self.first_line + self.marked.count("\n", 0, token.start_index)

    def report(self, message: str, token: Token | None) -> None:
        self.problems.append(Problem(message, self.line_of(token)))


_STATE: contextvars.ContextVar[_RenderState] = contextvars.ContextVar("mentoring_liquid")


class ReportingUndefined(Undefined):
    """Renders empty, as Jekyll does, and reports the variable once it is output."""

    __slots__ = ()

    def __str__(self) -> str:
        state = _STATE.get(None)
        if state is not None:
            what = (self.hint or repr(self.name)).removesuffix(" is undefined").strip("'")
            state.report(f"Liquid variable '{what}' is not defined; it renders empty", self.token)
        return ""


class IncludesLoader(BaseLoader):
    """Templates from ``_includes/`` only; anything resolving elsewhere is refused."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.resolve()

    def get_source(self, env: Environment, template_name: str, **kwargs: object) -> TemplateSource:
        candidate = (self.folder / template_name).resolve()
        if not candidate.is_relative_to(self.folder):
            raise IncludeRefusedError(template_name)
        if not candidate.is_file():
            raise TemplateNotFoundError(template_name, token=None)
        state = _STATE.get(None)
        if state is not None:
            state.dependencies.append(candidate)
        text = candidate.read_text(encoding="utf-8-sig", errors="replace")
        return TemplateSource(text, str(candidate), None, None)


class IncludeRefusedError(TemplateNotFoundError):
    def __init__(self, name: str) -> None:
        super().__init__(name, token=None)


class _RawExpressionTag(Tag):
    """A Jekyll tag whose argument is plain text (may hold ``{{ variables }}``)."""

    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        argument = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            argument = stream.current.value
        return self.node_class(token, argument)  # type: ignore[attr-defined]


class _RawExpressionNode(Node):
    def __init__(self, token: Token, argument: str) -> None:
        super().__init__(token)
        self.argument = argument
        self.blank = False


def _render_inline(context: RenderContext, text: str) -> str:
    """Resolve ``{{ variables }}`` inside a tag argument."""
    if "{{" not in text and "{%" not in text:
        return text
    buffer = StringIO()
    context.env.from_string(text).render_with_context(context, buffer, partial=True)
    return buffer.getvalue()


class JekyllIncludeNode(_RawExpressionNode):
    """``{% include file.html key=value %}`` (Jekyll's syntax, not Shopify's)."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _STATE.get()
        argument = self.argument.strip()
        name_match = re.match(r"(\{\{.*?\}\}|\S+)", argument)
        if not name_match:
            state.report("{% include %} needs a file name from _includes/", self.token)
            return 0
        name = _render_inline(context, name_match.group(1)).strip()
        params: dict[str, Any] = {}
        for key, raw in _INCLUDE_ARG.findall(argument[name_match.end() :]):
            if raw[:1] in "\"'":
                params[key] = _render_inline(context, raw[1:-1])
            else:
                params[key] = _render_inline(context, "{{ " + raw + " }}")
        try:
            template = context.env.get_template(name, context=context)
        except IncludeRefusedError:
            state.report(
                f"{{% include {name} %}} refused: includes are read from _includes/ only",
                self.token,
            )
            return 0
        except TemplateNotFoundError:
            state.report(f"{{% include {name} %}}: no file '{name}' in _includes/", self.token)
            return 0
        outer = state.include_line
        if outer is None:
            state.include_line = state.line_of(self.token)
        try:
            with context.extend({"include": params}, template=template):
                template.render_with_context(context, buffer, partial=True)
        finally:
            state.include_line = outer
        return 1


class JekyllIncludeTag(_RawExpressionTag):
    name = "include"
    node_class = JekyllIncludeNode


class IncludeRelativeNode(_RawExpressionNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        _STATE.get().report(
            "{% include_relative %} refused: includes are read from _includes/ only; "
            "move the file there and use {% include %}",
            self.token,
        )
        return 0


class IncludeRelativeTag(_RawExpressionTag):
    name = "include_relative"
    node_class = IncludeRelativeNode


class LinkNode(_RawExpressionNode):
    """``{% link path/to/page.md %}``: the Jekyll URL of that page."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _STATE.get()
        target = _render_inline(context, self.argument).strip()
        url = _url_of_file(state.site, target)
        if url is None:
            state.report(f"{{% link {target} %}}: no such page in the site", self.token)
            url = target
        buffer.write(url)
        return 1


class LinkTag(_RawExpressionTag):
    name = "link"
    node_class = LinkNode


class PostUrlNode(_RawExpressionNode):
    """``{% post_url 2010-07-21-name %}``: the Jekyll URL of that post."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _STATE.get()
        name = _render_inline(context, self.argument).strip()
        url = None
        root = state.site.root
        stem = PurePosixPath(name).name
        folder = str(PurePosixPath(name).parent)
        for candidate in sorted(root.rglob(f"_posts/**/{stem}.*")) + sorted(
            root.rglob(f"_posts/{stem}.*")
        ):
            relative = candidate.relative_to(root).as_posix()
            if folder not in (".", "") and folder not in relative:
                continue
            url = _url_of_file(state.site, relative)
            if url is not None:
                break
        if url is None:
            state.report(f"{{% post_url {name} %}}: no such post in _posts/", self.token)
            url = name
        buffer.write(url)
        return 1


class PostUrlTag(_RawExpressionTag):
    name = "post_url"
    node_class = PostUrlNode


def _url_of_file(site: JekyllSite, relative: str) -> str | None:
    page = site.by_path.get(relative.lstrip("/"))
    return site.public_url(page) if page is not None else None


# -- Jekyll's filters (the ones course pages use; python-liquid has Shopify's) -------------


def _relative_url(site: JekyllSite) -> Any:
    def relative_url(value: object) -> str:
        text = str(value or "")
        if re.match(r"^[a-z][a-z0-9+.-]*:", text) or text.startswith("//"):
            return text
        return site.baseurl + "/" + text.lstrip("/")

    return relative_url


def _absolute_url(site: JekyllSite) -> Any:
    def absolute_url(value: object) -> str:
        text = _relative_url(site)(value)
        if re.match(r"^[a-z][a-z0-9+.-]*:", text):
            return text
        return str(site.config.get("url") or "").rstrip("/") + text

    return absolute_url


def _slugify(value: object, mode: object = "default") -> str:
    text = str(value or "").lower()
    if mode == "raw":
        return re.sub(r"\s+", "-", text).strip("-")
    return re.sub(
        r"[^a-z0-9._~!$&'()+,;=@]+" if mode == "pretty" else r"[^a-z0-9]+", "-", text
    ).strip("-")


def _date_to_string(value: object, *_args: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d %b %Y")
    return str(value or "")


def _date_to_xmlschema(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value or "")


def _array_to_sentence_string(value: object, connector: object = "and") -> str:
    items = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value or "")]
    if len(items) <= 2:
        return f" {connector} ".join(items)
    return ", ".join(items[:-1]) + f", {connector} " + items[-1]


def _where(value: object, key: object, expected: object = None) -> list[Any]:
    items = value if isinstance(value, (list, tuple)) else []
    return [i for i in items if isinstance(i, dict) and str(i.get(str(key))) == str(expected)]


def _jsonify(value: object) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


JEKYLL_FILTERS: dict[str, Any] = {
    "slugify": _slugify,
    "date_to_string": _date_to_string,
    "date_to_long_string": lambda v, *_: (
        v.strftime("%d %B %Y") if isinstance(v, dt.date) else str(v or "")
    ),
    "date_to_xmlschema": _date_to_xmlschema,
    "date_to_rfc822": lambda v: (
        v.strftime("%a, %d %b %Y") if isinstance(v, dt.date) else str(v or "")
    ),
    "array_to_sentence_string": _array_to_sentence_string,
    "where": _where,
    "jsonify": _jsonify,
    "xml_escape": lambda v: (
        str(v or "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    ),
    "cgi_escape": lambda v: urllib.parse.quote_plus(str(v or "")),
    "uri_escape": lambda v: urllib.parse.quote(str(v or ""), safe="/:?#[]@!$&'()*+,;="),
    "url_encode": lambda v: urllib.parse.quote_plus(str(v or "")),
    "number_of_words": lambda v, *_: len(str(v or "").split()),
    "normalize_whitespace": lambda v: re.sub(r"\s+", " ", str(v or "")),
    # The result is Markdown parsed with the page anyway, which is what it would become.
    "markdownify": lambda v: str(v or ""),
    "smartify": lambda v: str(v or ""),
}


class JekyllEnvironment(Environment):
    """python-liquid set up as Jekyll's Liquid, with limits against runaway templates."""

    loop_iteration_limit: ClassVar[int | None] = 100_000
    output_stream_limit: ClassVar[int | None] = 20_000_000
    context_depth_limit: ClassVar[int] = 30

    def __init__(self, site: JekyllSite) -> None:
        super().__init__(
            loader=IncludesLoader(site.root / "_includes"),
            undefined=ReportingUndefined,
            strict_filters=True,
        )
        for tag in (JekyllIncludeTag, IncludeRelativeTag, LinkTag, PostUrlTag):
            self.add_tag(tag)
        for name, function in JEKYLL_FILTERS.items():
            self.add_filter(name, function)
        self.add_filter("relative_url", _relative_url(site))
        self.add_filter("absolute_url", _absolute_url(site))


# -- line bookkeeping ------------------------------------------------------------------


def _mark_lines(body: str, first_line: int) -> str:
    """Put a marker after each newline that belongs to literal text (not to tags)."""
    pieces: list[str] = []
    position = 0
    for match in _LIQUID_RULES.finditer(body):
        kind = match.lastgroup
        if kind in ("content", "RAW"):
            start, end = match.span() if kind == "content" else match.span("raw")
            pieces.append(body[position:start])
            text = body[start:end]
            line = first_line + body.count("\n", 0, start)
            out: list[str] = []
            for index, chunk in enumerate(text.split("\n")):
                if index:
                    line += 1
                    out.append(f"\n{_MARK_OPEN}{line}{_MARK_CLOSE}")
                out.append(chunk)
            pieces.append("".join(out))
            position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _squeeze(text: str, surplus: int) -> tuple[str, int]:
    """Drop up to ``surplus`` redundant blank lines (a blank line after a blank line)."""
    removed = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal removed
        if removed < surplus:
            removed += 1
            return ""
        return match.group(0)

    return _BLANK_RUN.sub(drop, text), removed


def _restore_lines(rendered: str, first_line: int, last_line: int) -> str:
    """Align the rendered text with the source lines the markers name.

    Before each marker the output is padded with newlines when it is behind
    (a construct rendered fewer lines), or loses redundant blank lines when it is
    ahead (a construct rendered more lines).
    """
    out: list[str] = []
    recent = ""  # the last characters written: a blank-line run may span segments
    line = first_line

    def emit(segment: str, target: int) -> None:
        nonlocal recent, line
        ahead = line + segment.count("\n") - target
        if ahead > 0 and "\n" in segment:
            squeezed, removed = _squeeze(recent + segment, ahead)
            if removed:
                _trim(out, len(recent))
                segment = squeezed
                line -= recent.count("\n")
        out.append(segment)
        line += segment.count("\n")
        recent = (recent + segment)[-8:] if len(segment) < 8 else segment[-8:]

    position = 0
    for match in _MARK.finditer(rendered):
        target = int(match.group(1))
        emit(rendered[position : match.start()], target)
        position = match.end()
        if line < target:
            emit("\n" * (target - line), target)
    emit(rendered[position:], last_line)
    return "".join(out)


def _trim(out: list[str], count: int) -> None:
    """Remove the last ``count`` characters from a list of strings."""
    while count > 0 and out:
        last = out.pop()
        if len(last) > count:
            out.append(last[:-count])
            return
        count -= len(last)


# -- the page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LiquidResult:
    text: str
    problems: list[Problem]
    dependencies: list[Path]
    failed: bool = False  # the page could not be rendered: the text is the source


def render_page(
    text: str, site: JekyllSite, page: dict[str, Any], page_path: str = ""
) -> LiquidResult:
    """Render the Liquid of one page; its line count is kept."""
    front, body = split_front_matter(text)
    first_line = front.count("\n") + 1
    marked = _mark_lines(body, first_line)
    state = _RenderState(site=site, page_path=page_path, marked=marked, first_line=first_line)
    token = _STATE.set(state)
    try:
        environment = JekyllEnvironment(site)
        template: BoundTemplate = environment.from_string(marked)
        # baseurl without its trailing slash: ``{{ site.baseurl }}/img/x.png`` with
        # ``baseurl: /`` is ``/img/x.png`` (a path Sphinx resolves), not ``//img/x.png``.
        liquid_site = {**site.config.raw, "data": site.data, "baseurl": site.baseurl}
        rendered = template.render(
            site=liquid_site, page=page, jekyll={"environment": "production"}
        )
    except LiquidError as error:
        line = first_line
        context = (
            error.context() if error.token is not None and error.token.source is marked else None
        )
        if context is not None:
            line = first_line + context[0] - 1
        elif state.include_line is not None:
            line = state.include_line
        message = str(error.message or type(error).__name__)
        if error.template_name and error.token is not None and error.token.source is not marked:
            message += f" (in {Path(str(error.template_name)).name})"
        problem = Problem(f"Liquid error: {message}; the page is kept without Liquid", line)
        return LiquidResult(text, [*state.problems, problem], state.dependencies, failed=True)
    except RecursionError:
        problem = Problem(
            "Liquid error: includes nest too deeply; the page is kept without Liquid", first_line
        )
        return LiquidResult(text, [problem], state.dependencies, failed=True)
    finally:
        _STATE.reset(token)
    body_out = _restore_lines(rendered, first_line, first_line + body.count("\n"))
    # Markers copied into variables by {% capture %} may surface anywhere: never show them.
    body_out = body_out.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    return LiquidResult(front + body_out, _dedupe(state.problems), state.dependencies)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    return [p for p in problems if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]
