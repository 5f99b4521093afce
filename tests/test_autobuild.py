"""Live preview: ``sphinx-autobuild`` does not loop, because the package writes nothing
into the source folder (a file written there would trigger another rebuild, forever).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from buildcompare import build_project, snapshot

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
AUTOBUILD = Path(sys.executable).parent / "sphinx-autobuild"


def docs_copy(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return target


def tree_state(root: Path) -> tuple[dict[str, bytes], list[str]]:
    """Every file's bytes and every folder's name: a new empty folder counts too."""
    folders = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())
    return snapshot(root), folders


@pytest.mark.parametrize("builder", ["html", "text", "latex", "epub"])
def test_a_build_writes_nothing_into_the_source_folder(builder, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-robust-course", src)
    before = tree_state(src)
    app = build_project(src, tmp_path / "build", builder, freshenv=True)
    assert any(app.outdir.iterdir()), "the build produced nothing: the test proves nothing"
    assert tree_state(src) == before


def test_building_the_docs_writes_nothing_into_them(tmp_path):
    src = docs_copy(tmp_path)
    before = tree_state(src)
    build_project(src, tmp_path / "build", "html", freshenv=True)
    assert tree_state(src) == before


def test_building_the_jekyll_corpus_writes_nothing_into_it(corpus_copy, tmp_path):
    # conf.py is ours; the Jekyll site's own files must stay as they are.
    (corpus_copy / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
    before = tree_state(corpus_copy)
    build_project(corpus_copy, tmp_path / "build", "html", freshenv=True)
    assert tree_state(corpus_copy) == before


class AutobuildProcess:
    """``sphinx-autobuild`` as a real subprocess on 127.0.0.1, its output in a file."""

    def __init__(self, src: Path, out: Path, log: Path, command: list[str] | None = None) -> None:
        self.log = log
        self._log_file = log.open("wb")
        env = dict(os.environ, PYTHONUNBUFFERED="1", NO_COLOR="1")
        command = command or [
            str(AUTOBUILD),
            str(src),
            str(out),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "-N",
        ]
        self.process = subprocess.Popen(
            command,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            cwd=src.parent,
            env=env,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def count(self, text: str) -> int:
        return len(re.findall(re.escape(text), self.output()))

    def wait_for(self, text: str, times: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.count(text) < times:
            if self.process.poll() is not None:
                pytest.fail(f"sphinx-autobuild exited:\n{self.output()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {text!r} x{times} in {timeout}s:\n{self.output()[-3000:]}")
            time.sleep(0.2)

    def assert_served_without_rebuilding(self) -> None:
        """The first build is served, and it triggers no rebuild of its own (no loop)."""
        self.wait_for("Serving on", 1, timeout=240)
        time.sleep(5)  # a loop would show as a rebuild triggered by the build itself
        assert self.count("Rebuilding...") == 0, self.output()[-3000:]

    def assert_one_rebuild_per_edit(self, page: Path) -> None:
        """One edit of ``page`` -> exactly one rebuild (which proves the watcher watches)."""
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more zorbal line.\n")
        self.wait_for("Serving on", 2, timeout=240)
        time.sleep(5)
        assert self.count("Rebuilding...") == 1, self.output()[-3000:]
        assert "Traceback" not in self.output()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()


@pytest.mark.slow
def test_sphinx_autobuild_builds_once_and_rebuilds_once_per_edit(tmp_path):
    if not AUTOBUILD.exists():
        pytest.skip("sphinx-autobuild is not installed")
    src = docs_copy(tmp_path)
    before = tree_state(src)
    server = AutobuildProcess(src, tmp_path / "out", tmp_path / "autobuild.log")
    try:
        server.assert_served_without_rebuilding()
        assert tree_state(src) == before
        server.assert_one_rebuild_per_edit(src / "example" / "introduction.md")
    finally:
        server.stop()
    assert (tmp_path / "out" / "example" / "introduction.html").is_file()


@pytest.mark.slow
def test_zero_config_serve_does_not_loop_with_the_output_inside_the_site(corpus_copy, tmp_path):
    """``sphinx-mentoring build SITE SITE/_build --serve``: the usual layout, no loop."""
    pytest.importorskip("sphinx_autobuild")
    before = tree_state(corpus_copy)
    out = corpus_copy / "_build"
    command = [sys.executable, "-m", "sphinx_mentoring.cli", "build", str(corpus_copy), str(out)]
    server = AutobuildProcess(
        corpus_copy, out, tmp_path / "serve.log", [*command, "--serve", "--port", "0"]
    )
    try:
        server.assert_served_without_rebuilding()
        server.assert_one_rebuild_per_edit(
            corpus_copy / "modules" / "mentoring" / "_posts" / "2000-01-01-overview.md"
        )
    finally:
        server.stop()
    # Only the edited page and the output folder differ from before.
    files, folders = tree_state(corpus_copy)
    files = {name: data for name, data in files.items() if not name.startswith("_build/")}
    folders = [name for name in folders if name != "_build" and not name.startswith("_build/")]
    changed = {name for name in files if files[name] != before[0].get(name)}
    assert changed == {"modules/mentoring/_posts/2000-01-01-overview.md"}
    assert files.keys() == before[0].keys()
    assert folders == before[1]
    assert (out / "html" / "index.html").is_file()
