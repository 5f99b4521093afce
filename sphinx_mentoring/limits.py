"""Bounds on the work one page can cause, so that no page hangs or exhausts a build.

A course site takes contributions from many hands; a page (or a ``_config.yml``)
must not be able to make the build run for hours or eat the machine's memory.
Every bound lives here, with its default (plain Python: the site model uses it
too), and ``mentoring_limits`` in ``conf.py`` changes any of them
(``mentoring_limits = {"nesting_depth": 60}``).
What happens when a limit is reached is described in
``docs/reference/security.md``: always a warning naming the file and line, and
a finished build.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Every bound, with its default."""

    #: Values that YAML aliases (``*name``) may repeat in one document: an "alias
    #: bomb" of nine lines expands to a billion values.
    yaml_alias_nodes: int = 10_000
    #: Nesting of YAML lists and mappings.
    yaml_depth: int = 100
    #: How deep a page's structure may nest (boxes in boxes, lists in quotes, tags in
    #: tags): HTML elements are not opened deeper, and deeper content is flattened
    #: into plain paragraphs. Writers walk documents recursively.
    nesting_depth: int = 50
    #: Cells of one HTML table's grid (rows x columns, spans included).
    table_cells: int = 10_000
    #: Columns of one HTML table; a wider table is shown as a list of its rows.
    table_columns: int = 60
    #: Characters a page's Liquid may output, and the size of any string it builds.
    liquid_output: int = 5_000_000
    #: Iterations of Liquid loops on one page (all loops together).
    liquid_loop_iterations: int = 100_000
    #: ``{% include %}`` tags rendered for one page (includes inside includes count).
    liquid_includes: int = 10_000


DEFAULT = Limits()
#: The names and meaning of every limit (the documentation and the warnings use them).
NAMES = tuple(field.name for field in dataclasses.fields(Limits))


def from_config(config: Any) -> Limits:
    """The limits of a build's configuration: the defaults, changed by ``mentoring_limits``.

    (Any configuration object: the site model, below Sphinx, knows no Sphinx class.)
    """
    overrides = getattr(config, "mentoring_limits", None) if config is not None else None
    if not overrides:
        return DEFAULT
    return replace(DEFAULT, overrides)


def replace(limits: Limits, overrides: dict[str, Any]) -> Limits:
    """``limits`` with the valid ``overrides`` (positive integers for known names)."""
    valid = {
        name: int(value)
        for name, value in overrides.items()
        if name in NAMES and isinstance(value, int) and not isinstance(value, bool) and value > 0
    }
    return dataclasses.replace(limits, **valid)


def check_config(overrides: Any) -> list[str]:
    """What is wrong with a ``mentoring_limits`` value (empty when it is fine)."""
    if not isinstance(overrides, dict):
        return [f"mentoring_limits must be a dict, not {type(overrides).__name__}"]
    problems = []
    for name, value in overrides.items():
        if name not in NAMES:
            problems.append(f"mentoring_limits: unknown limit {name!r} (known: {', '.join(NAMES)})")
        elif not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            problems.append(f"mentoring_limits[{name!r}] must be a positive integer, not {value!r}")
    return problems
