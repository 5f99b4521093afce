"""Characters the LaTeX engine cannot typeset never stop the PDF.

pdflatex stops on a character its ``inputenc``/font encodings do not know (the
real corpus has ⏰); xelatex and lualatex drop a glyph their font lacks with no
more than a line in the log. At LaTeX write time every text node is checked
against what the engine can take: a character with a known LaTeX equivalent is
mapped to it, any other is left out with one ``mentoring.unicode`` warning per
file and character, naming the line, so the author knows what the PDF lacks.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.texescape import tex_replacements, unicode_tex_replacements

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

#: Code points above ASCII that pdflatex typesets with Sphinx's default preamble
#: (``\usepackage[T1]{fontenc}``, utf8 inputenc, TS1/OT1/OMS): every
#: ``\DeclareUnicodeCharacter`` of t1enc/ts1enc/ot1enc/omsenc/utf8enc.dfu (TeX
#: Live 2022) that compiles there, checked by compiling each one with pdflatex.
PDFLATEX_RANGES: tuple[tuple[int, int], ...] = (
    (0x00A0, 0x0125), (0x0128, 0x0137), (0x0139, 0x013E), (0x0141, 0x0148),
    (0x014A, 0x0165), (0x0168, 0x017E), (0x0192, 0x0192), (0x01C4, 0x01D4),
    (0x01E2, 0x01E3), (0x01E6, 0x01EB), (0x01F0, 0x01F0), (0x01F4, 0x01F5),
    (0x0218, 0x021B), (0x0232, 0x0233), (0x0237, 0x0237), (0x02C6, 0x02C7),
    (0x02D8, 0x02D9), (0x02DB, 0x02DD), (0x0E3F, 0x0E3F), (0x1E02, 0x1E03),
    (0x1E0D, 0x1E0D), (0x1E1E, 0x1E21), (0x1E25, 0x1E25), (0x1E30, 0x1E31),
    (0x1E37, 0x1E37), (0x1E43, 0x1E43), (0x1E45, 0x1E45), (0x1E47, 0x1E47),
    (0x1E5B, 0x1E5B), (0x1E63, 0x1E63), (0x1E6D, 0x1E6D), (0x1E8E, 0x1E91),
    (0x1E9E, 0x1E9E), (0x1EF2, 0x1EF3), (0x200C, 0x200C), (0x2010, 0x2016),
    (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2022), (0x2026, 0x2026),
    (0x2030, 0x2031), (0x2039, 0x203B), (0x203D, 0x203D), (0x2044, 0x2044),
    (0x204E, 0x204E), (0x2052, 0x2052), (0x20A1, 0x20A1), (0x20A4, 0x20A4),
    (0x20A6, 0x20A6), (0x20A9, 0x20A9), (0x20AB, 0x20AC), (0x20B1, 0x20B1),
    (0x2103, 0x2103), (0x2116, 0x2117), (0x211E, 0x211E), (0x2120, 0x2120),
    (0x2122, 0x2122), (0x2126, 0x2127), (0x212E, 0x212E), (0x2190, 0x2193),
    (0x2329, 0x232A), (0x2422, 0x2423), (0x25E6, 0x25E6), (0x25EF, 0x25EF),
    (0x266A, 0x266A), (0x27E8, 0x27E9), (0x3008, 0x3009), (0xFB00, 0xFB06),
    (0xFEFF, 0xFEFF),
)  # fmt: skip
GREEK = (0x0370, 0x03FF)  # with LGR in latex_elements["fontenc"]
CYRILLIC = (0x0400, 0x04FF)  # with T2A or X2 in latex_elements["fontenc"]

#: Symbols pdflatex lacks as text but has in math (amssymb is always loaded).
PDFLATEX_SUBSTITUTES: dict[str, str] = {
    "\u2192": r"\(\rightarrow\)",
    "\u2190": r"\(\leftarrow\)",
    "\u21d2": r"\(\Rightarrow\)",
    "\u21d0": r"\(\Leftarrow\)",
    "\u2194": r"\(\leftrightarrow\)",
    "\u2264": r"\(\leq\)",
    "\u2265": r"\(\geq\)",
    "\u2260": r"\(\neq\)",
    "\u2248": r"\(\approx\)",
    "\u2212": r"\(-\)",
    "\u2605": r"\(\bigstar\)",
    "\u2606": r"\(\star\)",
    "\u25cf": r"\(\bullet\)",
    "\u2713": r"\(\checkmark\)",
    "\u2714": r"\(\checkmark\)",
    "\u2717": r"\(\times\)",
    "\u2718": r"\(\times\)",
    "\u274c": r"\(\times\)",
    "\u2705": r"\(\checkmark\)",
    "\u2611": r"\(\boxtimes\)",
    "\u2610": r"\(\square\)",
    "\u2022": r"\textbullet{}",
}

#: Invisible joiners and presentation selectors of emoji: dropped silently.
SILENT = frozenset({"\ufe0e", "\ufe0f", "\u200d", "\u20e3"})

#: Emoji that Unicode presents as pictures in the Basic Multilingual Plane (the
#: fonts xelatex/lualatex use by default have none of them); everything from
#: U+1F000 up is treated the same way.
_BMP_EMOJI_RANGES: tuple[tuple[int, int], ...] = (
    (0x231A, 0x231B), (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693),
    (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5),
    (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F5),
    (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B),
    (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755),
    (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
)  # fmt: skip

#: Nodes whose text the LaTeX writer takes verbatim: raw LaTeX cannot go inside.
_VERBATIM = (nodes.literal_block, nodes.literal, nodes.raw, nodes.math, nodes.math_block)


def _in_ranges(code: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(low <= code <= high for low, high in ranges)


class Typesetter:
    """What one LaTeX engine, with this preamble, can put on the page."""

    def __init__(self, engine: str, fontenc: str = "") -> None:
        self.engine = engine
        self.ranges = list(PDFLATEX_RANGES)
        if "LGR" in fontenc:
            self.ranges.append(GREEK)
        if "T2A" in fontenc or "X2" in fontenc:
            self.ranges.append(CYRILLIC)
        # Sphinx itself rewrites a few characters for pdflatex (e.g. ✓, ∞, ¹).
        self.escaped = {
            char
            for char, _latex in (*tex_replacements, *unicode_tex_replacements)
            if ord(char) > 127
        }

    def can_typeset(self, char: str) -> bool:
        code = ord(char)
        if code < 128 or char in SILENT:
            return True
        if self.engine == "pdflatex":
            return char in self.escaped or _in_ranges(code, self.ranges)
        return not is_emoji(char)

    def substitute(self, char: str) -> str | None:
        """LaTeX for a character the engine lacks as text, or None."""
        composed = unicodedata.normalize("NFC", char)
        if composed != char and all(self.can_typeset(c) for c in composed):
            return composed  # its canonical form: U+212B ANGSTROM SIGN is Å (U+00C5)
        return PDFLATEX_SUBSTITUTES.get(char) if self.engine == "pdflatex" else None


def is_emoji(char: str) -> bool:
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or _in_ranges(code, _BMP_EMOJI_RANGES)


def char_label(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


def _location(node: nodes.Node) -> nodes.Node | None:
    """The nearest node that knows its file and line (text nodes do not)."""
    current: nodes.Node | None = node
    while current is not None:
        if getattr(current, "source", None) and getattr(current, "line", None):
            return current
        current = current.parent
    current = node
    while current is not None:  # no line anywhere: the file alone will do
        if getattr(current, "source", None):
            return current
        current = current.parent
    return None


def apply_unicode_fallback(app: Sphinx, doctree: nodes.document) -> None:
    """Map or drop, with a warning, the characters the LaTeX engine cannot typeset."""
    UnicodeFallback(app, doctree).run()


class UnicodeFallback:
    """One pass over an assembled LaTeX document."""

    def __init__(self, app: Sphinx, document: nodes.document) -> None:
        self.app = app
        self.config = app.config
        self.document = document

    def run(self) -> None:
        fontenc = str(self.config.latex_elements.get("fontenc", ""))
        typesetter = Typesetter(self.config.latex_engine, fontenc)
        # A file's warning is given once per build, not once per PDF it is part of.
        warned: set[tuple[str, str]] = self.app.builder.__dict__.setdefault(
            "_mentoring_unicode_warned", set()
        )
        for text in list(self.document.findall(nodes.Text)):
            if all(typesetter.can_typeset(char) for char in text):
                continue
            self._fix(text, typesetter, warned)
        self._fix_attributes(typesetter, warned)

    def _report(self, char: str, node: nodes.Node, warned: set[tuple[str, str]]) -> None:
        if char in SILENT:
            return
        location = _location(node)
        source = str(getattr(location, "source", "") or "")
        if (source, char) in warned:
            return
        warned.add((source, char))
        warn(
            f"{char_label(char)} cannot be typeset by {self.config.latex_engine}; "
            "it is left out of the PDF (use a text equivalent, or "
            "suppress_warnings = ['mentoring.unicode'])",
            "unicode",
            location,
        )

    def _fix(self, text: nodes.Text, typesetter: Typesetter, warned: set[tuple[str, str]]) -> None:
        parent = text.parent
        verbatim = isinstance(parent, _VERBATIM)
        pieces: list[nodes.Node] = []
        plain: list[str] = []
        for char in str(text):
            if typesetter.can_typeset(char):
                plain.append(char)
                continue
            latex = None if verbatim else typesetter.substitute(char)
            if latex is None:
                self._report(char, text, warned)
                continue
            if plain:
                pieces.append(nodes.Text("".join(plain)))
                plain = []
            pieces.append(nodes.raw("", latex, format="latex"))
        if plain:
            pieces.append(nodes.Text("".join(plain)))
        if parent is None:
            return
        index = parent.index(text)
        parent[index : index + 1] = pieces
        if isinstance(parent, nodes.literal_block) and parent.rawsource:
            # Code blocks are highlighted from their source, not their text.
            parent.rawsource = "".join(c for c in parent.rawsource if typesetter.can_typeset(c))

    def _fix_attributes(self, typesetter: Typesetter, warned: set[tuple[str, str]]) -> None:
        """Strings the writers typeset from attributes (video titles, captions)."""
        for node in self.document.findall(nodes.Element):
            for key in ("title", "duration", "alt"):
                value = node.get(key)
                if not isinstance(value, str) or all(typesetter.can_typeset(c) for c in value):
                    continue
                for char in value:
                    if not typesetter.can_typeset(char):
                        self._report(char, node, warned)
                node[key] = "".join(c for c in value if typesetter.can_typeset(c))
