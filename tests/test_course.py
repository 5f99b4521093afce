"""The course model: module and section order, generated toctrees, navigation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from buildcompare import build_project, tree_differences

from sphinx_mentoring.course import get_course

ROOTS = Path(__file__).parent / "roots"
SEED_ORDER = [
    "mentoring/d-intro",
    "mentoring/c-roles",
    "mentoring/b-roles-two",
    "mentoring/a-practice",
]


def _capture_context(app: Any) -> dict[str, dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}

    def capture(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
        seen[pagename] = context.get("mentoring")

    app.connect("html-page-context", capture, priority=900)
    return seen


@pytest.mark.sphinx("html", testroot="course-seed")
def test_seed_sections_follow_section_and_subsection(app) -> None:
    contexts = _capture_context(app)
    app.build()
    env = app.env
    course = get_course(env)
    assert [m.id for m in course.modules] == ["mentoring", "outreach"]
    mentoring = course.modules[0]
    assert mentoring.title == "Mentoring youth"  # the module directive's full name
    assert mentoring.landing == "mentoring/index"
    assert mentoring.pages == ["mentoring/index", *SEED_ORDER]
    # section 2 written as two pages is one section in two parts
    assert [s.title for s in mentoring.sections] == ["1. Introduction", "2. Roles", "3. Practice"]
    assert mentoring.sections[1].parts == ["mentoring/c-roles", "mentoring/b-roles-two"]
    # the landing page without a toctree of its own gets its sections as toctree
    assert env.toctree_includes["mentoring/index"] == SEED_ORDER
    # the first page is the landing of a module without a module page
    assert env.toctree_includes["outreach/y-basics"] == ["outreach/x-partners"]
    assert env.toctree_includes["index"] == ["mentoring/index", "outreach/y-basics"]
    assert "WARNING" not in app.warning.getvalue()

    # Sphinx's own prev/next follow the course
    relations = env.collect_relations()
    assert relations["mentoring/c-roles"][1:] == ["mentoring/d-intro", "mentoring/b-roles-two"]
    assert relations["mentoring/a-practice"][2] == "outreach/y-basics"
    html = (Path(app.outdir) / "mentoring/d-intro.html").read_text()
    assert re.search(r'<link rel="next" title="2. Roles" href="c-roles.html"', html)

    # the theme's context (contracts.md)
    context = contexts["mentoring/b-roles-two"]
    assert context["page_kind"] == "section"
    assert context["module"]["id"] == "mentoring"
    assert context["section_index"] == 1
    assert context["section_count"] == 3
    assert context["prev"] == {"title": "2. Roles", "url": "c-roles.html"}
    assert context["next"] == {"title": "3. Practice", "url": "a-practice.html"}
    assert context["next_module"] == {"title": "Outreach", "url": "../outreach/y-basics.html"}
    roles = context["module"]["sections"][1]
    assert roles["current"] and roles["url"] == "c-roles.html"
    assert [c["docname"] for c in roles["children"]] == SEED_ORDER[1:3]
    assert [c["current"] for c in roles["children"]] == [False, True]
    assert context["root_url"] == "../index.html"
    assert contexts["index"]["page_kind"] == "course"
    assert contexts["mentoring/index"]["page_kind"] == "module"
    assert contexts["genindex"]["page_kind"] == "page"
    assert contexts["genindex"]["module"] is None

    # course-contents: modules -> sections, in order
    index = (Path(app.outdir) / "index.html").read_text()
    positions = [index.index(f'href="{doc}.html"') for doc in ["mentoring/index", *SEED_ORDER[:2]]]
    positions.append(index.index('href="mentoring/a-practice.html"'))
    positions.append(index.index('href="outreach/y-basics.html"'))
    assert positions == sorted(positions)


@pytest.mark.sphinx(
    "html", testroot="course-seed", confoverrides={"mentoring_module_order": ["outreach"]}
)
def test_module_order_from_config_then_the_rest(app) -> None:
    app.build()
    assert [m.id for m in get_course(app.env).modules] == ["outreach", "mentoring"]
    assert "modules not listed in the course order" in app.status.getvalue()
    assert "mentoring" in app.status.getvalue()


@pytest.mark.sphinx("latex", testroot="course-seed")
def test_latex_modules_are_chapters_sections_are_sections(app) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    headings = re.findall(r"\\(chapter|section)\{([^}]*)\}", tex)
    assert headings == [
        ("chapter", "Mentoring youth"),
        ("section", "1. Introduction"),
        ("section", "2. Roles"),
        ("section", "2. Roles (part two)"),
        ("section", "3. Practice"),
        ("chapter", "Outreach"),
        ("section", "1. Basics"),
        ("section", "2. Partners"),
    ]
    assert "\\begin{sphinxmentoringmodulecard}{Mentoring youth}" in tex


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-course-seed", src)
    serial = build_project(src, tmp_path / "serial", parallel=0)
    parallel = build_project(src, tmp_path / "parallel", parallel=2)
    assert not tree_differences(Path(serial.outdir), Path(parallel.outdir))


def test_incremental_section_edit_equals_fresh_build(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-course-seed", src)
    first = build_project(src, tmp_path / "inc")
    page = src / "mentoring/a-practice.md"
    # "3. Practice" becomes section 0: first in the module
    page.write_text(page.read_text().replace("section: 3. Practice", "section: 0. Practice"))
    again = build_project(src, tmp_path / "inc")
    status = again.status.getvalue()
    assert "1 changed" in status or "0 added, 1 changed" in status
    fresh = build_project(src, tmp_path / "fresh")
    assert not tree_differences(Path(again.outdir), Path(fresh.outdir))
    assert Path(first.outdir) == Path(again.outdir)
    # a page moves to another module: both modules' toctrees follow
    page.write_text(page.read_text().replace("module_name: mentoring", "module_name: outreach"))
    again = build_project(src, tmp_path / "inc")
    fresh = build_project(src, tmp_path / "fresh2")
    assert not tree_differences(Path(again.outdir), Path(fresh.outdir))
    assert "a-practice" in (Path(again.outdir) / "outreach/y-basics.html").read_text()


def test_incremental_latex_equals_fresh(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-course-seed", src)
    build_project(src, tmp_path / "inc", "latex")
    page = src / "mentoring/d-intro.md"
    page.write_text(page.read_text().replace("section: 1. Introduction", "section: 9. Intro"))
    again = build_project(src, tmp_path / "inc", "latex")
    fresh = build_project(src, tmp_path / "fresh", "latex")
    assert not tree_differences(Path(again.outdir), Path(fresh.outdir))
