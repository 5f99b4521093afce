"""Sources that are not clean UTF-8 build anyway, with one warning naming file and line.

Sphinx reads sources strictly: one stray Latin-1 byte (a page pasted from a word
processor) stops the whole build with a traceback, and a page saved as UTF-16
would be read as noise. We read sources with our own codec instead:

- a byte-order mark says UTF-16 or UTF-32 (and mostly-ASCII text with every
  other byte NUL says UTF-16 without one): the page is read in that encoding,
  and one warning asks to save it as UTF-8 (the site model reads it the same
  way: :mod:`sphinx_mentoring.site.text`);
- bytes that are not UTF-8 are replaced by U+FFFD, with one warning at the first
  bad line;
- control characters (a vertical tab is what Word writes for Shift+Enter; NUL,
  escape, bell ...) would break the PDF, the EPUB's XML and the terminal: a
  vertical tab or form feed becomes a space, the others are left out, with one
  warning at the first line that holds one.

The codec tells the ``source-read`` handler what it found by a marker of
Unicode noncharacters at the start of the text, which the handler removes.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig as utf_8_sig
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_mentoring.report import warn
from sphinx_mentoring.site.text import CONTROL, SNIFF_BYTES, decode, sniff, without_controls

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from typing_extensions import Buffer

#: The codec Sphinx reads sources with while this extension is loaded.
CODEC_NAME = "mentoring-utf-8-sig"
_UTF8_NAMES = {"utf-8", "utf8", "utf-8-sig", "utf_8", "utf_8_sig", "u8"}
_REPLACEMENT = "\ufffd"
_MARK = "\ufdd0"  # a noncharacter: never in a page; brackets the codec's name


def _decode_marked(data: bytes) -> str:
    """The text of a source file, led by a marker when it is not UTF-8."""
    text, codec = decode(data)
    return text if codec == "utf-8-sig" else f"{_MARK}{codec}{_MARK}{text}"


class _LenientDecoder(codecs.IncrementalDecoder):
    """Waits for the first bytes, then decodes in the encoding they show."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")
        self._head = b""
        self._inner: codecs.IncrementalDecoder | None = None

    def decode(self, input: Buffer, final: bool = False) -> str:
        prefix = ""
        if self._inner is None:
            self._head += bytes(input)
            if len(self._head) < SNIFF_BYTES and not final:
                return ""
            codec = sniff(self._head[:SNIFF_BYTES])
            self._inner = codecs.getincrementaldecoder(codec)("replace")
            input, self._head = self._head, b""
            prefix = "" if codec == "utf-8-sig" else f"{_MARK}{codec}{_MARK}"
        return prefix + self._inner.decode(input, final)

    def reset(self) -> None:
        self._head, self._inner = b"", None


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return _decode_marked(bytes(data)), len(data)


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
    """Swap the strict UTF-8 reading for ours (a project's other encoding: untouched)."""
    if str(env.settings.get("input_encoding", "")).lower() in _UTF8_NAMES:
        register_codec()
        env.settings["input_encoding"] = CODEC_NAME


def clean_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """One warning per problem of a file's encoding, at its first line; the text cleaned."""
    text = source[0]
    if text.startswith(_MARK):
        codec, _, text = text[1:].partition(_MARK)
        found = "with a byte-order mark" if codec in ("utf-16", "utf-32") else "without one"
        warn(
            f"the file is saved as {codec.upper().removesuffix('-LE').removesuffix('-BE')} "
            f"({found}), not UTF-8; it was read as such. Save it as UTF-8 in your editor",
            "encoding",
            (docname, 1),
        )
    elif _REPLACEMENT in text:
        _report_replaced_bytes(app, docname)
    match = CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        warn(
            f"the file holds control characters (first: U+{ord(match.group()):04X} at line "
            f"{line}); a vertical tab or form feed became a space, the others were left out",
            "encoding",
            (docname, line),
        )
        text = without_controls(text)
    source[0] = text


def _report_replaced_bytes(app: Sphinx, docname: str) -> None:
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
    app.connect("source-read", clean_source, priority=100)
