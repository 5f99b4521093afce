"""Jekyll front matter -> Sphinx document fields.

The YAML block becomes: the document title (when the body has no top-level
heading of its own), ``env.metadata`` (every key, so templates see it as
``meta``), a typed :class:`PageInfo` for the course model, the HTML template
(``layout``), and Jekyll's ``published: false``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx

    from sphinx_mentoring.parser import MentoringRenderer

_ORDINAL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
ORDINALS = {word: number for number, word in enumerate(_ORDINAL_WORDS.split(" "))}

_LEADING_NUMBER = re.compile(r"^\s*(\d+)")
# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class PageInfo:
    """The course-relevant front matter of one page, typed."""

    title: str | None = None
    layout: str | None = None
    module_name: str | None = None
    module_full_name: str | None = None
    section: int | None = None  # leading number of ``section: "1. Introduction"``
    section_label: str | None = None  # the whole ``section`` value
    subsection: int | None = None  # ``one``, ``two`` ... or a number
    permalink: str | None = None
    published: bool = True


def leading_number(value: Any) -> int | None:
    """``"1. Introduction"`` -> 1, ``3`` -> 3, anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    match = _LEADING_NUMBER.match(str(value)) if value is not None else None
    return int(match.group(1)) if match else None


def ordinal(value: Any) -> int | None:
    """``"two"`` -> 2, ``"2"`` -> 2, ``2`` -> 2, anything else -> None."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().lower()
    return ORDINALS.get(text, leading_number(text))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def page_info(metadata: Mapping[str, Any]) -> PageInfo:
    """Type the course keys of a page's metadata (its front matter)."""
    return PageInfo(
        title=_text(metadata.get("title")),
        layout=_text(metadata.get("layout")),
        module_name=_text(metadata.get("module_name")),
        module_full_name=_text(metadata.get("module_full_name")),
        section=leading_number(metadata.get("section")),
        section_label=_text(metadata.get("section")),
        subsection=ordinal(metadata.get("subsection")),
        permalink=_text(metadata.get("permalink")),
        published=metadata.get("published", True) is not False,
    )


def body_has_title(tokens: Sequence[Token]) -> bool:
    """Does the Markdown body start its own document title (a level-1 heading)?"""
    return any(t.type == "heading_open" and t.tag == "h1" and t.level == 0 for t in tokens)


def escape_markdown(text: str) -> str:
    return _MD_PUNCTUATION.sub(r"\\\1", text)


def parse_front_matter(text: str, location: tuple[str, int]) -> dict[str, Any]:
    """The front matter as a mapping; a warning and ``{}`` when it is not one."""
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = location[1] + 1 + (mark.line if mark else 0)
        warn(
            f"front matter is not valid YAML ({getattr(error, 'problem', error)}); "
            "it is kept as text",
            "frontmatter",
            (location[0], line),
        )
        return {}
    if not isinstance(data, dict):
        warn("front matter is not a mapping of keys to values", "frontmatter", location)
        return {}
    return {str(key): value for key, value in data.items()}


def render_front_matter(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    """Store the front matter as metadata, and make its title the document title."""
    env = renderer.sphinx_env
    line = token.map[0] if token.map else 1
    docname = env.docname if env is not None else "<document>"
    data = parse_front_matter(token.content, (docname, line))
    if env is not None and data:
        env.metadata[env.docname].update(data)
    title = data.get("title")
    if title is not None and not renderer.md_env.get("mentoring_body_has_title"):
        renderer.nested_render_text(f"# {escape_markdown(str(title))}", line - 1)


def setup(app: Sphinx) -> None:
    pass
