"""PDFs of a 100-page course: -j 2 against -j 1, and what an edit rebuilds (issue 16).

For each ``-j`` value, ``--runs`` times, a fresh ``sphinx-mentoring build SITE OUT
--format pdf -j N`` of the corpus ``scale.py`` makes (the ConnectedLib modules
copied to about ``--size`` pages) is timed: the whole command, and the part
after Sphinx wrote the ``.tex`` files (compiling the PDFs). Then one sentence is
added to a section in the middle of the course and the build is run again: the
report lists which PDFs were compiled again (the CLI prints "written" for them,
"up to date" for the others).

    python benchmarks/pdf_parallel.py                 # 100 pages, -j 1 and -j 2, 1 run
    python benchmarks/pdf_parallel.py --runs 3 --markdown

Targets: -j 2 takes at most 0.65 x the time of -j 1; the edit rebuilds the edited
module's PDF and the course PDF, nothing else.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from scale import DEFAULT_CORPUS, make_corpus  # noqa: E402

WORK = BENCH_DIR / "_work" / "pdf"
TARGET_RATIO = 0.65
_COMPILED = re.compile(r"^sphinx-mentoring: (\S+\.pdf) (written|up to date)$", re.M)


def build(site: Path, out: Path, jobs: int, python: str) -> tuple[float, float, dict[str, str]]:
    """Wall time of the command, of its PDF compilation, and each PDF's state."""
    command = [python, "-m", "sphinx_mentoring.cli", "build", str(site), str(out)]
    command += ["--format", "pdf", "-j", str(jobs)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    compile_start = None
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        # Sphinx's last line before the PDFs are compiled
        if compile_start is None and "build succeeded" in line:
            compile_start = time.perf_counter()
    stderr = process.stderr.read() if process.stderr else ""
    if process.wait() != 0:
        raise SystemExit(f"build failed:\n{stderr[-3000:]}")
    end = time.perf_counter()
    states = {m.group(1): m.group(2) for m in _COMPILED.finditer("".join(lines))}
    return end - start, end - (compile_start or start), states


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100, help="pages in the course (about)")
    parser.add_argument("--jobs", default="1,2", help="the -j values to compare")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--markdown", action="store_true", help="a table for the docs")
    args = parser.parse_args()

    corpus = make_corpus(args.corpus, WORK, args.size)
    jobs = [int(j) for j in args.jobs.split(",")]
    totals: dict[int, list[float]] = {j: [] for j in jobs}
    compiles: dict[int, list[float]] = {j: [] for j in jobs}
    for run in range(args.runs):
        for j in jobs if run % 2 == 0 else reversed(jobs):
            out = WORK / f"out-j{j}"
            shutil.rmtree(out, ignore_errors=True)
            total, compiling, states = build(corpus.root, out, j, args.python)
            totals[j].append(total)
            compiles[j].append(compiling)
            print(
                f"run {run + 1} -j {j}: {total:.1f} s ({compiling:.1f} s compiling "
                f"{len(states)} PDFs)",
                flush=True,
            )

    # One edit in the middle of the course, on the -j 2 (or last) output.
    j = jobs[-1]
    out = WORK / f"out-j{j}"
    original = corpus.edit_path.read_text(encoding="utf-8")
    try:
        corpus.edit_path.write_text(
            original + "\nOne more sentence for the benchmark.\n", encoding="utf-8"
        )
        total, compiling, states = build(corpus.root, out, j, args.python)
    finally:
        corpus.edit_path.write_text(original, encoding="utf-8")
    rebuilt = sorted(name for name, state in states.items() if state == "written")
    module = corpus.edit_docname.split("/")[1]

    median = {k: statistics.median(v) for k, v in totals.items()}
    median_compile = {k: statistics.median(v) for k, v in compiles.items()}
    ratio = median[jobs[-1]] / median[jobs[0]]
    ratio_compile = median_compile[jobs[-1]] / median_compile[jobs[0]]
    print()
    print(f"course: {corpus.pages} pages, {len(corpus.modules)} modules, {len(states)} PDFs")
    rows = [
        ("whole command", median, ratio),
        ("compiling the PDFs", median_compile, ratio_compile),
    ]
    if args.markdown:
        print(f"| | -j {jobs[0]} | -j {jobs[-1]} | ratio (target <= {TARGET_RATIO}) |")
        print("|---|---|---|---|")
    for label, values, value_ratio in rows:
        if args.markdown:
            print(
                f"| {label} | {values[jobs[0]]:.1f} s | {values[jobs[-1]]:.1f} s "
                f"| {value_ratio:.2f} |"
            )
        else:
            print(
                f"{label}: -j {jobs[0]} {values[jobs[0]]:.1f} s, -j {jobs[-1]} "
                f"{values[jobs[-1]]:.1f} s, ratio {value_ratio:.2f} (target <= {TARGET_RATIO})"
            )
    print(
        f"after an edit to {corpus.edit_docname}: {total:.1f} s, "
        f"{compiling:.1f} s compiling; PDFs compiled again: {', '.join(rebuilt) or 'none'}"
    )
    print(f"expected: the module's ({module}) and the course's")
    ok = ratio <= TARGET_RATIO and len(rebuilt) == 2 and any(module in r for r in rebuilt)
    print("targets met" if ok else "targets NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
