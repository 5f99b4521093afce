"""Sources that are not valid UTF-8 build anyway, with one warning naming file and line.

Sphinx reads sources strictly: one stray Latin-1 byte (a page pasted from a word
processor) stops the whole build with a traceback. We read UTF-8 sources with a
lenient codec instead, which replaces undecodable bytes by U+FFFD, and report
each such file once, at the first bad line, when its text reaches ``source-read``.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig as utf_8_sig
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The codec Sphinx reads sources with while this extension is loaded.
CODEC_NAME = "mentoring-utf-8-sig"
_UTF8_NAMES = {"utf-8", "utf8", "utf-8-sig", "utf_8", "utf_8_sig", "u8"}
_REPLACEMENT = "\ufffd"


class _LenientDecoder(utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return utf_8_sig.decode(data, "replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC_NAME:
        return None
    return codecs.CodecInfo(
        name=CODEC_NAME,
        encode=utf_8_sig.encode,
        decode=_decode,  # type: ignore[arg-type]
        incrementalencoder=utf_8_sig.IncrementalEncoder,
        incrementaldecoder=_LenientDecoder,
        streamreader=utf_8_sig.StreamReader,
        streamwriter=utf_8_sig.StreamWriter,
    )


def register_codec() -> None:
    """Make :data:`CODEC_NAME` known to :mod:`codecs` (once per process)."""
    try:
        codecs.lookup(CODEC_NAME)
    except LookupError:
        codecs.register(_search)


def undecodable(data: bytes, limit: int = 10) -> list[tuple[int, bytes]]:
    """(1-based line, bytes) of each undecodable sequence in UTF-8 ``data``."""
    found: list[tuple[int, bytes]] = []
    start = 0
    while len(found) < limit:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            begin, end = start + error.start, start + error.end
            found.append((data.count(b"\n", 0, begin) + 1, data[begin:end]))
            start = end
    return found


def read_leniently(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Swap the strict UTF-8 reading for the lenient one (other encodings: untouched)."""
    if str(env.settings.get("input_encoding", "")).lower() in _UTF8_NAMES:
        register_codec()
        env.settings["input_encoding"] = CODEC_NAME


def report_replaced_bytes(app: Sphinx, docname: str, source: list[str]) -> None:
    """One warning per file whose bytes were not UTF-8, at the first bad line."""
    if _REPLACEMENT not in source[0]:
        return
    try:
        data = Path(app.env.doc2path(docname)).read_bytes()
    except OSError:
        return
    bad = undecodable(data)
    if not bad:
        return  # a real U+FFFD the author typed
    lines = ", ".join(f"line {line}: {chunk!r}" for line, chunk in bad)
    more = " and more" if len(bad) == 10 else ""
    warn(
        f"file is not valid UTF-8 ({lines}{more}); the bytes were replaced by "
        f"'{_REPLACEMENT}'. Save the file as UTF-8 in your editor",
        "encoding",
        (docname, bad[0][0]),
    )


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", read_leniently)
    # Before Liquid and every other source-read handler: the line numbers are the file's.
    app.connect("source-read", report_replaced_bytes, priority=100)
