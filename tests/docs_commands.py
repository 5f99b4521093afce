"""The shell commands the README and docs/ show, read from their Markdown.

A command is a line of a ``console``, ``shell``, ``bash`` or ``sh`` fenced
block (in a ``console`` block, a line after a ``$ `` prompt; lines ending in
``\\`` continue) whose program is one of :data:`PROGRAMS`, optionally after
``cd DIR &&``. Installation lines (pip, apt-get) and other programs are not
commands of the tool. A new command in the docs is picked up as it is written.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROGRAMS = ("sphinx-mentoring", "sphinx-build", "sphinx-autobuild", "make")
SHELL_BLOCKS = ("console", "shell", "bash", "sh", "shell-session")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w-]*)")


@dataclass(frozen=True)
class Command:
    page: str  # posix path from the repository root
    line: int  # 1-based line of the command in the page
    text: str  # as written, continuations joined, comment removed
    cwd: str  # the folder of a leading "cd DIR &&", else ""
    argv: tuple[str, ...]  # the command after "cd DIR &&"

    @property
    def program(self) -> str:
        return self.argv[0]

    @property
    def serves(self) -> bool:
        """A live-preview command: it runs until stopped."""
        return self.program == "sphinx-autobuild" or "--serve" in self.argv

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.text}"


def pages() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def _blocks(text: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """(language, [(line number, line)]) of each fenced block of a Markdown page."""
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    fence = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        match = _FENCE.match(stripped)
        if not fence:
            if match:
                fence = match["fence"]
                blocks.append((match["lang"], []))
            continue
        if stripped.startswith(fence) and not stripped[len(fence) :].strip():
            fence = ""
            continue
        blocks[-1][1].append((number, line))
    return blocks


def _shell_lines(text: str) -> list[tuple[int, str]]:
    """(line number, command text) of the shell blocks of a Markdown page.

    In a ``console`` block with ``$ `` prompts, only prompted lines are commands
    (the others are their output); without prompts, every line is one.
    """
    found: list[tuple[int, str]] = []
    for lang, lines in _blocks(text):
        if lang not in SHELL_BLOCKS:
            continue
        prompted = lang == "console" and any(line.startswith("$ ") for _n, line in lines)
        pending: tuple[int, str] | None = None
        for number, line in lines:
            if pending is not None:
                start, joined = pending[0], pending[1] + " " + line.strip()
            elif prompted:
                if not line.startswith("$ "):
                    continue  # output
                start, joined = number, line[2:].strip()
            else:
                start, joined = number, line.strip()
            if joined.endswith("\\"):
                pending = (start, joined[:-1].rstrip())
                continue
            pending = None
            if joined:
                found.append((start, joined))
    return found


def commands() -> list[Command]:
    """Every command of the tool shown in the README and docs/, in page order."""
    found: list[Command] = []
    for page in pages():
        for line, text in _shell_lines(page.read_text(encoding="utf-8")):
            try:
                words = shlex.split(text, comments=True)
            except ValueError:
                continue
            cwd = ""
            if len(words) > 3 and words[0] == "cd" and words[2] == "&&":
                cwd, words = words[1], words[3:]
            if words and words[0] in PROGRAMS:
                shown = text.split(" #", 1)[0].strip()
                found.append(
                    Command(page.relative_to(REPO).as_posix(), line, shown, cwd, tuple(words))
                )
    return found
