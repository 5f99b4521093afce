"""pandoc's ``$…$`` math (``tex_math_dollars``), with one deliberate exception.

The Workbench renders ``$x^2$`` and ``$$…$$`` as math, by pandoc's rule: the
opening ``$`` is followed by a non-space, the closing one is preceded by a
non-space and not followed by a digit. MyST's ``dollarmath`` with
``allow_space``/``allow_digits`` off applies the same rule.

The exception: a closing ``$`` directly followed by a letter. Math never ends that
way in running text, but MARC subfields do (``=245  14$aThe Lord of the Rings /$c
J.R.R. Tolkien.``) and so do shell variables: pandoc turns the text between into
math (the Workbench shows ``\\(aThe Lord of the Rings /\\)``), and a PDF would
typeset it as a formula or fail on it. Here such a span stays text, dollars and
all, with a ``mentoring.math`` warning telling the author to escape the dollars
(``\\$``) as the lesson's other MARC examples do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

#: md env key: the ``$…$`` spans pandoc would read as math and we keep as text.
_NOT_MATH = "mentoring_not_math"


def _keep_as_text(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    def math_inline(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        end = state.pos
        if end >= state.posMax or not state.src[end].isalpha():
            return True
        # A closing $ followed by a letter: MARC or shell text, not math. The
        # opening $ is text, and what follows it is parsed as usual.
        state.tokens[count:] = [t for t in state.tokens[count:] if not t.type.startswith("math")]
        state.pos = start
        if silent:
            return False
        state.env.setdefault(_NOT_MATH, []).append(state.src[start:end])
        state.pending += "$"
        state.pos = start + 1
        return True

    return math_inline


def _report(state: StateCore) -> None:
    spans: list[str] = state.env.pop(_NOT_MATH, [])
    if not spans:
        return
    document = state.md.options.get("document")
    env = getattr(getattr(document, "settings", None), "env", None)
    for span in dict.fromkeys(spans):
        block = next((t for t in state.tokens if t.type == "inline" and span in t.content), None)
        line = None
        if block is not None and block.map:
            line = block.map[0] + 1 + block.content[: block.content.index(span)].count("\n")
        warn(
            f"'{span}' is kept as text, not math: its closing $ is followed by a letter, "
            "as in MARC subfields ($a) or shell variables. Escape the dollars as \\$ "
            "(pandoc, and so the Workbench, shows it as math)",
            "math",
            (env.docname if env is not None else "", line),
        )


def math_plugin(md: MarkdownIt) -> None:
    """Wrap MyST's inline dollar math rule (``dollarmath`` must be enabled)."""
    for rule in md.inline.ruler.__rules__:
        if rule.name == "math_inline":
            md.inline.ruler.at("math_inline", _keep_as_text(rule.fn))
            md.core.ruler.push("pandoc_math_report", _report)
            return
