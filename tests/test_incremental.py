"""Property: an incremental build after a change equals a fresh build of the result.

Course navigation, module toctrees and objectives roll-ups depend on *other*
pages; after an edit, an added, renamed or deleted page, every page showing them
must be rewritten. Each test builds the course, changes it, rebuilds in place,
then builds the changed sources from scratch in another folder and compares
the two sites file by file (``tests/buildcompare.py``).

Sphinx never deletes the output of a removed page (its HTML, images, redirect
page): after a deletion or a rename, files found only in the incremental tree
are allowed; every file of the fresh build must be there, and be identical.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from buildcompare import build_project, tree_differences
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import pages

if TYPE_CHECKING:
    from collections.abc import Callable

NEW_PAGE = """\
---
layout: module
title: 3. Evaluation
module_name: outreach
module_full_name: Outreach
section: 3. Evaluation
subsection: one
---

How to evaluate wuggle programs.

<div class="objectives">
	<p>After completing this section, you will be able to...</p>
	<ul>
  <li>Measure wuggle outcomes</li>
</ul>
</div>

Evaluation needs wuggle data.<sup><a name="1" href="#fn1">1</a></sup>
<hr/>
<a name="fn1" href="#1">1</a>: A note on wuggle.
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_page(src: Path) -> set[str]:
    # A title (shown in every page's navigation) and an objective (rolled up).
    _replace(src / "mentoring" / "roles.md", "title: 2. Roles", "title: 2. Roles and duties")
    _replace(src / "mentoring" / "roles.md", "Plan a quenty activity", "Run a snarvel session")
    return set()


def add_page(src: Path) -> set[str]:
    (src / "outreach" / "evaluation.md").write_text(NEW_PAGE, encoding="utf-8")
    return set()


def rename_page(src: Path) -> set[str]:
    (src / "mentoring" / "practice.md").rename(src / "mentoring" / "in-practice.md")
    _replace(src / "mentoring" / "index.md", "practice\n", "in-practice\n")
    return {"mentoring/practice.html", "_sources/mentoring/practice.md.txt"}


def delete_page(src: Path) -> set[str]:
    (src / "outreach" / "partners.md").unlink()
    return {"outreach/partners.html", "_sources/outreach/partners.md.txt"}


def edit_module_name(src: Path) -> set[str]:
    # Moving a page to another module changes both modules' navigation and roll-ups.
    _replace(src / "outreach" / "partners.md", "module_name: outreach", "module_name: mentoring")
    _replace(
        src / "outreach" / "partners.md",
        "module_full_name: Outreach",
        "module_full_name: Mentoring",
    )
    return set()


CHANGES: dict[str, Callable[[Path], set[str]]] = {
    "edit": edit_page,
    "add": add_page,
    "rename": rename_page,
    "delete": delete_page,
    "move-to-other-module": edit_module_name,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_build_equals_fresh_build(change, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-robust-course", src)
    build_project(src, tmp_path / "incremental")

    stale = CHANGES[change](src)

    incremental = build_project(src, tmp_path / "incremental")
    fresh = build_project(src, tmp_path / "fresh", freshenv=True)
    assert "Traceback" not in incremental.warning.getvalue()
    for name in stale:
        assert (incremental.outdir / name).exists(), f"{name}: not stale, the test is wrong"
        (incremental.outdir / name).unlink()
    problems = tree_differences(incremental.outdir, fresh.outdir)
    assert not problems, f"after '{change}', {len(problems)} difference(s):\n" + "\n\n".join(
        problems[:8]
    )


def test_the_comparison_sees_a_difference(rootdir, tmp_path):
    """The comparison itself can fail: two different courses differ."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-robust-course", src)
    before = build_project(src, tmp_path / "before", freshenv=True)
    edit_page(src)
    after = build_project(src, tmp_path / "after", freshenv=True)
    problems = tree_differences(before.outdir, after.outdir)
    assert any("mentoring/roles.html" in p for p in problems)


# -- the same on a Course-in-a-Box site (posts, _data/course.yml, generated toctrees) ----

POSTS = Path("modules") / "mentoring" / "_posts"
NEW_POST = """\
---
title: Mentoring online
tags: ['sectionHead']
---

Mentoring can also happen online, with video calls and shared documents.

<div class="callout objectives" markdown="1">
## Goals

* Plan an online mentoring session
</div>
"""


def corpus_edit_title(site: Path) -> set[str]:
    _replace(site / POSTS / "2001-01-01-what-is-mentoring.md", "title: ", "title: Really, ")
    return set()


def corpus_add_post(site: Path) -> set[str]:
    (site / POSTS / "2001-04-01-mentoring-online.md").write_text(NEW_POST, encoding="utf-8")
    return set()


def corpus_delete_post(site: Path) -> set[str]:
    (site / POSTS / "2002-08-01-troubleshooting.md").unlink()
    return {
        "modules/mentoring/_posts/2002-08-01-troubleshooting.html",
        "_sources/modules/mentoring/_posts/2002-08-01-troubleshooting.md.txt",
    }


def corpus_reorder_post(site: Path) -> set[str]:
    # Jekyll orders posts by the date in their file name: a rename moves the page.
    old = site / POSTS / "2001-03-01-who-can-be-a-mentor.md"
    old.rename(site / POSTS / "2000-06-01-who-can-be-a-mentor.md")
    return {
        "modules/mentoring/_posts/2001-03-01-who-can-be-a-mentor.html",
        "_sources/modules/mentoring/_posts/2001-03-01-who-can-be-a-mentor.md.txt",
    }


def corpus_reorder_modules(site: Path) -> set[str]:
    _replace(
        site / "_data" / "course.yml",
        "modules: [introducing-the-toolkit, basics,",
        "modules: [basics, introducing-the-toolkit,",
    )
    return set()


def corpus_edit_course_title(site: Path) -> set[str]:
    # Shown in the header of every page.
    _replace(site / "_data" / "course.yml", "title: ConnectedLib Toolkit", "title: The Toolkit")
    return set()


CORPUS_CHANGES: dict[str, Callable[[Path], set[str]]] = {
    "edit-course-title": corpus_edit_course_title,
    "edit-title": corpus_edit_title,
    "add-post": corpus_add_post,
    "delete-post": corpus_delete_post,
    "reorder-post": corpus_reorder_post,
    "reorder-modules": corpus_reorder_modules,
}

CORPUS_CONF = 'extensions = ["sphinx_mentoring"]\nhtml_theme = "sphinx_mentoring"\n'


@pytest.mark.parametrize("change", list(CORPUS_CHANGES))
def test_incremental_build_of_the_corpus_equals_fresh_build(change, corpus_copy, tmp_path):
    (corpus_copy / "conf.py").write_text(CORPUS_CONF)
    build_project(corpus_copy, tmp_path / "incremental")

    stale = CORPUS_CHANGES[change](corpus_copy)

    incremental = build_project(corpus_copy, tmp_path / "incremental")
    fresh = build_project(corpus_copy, tmp_path / "fresh", freshenv=True)
    assert "Traceback" not in incremental.warning.getvalue()
    problems = tree_differences(incremental.outdir, fresh.outdir, stale_left=bool(stale))
    assert not problems, f"after '{change}', {len(problems)} difference(s):\n" + "\n\n".join(
        problems[:8]
    )


# -- any pages: replacing one page's text, then rebuilding, equals building afresh ------

EXPLORE = int(os.environ.get("MENTORING_HYPOTHESIS_EXAMPLES", "0"))


@settings(
    max_examples=EXPLORE or 10,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=list(HealthCheck),
)
@given(
    first=st.lists(pages(), min_size=3, max_size=3),
    replacement=pages(),
    delete_last=st.booleans(),
)
def test_any_page_edit_rebuilds_like_a_fresh_build(first, replacement, delete_last):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
        (src / "index.md").write_text("# Root\n\n```{toctree}\n:glob:\n\n*\n```\n")
        for number, page in enumerate(first, start=1):
            (src / f"page{number}.md").write_bytes(page.text.encode("utf-8"))
        build_project(src, Path(tmp) / "incremental")

        (src / "page1.md").write_bytes(replacement.text.encode("utf-8"))
        if delete_last:
            (src / "page3.md").unlink()

        incremental = build_project(src, Path(tmp) / "incremental")
        fresh = build_project(src, Path(tmp) / "fresh", freshenv=True)
        assert "Traceback" not in incremental.warning.getvalue()
        problems = tree_differences(incremental.outdir, fresh.outdir, stale_left=delete_last)
        assert not problems, "\n\n".join(problems[:5])
