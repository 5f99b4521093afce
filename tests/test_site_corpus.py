"""A Carpentries-styles lesson (Jekyll collections) builds every page Jekyll writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SHARED

from sphinx_mentoring import cli
from sphinx_mentoring.site import load_site

LESSON = SHARED / "corpus" / "lc-python-intro"


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    if not LESSON.is_dir():
        pytest.skip(f"shared corpus not found at {LESSON}")
    target = tmp_path / "lc-python-intro"
    shutil.copytree(LESSON, target)
    return target


@pytest.mark.slow
def test_lesson_builds_every_page_jekyll_writes(lesson: Path, tmp_path: Path) -> None:
    site = load_site(lesson)
    # Jekyll writes 29 HTML pages (SOURCE.md): 16 episodes (13-looping-data-sets starts
    # with a byte-order mark, so Jekyll copies it as a file), 6 extras, 7 pages.
    built = {page.path for page in site.built}
    assert len(built) == 29
    assert sum(p.startswith("_episodes/") for p in built) == 16
    assert sum(p.startswith("_extras/") for p in built) == 6
    assert "_episodes/13-looping-data-sets.md" not in built
    assert {"index.md", "setup.md", "reference.md", "aio.md", "404.md"} <= built

    out = tmp_path / "out"
    assert cli.main(["build", str(lesson), str(out), "--format", "text", "-q"]) == 0
    for page in site.built:
        text = (out / "text" / page.docname).with_suffix(".txt").read_text(encoding="utf-8")
        first_line = text.splitlines()[0] if text else ""
        assert first_line != "<no title>", page.path
        if page.front_matter.get("title"):
            # the front-matter title is the page's title
            assert first_line == str(page.front_matter["title"]), page.path
