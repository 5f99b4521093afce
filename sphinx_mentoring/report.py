"""One way to warn: every message has a file, a line and a ``mentoring.*`` subtype.

Authors silence a kind of warning with ``suppress_warnings = ["mentoring.<subtype>"]``;
the subtypes are listed in ``docs/reference/warnings.md``.

Each warning is printed once per build (:class:`OncePerBuild`): Sphinx resolves a
page again for every output document that holds it, and post-transforms warn
each time (a module's page is in the course PDF and in the module's workbook;
EPUB resolves the root page three more times for its tables of contents).

Warnings quote what pages hold (a URL, a tag, a file name), and a page may hold
terminal escapes or a carriage return: printed raw, they would recolour or
clear the terminal, or overwrite a line with a fake "build succeeded". Every
message of the build — ours, Sphinx's, docutils', MyST's — has its control
characters escaped (``\\x1b``) before it is printed (:class:`EscapeControls`);
ours keep to one line.
"""

from __future__ import annotations

import logging as std_logging
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeAlias

    from sphinx.application import Sphinx

    #: A node (its source and line), a ``(docname, line)`` pair, or a docname.
    Location: TypeAlias = nodes.Node | tuple[str, int | None] | str | None

logger = logging.getLogger("sphinx_mentoring")

#: C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides
#: that reorder what a terminal shows.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: ... and newline too: one of our warnings is one line.
_CONTROLS_AND_NEWLINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, newlines: bool = False) -> str:
    """``text`` with control characters shown as escapes (``newlines``: those too)."""
    return (_CONTROLS_AND_NEWLINE if newlines else _CONTROLS).sub(_escape, text)


def file_location(path: str | Path, line: int | None = None) -> str:
    """The location of a file that is no document (yet): Sphinx's ``path:line`` form."""
    return f"{path}:{line or ''}"


def warn(message: str, subtype: str, location: Location) -> None:
    """Log a warning of type ``mentoring`` that names the file and line."""
    logger.warning(
        escape_controls(message, newlines=True),
        type="mentoring",
        subtype=subtype,
        location=location,
    )


def info(message: str, location: Location = None) -> None:
    """Log an informative message (shown unless ``-q``)."""
    logger.info(escape_controls(message, newlines=True), location=location)


class EscapeControls(std_logging.Filter):
    """Escape the control characters of every message and location before it is printed."""

    def filter(self, record: std_logging.LogRecord) -> bool:
        message = std_logging.LogRecord.getMessage(record)  # without Sphinx's prefixes
        escaped = escape_controls(message)
        if escaped != message:
            record.msg, record.args = escaped, ()
        location = getattr(record, "location", None)
        if isinstance(location, str):
            record.location = escape_controls(location, newlines=True)
        return True


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
    # Sphinx set up its handlers before loading extensions: filter what they print.
    for handler in std_logging.getLogger(logging.NAMESPACE).handlers:
        if not any(isinstance(f, EscapeControls) for f in handler.filters):
            handler.addFilter(EscapeControls())
    app.connect("builder-inited", _print_warnings_once)
