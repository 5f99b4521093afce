"""Objectives roll-ups: module landing pages and a course's learning outcomes page."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from buildcompare import build_project, tree_differences

ROOTS = Path(__file__).parent / "roots"
OUTCOMES = """\
---
orphan: true
---

# Learning outcomes

```{course-objectives}
```

Only the outreach module:

```{module-objectives} outreach
```
"""


def _course(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-course-seed", src)
    (src / "outcomes.md").write_text(OUTCOMES)
    return src


def _main(path: Path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.find(attrs={"role": "main"}) or soup.body


def test_rollups_link_every_objective_to_its_section(tmp_path: Path) -> None:
    src = _course(tmp_path)
    app = build_project(src, tmp_path / "build")
    out = Path(app.outdir)
    assert "WARNING" not in app.warning.getvalue()

    landing = _main(out / "mentoring/index.html")
    rollup = landing.select_one(".mentoring-objectives-rollup")
    assert rollup is not None, "the module landing shows its roll-up by default"
    links = [(a.get_text(), a["href"]) for a in rollup.find_all("a")]
    assert links == [
        ("1. Introduction", "d-intro.html#mentoring-objectives-mentoring-d-intro"),
        ("2. Roles", "c-roles.html#mentoring-objectives-mentoring-c-roles"),
        ("2. Roles (part two)", "b-roles-two.html#mentoring-objectives-mentoring-b-roles-two"),
        ("3. Practice", "a-practice.html#mentoring-objectives-mentoring-a-practice"),
    ]
    assert "Objective of 2. Roles (part two)" in rollup.get_text()
    # the link target exists: the box carries the id
    intro = _main(out / "mentoring/d-intro.html")
    assert intro.find(id="mentoring-objectives-mentoring-d-intro") is not None

    outcomes = _main(out / "outcomes.html")
    rollups = outcomes.select(".mentoring-objectives-rollup")
    assert len(rollups) == 2
    text = rollups[0].get_text(" ")
    assert text.index("Mentoring youth") < text.index("Objective of 3. Practice")
    assert text.index("Objective of 3. Practice") < text.index("Outreach")
    assert "Objective of 1. Basics" in text
    assert "Objective of 1. Introduction" not in rollups[1].get_text()
    assert "Objective of 2. Partners" in rollups[1].get_text()


def test_rollup_can_be_turned_off(tmp_path: Path) -> None:
    src = _course(tmp_path)
    app = build_project(
        src, tmp_path / "build", confoverrides={"mentoring_module_objectives": False}
    )
    assert (
        _main(Path(app.outdir) / "mentoring/index.html").select_one(".mentoring-objectives-rollup")
        is None
    )


def test_rollups_follow_an_edited_objective(tmp_path: Path) -> None:
    src = _course(tmp_path)
    build_project(src, tmp_path / "inc")
    page = src / "outreach/x-partners.md"
    page.write_text(page.read_text().replace("Objective of 2. Partners", "Find ten partners"))
    again = build_project(src, tmp_path / "inc")
    fresh = build_project(src, tmp_path / "fresh")
    assert not tree_differences(Path(again.outdir), Path(fresh.outdir))
    assert "Find ten partners" in (Path(again.outdir) / "outcomes.html").read_text()
