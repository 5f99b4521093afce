"""Acceptance: the ConnectedLib corpus, untouched, as a Sphinx project of modules."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from buildcompare import build_project

from sphinx_mentoring.course import get_course

CONF = """\
extensions = ["sphinx_mentoring"]
root_doc = "contents"
exclude_patterns = ["index.md", "SOURCE.md", "LICENSE", "_build"]
"""
#: Listed in _data/course.yml (or linked) but not part of the corpus subset.
ABSENT = {
    "community-centered",
    "youth-development",
    "capacity",
    "civic-engagement",
    "evaluation",
    "designing-connected-learning-services",
}


@pytest.mark.slow
def test_connectedlib_builds_in_course_order_and_links_resolve(
    corpus_copy: Path, tmp_path: Path
) -> None:
    (corpus_copy / "conf.py").write_text(CONF)
    (corpus_copy / "contents.md").write_text("# ConnectedLib\n\n```{course-contents}\n```\n")
    app = build_project(corpus_copy, tmp_path / "build")
    course = get_course(app.env)

    # module order of _data/course.yml (absent modules skipped)
    assert [m.id for m in course.modules] == ["introducing-the-toolkit", "basics", "mentoring"]
    # section order of the _posts dates, whatever the file system lists first
    for module in course.modules:
        posts = sorted(
            p.stem for p in (corpus_copy / "modules" / module.id / "_posts").glob("*.md")
        )
        assert [d.rsplit("/", 1)[1] for d in module.pages] == posts
        # the permalink page /modules/<id>/ is the landing page, and gets the rest as toctree
        assert module.landing.endswith(posts[0])
        assert app.env.toctree_includes[module.landing] == module.pages[1:]
    # module names as the site shows them: course.yml lists folder ids, the landing
    # page's tiles name the modules (in lower case, as CSS styles them); never the
    # title of the module's first page
    assert [m.title for m in course.modules] == [
        "Introducing the Toolkit",
        "The Connected Learning Mindset",
        "Mentoring",
    ]
    assert app.env.toctree_includes["contents"] == [m.landing for m in course.modules]

    # every internal link of the built site leads to a page, but those to absent modules
    out = Path(app.outdir)
    checked = 0
    for page in out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            if any(f"/{name}/" in href or href.endswith(f"/{name}") for name in ABSENT):
                continue
            target = (page.parent / unquote(href.split("#")[0])).resolve()
            assert target.exists(), f"{page.relative_to(out)}: broken link {href}"
            checked += 1
    assert checked > 100

    warnings = app.warning.getvalue()
    unresolved = re.findall(r"link to '([^']*)'.*\[mentoring\.link\]", warnings)
    assert unresolved, "links to modules missing from the corpus must warn"
    for target in unresolved:
        assert target.strip("./").rsplit("/", 1)[-1] in ABSENT or any(
            name in target for name in ABSENT
        ), target
    # the links to modules that are there resolved: /modules/basics/, ../../x/mindset/
    # (pages live at their Jekyll URLs: /:categories/:title/)
    how = (out / "modules/introducing-the-toolkit/how-this-works/index.html").read_text()
    assert 'href="../../basics/index.html"' in how
    trouble = (out / "modules/mentoring/troubleshooting/index.html").read_text()
    assert "../../introducing-the-toolkit/mindset/index.html" in trouble
