"""Hostile and broken pages never run script, leak files, hang, exhaust memory or stop a build.

Every case of issue 18 (``tests/hostile.py``: injection, files outside the
site, TeX from a page, characters the PDF cannot take, alias bombs and
runaway regexes, pages that aborted the build, silent loss, messages) is built
for real with the ``sphinx-mentoring`` command. The cases that touch only
their own page share one site — a symbolic-link loop and a FIFO beside pages
of 60,000-character lines, hostile includes and ``<script>`` in raw HTML — so
each also shows it spoils no other page. The others get a site of their own.

For every build: it finishes (exit code 0) with no traceback; no HTML page holds
a URL a browser would run as script, an event handler, an injected
``<script>`` or a refresh to another site; no output file holds a byte of the
files outside the site; no control character of a page reaches the build log.
For every case: its warning is reported, naming its file, and the author's
words around the hostile part are in its page. A build that would hang is
stopped by a generous timer (a hang guard, not a speed measurement: speed is
``benchmarks/hostile.py``'s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import hostile
import pytest
from hostile import CASES, Case, Target, hang_guard

SHARED = [case for case in CASES if not case.alone]
ALONE = [case for case in CASES if case.alone]
#: Generous: a build of the shared site takes well under a minute on one core.
HANG_AFTER = 600


@dataclass
class Built:
    site: Path
    outside: Path
    out: Path
    status: int
    log: str

    @property
    def html(self) -> Path:
        return self.out / "html"


def build_site(cases: list[Case], folder: Path, fmt: str = "html", *options: str) -> Built:
    site, outside = hostile.make(cases, folder)
    with hang_guard(HANG_AFTER):
        status, log = hostile.build(site, folder / "out", fmt, *options)
    return Built(site, outside, folder / "out", status, log)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_site(SHARED, tmp_path_factory.mktemp("hostile"))


def page_html(built: Built, target: Target) -> Path:
    """The HTML page of a case: at its Jekyll URL (its permalink style), or at its path."""
    candidates = [
        built.html / "modules" / "basics" / target.name / "index.html",
        built.html / f"{target.docname}.html",
        *built.html.rglob(f"{target.name}.html"),
        *built.html.rglob(f"{target.name}/index.html"),
    ]
    return next((path for path in candidates if path.is_file()), candidates[0])


def check_build(built: Built) -> None:
    """What every build promises, whatever its pages hold."""
    assert built.status == 0, built.log[-3000:]
    assert "Traceback" not in built.log and "Exception occurred" not in built.log, built.log
    assert "\x1b" not in built.log and "\r" not in built.log, "a page's control character"
    problems = [
        f"{page.relative_to(built.html)}: {problem}"
        for page in sorted(built.html.rglob("*.html"))
        for problem in hostile.script_problems(page.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)
    assert not hostile.leaked_files(built.out), "a file from outside the site reached the output"


def check_case(built: Built, case: Case) -> None:
    """The case's own warning, and the author's words on its page."""
    target = Target(built.site, built.outside, case.name)
    if case.warning:
        pattern = re.compile(rf"WARNING: .*\[mentoring\.{re.escape(case.warning)}\]")
        lines = [line for line in built.log.splitlines() if pattern.search(line)]
        if not case.alone:
            lines = [line for line in lines if case.name in line]
        assert lines, f"no mentoring.{case.warning} warning for {case.name}:\n{built.log}"
    if case.words:
        text = page_html(built, target).read_text(encoding="utf-8")
        missing = [word for word in case.words if word not in text]
        assert not missing, f"{case.name}: {missing} lost"


def test_the_shared_site_builds_safely(shared):
    check_build(shared)


@pytest.mark.parametrize("case", SHARED, ids=lambda case: case.name)
def test_shared_case(shared, case):
    check_case(shared, case)


@pytest.mark.parametrize("case", ALONE, ids=lambda case: case.name)
def test_case_alone(tmp_path, case):
    built = build_site([case], tmp_path)
    check_build(built)
    check_case(built, case)
