"""R Markdown code chunks (``.Rmd`` episodes of Workbench lessons), shown, not run.

sandpaper runs an ``.Rmd`` episode through knitr before pandoc: a chunk
```` ```{r name, eval=FALSE} ```` is code in the engine's language, followed by
its output. Nothing is run here (no R in a Sphinx build): a chunk is shown as
code in its language, and the chunks knitr would not show (``include=FALSE``,
``echo=FALSE``: setup code, or code whose output only is meant to show) are left
out as knitr leaves them. MyST would otherwise take ``{r}`` for a directive.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

_CHUNK = re.compile(r"^\{([A-Za-z][\w.]*)(?:[\s,]+(.*?))?\}\s*$")
_HIDDEN = re.compile(r"\b(?:include|echo)\s*=\s*(?:FALSE|F)\b")
#: knitr's language engines whose chunks are code (not MyST directive names).
ENGINES = frozenset(
    {"r", "python", "bash", "sh", "sql", "rcpp", "cpp", "c", "julia", "js", "css", "stan", "awk"}
)


def _chunks(state: StateCore) -> None:
    kept = []
    for token in state.tokens:
        match = _CHUNK.match(token.info) if token.type == "fence" else None
        if match is None or match.group(1).lower() not in ENGINES:
            kept.append(token)
            continue
        if _HIDDEN.search(match.group(2) or ""):
            continue  # knitr shows neither the code nor (here) any output
        token.info = match.group(1).lower()
        kept.append(token)
    state.tokens = kept


def knitr_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: knitr chunks as code blocks of their engine's language."""
    md.core.ruler.after("block", "knitr_chunks", _chunks)
