"""Liquid as lenient as Ruby's: what Jekyll accepts, python-liquid accepts too.

Jekyll runs Ruby Liquid with ``error_mode: warn``: a tag it cannot parse
strictly is parsed loosely, with a "Liquid Warning", and the page goes on.
python-liquid runs here in its lax mode (an error costs the failing tag, never
the page) with three differences from Ruby Liquid made good:

- **Words python-liquid reserves** (``offset``, ``limit``, ``reversed``, ``cols``,
  ``continue``, ``with``, ``for``, ``as``, ``if``, ``else``, ``required``, ``in``)
  are plain names to Ruby outside the places its ``for`` tag reads them:
  ``{% assign offset = 1 %}``, ``{{ page.limit }}``. :func:`soft_keywords` turns
  them back into names there.
- **Trailing words** in an expression (``{% assign a = 'x' junk %}``): Ruby keeps
  what it could read and warns; :class:`LaxExpressionStream` does the same.
- **Arguments on tags that take none** (``{% endif +++ %}``, ``{% else junk %}``):
  Ruby ignores them without a word; :func:`ignored_by_ruby` says so.
- **What Ruby skips** (a ``|`` with no filter after it, ``{{ x | upcase | }}``; a
  loop's ``reversed`` after its options, ``limit: 3 reversed``; filters on a
  loop's collection): skipped with Ruby's warning, by :func:`ruby_reads`.

Whatever else python-liquid refuses is a located ``mentoring.liquid`` warning,
and only that tag is left out: Jekyll would have warned, or failed the build.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from liquid.builtin.expressions import tokenize
from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.token import (
    TOKEN_AS,
    TOKEN_COLON,
    TOKEN_COLS,
    TOKEN_CONTINUE,
    TOKEN_DOT,
    TOKEN_ELSE,
    TOKEN_EOF,
    TOKEN_EXPRESSION,
    TOKEN_FOR,
    TOKEN_IF,
    TOKEN_IN,
    TOKEN_LIMIT,
    TOKEN_OFFSET,
    TOKEN_OUTPUT,
    TOKEN_PIPE,
    TOKEN_REQUIRED,
    TOKEN_REVERSED,
    TOKEN_TAG,
    TOKEN_WITH,
    TOKEN_WORD,
    Token,
)

from sphinx_mentoring.jekyll.liquid.state import current

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Words python-liquid's expression lexer reserves that Ruby Liquid does not.
SOFT_KEYWORDS = frozenset(
    [
        TOKEN_OFFSET,
        TOKEN_LIMIT,
        TOKEN_OUTPUT,
        TOKEN_REVERSED,
        TOKEN_TAG,
        TOKEN_COLS,
        TOKEN_CONTINUE,
        TOKEN_WITH,
        TOKEN_FOR,
        TOKEN_AS,
        TOKEN_IF,
        TOKEN_ELSE,
        TOKEN_REQUIRED,
        TOKEN_IN,
    ]
)
#: Tags whose expressions Ruby reads as plain expressions (loops are handled apart).
_EXPRESSION_TAGS = frozenset(
    ["output", "assign", "echo", "if", "elsif", "unless", "case", "when", "cycle"]
)
_LOOP_TAGS = frozenset(["for", "tablerow"])
#: A loop's options (``limit: 3``).
_LOOP_OPTIONS = frozenset([TOKEN_OFFSET, TOKEN_LIMIT, TOKEN_COLS])
#: Tags whose expression may end with filters.
_FILTERED_TAGS = frozenset(["output", "assign", "echo"])
#: Tags Ruby Liquid gives no arguments to: it ignores any, silently.
_NO_ARGUMENT_TAG = re.compile(r"\{%-?\s*(?:end\w+|else|comment|raw|break|continue)\s*$", re.ASCII)


def _is_keyword(tokens: list[Token], index: int, tag: str) -> bool:
    """Is the reserved word at ``index`` a keyword where Ruby would read one?"""
    token = tokens[index]
    previous = tokens[index - 1].kind if index else None
    following = tokens[index + 1].kind if index + 1 < len(tokens) else TOKEN_EOF
    if previous == TOKEN_DOT or tag not in _LOOP_TAGS:
        return False
    # for NAME in ITERABLE [reversed] [offset: N|continue] [limit: N] [cols: N]
    if token.kind == TOKEN_IN:
        return index == 1
    if token.kind in (TOKEN_OFFSET, TOKEN_LIMIT, TOKEN_COLS):
        return index >= 3 and following == TOKEN_COLON
    if token.kind == TOKEN_REVERSED:
        return index >= 3 and previous not in (TOKEN_COLON, TOKEN_IN)
    if token.kind == TOKEN_CONTINUE:
        return previous == TOKEN_COLON
    return False


def soft_keywords(tokens: Iterable[Token], tag: str) -> list[Token]:
    """Reserved words used as names become names again (kind ``word``)."""
    tokens = list(tokens)
    if tag not in _EXPRESSION_TAGS and tag not in _LOOP_TAGS:
        return tokens
    return [
        Token(TOKEN_WORD, token.value, token.start_index, token.source)
        if token.kind in SOFT_KEYWORDS and not _is_keyword(tokens, index, tag)
        else token
        for index, token in enumerate(tokens)
    ]


class LaxExpressionStream(TokenStream):
    """One tag's expression: words after a complete expression are ignored with a
    warning, as Ruby Liquid's warn mode does (it keeps what it could read)."""

    def eat(self, typ: str) -> Token:
        if typ == TOKEN_EOF and self.current.kind != TOKEN_EOF:
            self._ignore_rest()
            return self.eof
        return super().eat(typ)

    def expect_eos(self) -> None:
        if self.current.kind != TOKEN_EOF:
            self._ignore_rest()

    def _ignore_rest(self) -> None:
        extra = self.current
        state = current()
        # Jekyll prints Ruby's warnings for the page's own text, not for its includes.
        if state is not None and state.include_line is None:
            rest = extra.source[extra.start_index :].split("%}", 1)[0].split("}}", 1)[0]
            state.report(f"Liquid: '{rest.strip()}' after a complete expression is ignored", extra)
        self.pos = len(self.tokens)


def _ignored(tokens: list[Token], kept: list[Token], message: str) -> list[Token]:
    """``kept``, the tokens Ruby reads; Ruby's warning if it ignored some."""
    state = current()
    # Jekyll prints Ruby's warnings for the page's own text, not for its includes.
    if len(kept) < len(tokens) and state is not None and state.include_line is None:
        state.report(message, tokens[0])
    return kept


def ruby_reads(tokens: list[Token], tag: str) -> list[Token]:
    """The tokens Ruby reads where it skips some, with its warning.

    A ``|`` without a filter name after it (``{{ x | upcase | }}``) is skipped;
    so is a loop's ``reversed`` after its options (``limit: 3 reversed``): Ruby
    reads it only right after the collection; filters on a loop's collection
    (``for p in site.pages | sort: "title"``) are ignored.
    """
    if tag in _FILTERED_TAGS:
        kept = [
            token
            for index, token in enumerate(tokens)
            if token.kind != TOKEN_PIPE
            or (index + 1 < len(tokens) and tokens[index + 1].kind != TOKEN_PIPE)
        ]
        return _ignored(tokens, kept, "Liquid: a '|' without a filter after it is ignored")
    if tag in _LOOP_TAGS:
        pipe = next((i for i, token in enumerate(tokens) if token.kind == TOKEN_PIPE), None)
        if pipe is not None:
            # Ruby still reads the loop's options after the filters (``limit: 2``).
            rest = next(
                (i for i in range(pipe, len(tokens)) if tokens[i].kind in _LOOP_OPTIONS), None
            )
            kept = tokens[:pipe] + (tokens[rest:] if rest is not None else [])
            return _ignored(tokens, kept, "Liquid: filters on a loop's collection are ignored")
        first_option = next(
            (i for i, token in enumerate(tokens) if token.kind == TOKEN_COLON), len(tokens)
        )
        kept = [
            token
            for index, token in enumerate(tokens)
            if token.kind != TOKEN_REVERSED or index < first_option
        ]
        return _ignored(tokens, kept, "Liquid: 'reversed' after the loop's options is ignored")
    return tokens


def expression_stream(token: Token, tag: str) -> LaxExpressionStream:
    """The lenient token stream of a tag's (or an output's) expression."""
    tokens = soft_keywords(tokenize(token.value, parent_token=token), tag)
    return LaxExpressionStream(iter(ruby_reads(tokens, tag)))


class JekyllTokenStream(TokenStream):
    """The template's token stream: each tag's expression is read leniently."""

    def into_inner(self, *, tag: Token | None = None, eat: bool = True) -> TokenStream:
        token = self.current
        if token.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError("missing expression", token=tag or token)
        if eat:
            next(self)
        return expression_stream(token, tag.value if tag is not None else "")


def ignored_by_ruby(error: LiquidSyntaxError, *, in_include: bool) -> bool:
    """Does Jekyll say nothing about this error?

    Arguments on a tag that takes none (``{% endif +++ %}``): Ruby ignores them.
    An expression it cannot read strictly (``{% if a == "/"}``) it reads loosely,
    with a warning that Jekyll prints for the page's own text only, never for an
    included file. (An unknown tag, a block never closed: Ruby stops, anywhere.)
    """
    token = error.token
    if token is None or token.start_index < 0:
        return False
    if token.kind == TOKEN_EXPRESSION:
        return _NO_ARGUMENT_TAG.search(token.source, 0, token.start_index) is not None
    return in_include and token.kind not in _TEMPLATE_TOKENS


#: Tokens of the template itself (a tag, an output); other tokens are inside expressions.
_TEMPLATE_TOKENS = frozenset([TOKEN_TAG, TOKEN_OUTPUT, TOKEN_EXPRESSION, TOKEN_EOF, "content"])

_UNCLOSED = re.compile(r"\{[{%]")


def escape_unclosed(source: str, index: int) -> str | None:
    """Make the ``{{``/``{%`` at or after ``index`` that is never closed literal text.

    Returns the new source, or None when there is no such opening there.
    """
    match = _UNCLOSED.search(source, max(index, 0))
    if match is None:
        return None
    start = match.start()
    # "{{ '{{' }}": python-liquid prints the two characters; nothing else changes.
    literal = "{{ '" + match.group() + "' }}"
    return source[:start] + literal + source[start + 2 :]


_RAW_MARK = re.compile(r"\{%-?\s*+(end)?raw\s*+-?%\}")


def _raw_regions(source: str) -> list[tuple[int, int]]:
    """``{% raw %}``…``{% endraw %}`` spans, in one pass (an unclosed one runs to the end)."""
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _RAW_MARK.finditer(source):
        if opened is None and not mark.group(1):
            opened = mark.start()
        elif opened is not None and mark.group(1):
            regions.append((opened, mark.end()))
            opened = None
    if opened is not None:
        regions.append((opened, len(source)))
    return regions


def escape_never_closed(source: str) -> tuple[str, int, int, str] | None:
    """Every ``{{``/``{%`` with no ``}}``/``%}`` anywhere after it, made literal text
    in one pass: ``(new source, index of the first, how many, the first opening)``,
    or None if there is none.

    python-liquid's lexer looks for each opening's end in the rest of the page, and
    :func:`escape_unclosed` fixes one opening per parse: a line of 60,000 ``{``
    took minutes. Openings inside ``{% raw %}`` are the author's text already.
    """
    last = {"{{": source.rfind("}}"), "{%": source.rfind("%}")}
    regions = _raw_regions(source)
    pieces: list[str] = []
    done, first, count, region, opening = 0, -1, 0, 0, ""
    for match in _UNCLOSED.finditer(source, min(last.values()) + 1):
        start = match.start()
        if start + 2 <= last[match.group()]:
            continue  # closed somewhere after: the parser decides
        while region < len(regions) and regions[region][1] <= start:
            region += 1
        if region < len(regions) and regions[region][0] <= start:
            continue
        # "{%" inside the literal would make the lexer look for "%}" again
        literal = "{{ '{{' }}" if match.group() == "{{" else "{{ '{' }}%"
        pieces += [source[done:start], literal]
        done = start + 2
        if first < 0:
            first, opening = start, match.group()
        count += 1
    if not count:
        return None
    return "".join([*pieces, source[done:]]), first, count, opening


#: ``{% comment %}``/``{% endcomment %}``; a ``{% raw %}`` block is skipped whole.
_COMMENT_OR_RAW = re.compile(
    r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}|\{%-?\s*(end)?comment\s*-?%\}", re.DOTALL
)


def close_unclosed_comment(source: str) -> tuple[str, int] | None:
    """A ``{% comment %}`` never closed would hide the rest of the page (Jekyll
    stops the build there): it is closed at once, so it hides nothing.

    Returns the new source and the index of that comment, or None when every
    comment is closed.
    """
    depth, opening = 0, None
    for match in _COMMENT_OR_RAW.finditer(source):
        if not match.group().lstrip("{%- ").startswith(("comment", "endcomment")):
            continue  # a raw block
        if match.group(1) is None:
            opening = match if depth == 0 else opening
            depth += 1
        elif depth:
            depth -= 1
    if depth == 0 or opening is None:
        return None
    end = opening.end()
    return source[:end] + "{% endcomment %}" + source[end:], opening.start()


#: A ``{{ … }}`` (a raw block and an opening already escaped are skipped) and, inside
#: an output, a tag or another ``{{``.
_OUTPUT_OR_RAW = re.compile(
    r"\{\{ '\{[{%]' \}\}|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}"
    r"|\{\{(?P<inside>.*?)\}\}",
    re.DOTALL,
)
_TAG_INSIDE = re.compile(r"\{\{|\{%.*?%\}", re.DOTALL)


def escape_runaway_output(source: str) -> tuple[str, int] | None:
    """A ``{{`` not closed before the next tag (``{{ a {% if b %}…}}``) would swallow
    that tag and all up to the next ``}}`` (Jekyll stops the build): it is shown as
    text. Returns the new source and the index of that ``{{``, or None."""
    for match in _OUTPUT_OR_RAW.finditer(source):
        inside = match.group("inside")
        if inside is not None and _TAG_INSIDE.search(inside):
            start = match.start()
            return source[:start] + "{{ '{{' }}" + source[start + 2 :], start
    return None
