"""Carpentries lessons as courses: episodes in lesson order, extras as appendices, the
schedule, the key points summary, the byte-order-mark episode (styles and Workbench)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_mentoring.course import get_course
from sphinx_mentoring.site import load_site


def _soup(app: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def _schedule(app: Any) -> list[list[str]]:
    table = _soup(app, "index.html").select_one("table.mentoring-schedule")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in table.select("tr")
    ]


@pytest.mark.sphinx("html", testroot="workbench-lesson", freshenv=True)
def test_workbench_lesson_structure(app: Any, warning: Any) -> None:
    app.build()
    course = get_course(app.env)
    # config.yaml's episodes: order, each episode a unit of its own
    assert [m.landing for m in course.modules] == ["episodes/first-steps", "episodes/advanced"]
    assert [m.title for m in course.modules] == ["First Steps", "Advanced Things"]
    # learners (config order), then profiles; instructors/ only in the instructor view
    assert course.appendices == [
        "learners/setup",
        "learners/reference",
        "profiles/learner-profiles",
    ]
    assert course.order == ["index", *(m.landing for m in course.modules), *course.appendices]
    assert _soup(app, "index.html").title.get_text().startswith("Summary and Setup")
    assert "toctree" not in warning.getvalue()  # every page has its place


def test_workbench_setup_page_is_always_a_learner_page(rootdir: Path, tmp_path: Path) -> None:
    # sandpaper's provide_setup(): learners/setup.md is built even when the learners:
    # list leaves it out (datacarpentry/r-socialsci lists only reference.md)
    lesson = Path(shutil.copytree(rootdir / "test-workbench-lesson", tmp_path / "lesson"))
    config = (lesson / "config.yaml").read_text(encoding="utf-8")
    (lesson / "config.yaml").write_text(
        config.replace("learners:\n- setup.md\n", "learners:\n"), encoding="utf-8"
    )
    site = load_site(lesson)
    assert site.lesson is not None
    learners = [page.path for page in site.lesson.appendices if page.path.startswith("learners/")]
    assert learners == ["learners/reference.md", "learners/setup.md"]


@pytest.mark.sphinx("html", testroot="workbench-lesson")
def test_workbench_schedule_and_key_points(app: Any) -> None:
    app.build()
    rows = _schedule(app)
    assert rows[0] == ["Elapsed", "Episode", "Minutes", "Questions"]
    # no start_time in a Workbench lesson: the time elapsed since the start
    assert rows[1] == ["0:00", "1. First Steps", "10 min + 5 min exercises", "How do I start?"]
    assert rows[2][:3] == ["0:15", "2. Advanced Things", "20 min + 15 min exercises"]
    assert rows[-1][:2] == ["0:50", "Finish"]  # 10 + 5 + 20 + 15
    summary = _soup(app, "reference.html").select_one(".mentoring-keypoints-summary")
    text = summary.get_text(" ", strip=True)
    assert text.index("First Steps") < text.index("Menus are at the top.")
    assert text.index("Advanced Things") < text.index("Next comes after.")
    assert summary.select_one('a[href="first-steps.html"]')


@pytest.mark.sphinx("html", testroot="workbench-lesson")
def test_workbench_publisher_and_source(app: Any) -> None:
    app.build()
    # config.yaml: carpentry 'lc' is the author (PDF title page, EPUB) and in the footer
    assert app.config.author == "Library Carpentry"
    page = _soup(app, "first-steps.html")
    footer = page.select_one("footer").get_text()
    assert "Library Carpentry" in footer
    # config.yaml's license: in every page's footer (and on the PDF's title page)
    assert "Licence: CC-BY 4.0." in " ".join(footer.split())
    # source and branch: the page's "Edit this page" link, as the Workbench's pages have
    edit = page.find("a", string="Edit this page")
    assert (
        edit["href"] == "https://github.com/example/tiny-lesson/edit/trunk/episodes/first-steps.md"
    )


@pytest.mark.sphinx("html", testroot="styles-lesson")
def test_styles_publisher_without_repository(app: Any) -> None:
    app.build()
    assert app.config.author == "Software Carpentry"  # carpentry: "swc"
    page = _soup(app, "01-intro/index.html")
    assert "Software Carpentry" in page.select_one("footer").get_text()
    assert page.find("a", string="Edit this page") is None  # no repository: in _config.yml


@pytest.mark.sphinx("html", testroot="styles-lesson", freshenv=True)
def test_styles_lesson_structure_and_bom_episode(app: Any, warning: Any) -> None:
    app.build()
    course = get_course(app.env)
    episodes = [m.landing for m in course.modules]
    assert episodes == ["_episodes/01-intro", "_episodes/02-coffee", "_episodes/03-loops"]
    # setup, the reference page, the extras, as the template's menus order them
    assert course.appendices == ["setup", "reference", "_extras/about", "_extras/guide"]
    log = warning.getvalue()
    # Jekyll copies an episode behind a byte-order mark as a static file: built here
    assert "03-loops.md:1: WARNING: the file starts with a UTF-8 byte-order mark" in log
    assert "[mentoring.bom]" in log
    assert "Count to three." in (app.outdir / "03-loops" / "index.html").read_text()
    # the landing page is titled by the lesson, as its layout shows it
    assert _soup(app, "index.html").title.get_text().startswith("Tiny Styles Lesson")


@pytest.mark.sphinx("html", testroot="styles-lesson")
def test_styles_schedule_is_the_templates(app: Any) -> None:
    app.build()
    rows = _schedule(app)
    assert rows[0] == ["Time", "Episode", "Minutes", "Questions"]
    # start_time: 540 -> 09:00; each episode adds teaching + exercises, a break its break
    assert rows[1] == [
        "09:00",
        "1. Introducing the Shell",
        "5 min + 10 min exercises",
        "What is a command shell?",
    ]
    assert rows[2] == ["09:15", "2. Coffee", "15 min break", "Break"]
    assert rows[3][:3] == ["09:30", "3. Loops", "15 min + 5 min exercises"]
    assert rows[4][:2] == ["09:50", "Finish"]


@pytest.mark.sphinx("html", testroot="styles-lesson")
def test_styles_episode_overview_and_key_points_from_front_matter(app: Any) -> None:
    app.build()
    page = _soup(app, "01-intro/index.html")
    overview = page.select_one(".mentoring-overview")
    text = overview.get_text(" ", strip=True)
    assert "Teaching: 5 min · Exercises: 10 min" in text
    assert "What is a command shell?" in text
    # Markdown in a front-matter item is rendered
    assert overview.select_one("code").get_text() == "keyboard"
    keypoints = page.select(".mentoring-callout-keypoints")
    assert len(keypoints) == 1
    assert "A shell runs programs." in keypoints[0].get_text()
    break_page = _soup(app, "02-coffee/index.html")
    assert "Break: 15 min" in break_page.select_one(".mentoring-overview").get_text()
    reference = _soup(app, "reference.html")
    summary = reference.select_one(".mentoring-keypoints-summary").get_text(" ", strip=True)
    assert "A shell runs programs." in summary and "A loop repeats commands." in summary
    assert "Coffee" not in summary  # a break has no key points


@pytest.mark.sphinx("html", testroot="styles-lesson")
def test_styles_blockquote_boxes_nested_as_written(app: Any) -> None:
    app.build()
    page = _soup(app, "01-intro/index.html")
    challenge = page.select_one("div.mentoring-callout-challenge")
    assert challenge.select_one(".mentoring-callout-title").get_text() == (
        "Exploring More ls Flags"
    )
    solution = challenge.select_one("details.mentoring-details-solution")
    assert solution.summary.get_text() == "Solution"
    # the kind itself as a class too, as the templates class their boxes
    assert "challenge" in challenge["class"] and "solution" in solution["class"]
    assert "objectives" in page.select_one(".mentoring-overview")["class"]
    assert "long format" in solution.get_text()
    assert "ls -l" in solution.select_one("div.highlight-bash pre").get_text()
    assert page.select_one("div.mentoring-callout-callout .mentoring-callout-title").get_text() == (
        "Nelle\u2019s Pipeline"  # kramdown's typographic quote
    )
    assert page.select_one("div.mentoring-callout-discussion")
    # {: .output} and {: .error} code blocks: plain text, classed for the theme
    assert "notes.txt" in page.select_one("div.output pre").get_text()
    assert "cannot access" in page.select_one("div.error pre").get_text()
    loops = _soup(app, "03-loops/index.html").select_one("div.mentoring-callout-challenge")
    assert [d["class"][1] for d in loops.select("details")] == [
        "mentoring-details-hint",
        "mentoring-details-solution",
    ]
    assert _soup(app, "guide/index.html").select_one("div.mentoring-callout-checklist")
    assert _soup(app, "index.html").select_one("div.mentoring-callout-prereq")


@pytest.mark.sphinx("html", testroot="styles-lesson")
def test_styles_instructor_notes_and_glossary(app: Any) -> None:
    app.build()
    assert "demonstrate slowly" not in (app.outdir / "01-intro" / "index.html").read_text()
    reference = _soup(app, "reference.html")
    term = reference.select_one("dl.glossary dt#absolute-path")  # kramdown's auto_ids
    assert term.get_text(strip=True).startswith("absolute path")
    std = app.env.domains.standard_domain
    assert std._terms["shell"][0] == "reference"


@pytest.mark.sphinx("html", testroot="styles-lesson", confoverrides={"mentoring_instructor": True})
def test_styles_instructor_build_marks_the_notes(app: Any) -> None:
    app.build()
    note = _soup(app, "01-intro/index.html").select_one(".mentoring-instructor-note")
    assert "demonstrate slowly" in note.get_text()
