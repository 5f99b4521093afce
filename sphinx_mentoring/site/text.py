"""The text of a site's files, whatever their encoding, without control characters.

Jekyll reads files as UTF-8; pages pasted from word processors are often not:
saved as UTF-16 (Windows' "Unicode"), with a stray Latin-1 byte, or holding a
vertical tab (what Word writes for Shift+Enter), NUL or an escape character. A
byte-order mark says UTF-16 or UTF-32 (and mostly-ASCII text with every other
byte NUL says UTF-16 without one): the file is read in that encoding. Bytes that
are not UTF-8 become U+FFFD. Control characters would break the PDF, the EPUB's
XML and the terminal: a vertical tab or form feed becomes a space, the others go.

Plain Python (the site model uses it); the Sphinx side
(:mod:`sphinx_mentoring.encoding`) reports what was found.
"""

from __future__ import annotations

import codecs
import re

#: Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: C0 controls but tab, newline and carriage return; DEL; C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_AS_SPACE = str.maketrans("\x0b\x0c", "  ")
#: How many bytes :func:`sniff` needs to tell an encoding.
SNIFF_BYTES = 64


def sniff(head: bytes) -> str:
    """The encoding of a file that starts with ``head`` (its first 64 bytes, when it has them)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    # Mostly-ASCII text in UTF-16 without a mark: every other byte is NUL.
    even, odd = head[0 : len(head) // 2 * 2 : 2], head[1::2]
    if len(odd) >= 2 and not odd.strip(b"\0") and 0 not in even:
        return "utf-16-le"
    if len(even) >= 2 and not even.strip(b"\0") and 0 not in odd:
        return "utf-16-be"
    return "utf-8-sig"


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes; undecodable bytes become U+FFFD."""
    codec = sniff(data[:SNIFF_BYTES])
    return data.decode(codec, "replace"), codec


def without_controls(text: str) -> str:
    """``text`` with no control character: vertical tab and form feed become spaces."""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub("", text.translate(_AS_SPACE))


def file_text(data: bytes) -> str:
    """The text of a site file as the build reads it: decoded, without control characters."""
    return without_controls(decode(data)[0])
