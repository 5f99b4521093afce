"""Detectors of Carpentries lessons: the styles template's boxes and code classes.

The specifics (what each box becomes in every format) belong to the Carpentries
support; these say what a lesson uses, so that the report can count it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx_mentoring.migration.model import Finding, Kind, register_detector
from sphinx_mentoring.migration.text import body_lines
from sphinx_mentoring.site import Family, Site

_BOX_CLASSES = {
    "callout", "challenge", "checklist", "discussion", "keypoints", "objectives",
    "prereq", "solution", "testimonial", "caution", "quotation",
}  # fmt: skip
_IAL_CLASS = re.compile(r"^[>\s]*\{:\s*\.([\w-]+)\s*\}\s*$")


def styles_blocks(site: Site) -> Iterator[Finding]:
    for page in site.built:
        for number, line in body_lines(page, skip_code=False):
            match = _IAL_CLASS.match(line)
            if not match:
                continue
            name = match.group(1)
            feature = f"box {{: .{name}}}" if name in _BOX_CLASSES else f"code block {{: .{name}}}"
            yield Finding(Kind.CONVERTED, feature, path=page.path, line=number)


register_detector(styles_blocks, Family.CARPENTRIES_STYLES)
