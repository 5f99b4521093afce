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
    # Jekyll writes 29 HTML pages (SOURCE.md): 16 episodes, 6 extras, 7 pages. The 17th
    # episode, 13-looping-data-sets, starts with a byte-order mark, so Jekyll copies it as
    # a file (GitHub Pages' jekyll-optional-front-matter makes it a page outside the
    # lesson): it is built here as the episode it is (with a warning), nothing the author
    # wrote is lost. jekyll-optional-front-matter adds SOURCE.md (README, LICENSE... never).
    built = {page.path for page in site.built}
    assert len(built) == 31
    episodes = [site.by_path[p] for p in built if p.startswith("_episodes/")]
    assert sum(page.collection == "episodes" for page in episodes) == 17
    bom = site.by_path["_episodes/13-looping-data-sets.md"]
    assert bom.collection == "episodes" and bom.url == "/13-looping-data-sets/index.html"
    assert sum(p.startswith("_extras/") for p in built) == 6
    assert {"index.md", "setup.md", "reference.md", "aio.md", "404.md", "SOURCE.md"} <= built
    assert not {"README.md", "CONTRIBUTING.md"} & built

    out = tmp_path / "out"
    assert cli.main(["build", str(lesson), str(out), "--format", "text", "-q"]) == 0
    for page in site.built:
        text = (out / "text" / page.docname).with_suffix(".txt").read_text(encoding="utf-8")
        first_line = text.splitlines()[0] if text else ""
        assert first_line != "<no title>", page.path
        if page.front_matter.get("title"):
            # the front-matter title is the page's title
            assert first_line == str(page.front_matter["title"]), page.path


@pytest.mark.slow
def test_every_url_jekyll_writes_answers_over_http(lesson: Path, tmp_path: Path) -> None:
    """Every page and file Debian's Jekyll writes for the lesson answers 200 from our
    HTML build, but the old theme's stylesheet compiled from Sass."""
    import urllib.parse

    from http_site import failing_urls, fetch, jekyll_files, output_urls, serve

    files = jekyll_files(lesson, tmp_path / "jekyll")
    if files is None:
        pytest.skip("needs Debian's jekyll")
    out = tmp_path / "out"
    assert cli.main(["build", str(lesson), str(out), "-q"]) == 0
    pages = [file for file in files if file.endswith(".html")]
    assert len(pages) == 29
    sass = {"assets/css/lesson.css", "assets/css/lesson.css.map"}
    static = [file for file in files if not file.endswith(".html") and file not in sass]
    assert "13-looping-data-sets/index.html.md" in static  # the byte-order-mark episode
    with serve(out / "html") as root:
        assert failing_urls(root, output_urls(pages)) == {}
        assert {f: s for f in static if (s := fetch(root, urllib.parse.quote(f))[0]) != 200} == {}
