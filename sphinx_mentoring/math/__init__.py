"""Math: MathJax from the build itself in HTML, LaTeX in PDF, readable text elsewhere.

- HTML: Sphinx's MathJax support, pointed at the copy of MathJax this package
  ships (``static/mathjax``, see its ``SOURCE``): no CDN, and it typesets offline
  and from ``file://`` (SVG output: no fonts to fetch). Sphinx adds the script
  only to pages that have math, so other pages keep their weight; the file is
  copied into ``_static/mathjax/`` only when some page has math. MathJax looks
  for math in Sphinx's math elements only (``\\(…\\)`` in a paragraph of
  regular-expression text stays text).
- LaTeX/PDF: Sphinx's own math (``amsmath``), with the few MathJax macros that
  LaTeX lacks and kramdown pages use rewritten (``\\unicode{x212B}``, ``\\lt``,
  ``\\gt``, ``\\AA`` in math): one such macro would stop the whole PDF.
- text, man, EPUB: each formula as readable Unicode text (``\\frac{a}{b}``
  gives ``a/b``, ``\\leq`` gives ``≤``; by pylatexenc), as EPUB readers do not
  run MathJax.

A project that sets ``mathjax_path`` (or ``html_math_renderer``) keeps its own.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.ext.mathjax import MATHJAX_URL
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape as latex_escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

STATIC = Path(__file__).parent / "static"
MATHJAX = "mathjax/tex-svg-full.js"
MATH_NODES = (nodes.math, nodes.math_block)
#: MathJax 3: Sphinx's delimiters only, and only inside Sphinx's math elements.
MATHJAX_CONFIG: dict[str, Any] = {
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]]},
    "options": {
        "ignoreHtmlClass": "tex2jax_ignore|mathjax_ignore|document|body",
        "processHtmlClass": "tex2jax_process|mathjax_process|math",
    },
    "svg": {"fontCache": "global"},
}


#: MathJax's ``\\unicode[font]{x212B}`` (or a decimal code): one character.
_UNICODE = re.compile(r"\\unicode\s*(?:\[[^\]]*\]\s*)*\{\s*(x[0-9a-f]+|[0-9]+)\s*\}", re.IGNORECASE)
#: Macros MathJax defines in math and LaTeX does not (``\\AA`` is text-only in LaTeX).
_MATHJAX_MACROS = {"lt": "<", "gt": ">", "amp": r"\&", "AA": r"\text{\AA}"}
_READABLE_MACROS = {**_MATHJAX_MACROS, "AA": "Å"}
_MACRO = re.compile(r"\\(lt|gt|amp|AA)(?![A-Za-z])")
#: Characters pdflatex takes in math's ``\\text{}`` with Sphinx's preamble (T1, utf8).
_PDFLATEX_TEXT = range(0xA0, 0x180)


def _unicode_char(code: str) -> str:
    number = int(code[1:], 16) if code[0] in "xX" else int(code)
    try:
        # NFC: U+212B ANGSTROM SIGN is Å (U+00C5), which every engine has.
        return unicodedata.normalize("NFC", chr(number))
    except (ValueError, OverflowError):
        return "\ufffd"


def _latex_char(char: str, engine: str) -> str:
    if engine != "pdflatex" or all(ord(c) < 128 or ord(c) in _PDFLATEX_TEXT for c in char):
        return rf"\text{{{latex_escape(char, engine)}}}"
    name = unicodedata.name(char[0], f"U+{ord(char[0]):04X}").lower()
    return rf"\text{{[{name}]}}"  # what the formula showed, named: never a LaTeX error


def latex_math(tex: str, engine: str = "pdflatex") -> str:
    """A formula written for MathJax, as LaTeX can typeset it."""
    tex = _UNICODE.sub(lambda m: _latex_char(_unicode_char(m.group(1)), engine), tex)
    return _MACRO.sub(lambda m: _MATHJAX_MACROS[m.group(1)], tex)


def readable(latex: str) -> str:
    """A formula as text a reader can follow: Greek letters, operators, ``a/b``."""
    from pylatexenc.latex2text import LatexNodes2Text

    latex = _UNICODE.sub(lambda m: _unicode_char(m.group(1)), latex)
    latex = _MACRO.sub(lambda m: _READABLE_MACROS[m.group(1)], latex)
    try:
        text = LatexNodes2Text(math_mode="text", strict_latex_spaces=True).latex_to_text(latex)
    except Exception:  # pylatexenc is lenient; never lose the formula over it
        return latex
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line) or latex


class ReadableMath(SphinxPostTransform):
    """Formats without a math engine get each formula as readable text."""

    default_priority = 400
    builders = ("text", "man", "epub")

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.math)):
            text = readable(node.astext())
            node.replace_self(nodes.inline(text, text, classes=["math"]))
        for block in list(self.document.findall(nodes.math_block)):
            text = readable(block.astext())
            lines = [nodes.Text(text)]
            paragraph = nodes.paragraph("", "", *lines, classes=["math"])
            paragraph.source, paragraph.line = block.source, block.line
            block.replace_self(paragraph)


class LaTeXMath(SphinxPostTransform):
    """MathJax-only macros in a formula become LaTeX (the PDF would stop on them)."""

    default_priority = 400
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        engine = self.config.latex_engine
        for math_class in MATH_NODES:
            for node in list(self.document.findall(math_class)):
                source = node.astext()
                tex = latex_math(source, engine)
                if tex != source:
                    node[:] = [nodes.Text(tex)]


def on_config_inited(app: Sphinx, config: Config) -> None:
    if config.mathjax_path == MATHJAX_URL:
        config.mathjax_path = MATHJAX
        if not (config.mathjax3_config or config.mathjax4_config):
            config.mathjax3_config = MATHJAX_CONFIG


def _math_pages(env: BuildEnvironment) -> set[str]:
    pages: set[str] = env.__dict__.setdefault("mentoring_math_pages", set())
    return pages


def note_math(app: Sphinx, doctree: nodes.document) -> None:
    if next(doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))), None):
        _math_pages(app.env).add(app.env.docname)


def purge_math(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _math_pages(env).discard(docname)


def merge_math(app: Sphinx, env: BuildEnvironment, docnames: Any, other: BuildEnvironment) -> None:
    _math_pages(env).update(_math_pages(other) & set(docnames))


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    """The MathJax file goes into ``_static`` when some page has math."""
    builder = app.builder
    if exception is not None or builder.format != "html" or builder.name.startswith("epub"):
        return
    if app.config.mathjax_path != MATHJAX or not _math_pages(app.env):
        return
    source = STATIC / MATHJAX
    target = Path(builder.outdir) / "_static" / MATHJAX
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        shutil.copyfile(STATIC / "mathjax" / "LICENSE", target.parent / "LICENSE")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-read", note_math)
    app.connect("env-purge-doc", purge_math)
    app.connect("env-merge-info", merge_math)
    app.connect("build-finished", copy_mathjax)
    app.add_post_transform(ReadableMath)
    app.add_post_transform(LaTeXMath)
