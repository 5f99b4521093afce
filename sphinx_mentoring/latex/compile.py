"""Each PDF on its own: every ``.tex`` compiled by latexmk, in parallel, a summary of failures.

``make latexpdf`` stops at the first document that fails, so one bad module
used to cost every later PDF. Here each document of the LaTeX folder is
compiled by its own latexmk run (the command Sphinx's generated Makefile uses,
read from it so the engine matches ``latex_engine``), up to ``jobs`` at a time.
latexmk compares file contents with its previous run, so after an edit only
the documents whose ``.tex`` (or an image in them) changed are compiled again.

A failed document is reported with the first LaTeX error of its log and the
source page and line it comes from: :mod:`.sources` leaves a
``%% mentoring-source: FILE:LINE`` comment before each block of the ``.tex``.
"""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sphinx_mentoring.latex.sources import MARK

#: What the Makefile Sphinx writes uses when it cannot be read.
DEFAULT_COMMAND = ["latexmk", "-pdf", "-dvi-", "-ps-"]
#: Never wait for input; stop at the first error; "file:line: error" messages.
LATEXOPTS = "-interaction=nonstopmode -halt-on-error -file-line-error"
#: A LaTeX run that takes longer than this has hung.
TIMEOUT = 1800

_FILE_LINE_ERROR = re.compile(
    r"^(?P<file>[^\s:][^:]*\.(?:tex|sty|cls|def|cfg)):(?P<line>\d+): (?P<msg>.+)$"
)
_TITLE = re.compile(r"^\\title\{(?P<title>.*)\}\s*$", re.M)


@dataclass
class PdfResult:
    """The outcome of one document."""

    tex: Path
    ok: bool
    rebuilt: bool
    error: str = ""
    source: str = ""

    @property
    def pdf(self) -> Path:
        return self.tex.with_suffix(".pdf")

    def title(self) -> str:
        """The document's title, as plain as the .tex allows."""
        match = _TITLE.search(self.tex.read_text(encoding="utf-8", errors="replace"))
        if not match:
            return ""
        title = match.group("title").replace(r"\sphinxhyphen{}", "-")
        return re.sub(r"\\[A-Za-z]+\{\}|\\(?=[^A-Za-z])", "", title)

    def summary(self) -> str:
        title = self.title()
        named = f"{self.pdf.name}" + (f" ({title})" if title else "")
        where = f" at {self.source}" if self.source else ""
        return f"{named}: {self.error}{where}; log: {self.tex.with_suffix('.log')}"


def latexmk_command(latexdir: Path) -> list[str]:
    """``PDFLATEX`` of the Makefile Sphinx wrote (``latexmk -pdf``/``-pdfxe``/``-pdflua``)."""
    makefile = latexdir / "Makefile"
    if makefile.is_file():
        for line in makefile.read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition("=")
            if name.strip() == "PDFLATEX" and value.strip():
                return value.split()
    return list(DEFAULT_COMMAND)


def default_jobs() -> int:
    """The cores this process may use."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def compile_all(latexdir: Path, jobs: int | None = None) -> list[PdfResult]:
    """Compile every ``.tex`` of ``latexdir``, ``jobs`` at a time; one failure stops no other."""
    texs = sorted(latexdir.glob("*.tex"), key=lambda t: t.stat().st_size, reverse=True)
    command = latexmk_command(latexdir)
    workers = max(1, min(jobs or default_jobs(), len(texs) or 1))
    # Largest first: the course PDF is the longest run, start it at once.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda tex: compile_one(tex, command), texs))
    return sorted(results, key=lambda r: r.tex.name)


def compile_one(tex: Path, command: list[str]) -> PdfResult:
    pdf = tex.with_suffix(".pdf")
    before = pdf.stat().st_mtime_ns if pdf.is_file() else None
    env = {**os.environ, "LATEXOPTS": LATEXOPTS}
    try:
        run = subprocess.run(
            [*command, tex.name],
            cwd=tex.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return PdfResult(tex, ok=False, rebuilt=False, error=f"no result after {TIMEOUT} s")
    except OSError as error:
        return PdfResult(tex, ok=False, rebuilt=False, error=f"latexmk could not run: {error}")
    after = pdf.stat().st_mtime_ns if pdf.is_file() else None
    rebuilt = after is not None and after != before
    if run.returncode == 0 and after is not None:
        return PdfResult(tex, ok=True, rebuilt=rebuilt)
    message, line = first_error(tex.with_suffix(".log"))
    if not message:
        tail = [text for text in (run.stderr + run.stdout).splitlines() if text.strip()]
        message = tail[-1] if tail else f"latexmk exited with status {run.returncode}"
    return PdfResult(tex, ok=False, rebuilt=False, error=message, source=source_at(tex, line))


def first_error(log: Path) -> tuple[str, int | None]:
    """The first error of a LaTeX log and the line of the ``.tex`` where it happened."""
    if not log.is_file():
        return "", None
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    for index, text in enumerate(lines):
        match = _FILE_LINE_ERROR.match(text)
        if match:
            message = match.group("msg").strip()
            own = Path(match.group("file")).name == log.with_suffix(".tex").name
            return message, int(match.group("line")) if own else _context_line(lines, index)
        if text.startswith("! "):
            return text[2:].strip(), _context_line(lines, index)
    return "", None


def _context_line(lines: list[str], start: int) -> int | None:
    """TeX's ``l.123 ...`` context line after an error: the main file's line."""
    for text in lines[start : start + 30]:
        match = re.match(r"^l\.(\d+)", text)
        if match:
            return int(match.group(1))
    return None


def source_at(tex: Path, line: int | None) -> str:
    """The source page and line whose output holds line ``line`` of ``tex``."""
    if line is None or not tex.is_file():
        return ""
    found = ""
    with tex.open(encoding="utf-8", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            if number > line:
                break
            if text.startswith(MARK):
                found = text[len(MARK) :].strip()
    return found
