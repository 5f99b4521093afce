"""Detectors of Carpentries Workbench lessons (pandoc Markdown)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx_mentoring.migration.model import Finding, Kind, register_detector
from sphinx_mentoring.migration.text import body_lines
from sphinx_mentoring.site import Family, Site

_FENCED_DIV = re.compile(r"^:{3,}\s*\{?\.?([A-Za-z][\w-]*)")
# pandoc's tex_math_dollars: an opening $ with a non-space after it, a closing $
# with a non-space before it and no digit after it; \$ is a dollar sign.
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])([^$]*?[^\s$\\])\$(?![\d$])")


def fenced_divs(site: Site) -> Iterator[Finding]:
    for page in site.built:
        for number, line in body_lines(page):
            match = _FENCED_DIV.match(line)
            if match:
                yield Finding(
                    Kind.CONVERTED, f"fenced div ::: {match.group(1)}", path=page.path, line=number
                )


def dollar_math(site: Site) -> Iterator[Finding]:
    """``$…$`` that pandoc reads as TeX math: math in the build too, except a span
    whose closing ``$`` is followed by a letter (MARC subfields such as ``$a``,
    shell variables), which the build keeps as text (:mod:`sphinx_mentoring.pandoc.math`)."""
    for page in site.built:
        for number, line in body_lines(page):
            for match in _INLINE_MATH.finditer(line):
                if line[match.end() : match.end() + 1].isalpha():
                    yield Finding(
                        Kind.APPROXIMATED,
                        "unescaped $ read as math",
                        f"'${match.group(1)}$': the Workbench (pandoc) typesets this as TeX "
                        "math; the build keeps it as text, dollars and all, and warns "
                        "(escape them as \\$ to mean dollar signs everywhere)",
                        page.path,
                        number,
                    )
                else:
                    yield Finding(Kind.CONVERTED, "pandoc $…$ math", path=page.path, line=number)


register_detector(fenced_divs, Family.WORKBENCH)
register_detector(dollar_math, Family.WORKBENCH)
