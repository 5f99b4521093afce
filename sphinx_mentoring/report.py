"""One way to warn: every message has a file, a line and a ``mentoring.*`` subtype.

Authors silence a kind of warning with ``suppress_warnings = ["mentoring.<subtype>"]``;
the subtypes are listed in ``docs/reference/warnings.md``.

Each warning is printed once per build (:class:`OncePerBuild`): Sphinx resolves a
page again for every output document that holds it, and post-transforms warn
each time (a module's page is in the course PDF and in the module's workbook;
EPUB resolves the root page three more times for its tables of contents).
"""

from __future__ import annotations

import logging as std_logging
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

if TYPE_CHECKING:
    from typing import TypeAlias

    from sphinx.application import Sphinx

    #: A node (its source and line), a ``(docname, line)`` pair, or a docname.
    Location: TypeAlias = nodes.Node | tuple[str, int | None] | str | None

logger = logging.getLogger("sphinx_mentoring")


def warn(message: str, subtype: str, location: Location) -> None:
    """Log a warning of type ``mentoring`` that names the file and line."""
    logger.warning(message, type="mentoring", subtype=subtype, location=location)


def info(message: str, location: Location = None) -> None:
    """Log an informative message (shown unless ``-q``)."""
    logger.info(message, location=location)


def _place(location: Any) -> str:
    """Where a warning points, whatever form its location takes."""
    if isinstance(location, nodes.Node):
        location = get_source_line(location)
    if isinstance(location, tuple):
        return ":".join(str(part) for part in location if part is not None)
    return str(location or "")


class OncePerBuild(std_logging.Filter):
    """Lets a warning through once per build: same text, type and place.

    Any warning, Sphinx's and other extensions' too. It runs first on Sphinx's
    warning handler, so repeats are not counted either ("N warnings", ``-W``);
    records from ``-j`` worker processes reach it in the main process.
    """

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, ...]] = set()

    def filter(self, record: std_logging.LogRecord) -> bool:
        key = (
            record.getMessage(),
            str(getattr(record, "type", "") or ""),
            str(getattr(record, "subtype", "") or ""),
            _place(getattr(record, "location", None)),
        )
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def _print_warnings_once(app: Sphinx) -> None:
    once = OncePerBuild()
    for handler in std_logging.getLogger(logging.NAMESPACE).handlers:
        if isinstance(handler, logging.WarningStreamHandler):
            handler.filters.insert(0, once)  # before Sphinx counts or raises it

    def next_build(*_args: object) -> None:
        once.seen.clear()  # a second app.build() reports its warnings again

    app.connect("env-before-read-docs", next_build)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _print_warnings_once)
