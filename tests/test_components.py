"""Callouts, videos, details and line breaks: directives and HTML idioms, in every writer."""

from __future__ import annotations

import pytest
from docutils import nodes

from sphinx_mentoring import nodes as mnodes


def _all(app, docname, kind):
    return list(app.env.get_doctree(docname).findall(kind))


@pytest.mark.sphinx("html", testroot="objectives-directive")
def test_callout_and_video_directives(app):
    app.build()
    activity, info = _all(app, "index", mnodes.callout)
    assert activity["callout_type"] == "activity"
    assert activity["classes"][:2] == ["mentoring-callout", "mentoring-callout-activity"]
    assert activity[0].astext() == "Worksheet 1"
    assert info[0].astext() == "A short history"  # first heading of the content: the title
    youtube, vimeo = _all(app, "index", mnodes.video)
    assert youtube["title"] == "Connected Learning Explained"
    assert youtube["duration"] == "3:00"
    assert vimeo["title"] == "Video: Directives"  # untitled: named after its section
    (case,) = _all(app, "rest", mnodes.callout)
    assert case["callout_type"] == "case_study"
    assert case[0].astext() == "A library in Iowa"

    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    # a privacy-friendly, lazy, titled player
    assert 'src="https://www.youtube-nocookie.com/embed/HacgaDN971Y"' in html
    assert 'loading="lazy"' in html
    assert 'title="Connected Learning Explained"' in html
    assert "https://player.vimeo.com/video/43862075?dnt=1" in html
    assert 'class="mentoring-callout mentoring-callout-activity"' in html
    assert '<p class="mentoring-callout-title">Worksheet 1</p>' in html
    assert "mentoring-components.css" in html
    assert (app.outdir / "_static" / "mentoring-components.css").is_file()


@pytest.mark.sphinx("latex", testroot="objectives-directive")
def test_components_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\begin{sphinxmentoringcallout}{activity}{Worksheet 1}" in tex
    assert "\\begin{sphinxmentoringcallout}{case\\_study}{A library in Iowa}" in tex
    assert (
        "\\sphinxmentoringvideo{Connected Learning Explained}"
        "{https://www.youtube.com/watch?v=HacgaDN971Y}{3:00}{" in tex
    )
    # the TED talk prints its watch page, not the embed
    assert "{https://www.ted.com/talks/geoff\\_mulgan" in tex or (
        "{https://www.ted.com/talks/geoff_mulgan" in tex
    )


@pytest.mark.parametrize("builder", ["text", "man", "texinfo", "epub"])
def test_components_in_other_writers(make_app, rootdir, tmp_path, builder):
    app = make_app(
        builder, srcdir=rootdir / "test-objectives-directive", builddir=tmp_path, freshenv=True
    )
    app.build()
    out = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in app.outdir.rglob("*")
        if path.is_file() and path.suffix in (".txt", ".1", ".texi", ".xhtml")
    )
    for words in (
        "Worksheet 1",
        "Fill in the",
        "A short history",
        "Connected Learning Explained",
        "3:00",
        "Learning objectives",
        "Describe the core elements of mentoring",
    ):
        assert words in out, (builder, words)
    assert "youtube.com/watch?v=HacgaDN971Y" in out
    if builder == "epub":
        assert "<iframe" not in out  # e-readers get a link


@pytest.mark.sphinx("html", testroot="html-boxes")
def test_markdown_callouts_hold_headings_lists_and_blank_lines(app):
    app.build()
    videos, activity, info = _all(app, "callouts", mnodes.callout)
    assert videos["callout_type"] == "videos"
    assert videos[0].astext() == "Connected Learning Explained"
    (video,) = videos.findall(mnodes.video)
    assert video["duration"] == "3:00"
    assert "This is an excerpt from a longer talk." in videos.astext()
    assert activity["callout_type"] == "activity"  # class="activity callout"
    assert activity[0].astext() == "Worksheet #3: Self-Assessment"
    assert [r.astext() for r in activity.findall(nodes.rubric)] == ["A sub heading inside"]
    assert "point two" in activity.astext()
    # nested divs nest; an unknown class is kept on a container
    (box,) = [c for c in _all(app, "callouts", nodes.container) if "colorhighlight" in c["classes"]]
    assert box["classes"] == ["colorhighlight", "color1"]
    assert info.parent["classes"] == box["classes"]
    # the sections of the page are those of its Markdown headings, nothing more
    doctree = app.env.get_doctree("callouts")
    sections = [s[0].astext() for s in doctree.findall(nodes.section)]
    assert sections == ["Callouts", "First section", "Second section"]
    (details,) = _all(app, "callouts", mnodes.details)
    assert isinstance(details[0], mnodes.details_summary)
    assert details[0].astext() == "References"
    html = (app.outdir / "callouts.html").read_text(encoding="utf-8")
    assert '<details class="mentoring-details"' in html
    assert "<summary" in html
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("latex", testroot="html-boxes")
def test_details_and_callouts_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\begin{sphinxmentoringdetails}{References}" in tex
    assert "\\begin{sphinxmentoringcallout}{videos}{Connected Learning Explained}" in tex
    assert "\\begin{sphinxmentoringcallout}{info}{}" in tex
    assert "Centered words" in tex
