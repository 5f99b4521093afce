"""One palette for the boxes, in every format: HTML (light and dark), EPUB and PDF.

Each kind of box has an accent (its left rule and marks), light and dark; its
background and title colour derive from it by one rule (see :data:`SURFACE`).
Defined once here:

- HTML: ``_static/mentoring-palette.css`` sets ``--box`` per kind, with
  ``light-dark()`` for dark mode; the theme's and the plain components' CSS
  mix ``--box-bg`` and ``--box-title`` from it; links in a box title take the
  title's colour, underlined;
- EPUB: the same file with plain colours (e-readers know no custom properties);
- LaTeX: ``sphinxmentoringFrame<Kind>`` (accent), ``sphinxmentoringBack<Kind>``
  (background) and ``sphinxmentoringTitle<Kind>`` (the title bar, white text),
  defined in the preamble; links in a title bar are white.

Every pair a reader must read meets WCAG AA (4.5:1), checked by the tests:
title on background (HTML, EPUB), white on the title bar (PDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STYLESHEET = "mentoring-palette.css"


#: The page's surface and text colours (the theme's), light and dark: a box's
#: background is 9 % of its accent on the surface, its title 70 % of its accent
#: on the text colour, in every format (CSS ``color-mix`` in the theme).
SURFACE, TEXT = "#ffffff", "#1f2328"
DARK_SURFACE, DARK_TEXT = "#1b2127", "#e5e8eb"
BACKGROUND_SHARE, TITLE_SHARE = 0.09, 0.70


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(first: str, second: str, share: float) -> str:
    """``share`` of ``first`` mixed into ``second``, as CSS ``color-mix(in srgb, ...)``."""
    pairs = zip(_rgb(first), _rgb(second), strict=True)
    return "#" + "".join(f"{round(x * share + y * (1 - share)):02x}" for x, y in pairs)


@dataclass(frozen=True)
class Colours:
    """A kind's accent (its left rule, marks), light and dark; the rest derives from it."""

    accent: str
    dark_accent: str

    @property
    def background(self) -> str:
        return mix(self.accent, SURFACE, BACKGROUND_SHARE)

    @property
    def title(self) -> str:
        return mix(self.accent, TEXT, TITLE_SHARE)

    @property
    def dark_background(self) -> str:
        return mix(self.dark_accent, DARK_SURFACE, BACKGROUND_SHARE)

    @property
    def dark_title(self) -> str:
        return mix(self.dark_accent, DARK_TEXT, TITLE_SHARE)


#: Kind -> accent. The LaTeX names are the kinds in CamelCase.
PALETTE: dict[str, Colours] = {
    "objectives": Colours("#b7791f", "#e2b04a"),
    "activity": Colours("#2e7d32", "#72c476"),
    "videos": Colours("#6a3fb5", "#b59ae6"),
    "case_study": Colours("#b35c1e", "#f0a36b"),
    "info": Colours("#1f6fb5", "#80b6ea"),
    "module": Colours("#0e6f73", "#62c9c4"),
    "details": Colours("#6b7280", "#9aa3ae"),
    "other": Colours("#545e6b", "#9aa5b1"),
    # Carpentries lesson boxes: the hues of the styles template's lesson.scss
    "challenge": Colours("#b0700e", "#e8b45c"),
    "solution": Colours("#786838", "#cdbb85"),
    "keypoints": Colours("#1e7d3a", "#6fd08c"),
    "prereq": Colours("#1e6e78", "#6cc5cf"),
    "checklist": Colours("#7d6e32", "#d2c07a"),
    "testimonial": Colours("#aa2869", "#f08dbf"),
    "caution": Colours("#b4141e", "#f2868c"),
    "instructor": Colours("#6040a0", "#b9a2e8"),
}

#: CSS selectors of each kind (the classes the HTML visitors write).
SELECTORS: dict[str, tuple[str, ...]] = {
    "objectives": (".mentoring-objectives", ".mentoring-objectives-rollup"),
    "activity": (".mentoring-callout-activity", ".mentoring-callout-activities"),
    "videos": (".mentoring-callout-videos", ".mentoring-callout-video", ".mentoring-video"),
    "case_study": (".mentoring-callout-case_study", ".mentoring-callout-case-study"),
    "info": (".mentoring-callout-info", ".mentoring-callout-callout"),
    "module": (".mentoring-module-card",),
    "details": ("details.mentoring-details", "div.mentoring-details", ".mentoring-details-spoiler"),
    "other": (".mentoring-callout", ".mentoring-image-placeholder"),
    "challenge": (".mentoring-callout-challenge", ".mentoring-callout-discussion"),
    "solution": (".mentoring-details-solution", ".mentoring-details-hint"),
    "keypoints": (".mentoring-callout-keypoints",),
    "prereq": (".mentoring-callout-prereq",),
    "checklist": (".mentoring-callout-checklist",),
    "testimonial": (".mentoring-callout-testimonial",),
    "caution": (".mentoring-callout-caution", ".mentoring-callout-warning"),
    "instructor": (".mentoring-details-instructor", ".mentoring-instructor-note"),
}

_TITLES = (
    ".mentoring-objectives-title",
    ".mentoring-callout-title",
    ".mentoring-module-card-title",
    ".mentoring-details-summary",
)


def latex_name(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.split("_"))


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [c / 255 for c in _rgb(colour)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def css(plain: bool) -> str:
    """The palette stylesheet: each kind's ``--box`` with dark mode, or plain colours (EPUB).

    Written compact: it is part of every page's weight. The theme's (and the
    plain components') CSS derive ``--box-bg`` and ``--box-title`` from ``--box``.
    """
    lines = ["/* from sphinx_mentoring/palette.py */"]
    # "other" first: a callout of a known kind overrides it (same specificity, later rule).
    for kind in ("other", *(k for k in PALETTE if k != "other")):
        colours, selector = PALETTE[kind], ",".join(SELECTORS[kind])
        if plain:
            titles = ",".join(f"{s} {t}" for s in SELECTORS[kind] for t in _TITLES)
            lines.append(
                f"{selector}{{border-color:{colours.accent};background-color:{colours.background}}}"
                f"\n{titles}{{color:{colours.title}}}"
            )
        else:
            lines.append(f"{selector}{{--box:light-dark({colours.accent},{colours.dark_accent})}}")
    lines.append(",".join(f"{t} a" for t in _TITLES) + "{color:inherit;text-decoration:underline}")
    return "\n".join(lines) + "\n"


def latex_colours() -> str:
    """``\\definecolor`` of every kind, for the LaTeX preamble."""
    lines = []
    for kind, colours in PALETTE.items():
        name = latex_name(kind)
        for role, value in (
            ("Frame", colours.accent),
            ("Back", colours.background),
            ("Title", colours.title),
        ):
            red, green, blue = _rgb(value)
            lines.append(
                rf"\definecolor{{sphinxmentoring{role}{name}}}{{RGB}}{{{red},{green},{blue}}}"
            )
    return "\n".join(lines) + "\n"


def _write_stylesheet(app: Sphinx) -> None:
    builder = app.builder
    if builder.format != "html":
        return
    static = Path(builder.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    text = css(plain=builder.name.startswith("epub"))
    target = static / STYLESHEET
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    app.add_css_file(STYLESHEET)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _write_stylesheet)
