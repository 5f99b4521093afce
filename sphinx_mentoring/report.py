"""One way to warn: every message has a file, a line and a ``mentoring.*`` subtype.

Authors silence a kind of warning with ``suppress_warnings = ["mentoring.<subtype>"]``;
the subtypes are listed in ``docs/reference/warnings.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from typing import TypeAlias

    from docutils import nodes

    #: A node (its source and line), a ``(docname, line)`` pair, or a docname.
    Location: TypeAlias = nodes.Node | tuple[str, int | None] | str | None

logger = logging.getLogger("sphinx_mentoring")


def warn(message: str, subtype: str, location: Location) -> None:
    """Log a warning of type ``mentoring`` that names the file and line."""
    logger.warning(message, type="mentoring", subtype=subtype, location=location)


def info(message: str, location: Location = None) -> None:
    """Log an informative message (shown unless ``-q``)."""
    logger.info(message, location=location)
