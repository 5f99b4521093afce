"""Time accounting: what pages state, summed per module and course, shown where stated."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sphinx_mentoring.course import get_course
from sphinx_mentoring.course.timing import Timing, format_duration, iso_duration
from sphinx_mentoring.durations import parse_duration, timing_line


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (45, 45 * 60),
        ("45", 45 * 60),
        ("30 minutes", 1800),
        ("1 h 30 min", 5400),
        ("1h30", 5400),
        ("1.5 hours", 5400),
        ("10-15 minutes", 900),  # a range counts as its upper end
        ("PT1H30M", 5400),
        ("1:30", 5400),  # front matter clock: h:mm
        ("90 min", 5400),
        ("about 20 mins", 1200),
        ("1 hora", 3600),
        ("2 weeks", None),  # calendar time adds up to no working time
        ("two afternoons", None),
        (True, None),
        (None, None),
        ("", None),
    ],
)
def test_parse_duration(value: Any, seconds: int | None) -> None:
    assert parse_duration(value) == seconds


def test_video_lengths_read_minutes_and_seconds() -> None:
    assert parse_duration("2:54", clock="m:ss") == 174
    assert parse_duration("1:02:06", clock="m:ss") == 3726


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Suggested timing: 10 minutes", 600),
        ("Estimated time: 1 hour", 3600),
        ("Duration: 3", None),  # running text needs a unit
        ("The time: 1728 was a year", None),
        ("Time: 10 minutes, " + "and a long sentence that goes on " * 3, None),
    ],
)
def test_timing_lines(text: str, seconds: int | None) -> None:
    assert timing_line(text) == seconds


def test_timing_prefers_the_most_explicit_statement() -> None:
    assert Timing(stated=600, suggested=60, videos=30).seconds == 600
    assert Timing(teaching=0, exercises=0, breaks=900, videos=30).seconds == 900
    assert Timing(teaching=0, exercises=0).seconds is None  # never "0 min"
    assert Timing(suggested=120, videos=9999).seconds == 120
    assert Timing(videos=174).source == "videos"


def test_formatting_never_shows_zero() -> None:
    assert format_duration(None) == ""
    assert format_duration(0) == ""
    assert format_duration(20) == "1 min"
    assert format_duration(174) == "3 min"
    assert format_duration(3600) == "1 h"
    assert format_duration(3900) == "1 h 5 min"
    assert iso_duration(3900) == "PT1H5M"
    assert iso_duration(1800) == "PT30M"


@pytest.mark.sphinx("html", testroot="course-timing")
def test_times_per_section_module_and_course(app: Any) -> None:
    app.build()
    course = get_course(app.env)
    modules = {module.id: module for module in course.modules}
    minutes = {
        module.id: [(s.title, s.duration and s.duration // 60) for s in module.sections]
        for module in course.modules
    }
    # The landing page (check-in, 10 min) is the module's page, not a section, but counts.
    assert minutes["circles"] == [("Read & Watch", 50), ("Reflect", 65)]
    assert modules["circles"].duration == (10 + 50 + 65) * 60
    # Videos: 2:54 + 1:02:06; a page without any statement has no time.
    assert minutes["videos"] == [("Watch", 65), ("Read", None)]
    assert modules["videos"].duration == 3900
    # The module directive's duration wins over its sections' sum.
    assert minutes["workshop"] == [("Part", 45)]
    assert modules["workshop"].duration == 2 * 3600
    # Carpentries teaching + exercises, and break episodes (the first page is the
    # landing of a module without one).
    assert minutes["episodes"] == [("Coffee", 15), ("Feedback", None)]
    assert course.timings["episodes/intro"].seconds == 15 * 60
    assert modules["episodes"].duration == 30 * 60
    assert course.timings["episodes/coffee"].breaks == 900
    # Nothing stated: None.
    assert modules["quiet"].duration is None
    assert course.duration == (125 + 65 + 120 + 30) * 60
    assert "WARNING" not in app.warning.getvalue()

    out = Path(app.outdir)
    landing = (out / "index.html").read_text(encoding="utf-8")
    assert "5 h 40 min" in landing
    assert "2 h 5 min" in landing
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r">\s*0 min", text), page  # never "0 min"
    section = Path(app.builder.get_outfilename("episodes/coffee")).read_text(encoding="utf-8")
    assert re.search(r'<time[^>]*datetime="PT15M"[^>]*>15 min</time>', section)
    quiet = Path(app.builder.get_outfilename("quiet/one")).read_text(encoding="utf-8")
    assert "<time" not in quiet


@pytest.mark.sphinx("html", testroot="course-timing", confoverrides={"language": "de"})
def test_times_are_translated(app: Any) -> None:
    app.build()
    landing = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="PT5H40M">5 Std. 40 Min.</time>' in landing


def test_bad_durations_warn_with_file_and_line(make_app: Any, tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
    (tmp_path / "index.md").write_text(
        "# Course\n\n```{module} m\n:duration: two afternoons\n```\n", encoding="utf-8"
    )
    (tmp_path / "page.md").write_text(
        "---\ntitle: Page\nmodule_name: m\nsection: 1\nduration: a while\n---\n\nText.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(r"index\.md:3: WARNING: the module's duration 'two afternoons'", warnings)
    assert re.search(r"page\.md:5: WARNING: duration: 'a while' is no time", warnings)
    assert warnings.count("[mentoring.duration]") == 2
    course = get_course(app.env)
    assert course.modules[0].duration is None
