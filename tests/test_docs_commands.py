"""Every command the README and docs/ show runs as written (issue 19).

The commands are read from the Markdown (:mod:`docs_commands`), so a command
added to the docs is run here without touching this file. Each page's commands
run in order in a sandbox where every folder the docs name exists:

- ``docs/``: a copy of this repository's ``docs/``, the example course (its
  ``docs/_build`` is kept from page to page, as a reader's would be);
- ``my-course/``: a small Course-in-a-Box site (``tests/roots/test-cli-site``),
  copied afresh for each page, since ``init`` writes into it;
- ``my-lesson/``: a small Carpentries Workbench lesson
  (``tests/roots/test-workbench-lesson``, without the ``conf.py`` a lesson has not).

The programs are this environment's. A serving command (``sphinx-autobuild``,
``--serve``) is given ``--port N`` (a free port, so that parallel runs and other
servers on 8000 do not clash) and must serve the site's home page there; then it
is stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from docs_commands import REPO, Command, commands

SITE = Path(__file__).parent / "roots" / "test-cli-site"
LESSON = Path(__file__).parent / "roots" / "test-workbench-lesson"
COMMANDS = commands()
PAGES = sorted({command.page for command in COMMANDS}, key=lambda p: (p != "README.md", p))
_SERVING = re.compile(r"Serving on (http://[\w.]+:\d+)")


def shell_env() -> dict[str, str]:
    """A shell of this virtual environment: its programs first on PATH, no colours."""
    bindir = str(Path(sys.executable).parent)
    path = os.pathsep.join([bindir, os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs-commands")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(LESSON, root / "my-lesson", ignore=shutil.ignore_patterns("conf.py"))
    return root


def run(command: Command, sandbox: Path, log: Path) -> None:
    cwd = sandbox / command.cwd
    if command.serves:
        serve(command, cwd, log)
        return
    with log.open("w", encoding="utf-8") as output:
        done = subprocess.run(
            command.argv,
            cwd=cwd,
            env=shell_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=1200,
            check=False,
        )
    if done.returncode != 0:
        pytest.fail(f"{command}\nexit {done.returncode}:\n{log.read_text()[-4000:]}")


def fetch(url: str, until: float) -> bytes:
    """The page at *url*, once the server listens (it says so just before)."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                assert response.status == 200
                return bytes(response.read(4096))
        except urllib.error.URLError:
            if time.monotonic() > until:
                raise
            time.sleep(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(command: Command, cwd: Path, log: Path) -> None:
    argv = list(command.argv)
    if "--port" not in argv:
        argv += ["--port", str(free_port())]
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            argv, cwd=cwd, env=shell_env(), stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 600
            while not (found := _SERVING.search(log.read_text(encoding="utf-8"))):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{command}\nnot serving:\n{log.read_text()[-4000:]}")
                time.sleep(0.5)
            port = argv[argv.index("--port") + 1]
            url = re.sub(r":\d+$", f":{port}", found.group(1)) + "/"
            assert b"<html" in fetch(url, until=time.monotonic() + 60).lower()
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_the_docs_show_commands_of_every_kind():
    """The extraction itself works: the README's and the guides' commands are found."""
    texts = {command.text for command in COMMANDS}
    assert "sphinx-build -M html docs docs/_build -W --keep-going" in texts  # README
    assert "sphinx-mentoring init my-course" in texts
    assert "cd my-course && make html latexpdf epub" in texts
    assert any(command.program == "sphinx-autobuild" for command in COMMANDS)
    assert any("--serve" in command.argv for command in COMMANDS)
    assert all(command.program != "pip" for command in COMMANDS)


@pytest.mark.slow
@pytest.mark.latex
@pytest.mark.parametrize("page", PAGES)
def test_every_command_runs_as_written(page, sandbox, tmp_path):
    if shutil.which("latexmk") is None or shutil.which("make") is None:
        pytest.skip("the docs' PDF commands need latexmk and make")
    course = sandbox / "my-course"
    shutil.rmtree(course, ignore_errors=True)
    shutil.copytree(SITE, course)
    for number, command in enumerate(c for c in COMMANDS if c.page == page):
        run(command, sandbox, tmp_path / f"{number}.log")
