r"""Characters the LaTeX engine cannot typeset never stop the PDF, and never vanish.

pdflatex stops on a character its ``inputenc``/font encodings do not know (the
real corpus has ⏰, and 👍🏽 is three code points); xelatex and lualatex drop a
glyph their font lacks with no more than a line in the log. At LaTeX write time
every text node is cut into what readers see as one character (an emoji with its
selector, skin tone and ZWJ partners, a flag, a keycap), and each cluster the
engine cannot typeset becomes, in this order:

- a LaTeX equivalent (pdflatex: ≤ → ``\leq``, ✓ → ``\checkmark``);
- with xelatex/lualatex, the glyphs of the first font of
  ``mentoring_latex_fallback_fonts`` that has them all (Debian's Symbola: a
  monochrome emoji font), found with fontconfig;
- else its Unicode name, in brackets ("[alarm clock]", "[thumbs up sign, medium
  skin tone]", "[flag FR]"); invisible format characters are left out.

Presentation selectors (U+FE0E/U+FE0F) carry no text and are dropped. Whatever
was named or left out is reported once per kind of character and build
(``mentoring.unicode``), at its first file and line.

pdflatex stays the default engine (Sphinx's): the fastest, in every TeX
installation, and needing no system font, so a course gives the same PDF on any
machine; ``latex_engine = "lualatex"`` with Symbola installed prints emoji.
"""

from __future__ import annotations

import functools
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import new_document
from sphinx.util.texescape import tex_replacements, unicode_tex_replacements

from sphinx_mentoring.latex import latex_escape
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.config import Config

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

#: Presentation selectors (text / emoji style): hints with no text of their own.
SELECTORS = frozenset({"\ufe0e", "\ufe0f"})
ZWJ = "\u200d"
KEYCAP = "\u20e3"
SKIN_TONES = {
    "\U0001f3fb": "light skin tone",
    "\U0001f3fc": "medium-light skin tone",
    "\U0001f3fd": "medium skin tone",
    "\U0001f3fe": "medium-dark skin tone",
    "\U0001f3ff": "dark skin tone",
}
#: One emoji as readers see it: a flag (two regional indicators), a keycap, or a
#: character with its selector and skin tone, joined to the next by ZWJ.
_UNIT = r"(?:.[\ufe0e\ufe0f]?[\U0001f3fb-\U0001f3ff]?)"
CLUSTER = re.compile(
    rf"[\U0001f1e6-\U0001f1ff]{{2}}|[0-9#*][\ufe0f]?\u20e3|{_UNIT}(?:\u200d{_UNIT})*", re.S
)

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


@functools.cache
def font_coverage(family: str) -> frozenset[int] | None:
    """The code points of an installed font family (fontconfig), or None when absent."""
    try:
        files = subprocess.run(
            ["fc-list", "-f", "%{file}\n", family], capture_output=True, text=True, timeout=30
        ).stdout.split()
        if not files:
            return None
        charset = subprocess.run(
            ["fc-query", "-i", "0", "-f", "%{charset}", files[0]],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    codes: set[int] = set()
    for part in charset.split():
        low, _, high = part.partition("-")
        codes.update(range(int(low, 16), int(high or low, 16) + 1))
    return frozenset(codes)


#: The main font Sphinx sets for xelatex and lualatex (GNU FreeFont).
SPHINX_UNICODE_MAIN_FONT = "FreeSerif"


class Typesetter:
    """What one LaTeX engine, with this preamble, can put on the page."""

    def __init__(
        self,
        engine: str,
        fontenc: str = "",
        main_font: frozenset[int] | None = None,
        fallback_fonts: Sequence[tuple[str, frozenset[int]]] = (),
    ) -> None:
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
        self.main_font = main_font
        self.fallback_fonts = list(fallback_fonts) if engine != "pdflatex" else []

    def can_typeset(self, char: str) -> bool:
        code = ord(char)
        if code < 128:
            return char.isprintable() or char in "\n\t\r"
        if self.engine == "pdflatex":
            return char in self.escaped or _in_ranges(code, self.ranges)
        if self.main_font is not None:
            return code in self.main_font and not is_emoji(char)
        return not is_emoji(char) and unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn")

    def substitute(self, char: str) -> str | None:
        """LaTeX for a character the engine lacks as text, or None."""
        composed = unicodedata.normalize("NFC", char)
        if composed != char and all(self.can_typeset(c) for c in composed):
            return composed  # its canonical form: U+212B ANGSTROM SIGN is Å (U+00C5)
        return PDFLATEX_SUBSTITUTES.get(char) if self.engine == "pdflatex" else None

    def fallback_font(self, chars: str) -> int | None:
        """Index of the first fallback font that has every one of ``chars``."""
        for index, (_name, coverage) in enumerate(self.fallback_fonts):
            if all(ord(c) in coverage for c in chars):
                return index
        return None


def typesetter_for(config: Config) -> Typesetter:
    """The typesetter of this build's engine, fonts and ``mentoring_latex_fallback_fonts``."""
    engine = config.latex_engine
    fontenc = str(config.latex_elements.get("fontenc", ""))
    if engine == "pdflatex":
        return Typesetter(engine, fontenc)
    main = None
    if "fontpkg" not in config.latex_elements:
        main = font_coverage(SPHINX_UNICODE_MAIN_FONT)
    fonts = []
    for family in config.mentoring_latex_fallback_fonts:
        coverage = font_coverage(family)
        if coverage is not None:
            fonts.append((family, coverage))
    return Typesetter(engine, fontenc, main, fonts)


def fallback_fonts_preamble(config: Config) -> str:
    """``\\sphinxmentoringfontA`` ... for the fallback fonts installed (xelatex, lualatex)."""
    typesetter = typesetter_for(config)
    return "".join(
        rf"\newfontfamily\sphinxmentoringfont{_font_letter(index)}{{{name}}}" + "\n"
        for index, (name, _coverage) in enumerate(typesetter.fallback_fonts)
    )


def _font_letter(index: int) -> str:
    return chr(ord("A") + index)


def is_emoji(char: str) -> bool:
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or _in_ranges(code, _BMP_EMOJI_RANGES)


def char_label(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


def _name(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.lower() if name else f"U+{ord(char):04X}"


def box_drawing(text: str) -> str | None:
    """ASCII for box-drawing lines and blocks (directory trees in code), or None."""
    if len(text) != 1 or not 0x2500 <= ord(text) <= 0x259F:
        return None
    name = unicodedata.name(text, "")
    if "BLOCK" in name or "SHADE" in name:
        return "#"
    if " AND " in name or "DOWN" in name or "UP" in name:
        return "+"
    if "HORIZONTAL" in name or "DASH" in name:
        return "-"
    return "|" if "VERTICAL" in name else "+"


def cluster_name(cluster: str) -> str:
    """What a reader of the PDF sees for a cluster the engine cannot typeset."""
    visible = [c for c in cluster if c not in SELECTORS]
    if len(visible) == 2 and all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in visible):
        return "flag " + "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in visible)
    if visible and visible[-1] == KEYCAP:
        return "keycap " + "".join(visible[:-1])
    people = []
    for part in "".join(visible).split(ZWJ):
        tones = [SKIN_TONES[c] for c in part if c in SKIN_TONES]
        base = " ".join(_name(c) for c in part if c not in SKIN_TONES)
        people.append(", ".join([base, *tones]) if base else ", ".join(tones))
    return " + ".join(p for p in people if p)


def kind_of(cluster: str) -> str:
    """The kind named in the warning: one warning per kind and build."""
    visible = [c for c in cluster if c not in SELECTORS]
    if not visible:
        return "presentation selector"
    if len(visible) > 1 or is_emoji(visible[0]) or visible[0] in SKIN_TONES:
        return "emoji"
    category = unicodedata.category(visible[0])
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return "control or invisible character"
    if category[0] in "LM":
        return "letter of a script without a font"
    return "symbol"


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
    """Map, print in a fallback font or name what the LaTeX engine cannot typeset."""
    UnicodeFallback(app, doctree).run()


def typeset_latex(app: Sphinx, latex: str) -> str:
    """LaTeX the builder writes outside any page — a document's title and author, a
    title page, the PDF metadata — with what the engine cannot typeset handled as in
    the pages (one emoji in a course title stopped every PDF of the course)."""
    fallback = UnicodeFallback(app, new_document("<title>"))
    if all(fallback.typesetter.can_typeset(char) for char in latex):
        return latex
    anchor = nodes.Text("")
    pieces: list[str] = []
    for match in CLUSTER.finditer(latex):
        cluster = match.group()
        if all(fallback.typesetter.can_typeset(char) for char in cluster):
            pieces.append(cluster)
            continue
        shown, code = fallback.typeset(cluster, anchor, verbatim=False)
        pieces += [latex_escape(shown), code or ""]
    return "".join(pieces)


@dataclass
class Findings:
    """What one kind of character met in this build: for its one warning."""

    first: nodes.Node | None
    clusters: dict[str, None] = field(default_factory=dict)
    places: int = 0


class UnicodeFallback:
    """One pass over an assembled LaTeX document."""

    def __init__(self, app: Sphinx, document: nodes.document) -> None:
        self.app = app
        self.config = app.config
        self.document = document
        self.typesetter = typesetter_for(app.config)
        # Several PDFs hold the same page: its characters count once per build.
        self.seen: set[tuple[str, str]] = app.builder.__dict__.setdefault(
            "_mentoring_unicode_seen", set()
        )
        self.findings: dict[str, Findings] = app.builder.__dict__.setdefault(
            "_mentoring_unicode_findings", {}
        )

    def run(self) -> None:
        typesetter = self.typesetter
        for text in list(self.document.findall(nodes.Text)):
            if all(typesetter.can_typeset(char) for char in text):
                continue
            self._fix(text)
        self._fix_attributes()

    def typeset(self, cluster: str, node: nodes.Node, verbatim: bool) -> tuple[str, str | None]:
        """(plain text, or "" when LaTeX is given) and the LaTeX for one cluster."""
        typesetter = self.typesetter
        visible = "".join(c for c in cluster if c not in SELECTORS)
        if all(typesetter.can_typeset(c) for c in visible):
            return visible, None
        if len(visible) == 1 and not verbatim:
            latex = typesetter.substitute(visible)
            if latex is not None:
                return "", latex
        drawing = box_drawing(visible)
        if drawing is not None:
            return drawing, None
        shown = visible.replace(ZWJ, "")
        index = typesetter.fallback_font(shown) if shown else None
        if index is not None and not verbatim:
            return "", rf"{{\sphinxmentoringfont{_font_letter(index)} {shown}}}"
        self._record(cluster, node)
        if all(unicodedata.category(c) == "Cf" for c in visible):
            return "", None  # invisible (a joiner, a direction mark): nothing to show
        name = cluster_name(cluster)
        if verbatim or not name:
            return f"[{name}]" if name else "", None
        return "", rf"\sphinxmentoringunicode{{{latex_escape(name)}}}"

    def _record(self, cluster: str, node: nodes.Node) -> None:
        location = _location(node)
        source = str(getattr(location, "source", "") or "")
        if (source, cluster) in self.seen:
            return
        self.seen.add((source, cluster))
        finding = self.findings.setdefault(kind_of(cluster), Findings(location))
        finding.clusters[cluster] = None
        finding.places += 1

    def _fix(self, text: nodes.Text) -> None:
        parent = text.parent
        verbatim = isinstance(parent, _VERBATIM)
        pieces: list[nodes.Node] = []
        plain: list[str] = []
        for match in CLUSTER.finditer(str(text)):
            shown, latex = self.typeset(match.group(), text, verbatim)
            plain.append(shown)
            if latex is None:
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
            parent.rawsource = parent.astext()

    def _fix_attributes(self) -> None:
        """Strings the writers typeset from attributes (video titles, captions)."""
        for node in self.document.findall(nodes.Element):
            for key in ("title", "duration", "alt"):
                value = node.get(key)
                if not isinstance(value, str):
                    continue
                if all(self.typesetter.can_typeset(c) for c in value):
                    continue
                node[key] = "".join(
                    self.typeset(m.group(), node, verbatim=True)[0] for m in CLUSTER.finditer(value)
                )


def _label(cluster: str) -> str:
    visible = [c for c in cluster if c not in SELECTORS]
    if len(visible) == 1:
        return char_label(visible[0])
    codes = " ".join(f"U+{ord(c):04X}" for c in cluster)
    return f"'{cluster}' ({codes}: {cluster_name(cluster)})"


def report_unicode(app: Sphinx, exception: BaseException | None) -> None:
    """One warning per kind of character the engine could not typeset, at the end."""
    findings: dict[str, Findings] = app.builder.__dict__.pop("_mentoring_unicode_findings", {})
    engine = app.config.latex_engine
    for kind, finding in findings.items():
        shown = [_label(c) for c in list(finding.clusters)[:8]]
        more = len(finding.clusters) - len(shown)
        listed = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        elsewhere = f" (here and in {finding.places - 1} more places)" if finding.places > 1 else ""
        warn(
            f"{kind} that {engine} cannot typeset{elsewhere}: {listed}; the PDF prints "
            "their Unicode names (invisible characters are left out); with xelatex or "
            "lualatex a font of mentoring_latex_fallback_fonts prints them, or "
            "suppress_warnings = ['mentoring.unicode']",
            "unicode",
            finding.first,
        )
