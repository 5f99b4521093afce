"""Every regular expression of the package on hostile text: does its time grow linearly?

A page is text an attacker (or a careless paste) controls; a regular expression
that backtracks makes a few kilobytes take minutes (the footnote-mark pattern of
issue 18 doubled its time with each digit of a run inside ``<sup>``). This script
finds every pattern the package compiles or passes to ``re`` as a literal (by
reading the source), builds hostile inputs from each pattern's own characters —
long runs of one character or of a pair, with and without a character that
makes the match fail at the end — and times ``search`` and ``finditer`` at two
sizes. A pattern whose time grows much faster than its input is reported.

    python benchmarks/regex_scaling.py                  # every pattern, 4,000 and 16,000
    python benchmarks/regex_scaling.py --sizes 8000,32000 --show-all
    python benchmarks/regex_scaling.py --only footnotes.py --show-all   # one module

Each pattern is measured in a child process that is killed after ``--timeout``
seconds (reported as a hang). The exit code is 0 (it is a report) unless
``--check`` is given.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import multiprocessing
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from queue import Empty
from typing import Any

PACKAGE = Path(__file__).resolve().parents[1] / "sphinx_mentoring"
#: Growth of the time from the small to the large input that flags a pattern:
#: linear is the size ratio (4); quadratic would be 16.
SUSPECT_GROWTH = 9.0
#: Below this (seconds, at the large size) a pattern is fast whatever its growth.
NOISE_FLOOR = 0.02
_RE_FUNCTIONS = {"compile", "match", "search", "fullmatch", "finditer", "findall", "sub", "split"}
_FLAG_NAMES = {"re.S": re.S, "re.M": re.M, "re.I": re.I, "re.X": re.X, "re.ASCII": re.ASCII}


@dataclass
class Found:
    where: str
    pattern: re.Pattern[str]
    #: how the code applies it: match, search, finditer, sub ...
    uses: frozenset[str]


def _flags(node: ast.expr | None) -> int:
    if node is None:
        return 0
    text = ast.unparse(node)
    value = 0
    for name, flag in _FLAG_NAMES.items():
        if name in text:
            value |= flag
    return value


def _compiled_names(tree: ast.Module) -> dict[str, ast.Call]:
    """``NAME = re.compile("...")`` at module level."""
    names: dict[str, ast.Call] = {}
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else ([node.target] if isinstance(node, ast.AnnAssign) else [])
        )
        if isinstance(value, ast.Call) and ast.unparse(value.func) == "re.compile":
            for target in targets:
                if isinstance(target, ast.Name):
                    names[target.id] = value
    return names


def _uses(tree: ast.Module, name: str) -> frozenset[str]:
    """The methods called on a module-level pattern (``NAME.match(...)``)."""
    found = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
        and node.func.attr in _RE_FUNCTIONS
    }
    return frozenset(found or {"search", "finditer"})  # passed elsewhere: assume the worst


def patterns() -> list[Found]:
    """Every literal pattern given to ``re`` in the package's source, with how it is used."""
    found: list[Found] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        compiled = _compiled_names(tree)
        by_call = {id(call): name for name, call in compiled.items()}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
                continue
            if node.func.attr not in _RE_FUNCTIONS or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue  # built at run time (f-strings): not checked here
            flag_arg = next((k.value for k in node.keywords if k.arg == "flags"), None)
            if flag_arg is None and node.func.attr == "compile" and len(node.args) > 1:
                flag_arg = node.args[1]
            if (
                flag_arg is None
                and node.func.attr in ("match", "search", "sub")
                and len(node.args) > 3
            ):
                flag_arg = node.args[-1]
            try:
                pattern = re.compile(first.value, _flags(flag_arg))
            except re.error:
                continue
            if node.func.attr == "compile":
                name = by_call.get(id(node))
                uses = _uses(tree, name) if name else frozenset({"search", "finditer"})
            else:
                uses = frozenset({node.func.attr})
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            found.append(Found(where, pattern, uses))
    return found


def alphabet(pattern: re.Pattern[str]) -> list[str]:
    """Characters worth repeating: the pattern's literals, plus spaces, digits, letters."""
    source = pattern.pattern
    literals = {c for c in source if not c.isalnum() and c not in "\\^$.|?*+()[]{}"}
    escaped = set(re.findall(r"\\([{}\[\]().*+?|^$\\/-])", source))
    return sorted({*literals, *escaped, " ", "\n", "\t", "1", "a", "-", ":", "{", "<", "#"})


def inputs(chars: list[str], size: int) -> list[str]:
    """Runs of one character, and of each pair, with and without a failing end."""
    runs = [c * size for c in chars]
    runs += [(a + b) * (size // 2) for a, b in itertools.combinations(chars, 2)]
    return runs + [run + "\x00!" for run in runs]


def cost(found: Found, text: str, repeat: int = 3) -> float:
    """Seconds for the uses of ``found`` on ``text`` (the best of ``repeat`` runs)."""
    pattern = found.pattern
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for use in found.uses:
            if use in ("finditer", "findall", "split", "sub"):
                for _match in pattern.finditer(text):
                    pass
            elif use == "fullmatch":
                pattern.fullmatch(text)
            elif use == "match":
                pattern.match(text)
            else:
                pattern.search(text)
        best = min(best, time.perf_counter() - start)
        if best > 1.0:
            break
    return best


def measure(found: Found, small: int, large: int) -> tuple[float, float, str]:
    """(seconds at the small size, at the large size, sample) for the worst input."""
    chars = alphabet(found.pattern)
    worst = (0.0, 0.0, "")
    for small_text, large_text in zip(inputs(chars, small), inputs(chars, large), strict=True):
        small_cost = cost(found, small_text)
        if small_cost > 5.0:  # already far too slow: no need for the large one
            return (small_cost, float("inf"), small_text[:12])
        large_cost = cost(found, large_text)
        if large_cost > worst[1]:
            worst = (small_cost, large_cost, small_text[:12])
    return worst


def _measure_into(queue: Any, found: Found, small: int, large: int) -> None:
    queue.put(measure(found, small, large))


def measure_guarded(
    found: Found, small: int, large: int, timeout: float
) -> tuple[float, float, str] | None:
    """:func:`measure` in a child process; None when it has not finished after ``timeout``.

    Python's ``re`` cannot be interrupted: an exponential pattern (the very thing
    this looks for) would hang the benchmark itself without a process to kill.
    """
    context = multiprocessing.get_context("fork")  # the child inherits ``found``
    queue = context.Queue()
    child = context.Process(target=_measure_into, args=(queue, found, small, large))
    child.start()
    try:
        return queue.get(timeout=timeout)
    except Empty:
        return None
    finally:
        child.kill()
        child.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="4000,16000", help="small,large input sizes")
    parser.add_argument("--show-all", action="store_true", help="print every pattern")
    parser.add_argument("--check", action="store_true", help="exit 1 if a pattern is suspect")
    parser.add_argument("--only", default="", help="patterns whose file:line holds this text")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds before a pattern counts as a hang"
    )
    args = parser.parse_args(argv)
    small, large = (int(n) for n in args.sizes.split(","))
    suspects = 0
    everything = [found for found in patterns() if args.only in found.where]
    for found in everything:
        measured = measure_guarded(found, small, large, args.timeout)
        uses = ",".join(sorted(found.uses))
        if measured is None:
            suspects += 1
            print(
                f"{'HANG':8} {found.where:45} no answer in {args.timeout:g} s   {uses}: "
                f"{found.pattern.pattern[:60]!r}",
                flush=True,
            )
            continue
        small_cost, large_cost, sample = measured
        growth = large_cost / small_cost if small_cost > 0 else 0.0
        suspect = large_cost > NOISE_FLOOR and growth > SUSPECT_GROWTH
        suspects += suspect
        if suspect or args.show_all:
            flag = "SUSPECT" if suspect else "ok"
            print(
                f"{flag:8} {found.where:45} x{growth:5.1f}  {large_cost * 1000:8.1f} ms "
                f"on {sample!r}... {uses}: {found.pattern.pattern[:60]!r}",
                flush=True,
            )
    print(
        f"\n{len(everything)} patterns, {suspects} suspect (time x{large // small} input: "
        f"more than x{SUSPECT_GROWTH:g} and over {NOISE_FLOOR * 1000:g} ms, or no answer "
        f"in {args.timeout:g} s)"
    )
    return 1 if suspects and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
