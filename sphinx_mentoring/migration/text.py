"""Reading a page's Markdown line by line, as the detectors need it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx_mentoring.site import Page

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def body_lines(page: Page, *, skip_code: bool = True) -> Iterator[tuple[int, str]]:
    """(line number in the file, text) of the page's body; fenced code left out,
    and code spans blanked, unless ``skip_code`` is false."""
    fence = ""
    for offset, line in enumerate(page.content.splitlines()):
        number = page.body_line + offset
        if skip_code:
            match = _FENCE.match(line)
            if fence:
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                    fence = ""
                continue
            if match:
                fence = match.group(1)
                continue
            line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        yield number, line
