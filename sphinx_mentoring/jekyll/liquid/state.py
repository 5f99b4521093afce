"""What one page's Liquid render collects: problems at lines, files it read.

The state lives in a context variable (never in a global), so tags, filters and
the error handler reach the page being rendered without threading it through
python-liquid's calls, and a page rendered inside another (``{{ p.content }}``)
gets its own.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from liquid.token import Token

    from sphinx_mentoring.site import Site


@dataclass(frozen=True)
class Problem:
    """Something wrong in a page's Liquid, at a line of the page."""

    message: str
    line: int
    #: An include the site's theme may hold (reported once per build, not per page).
    theme_include: str | None = None


@dataclass
class RenderState:
    """One page's render: where its lines are, what went wrong, what it read."""

    site: Site
    page_path: str  # the page's source, relative to the site root
    marked: str  # the body as parsed (with line markers)
    first_line: int  # line of the body's first line in the file
    problems: list[Problem] = field(default_factory=list)
    dependencies: list[Path] = field(default_factory=list)
    include_line: int | None = None  # line of the outermost include being rendered
    includes: int = 0  # includes rendered so far (a fan-out of includes is exponential)
    rendering: frozenset[str] = frozenset()  # pages whose Liquid is being rendered (cycles)
    uses_listing: bool = False  # read site.pages, site.posts …: depends on which pages exist
    link_labels: set[str] = field(default_factory=set)  # link definitions other pages brought
    theme_include_missing: bool = False  # the theme would have set variables: none reported

    def line_of(self, token: Token | None) -> int:
        """The page line of a token (an include's problems are at the include tag)."""
        if self.include_line is not None:
            return self.include_line
        if token is None or token.start_index < 0 or token.source is not self.marked:
            return self.first_line
        return self.first_line + self.marked.count("\n", 0, token.start_index)

    def report(self, message: str, token: Token | None, theme_include: str | None = None) -> None:
        self.problems.append(Problem(message, self.line_of(token), theme_include))

    def unique_problems(self) -> list[Problem]:
        """Each problem once, in the order found."""
        return list(dict.fromkeys(self.problems))


STATE: contextvars.ContextVar[RenderState] = contextvars.ContextVar("mentoring_liquid")


def current() -> RenderState | None:
    """The page being rendered, if any."""
    return STATE.get(None)
