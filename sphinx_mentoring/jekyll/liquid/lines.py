"""Line numbers across Liquid: warnings of later stages point at the author's lines.

Before rendering, every newline of the page's literal text gets an invisible
marker naming its source line. After rendering the markers say where each source
line landed, and the output is padded (a construct that rendered to fewer lines)
or squeezed (extra blank lines dropped after one that rendered to more).
"""

from __future__ import annotations

import re

from liquid.lex import compile_liquid_rules

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
_LIQUID_RULES = compile_liquid_rules()
_BLANK_RUN = re.compile(r"\n[ \t]*(?=\n[ \t]*\n)")


def mark_lines(body: str, first_line: int) -> str:
    """Put a marker after each newline that belongs to literal text (not to tags)."""
    pieces: list[str] = []
    position = 0
    for match in _LIQUID_RULES.finditer(body):
        kind = match.lastgroup
        if kind in ("content", "RAW"):
            start, end = match.span() if kind == "content" else match.span("raw")
            pieces.append(body[position:start])
            text = body[start:end]
            line = first_line + body.count("\n", 0, start)
            out: list[str] = []
            for index, chunk in enumerate(text.split("\n")):
                if index:
                    line += 1
                    out.append(f"\n{MARK_OPEN}{line}{MARK_CLOSE}")
                out.append(chunk)
            pieces.append("".join(out))
            position = end
    pieces.append(body[position:])
    return "".join(pieces)


def squeeze(text: str, surplus: int) -> tuple[str, int]:
    """Drop up to ``surplus`` redundant blank lines (a blank line after a blank line)."""
    removed = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal removed
        if removed < surplus:
            removed += 1
            return ""
        return match.group(0)

    return _BLANK_RUN.sub(drop, text), removed


def restore_lines(rendered: str, first_line: int, last_line: int) -> str:
    """Align the rendered text with the source lines the markers name.

    Before each marker the output is padded with newlines when it is behind
    (a construct rendered fewer lines), or loses redundant blank lines when it is
    ahead (a construct rendered more lines).
    """
    out: list[str] = []
    recent = ""  # the last characters written: a blank-line run may span segments
    line = first_line

    def emit(segment: str, target: int) -> None:
        nonlocal recent, line
        ahead = line + segment.count("\n") - target
        if ahead > 0 and "\n" in segment:
            squeezed, removed = squeeze(recent + segment, ahead)
            if removed:
                trim(out, len(recent))
                segment = squeezed
                line -= recent.count("\n")
        out.append(segment)
        line += segment.count("\n")
        recent = (recent + segment)[-8:] if len(segment) < 8 else segment[-8:]

    position = 0
    for match in _MARK.finditer(rendered):
        target = int(match.group(1))
        emit(rendered[position : match.start()], target)
        position = match.end()
        if line < target:
            emit("\n" * (target - line), target)
    emit(rendered[position:], last_line)
    return "".join(out)


def trim(out: list[str], count: int) -> None:
    """Remove the last ``count`` characters from a list of strings."""
    while count > 0 and out:
        last = out.pop()
        if len(last) > count:
            out.append(last[:-count])
            return
        count -= len(last)


def unmark(text: str) -> str:
    """Markers copied into variables by ``{% capture %}`` may surface anywhere: drop them."""
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
