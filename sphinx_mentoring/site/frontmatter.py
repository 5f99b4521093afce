"""Front matter as Jekyll reads it: the ``---`` block at the top of a file, in YAML.

The one place a page's front matter is found and parsed. Jekyll's own test for
"this file is a page" (``Utils.has_yaml_header?``) is that its first bytes are
``---`` and a line end: a file starting with a byte-order mark is *not* a page
for Jekyll, and neither is one whose first line is not the fence.

Bad YAML is not an exception here: :func:`parse` returns what ``key: value``
lines can be recovered and a located :class:`Problem`, which the Sphinx side
reports when it reads the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from sphinx_mentoring.limits import DEFAULT as DEFAULT_LIMITS
from sphinx_mentoring.limits import Limits
from sphinx_mentoring.site.text import without_controls

#: libyaml's loader when PyYAML has it (its wheels do): several times faster on
#: thousands of pages, same values and error marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Jekyll's YAML_FRONT_MATTER_REGEXP (plus Windows line ends at the closing fence).
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M
)
_HEADER = re.compile(rb"\A---\s*\r?\n")


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file of the site, at a line of it (1-based)."""

    message: str
    line: int
    subtype: str = "frontmatter"


class YAMLLimitError(yaml.MarkedYAMLError):
    """YAML the build refuses to expand: an alias bomb, a cycle, too deep, a huge number."""


def load_yaml(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """``yaml.safe_load`` (with libyaml when available), within ``limits``.

    Aliases (``*name``) share one value in memory, but anything that walks the
    data (a title's text, Liquid, the environment's pickle) walks every repeat:
    nine lines can mean a billion values. The node graph is checked before any
    value is built; a refusal is a :class:`YAMLLimitError` (a ``yaml.YAMLError``,
    which every caller already reports) marked at the line that overflows. Text
    values have no control characters (``"\\v"`` in YAML is a vertical tab).
    """
    loader = _YAML_LOADER(text)  # a safe loader: plain data only
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, limits)
        return _without_controls(loader.construct_document(node))
    except ValueError as error:  # a date like 2020-13-45, an integer of 5,000 digits
        reason = "a number has more than 4,300 digits" if "digits" in str(error) else error
        raise YAMLLimitError(problem=f"a value cannot be read ({reason})") from None
    except RecursionError:
        raise YAMLLimitError(problem="the values nest too deeply") from None
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, limits: Limits) -> None:
    """Refuse a node graph that cycles, nests too deeply or expands too far."""
    expanded: dict[int, int] = {}  # id(node) -> values it stands for, repeats included
    height: dict[int, int] = {}
    written = 1  # values as written: each child once, an alias as one
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        children = _children(node)
        if children_done:
            on_path.discard(key)
            expanded[key] = 1 + sum(expanded[id(child)] for child in children)
            height[key] = 1 + max((height[id(child)] for child in children), default=0)
            if height[key] > limits.yaml_depth:
                raise YAMLLimitError(
                    problem=f"the values nest more than {limits.yaml_depth} levels deep",
                    problem_mark=node.start_mark,
                )
            if expanded[key] - written > limits.yaml_alias_nodes:
                raise YAMLLimitError(
                    problem="aliases (*name) repeat more than "
                    f"{limits.yaml_alias_nodes:,} values: the data would not fit in memory",
                    problem_mark=node.start_mark,
                )
            continue
        if key in expanded:
            continue
        on_path.add(key)
        written += len(children)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                raise YAMLLimitError(
                    problem="an alias (*name) refers to a value that holds it: "
                    "the value would never end",
                    problem_mark=node.start_mark,
                )
            if id(child) not in expanded:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _without_controls(data: Any) -> Any:
    """``data`` with no control character in its text values (changed in place)."""
    if isinstance(data, str):
        return without_controls(data)
    stack = [data]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        items = enumerate(value) if isinstance(value, list) else value.items()
        for index, item in list(items):
            if isinstance(item, str):
                value[index] = without_controls(item)
            elif isinstance(item, list | dict):
                stack.append(item)
    return data


def has_yaml_header(head: bytes) -> bool:
    """Jekyll's test for a page: the file's first bytes are ``---`` and a line end."""
    return _HEADER.match(head) is not None


#: The UTF-8 byte-order mark some editors write at the start of a file.
BOM = b"\xef\xbb\xbf"


def has_hidden_yaml_header(head: bytes) -> bool:
    """A front matter behind a byte-order mark: Jekyll takes the file for a static one."""
    return head.startswith(BOM) and has_yaml_header(head[len(BOM) :])


def bom_problem() -> Problem:
    return Problem(
        "the file starts with a UTF-8 byte-order mark: Jekyll does not see its front "
        "matter and copies it as a static file (no page, not in the lesson or course); "
        "it is built here. Save it as UTF-8 without a byte-order mark",
        1,
        "bom",
    )


def has_front_matter(text: str) -> bool:
    """Does the text start with a ``---`` front-matter block?"""
    return _FRONT_MATTER.match(text) is not None


def front_matter_text(text: str) -> str:
    """The YAML between the page's ``---`` fences, or "" when it has none."""
    match = _FRONT_MATTER.match(text)
    return match.group(1) if match else ""


def split_front_matter(text: str) -> tuple[str, str]:
    """``(front matter block with its fences and line break, body)``, or ``("", text)``.

    The block keeps every character of the source, so the body's first line number
    is the block's line count + 1.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return "", text
    end = match.end()
    for line_break in ("\r\n", "\n"):
        if text.startswith(line_break, end):
            end += len(line_break)
            break
    return text[:end], text[end:]


def read_front_matter(text: str) -> dict[str, Any] | None:
    """The front matter mapping, ``{}`` when it is empty or broken, None when absent."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    return parse(match.group(1)).data


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: the mapping, and what was wrong with it (if anything)."""

    data: dict[str, Any]
    valid: bool = True
    problem: Problem | None = None


def parse(text: str, first_line: int = 2) -> FrontMatter:
    """Parse the YAML *text*, whose first line is line *first_line* of its file.

    Invalid YAML or a non-mapping gives what ``key: value`` lines can be
    recovered (so the title still works) and a :class:`Problem` at its line.
    """
    try:
        data = load_yaml(text) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        message = (
            f"front matter is not valid YAML ({problem}); it is shown as text on the "
            "page. Quote values that contain ': ' or start with a special character, "
            'e.g. title: "Mentoring: a guide"'
        )
        return FrontMatter(recover_mapping(text), False, Problem(message, line))
    if data is None:
        return FrontMatter({})
    if not isinstance(data, dict):
        message = (
            f"front matter is not a mapping of keys to values (it is a {_yaml_kind(data)}); "
            "it is shown as text on the page. Write one 'key: value' per line"
        )
        return FrontMatter({}, False, Problem(message, first_line))
    return FrontMatter({str(key): value for key, value in data.items()})


def _yaml_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "piece of text"
    return type(value).__name__


def key_lines(text: str) -> dict[str, int]:
    """0-based line of each top-level ``key:`` in the YAML text (first occurrence)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines()):
        match = re.match(r"""^(["']?)([^\s:#"'][^:]*?)\1\s*:(\s|$)""", line)
        if match and match.group(2) not in lines:
            lines[match.group(2)] = number
    return lines


def raw_value(text: str, key: str) -> str | None:
    """The value of ``key:`` exactly as written (YAML would read ``1.10`` as 1.1)."""
    for line in text.splitlines():
        match = re.match(rf"^{re.escape(key)}\s*:\s*(.*?)\s*$", line)
        if match:
            value = re.sub(r"\s+#.*$", "", match.group(1))
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            return value or None
    return None


def recover_mapping(text: str) -> dict[str, str]:
    """Best-effort ``key: value`` lines of front matter that is not valid YAML.

    The usual slip is a colon in a value (``title: Mentoring: a guide``), which
    YAML refuses but Jekyll authors mean literally: keep such values as text.
    """
    data: dict[str, str] = {}
    for key in key_lines(text):
        value = raw_value(text, key)
        if value is not None:
            data[key] = value
    return data
