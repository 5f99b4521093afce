"""Jekyll's Liquid tags: ``include`` (and ``include_cached``), ``include_relative``,
``link``, ``post_url``, ``highlight``, and the GitHub Pages plugins' tags.

Each follows Jekyll 4.3's code (``jekyll/tags/*.rb``). Where Jekyll would stop
the build (a missing include, an unknown page in ``{% link %}``), the tag is
left out (or shows its argument) with a located warning, and the page goes on.

Sandbox: ``include`` reads only files inside ``_includes/``; ``include_relative``
only files in the page's own folder or below it, inside the site. A path that
leaves them (``..``, an absolute path, a symbolic link leading out) is refused.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from io import StringIO
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from liquid.ast import BlockNode, Node
from liquid.exceptions import TemplateNotFoundError
from liquid.loader import BaseLoader, TemplateSource
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from sphinx_mentoring.jekyll.liquid.lines import MARK_CLOSE, MARK_OPEN
from sphinx_mentoring.jekyll.liquid.state import RenderState, current
from sphinx_mentoring.limits import DEFAULT as DEFAULT_LIMITS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TextIO

    from liquid import BoundTemplate, Environment, RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

    from sphinx_mentoring.site import Site

# Jekyll's IncludeTag patterns.
_PARAMETER = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
)
_VARIABLE_NAME = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S
)
_ALL_PARAMETERS = re.compile(rf"\A\s*(?:{_PARAMETER.pattern}(?=\s|\Z)\s*)*\Z")
_FILE_NAME = re.compile(r"^[\w/.\-()+~#@]+$")
_BAD_SEQUENCE = re.compile(r"[./]{2,}")


class IncludeRefusedError(TemplateNotFoundError):
    """A path that would leave the folder includes are read from."""

    def __init__(self, name: str) -> None:
        super().__init__(name, token=None)


class IncludesLoader(BaseLoader):
    """Templates from ``_includes/`` only; anything resolving elsewhere is refused."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.resolve()

    def get_source(self, env: Environment, template_name: str, **kwargs: object) -> TemplateSource:
        return TemplateSource(*_read_inside(self.folder, template_name), None, None)


def _read_inside(folder: Path, name: str) -> tuple[str, str]:
    """The text and path of ``folder/name``, refused unless it stays inside ``folder``."""
    candidate = (folder / name).resolve()
    if not candidate.is_relative_to(folder):
        raise IncludeRefusedError(name)
    if not candidate.is_file():
        raise TemplateNotFoundError(name, token=None)
    state = current()
    if state is not None:
        state.dependencies.append(candidate)
    return candidate.read_text(encoding="utf-8-sig", errors="replace"), str(candidate)


class RawArgumentTag(Tag):
    """A Jekyll tag whose argument is plain text, read by the tag itself."""

    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        argument = stream.current.value if stream.current.kind == TOKEN_EXPRESSION else ""
        return self.node_class(token, argument)  # type: ignore[attr-defined]


class RawArgumentNode(Node):
    def __init__(self, token: Token, argument: str) -> None:
        super().__init__(token)
        self.argument = argument
        self.blank = False


def render_inline(context: RenderContext, text: str) -> str:
    """Resolve ``{{ variables }}`` inside a tag argument."""
    if "{{" not in text and "{%" not in text:
        return text
    buffer = StringIO()
    context.env.from_string(text).render_with_context(context, buffer, partial=True)
    return buffer.getvalue()


def _lookup(context: RenderContext, name: str) -> object:
    """``context[name]`` for a dotted variable name (``page.title``, ``e.questions``)."""
    return context.get(list(name.split(".")), token=None, default=None)


@contextmanager
def _at_tag(state: RenderState, token: Token) -> Iterator[None]:
    """Problems inside an included file are reported at the include tag's line."""
    outer = state.include_line
    if outer is None:
        state.include_line = state.line_of(token)
    try:
        yield
    finally:
        state.include_line = outer


class IncludeNode(RawArgumentNode):
    """``{% include file.html key="value" other=variable %}`` as Jekyll reads it."""

    tag_name = "include"
    sandbox = "includes are read from _includes/ only"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = current()
        if state is None:
            return 0
        state.includes += 1
        if state.includes > DEFAULT_LIMITS.liquid_includes:
            if state.includes == DEFAULT_LIMITS.liquid_includes + 1:
                state.report(
                    f"more than {DEFAULT_LIMITS.liquid_includes:,} includes on one page "
                    "(mentoring_limits liquid_includes); the others are left out",
                    self.token,
                )
            return 0
        markup = self.argument.strip()
        matched = _VARIABLE_NAME.match(markup)
        if matched:
            name, params = matched["variable"].strip(), matched["params"].strip()
            name = render_inline(context, name).strip()
        else:
            name, _, params = markup.partition(" ")
            params = params.strip()
        if not name:
            state.report(f"{{% {self.tag_name} %}} needs a file name", self.token)
            return 0
        if params and not _ALL_PARAMETERS.match(params):
            state.report(
                f'{{% {self.tag_name} {name} %}}: parameters are written key="value" '
                "or key=variable; the ones that are are used",
                self.token,
            )
        if _BAD_SEQUENCE.search(name) or not _FILE_NAME.match(name):
            self.refuse(state, name)  # Jekyll's rule for include names
            return 0
        with _at_tag(state, self.token):
            template = self.load(context, state, name)
            if template is None:
                return 0
            namespace = {"include": _parameters(context, params)} if params else {}
            with context.extend(namespace, template=template):
                template.render_with_context(context, buffer, partial=True)
        return 1

    def refuse(self, state: RenderState, name: str) -> None:
        state.report(
            f"{{% {self.tag_name} {name} %}} refused: {self.sandbox} "
            "(no '..', './' or '//' in the name)",
            self.token,
        )

    def load(self, context: RenderContext, state: RenderState, name: str) -> BoundTemplate | None:
        try:
            return context.env.get_template(name, context=context)
        except IncludeRefusedError:
            self.refuse(state, name)
        except TemplateNotFoundError:
            theme = state.site.config.get("remote_theme") or state.site.config.get("theme")
            if not theme:
                state.report(f"{{% include {name} %}}: no file '{name}' in _includes/", self.token)
                return None
            # A gem or remote theme brings its own _includes/; sphinx-mentoring never
            # reads themes. Its includes are reported once per build, not on every page.
            message = f"it may be the theme's ({theme}), which is not read; left out"
            state.report(message, self.token, theme_include=name)
            state.theme_include_missing = True
        return None


def _parameters(context: RenderContext, params: str) -> dict[str, Any]:
    """Quoted values are text (as written); bare ones are variables."""
    values: dict[str, Any] = {}
    for key, double, single, variable in _PARAMETER.findall(params):
        if variable:
            values[key] = _lookup(context, variable)
        elif double or not single:
            values[key] = double.replace('\\"', '"')
        else:
            values[key] = single.replace("\\'", "'")
    return values


class IncludeTag(RawArgumentTag):
    name = "include"
    node_class = IncludeNode


class IncludeCachedTag(RawArgumentTag):
    """jekyll-include-cache: the same include, rendered once in Jekyll."""

    name = "include_cached"
    node_class = IncludeNode


class IncludeRelativeNode(IncludeNode):
    """``{% include_relative file.md %}``: a file next to the page (or below it)."""

    tag_name = "include_relative"
    sandbox = "the file must be in the page's folder or below it"

    def load(self, context: RenderContext, state: RenderState, name: str) -> BoundTemplate | None:
        root = state.site.root.resolve()
        folder = (root / PurePosixPath(state.page_path).parent).resolve()
        try:
            text, path = _read_inside(folder, name)
        except IncludeRefusedError:
            self.refuse(state, name)
            return None
        except TemplateNotFoundError:
            state.report(
                f"{{% include_relative {name} %}}: no file '{name}' next to the page", self.token
            )
            return None
        return context.env.from_string(text, name=path)


class IncludeRelativeTag(RawArgumentTag):
    name = "include_relative"
    node_class = IncludeRelativeNode


def url_of_file(site: Site, relative: str) -> str | None:
    """The URL (under ``baseurl``) of the page, document or static file at a path."""
    path = relative.strip().lstrip("/")
    page = site.by_path.get(path)
    if page is not None:
        state = current()
        if state is not None:
            state.dependencies.append(site.root / page.path)
        return site.public_url(page)
    if path in site.static_files:
        return f"{site.baseurl}/{path}"
    return None


class UrlNode(RawArgumentNode):
    """A tag that prints the URL of what its argument names; what names nothing is
    printed as written, with a warning."""

    tag = ""
    missing = ""

    def url(self, site: Site, target: str) -> str | None:
        raise NotImplementedError

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = current()
        if state is None:
            return 0
        target = render_inline(context, self.argument).strip()
        url = self.url(state.site, target)
        if url is None:
            state.report(f"{{% {self.tag} {target} %}}: {self.missing}", self.token)
            url = target
        buffer.write(url)
        return 1


class LinkNode(UrlNode):
    """``{% link path/to/page.md %}``: the page's URL, under ``baseurl`` (Jekyll 4)."""

    tag = "link"
    missing = "no such page in the site"

    def url(self, site: Site, target: str) -> str | None:
        return url_of_file(site, target)


class LinkTag(RawArgumentTag):
    name = "link"
    node_class = LinkNode


class PostUrlNode(UrlNode):
    """``{% post_url 2010-07-21-name %}`` (or ``folder/2010-07-21-name``): its URL."""

    tag = "post_url"
    missing = "no such post in _posts/"

    def url(self, site: Site, target: str) -> str | None:
        return post_url(site, target)


def post_url(site: Site, name: str) -> str | None:
    """Jekyll's ``post_url``: the post named ``2010-07-21-name`` (or ``folder/…``)."""
    wanted = PurePosixPath(name)
    for post in site.posts:
        path = PurePosixPath(post.path)
        if path.stem != wanted.name:
            continue
        folder = str(wanted.parent)
        if folder not in (".", "") and f"{folder}/" not in post.path:
            continue
        state = current()
        if state is not None:
            state.dependencies.append(site.root / post.path)
        return site.public_url(post)
    return None


class PostUrlTag(RawArgumentTag):
    name = "post_url"
    node_class = PostUrlNode


# -- highlight ---------------------------------------------------------------------------

_LINE_BREAKS = f"(?:[\\n\\r]+(?:{MARK_OPEN}\\d+{MARK_CLOSE})?)+"
_OUTER_LINE_BREAKS = re.compile(f"\\A{_LINE_BREAKS}|{_LINE_BREAKS}\\Z")
_HIGHLIGHT = re.compile(r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$')
_HIGHLIGHT_OPTION = re.compile(r'(?:\w="[^"]*"|\w=\w|\w)+')


class HighlightNode(Node):
    def __init__(self, token: Token, language: str, options: dict[str, Any], body: BlockNode):
        super().__init__(token)
        self.language = language
        self.options = options
        self.body = body
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = StringIO()
        self.body.render(context, inner)
        # Jekyll strips the line breaks around the code (and with them our line marks).
        code = _OUTER_LINE_BREAKS.sub("", inner.getvalue())
        buffer.write(code_fence(code, self.language, self.options))
        return 1

    def children(self, static_context: RenderContext, *, include_partials: bool = True) -> Any:
        yield self.body


def code_fence(code: str, language: str, options: dict[str, Any]) -> str:
    """A Markdown code fence (a MyST ``code-block`` when lines are numbered or marked).

    A line break follows it: text after ``{% endhighlight %}`` must not end up on
    the closing fence's line.
    """
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    directive: list[str] = []
    if options.get("linenos"):
        directive.append(":linenos:")
    marked = options.get("mark_lines")
    if isinstance(marked, list) and marked:
        directive.append(":emphasize-lines: " + ",".join(marked))
    if directive:
        options_text = "\n".join(directive)
        return f"{fence}{{code-block}} {language}\n{options_text}\n\n{code}\n{fence}\n"
    return f"{fence}{language}\n{code}\n{fence}\n"


class HighlightTag(Tag):
    """``{% highlight lang [linenos] %}…{% endhighlight %}``: a code block."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = stream.current.value if stream.current.kind == TOKEN_EXPRESSION else ""
        match = _HIGHLIGHT.match(markup.strip())
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        body = get_parser(self.env).parse_block(stream, (self.end,))
        stream.expect(TOKEN_TAG, value=self.end)
        if match is None:
            state = current()
            if state is not None:
                state.report(
                    "Liquid error: {% highlight %} needs a language "
                    "({% highlight python %}); shown as a plain code block",
                    token,
                )
            return HighlightNode(token, "text", {}, body)
        options: dict[str, Any] = {}
        for option in _HIGHLIGHT_OPTION.findall(match.group(2) or ""):
            key, _, value = option.partition("=")
            options[key] = value.strip('"').split() if '"' in value else (value or True)
        return HighlightNode(token, match.group(1).lower(), options, body)


# -- the GitHub Pages plugins' tags ---------------------------------------------------------


class GistNode(RawArgumentNode):
    """jekyll-gist: Jekyll embeds a script from gist.github.com; offline, a link."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        parts = render_inline(context, self.argument).split()
        if not parts:
            return 0
        gist = parts[0]
        label = f"{gist} ({parts[1]})" if len(parts) > 1 else gist
        buffer.write(f'<a href="https://gist.github.com/{gist}">gist {label}</a>')
        return 1


class GistTag(RawArgumentTag):
    name = "gist"
    node_class = GistNode


class HeadOnlyNode(RawArgumentNode):
    """A plugin tag whose output belongs in the page's ``<head>``: nothing to read."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return 0


class SeoTag(RawArgumentTag):
    name = "seo"
    node_class = HeadOnlyNode


class FeedMetaTag(RawArgumentTag):
    name = "feed_meta"
    node_class = HeadOnlyNode


#: Jekyll's own tags, and jekyll-gist's (GitHub Pages always enables it).
JEKYLL_TAGS: tuple[type[Tag], ...] = (
    IncludeTag,
    IncludeRelativeTag,
    LinkTag,
    PostUrlTag,
    HighlightTag,
    GistTag,
)
#: Tags of plugins a site enables in ``plugins:`` (without it, Jekyll stops at them).
PLUGIN_TAGS: dict[str, type[Tag]] = {
    "jekyll-seo-tag": SeoTag,
    "jekyll-feed": FeedMetaTag,
    "jekyll-include-cache": IncludeCachedTag,
}
