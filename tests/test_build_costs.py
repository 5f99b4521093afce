"""What keeps builds cheap must change nothing else (speed itself: benchmarks/).

- each page title is rendered once per build for Sphinx's prev/next/parent links;
- roll-up boxes kept in the environment do not drag their whole page along;
- the garbage collector skips what lives for the whole build, and a
  ``sphinx-build`` process leaves the build's objects to the OS at exit.
"""

from __future__ import annotations

import gc
import pickle
import re
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

from buildcompare import build_project
from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp

from sphinx_mentoring.course import get_domain

ROOTS = Path(__file__).parent / "roots"


def test_each_title_is_rendered_once_and_every_link_keeps_it(tmp_path, monkeypatch) -> None:
    rendered: Counter[int] = Counter()
    render_partial = StandaloneHTMLBuilder.render_partial

    def counting(self: StandaloneHTMLBuilder, node: Any) -> dict[str, str]:
        if isinstance(node, nodes.title):
            rendered[id(node)] += 1
        return render_partial(self, node)

    monkeypatch.setattr(StandaloneHTMLBuilder, "render_partial", counting)
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-course-seed", src)
    app = build_project(src, tmp_path / "build")
    out = Path(app.outdir)

    # Without the cache the root's title alone is rendered for every page (a parent).
    assert rendered, "Sphinx renders navigation titles through render_partial"
    assert max(rendered.values()) == 1
    assert len(rendered) <= len(app.env.found_docs)
    # ...and the links still carry each neighbour's own title.
    intro = (out / "mentoring/d-intro.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="next" title="2. Roles" href="c-roles.html"', intro)
    assert re.search(r'<link rel="prev" title="Mentoring youth" href="index.html"', intro)
    roles = (out / "mentoring/c-roles.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="prev" title="1. Introduction" href="d-intro.html"', roles)
    next_link = r'<link rel="next" title="2. Roles \(part two\)" href="b-roles-two.html"'
    assert re.search(next_link, roles)


def test_rollup_boxes_in_the_environment_do_not_hold_their_page(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-course-seed", src)
    app = build_project(src, tmp_path / "build")
    pages = get_domain(app.env).pages
    boxes = [box for facts in pages.values() for box in facts.objectives]
    assert boxes, "the seed course's pages have objectives boxes"
    for box in boxes:
        for node in box.body:
            assert all(part.document is None for part in node.findall(include_self=True))
        # What the environment pickles for a box: its few items, not the page.
        assert len(pickle.dumps(box, protocol=pickle.HIGHEST_PROTOCOL)) < 4_000
    # The roll-up still shows the box content on the module's landing page.
    landing = (Path(app.outdir) / "mentoring/index.html").read_text(encoding="utf-8")
    assert "Objective of 2. Roles (part two)" in landing


def test_what_lives_for_the_build_is_frozen_only_during_the_build(tmp_path) -> None:
    frozen_while_writing: list[int] = []

    def note(app: Any, *args: Any) -> None:
        frozen_while_writing.append(gc.get_freeze_count())

    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-course-seed", src)
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build")
    try:
        app.connect("html-page-context", note)
        app.build()
    finally:
        app.cleanup()
    # The imported modules and the environment were left out of the collector's walks...
    assert frozen_while_writing and min(frozen_while_writing) > 10_000
    # ...and once the build is finished the process collects them as usual again.
    assert gc.get_freeze_count() == 0


EXIT_PROBE = """\
import atexit, gc, sys
# Registered first, so it runs last: after the extension's exit hook.
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, flush=True))
from sphinx.cmd.build import build_main
code = build_main(["-q", "-b", "html", sys.argv[1], sys.argv[2]])
print("exit code:", code, "frozen before exit:", gc.get_freeze_count() > 0, flush=True)
"""


def _exit_probe(tmp_path: Path, conf: str) -> str:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text("# A page\n\nSome words.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_build_process_does_not_collect_the_build_at_exit(tmp_path) -> None:
    output = _exit_probe(tmp_path, 'extensions = ["sphinx_mentoring"]\n')
    # Nothing changes while the process lives (a test suite runs many builds)...
    assert "exit code: 0 frozen before exit: False" in output
    # ...and at exit the final collection leaves the build to the OS.
    assert "frozen at exit: True" in output


def test_a_plain_sphinx_process_is_not_affected(tmp_path) -> None:
    output = _exit_probe(tmp_path, textwrap.dedent('extensions = ["myst_parser"]\n'))
    assert "frozen at exit: False" in output
