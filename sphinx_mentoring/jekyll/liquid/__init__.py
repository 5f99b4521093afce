"""Liquid in Jekyll pages, rendered with python-liquid as Jekyll's Ruby Liquid would.

Only pages that contain ``{{`` or ``{%`` are touched. The front matter stays in
place (the parser reads it); the body is rendered with Jekyll's ``site`` and
``page`` (:mod:`.drops`, read from the site model). Every template is rendered
by :func:`_render` (a page by :func:`render_page`, another page's content by
:func:`render_body`): limits and sandboxing set there apply to every render.

The package, one concern per module:

- :mod:`.environment`: python-liquid configured as Jekyll's Liquid;
- :mod:`.lax`: lenient parsing, as Ruby Liquid's ``warn`` mode;
- :mod:`.drops`: ``site`` and ``page`` over the site model;
- :mod:`.tags`, :mod:`.filters`: Jekyll's tags and filters;
- :mod:`.lines`: line numbers kept across rendering;
- :mod:`.state`: what one page's render collects (problems, files read).

Sandbox: python-liquid has no access to Python attributes; files are read only
from ``_includes/`` (``include``) and the page's own folder (``include_relative``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from liquid.exceptions import LiquidError
from liquid.token import TOKEN_TAG, Token

from sphinx_mentoring.jekyll.liquid.drops import SiteDrop, drops_of
from sphinx_mentoring.jekyll.liquid.environment import JekyllEnvironment
from sphinx_mentoring.jekyll.liquid.lax import (
    close_unclosed_comment,
    escape_never_closed,
    escape_runaway_output,
    escape_unclosed,
)
from sphinx_mentoring.jekyll.liquid.lines import mark_lines, restore_lines, unmark
from sphinx_mentoring.jekyll.liquid.state import STATE, Problem, RenderState
from sphinx_mentoring.site.frontmatter import split_front_matter

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from liquid import BoundTemplate

    from sphinx_mentoring.site import Page, Site

__all__ = ["LiquidResult", "Problem", "has_liquid", "render_body", "render_page"]

#: How many never-closed ``{{``/``{%`` one page may have before Liquid gives up on it.
MAX_UNCLOSED = 20


def has_liquid(text: str) -> bool:
    return "{{" in text or "{%" in text


@dataclass(frozen=True)
class LiquidResult:
    text: str
    problems: list[Problem]
    dependencies: list[Path]
    failed: bool = False  # the page could not be rendered: the text is the source
    uses_listing: bool = False  # it read a list of pages (re-read when pages come or go)


def _never_closed(opening: str, count: int) -> str:
    """The problem of :func:`escape_never_closed`: one for all the openings it escaped."""
    others = f" (and {count - 1:,} more after it)" if count > 1 else ""
    return f"Liquid error: '{opening}' is never closed{others}; the opening is shown as text"


def _parse(environment: JekyllEnvironment, state: RenderState) -> BoundTemplate:
    """Parse the page; a ``{{`` or ``{%`` never closed is shown as text, a comment
    never closed hides nothing (Jekyll stops)."""
    never_closed = escape_never_closed(state.marked)  # a page's own: done before marking
    if never_closed is not None:
        state.marked, index, count, opening = never_closed
        state.report(_never_closed(opening, count), Token(TOKEN_TAG, "", index, state.marked))
    for fix, message in (
        (escape_runaway_output, "'{{' is not closed before the next tag; shown as text"),
        (close_unclosed_comment, "'{% comment %}' is never closed; the rest of the page is shown"),
    ):
        for _ in range(MAX_UNCLOSED):
            fixed = fix(state.marked)
            if fixed is None:
                break
            state.marked, index = fixed
            state.report(f"Liquid error: {message}", Token(TOKEN_TAG, "", index, state.marked))
    for _ in range(MAX_UNCLOSED):
        try:
            return environment.from_string(state.marked)
        except LiquidError as error:
            token = error.token
            index = token.start_index if token is not None and token.source is state.marked else 0
            escaped = escape_unclosed(state.marked, index)
            if escaped is None:
                raise
            state.report(
                f"Liquid error: {error.message}; the opening is shown as text", error.token
            )
            state.marked = escaped
    return environment.from_string(state.marked)


def _render(state: RenderState) -> str:
    """The one place a template is rendered: every render has the environment's limits
    and sandbox. Raises what Liquid cannot recover from."""
    site = state.site
    template = _parse(JekyllEnvironment(site), state)
    page: Mapping[str, Any]
    model_page = site.by_path.get(state.page_path)
    page = drops_of(site).page(model_page) if model_page is not None else {"path": state.page_path}
    return template.render(
        site=SiteDrop(site),
        page=page,
        jekyll={"environment": "production", "version": "4.3.1"},
        # Set by Jekyll for layouts (and pagination): nil, without a warning, in a page.
        content=None,
        paginator=None,
    )


def render_page(text: str, site: Site, page_path: str) -> LiquidResult:
    """Render the Liquid of one page (``page_path``: its source, relative to the site
    root); the front matter is kept and the line count too."""
    front, body = split_front_matter(text)
    first_line = front.count("\n") + 1
    # Before the line markers: marking lexes the page too, as slowly as the parser.
    never_closed = escape_never_closed(body)
    if never_closed is not None:
        body = never_closed[0]
    state = RenderState(
        site=site,
        page_path=page_path,
        marked=mark_lines(body, first_line),
        first_line=first_line,
        rendering=frozenset([page_path]),
    )
    if never_closed is not None:
        _body, index, count, opening = never_closed
        line = first_line + body.count("\n", 0, index)
        state.problems.append(Problem(_never_closed(opening, count), line))
    token = STATE.set(state)
    try:
        rendered = _render(state)
    except LiquidError as error:
        problem = Problem(
            f"Liquid error: {error.message}; the page is kept without Liquid",
            state.line_of(error.token),
        )
        problems = [*state.unique_problems(), problem]
        return LiquidResult(text, problems, state.dependencies, True, state.uses_listing)
    except RecursionError:
        problem = Problem(
            "Liquid error: includes nest too deeply; the page is kept without Liquid", first_line
        )
        return LiquidResult(text, [problem], state.dependencies, True, state.uses_listing)
    finally:
        STATE.reset(token)
    body_out = unmark(restore_lines(rendered, first_line, first_line + body.count("\n")))
    return LiquidResult(
        front + body_out, state.unique_problems(), state.dependencies, False, state.uses_listing
    )


def render_body(site: Site, page: Page) -> LiquidResult:
    """Another page's body with its Liquid rendered, for ``{{ p.content }}``.

    Its problems are that page's own (reported when it is built); what it read
    becomes a dependency of the page that shows it (:mod:`.drops` adds it).
    """
    if not has_liquid(page.content):
        return LiquidResult(page.content, [], [site.root / page.path])
    outer = STATE.get(None)
    state = RenderState(
        site=site,
        page_path=page.path,
        marked=page.content,
        first_line=page.body_line,
        rendering=(outer.rendering if outer else frozenset()) | {page.path},
    )
    token = STATE.set(state)
    try:
        text, failed = unmark(_render(state)), False
    except (LiquidError, RecursionError):
        text, failed = page.content, True
    finally:
        STATE.reset(token)
    dependencies = [site.root / page.path, *state.dependencies]
    return LiquidResult(text, [], dependencies, failed, state.uses_listing)
