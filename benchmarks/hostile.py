"""Hostile and broken sites (issue 18): time, peak memory and the promises, per case.

Builds every case of ``tests/hostile.py`` with the ``sphinx-mentoring build``
command, each in its own subprocess, and reports for each format asked:

- wall time and peak memory (``os.wait4``), against the issue's bounds
  (90 s and 4 GB per build);
- the exit code, and whether the output holds a Python traceback;
- HTML: any URL a browser would run as script, injected ``<script>``, event
  handler, or refresh to another site (:func:`hostile.script_problems`);
- any output byte of the secret file that lies outside the site;
- PDF: that every PDF was written; EPUB of the clean cases with ``-W``: that
  epubcheck reports no error.

    python benchmarks/hostile.py                       # every case, HTML
    python benchmarks/hostile.py --formats html,pdf,epub
    python benchmarks/hostile.py --cases yaml-bomb-config,sup-digit-run --keep

It is a report: the exit code is 0 unless ``--check`` is given (then 1 when a
case fails). Everything is written under ``benchmarks/_work/hostile/``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent / "tests"))

import hostile  # noqa: E402  (tests/hostile.py: the cases)

TIME_LIMIT = 90.0
MEMORY_LIMIT_MB = 4096
#: A build still running after this long is killed (and reported as a hang).
KILL_AFTER = 300.0


@dataclass
class Result:
    case: str
    format: str
    status: int | None
    seconds: float
    peak_mb: float
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _limit_memory() -> None:
    # A runaway build must not take the machine down with it: past this it fails.
    limit = 2 * MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run(argv: list[str], log: Path, kill_after: float) -> tuple[int | None, float, float]:
    """Run ``argv``; (exit status or None if killed, wall seconds, peak RSS in MiB)."""
    start = time.monotonic()
    with log.open("wb") as output:
        proc = subprocess.Popen(
            argv,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_limit_memory,
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > kill_after:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                return None, time.monotonic() - start, usage.ru_maxrss / 1024
            time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    return code, time.monotonic() - start, usage.ru_maxrss / 1024


def check_output(case: hostile.Case, fmt: str, out: Path, site: Path, log_text: str) -> list[str]:
    problems: list[str] = []
    if "Traceback" in log_text or "Exception occurred" in log_text:
        problems.append("traceback in the output")
    if case.warning and f"[mentoring.{case.warning}]" not in log_text:
        problems.append(f"no mentoring.{case.warning} warning")
    if "\x1b" in log_text or "\r" in log_text:  # not a terminal: Sphinx prints no colour
        problems.append("a control character reached the build log")
    folder = out / ("latex" if fmt == "pdf" else fmt)
    for leak in hostile.leaked_files(out):
        problems.append(f"secret in {leak.relative_to(out)}")
    if fmt == "html":
        for page in sorted(folder.rglob("*.html")):
            text = page.read_text(encoding="utf-8", errors="replace")
            problems += [f"{page.relative_to(folder)}: {p}" for p in hostile.script_problems(text)]
        shown = " ".join(
            p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*.html")
        )
        problems += [f"word {w!r} lost" for w in case.words if w not in shown]
    if fmt == "pdf":
        tex = sorted(folder.glob("*.tex"))
        pdfs = {p.stem for p in folder.glob("*.pdf")}
        problems += [f"no PDF for {t.name}" for t in tex if t.stem not in pdfs]
        if not tex:
            problems.append("no .tex written")
    if fmt == "epub":
        for book in folder.glob("*.epub"):
            with zipfile.ZipFile(book) as archive:
                for member in archive.namelist():
                    if hostile.SECRET.encode() in archive.read(member):
                        problems.append(f"secret in {book.name}:{member}")
        if case.clean:
            problems += epubcheck(folder)
    return problems


def epubcheck(folder: Path) -> list[str]:
    books = sorted(folder.glob("*.epub"))
    if not books:
        return ["no .epub written"]
    problems = []
    for book in books:
        result = subprocess.run(
            ["java", "-jar", "/usr/share/java/epubcheck.jar", str(book)],
            capture_output=True,
            text=True,
            check=False,
        )
        errors = [
            line
            for line in result.stdout.splitlines() + result.stderr.splitlines()
            if line.startswith(("ERROR", "FATAL"))
        ]
        problems += [f"epubcheck: {line[:160]}" for line in errors]
    return problems


def build_case(
    case: hostile.Case, fmt: str, work: Path, python: str, kill_after: float = KILL_AFTER
) -> Result:
    folder = work / f"{case.name}-{fmt}"
    if folder.exists():
        shutil.rmtree(folder)
    site, _outside = hostile.make([case], folder)
    out = folder / "out"
    argv = [python, "-m", "sphinx_mentoring.cli", "build", str(site), str(out), "--format", fmt]
    if fmt == "epub" and case.clean:
        argv.append("-W")
    log = folder / "build.log"
    status, seconds, peak = run(argv, log, kill_after)
    log_text = log.read_text(encoding="utf-8", errors="replace")
    problems: list[str] = []
    if status is None:
        problems.append(f"killed after {kill_after:.0f} s")
    elif status != 0 and not (status == 1 and fmt == "epub" and not case.clean):
        last = [line for line in log_text.splitlines() if line.strip()][-1:]
        problems.append(f"exit {status}: {last[0][:160] if last else ''}")
    if seconds > TIME_LIMIT:
        problems.append(f"{seconds:.0f} s > {TIME_LIMIT:.0f} s")
    if peak > MEMORY_LIMIT_MB:
        problems.append(f"{peak:.0f} MiB > {MEMORY_LIMIT_MB} MiB")
    if status is not None:
        problems += check_output(case, fmt, out, site, log_text)
    return Result(case.name, fmt, status, seconds, peak, problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--categories", help="comma-separated categories (default: all)")
    parser.add_argument("--formats", default="html", help="html,pdf,epub,text (default: html)")
    parser.add_argument("--work", type=Path, default=BENCH_DIR / "_work" / "hostile")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument(
        "--kill-after", type=float, default=KILL_AFTER, help="seconds before a build is killed"
    )
    parser.add_argument("--keep", action="store_true", help="keep each case's folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when a case fails")
    args = parser.parse_args(argv)
    cases = list(hostile.CASES)
    if args.cases:
        wanted = set(args.cases.split(","))
        cases = [c for c in cases if c.name in wanted]
    if args.categories:
        wanted = set(args.categories.split(","))
        cases = [c for c in cases if c.category in wanted]
    args.work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    print(f"{'case':28} {'format':6} {'exit':>4} {'seconds':>8} {'MiB':>6}  result")
    for case in cases:
        for fmt in args.formats.split(","):
            result = build_case(case, fmt, args.work, args.python, args.kill_after)
            results.append(result)
            verdict = "ok" if result.ok else "; ".join(result.problems)[:300]
            status = "-" if result.status is None else str(result.status)
            print(
                f"{case.name:28} {fmt:6} {status:>4} {result.seconds:8.1f} "
                f"{result.peak_mb:6.0f}  {verdict}",
                flush=True,
            )
            if result.ok and not args.keep:
                shutil.rmtree(args.work / f"{case.name}-{fmt}", ignore_errors=True)
    failed = [r for r in results if not r.ok]
    slowest = max(results, key=lambda r: r.seconds, default=None)
    biggest = max(results, key=lambda r: r.peak_mb, default=None)
    print(f"\n{len(results) - len(failed)}/{len(results)} builds pass", end="")
    if slowest and biggest:
        print(
            f"; slowest {slowest.case} ({slowest.format}) {slowest.seconds:.1f} s; "
            f"largest {biggest.case} ({biggest.format}) {biggest.peak_mb:.0f} MiB"
        )
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
