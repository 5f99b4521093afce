"""One palette for the boxes, in every format: HTML (light and dark), EPUB and PDF.

Each kind of box has an accent (its left rule and marks), a background and a
title colour; the dark variants serve the theme's dark mode. Defined once here:

- HTML: ``_static/mentoring-palette.css`` sets ``--box``, ``--box-bg`` and
  ``--box-title`` per kind (the theme's and the plain components' CSS use them),
  with ``light-dark()`` for dark mode; links in a box title take the title's
  colour, underlined;
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


@dataclass(frozen=True)
class Colours:
    accent: str
    background: str
    title: str
    dark_accent: str
    dark_background: str
    dark_title: str


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(first: str, second: str, share: float) -> str:
    """``share`` of ``first`` mixed into ``second`` (as CSS color-mix in sRGB)."""
    a, b = _rgb(first), _rgb(second)
    return "#" + "".join(
        f"{round(x * share + y * (1 - share)):02x}" for x, y in zip(a, b, strict=True)
    )


def lesson_kind(accent: str, dark_accent: str, background: str) -> Colours:
    """A Carpentries box kind from its hue: title darker, dark mode mixed like the theme."""
    return Colours(
        accent,
        background,
        _mix(accent, "#000000", 0.62),
        dark_accent,
        _mix(dark_accent, "#1b2127", 0.12),
        _mix(dark_accent, "#e5e8eb", 0.55),
    )


#: Kind -> colours. The LaTeX names are the kinds in CamelCase.
PALETTE: dict[str, Colours] = {
    "objectives": Colours("#b7791f", "#fff7e3", "#6a4300", "#e2b04a", "#2b2415", "#f4d58d"),
    "activity": Colours("#2e7d32", "#edf7ed", "#1b5e20", "#72c476", "#182a1a", "#b4e2b6"),
    "videos": Colours("#6a3fb5", "#f4effc", "#4a2a85", "#b59ae6", "#241e33", "#dccdf6"),
    "case_study": Colours("#b35c1e", "#fdf1e7", "#7a3c0f", "#f0a36b", "#2e2219", "#f7cba6"),
    "info": Colours("#1f6fb5", "#eaf2fb", "#134a7c", "#80b6ea", "#17243a", "#bcd8f5"),
    "module": Colours("#0e6f73", "#eef6f6", "#0a4f52", "#62c9c4", "#17393a", "#b7e6e3"),
    "details": Colours("#6b7280", "#f7f7f8", "#374151", "#9aa3ae", "#1f2329", "#d9dde2"),
    "other": Colours("#545e6b", "#f3f4f6", "#2f3640", "#9aa5b1", "#20252b", "#d5dae0"),
    # Carpentries lesson boxes: the hues of the styles template's lesson.scss
    "challenge": lesson_kind("#b0700e", "#e8b45c", "#fdf6e9"),
    "solution": lesson_kind("#786838", "#cdbb85", "#f9f6ee"),
    "keypoints": lesson_kind("#1e7d3a", "#6fd08c", "#ecf9ef"),
    "prereq": lesson_kind("#1e6e78", "#6cc5cf", "#ebf6f7"),
    "checklist": lesson_kind("#7d6e32", "#d2c07a", "#f9f6ea"),
    "testimonial": lesson_kind("#aa2869", "#f08dbf", "#fdeef5"),
    "caution": lesson_kind("#b4141e", "#f2868c", "#fdeced"),
    "instructor": lesson_kind("#6040a0", "#b9a2e8", "#f4f0fb"),
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
    """The palette stylesheet: custom properties with dark mode, or plain colours (EPUB)."""
    lines = ["/* Box palette of sphinx-mentoring: generated from sphinx_mentoring/palette.py */"]
    # "other" first: a callout of a known kind overrides it (same specificity, later rule).
    for kind in ("other", *(k for k in PALETTE if k != "other")):
        colours, selector = PALETTE[kind], ", ".join(SELECTORS[kind])
        if plain:
            lines.append(
                f"{selector} {{ border-color: {colours.accent}; "
                f"border-left-color: {colours.accent}; background-color: {colours.background}; }}"
            )
            titles = ", ".join(f"{s} {t}" for s in SELECTORS[kind] for t in _TITLES)
            lines.append(f"{titles} {{ color: {colours.title}; }}")
            continue
        lines.append(
            f"{selector} {{ "
            f"--box: light-dark({colours.accent}, {colours.dark_accent}); "
            f"--box-bg: light-dark({colours.background}, {colours.dark_background}); "
            f"--box-title: light-dark({colours.title}, {colours.dark_title}); }}"
        )
    links = ", ".join(f"{t} a, {t} a:visited" for t in _TITLES)
    lines.append(f"{links} {{ color: inherit; text-decoration: underline; }}")
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
