"""pandoc code blocks: a word after the fence is a class, a language only if one.

```` ```output ```` (and ``error``, ``warning``, ``source`` …) marks output and
error blocks in Workbench lessons: pandoc makes the word a class of the block,
highlights it only when it names a language, and says nothing either way.
Sphinx would warn that no lexer has that name: here such a block is plain text
with the word as its class (``output``, ``error``), which the theme styles.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

#: Names Sphinx highlights (or deliberately does not) without a Pygments lexer of that name.
SPHINX_NAMES = frozenset({"none", "default", "text", "ipython", "ipython3"})
#: What the Workbench styles as a program's output, whatever Pygments knows by the name.
OUTPUT_KINDS = frozenset({"output", "error", "warning"})


@functools.lru_cache(maxsize=256)
def is_language(name: str) -> bool:
    """Does Sphinx (Pygments) know a language of this name?"""
    if name in SPHINX_NAMES:
        return True
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


def _classes(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "fence" or not token.info.strip():
            continue
        name = token.info.split(maxsplit=1)[0]
        if name.startswith("{") or (is_language(name.lower()) and name not in OUTPUT_KINDS):
            continue
        existing = str(token.attrGet("class") or "").split()
        token.attrSet("class", " ".join(dict.fromkeys([*existing, name])))
        token.info = "text"


def code_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: a fence's word that is no language is the block's class."""
    md.core.ruler.push("pandoc_code_classes", _classes)
