"""Math: MathJax from the build itself in HTML, LaTeX in PDF, readable text elsewhere.

- HTML: Sphinx's MathJax support, pointed at the copy of MathJax this package
  ships (``static/mathjax``, see its ``SOURCE``): no CDN, and it typesets offline
  and from ``file://`` (SVG output: no fonts to fetch). Sphinx adds the script
  only to pages that have math, so other pages keep their weight; the file is
  copied into ``_static/mathjax/`` only when some page has math. MathJax looks
  for math in Sphinx's math elements only (``\\(…\\)`` in a paragraph of
  regular-expression text stays text).
- LaTeX/PDF: Sphinx's own math (``amsmath``).
- text, man, EPUB: each formula as readable Unicode text (``\\frac{a}{b}``
  gives ``a/b``, ``\\leq`` gives ``≤``; by pylatexenc), as EPUB readers do not
  run MathJax.

A project that sets ``mathjax_path`` (or ``html_math_renderer``) keeps its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.ext.mathjax import MATHJAX_URL
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

STATIC = Path(__file__).parent / "static"
MATHJAX = "mathjax/tex-svg-full.js"
#: MathJax 3: Sphinx's delimiters only, and only inside Sphinx's math elements.
MATHJAX_CONFIG: dict[str, Any] = {
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]]},
    "options": {
        "ignoreHtmlClass": "tex2jax_ignore|mathjax_ignore|document|body",
        "processHtmlClass": "tex2jax_process|mathjax_process|math",
    },
    "svg": {"fontCache": "global"},
}


def readable(latex: str) -> str:
    """A formula as text a reader can follow: Greek letters, operators, ``a/b``."""
    from pylatexenc.latex2text import LatexNodes2Text

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
