"""Iframes, images, inline HTML, tables, comments: real structure in every format."""

from __future__ import annotations

import pytest
from docutils import nodes

from sphinx_mentoring import nodes as mnodes


@pytest.mark.sphinx("html", testroot="html-media")
def test_iframes_become_videos_with_their_duration(app):
    app.build()
    doctree = app.env.get_doctree("videos")
    videos = list(doctree.findall(mnodes.video))
    assert [(v["src"].split("/")[2], v["duration"]) for v in videos] == [
        ("www.youtube.com", "28:22"),  # videotime after a blank line
        ("player.vimeo.com", "8:35"),
        ("embed.ted.com", "1:57"),  # "1:57 | <i>more words</i>"
    ]
    assert videos[1]["title"] == "Brother Mike"
    assert videos[0]["title"] == "Video: Videos"  # no title of its own: its section's
    # the words after the duration stay, with their link
    (rest,) = [p for p in doctree.findall(nodes.paragraph) if "mentoring-videotime" in p["classes"]]
    assert rest.astext().startswith("This is an excerpt from a longer video.")
    assert next(rest.findall(nodes.reference))["refuri"].startswith("https://www.youtube.com/")
    html = (app.outdir / "videos.html").read_text(encoding="utf-8")
    assert "youtube-nocookie.com/embed/whvuEhNNleg?start=1451&amp;end=3153" in html
    assert html.count('loading="lazy"') == 3


@pytest.mark.sphinx("html", testroot="html-media", freshenv=True)
def test_images_inline_tags_and_comments(app):
    app.build()
    doctree = app.env.get_doctree("inline")
    images = list(doctree.findall(nodes.image))
    # /img/x.png and //img/x.png ({{ site.baseurl }} = "/") are files of the project
    assert [(i["alt"], i["uri"]) for i in images] == [
        ("Site logo", "img/logo.png"),
        ("Linked logo", "img/logo.png"),
        ("Logo in a heading", "img/logo.png"),
    ]
    assert (app.outdir / "_images" / "logo.png").is_file()
    assert isinstance(images[1].parent, nodes.reference)
    kinds = {type(n).__name__ for n in doctree.findall(nodes.Inline)}
    assert {"subscript", "superscript", "strong", "emphasis", "literal", "line_break"} <= kinds
    (note,) = [n for n in doctree.findall(nodes.inline) if "note" in n["classes"]]
    assert note.astext() == "spanned"
    # <h2> inside HTML: a rubric, not a section; the link inside a <p> is a reference
    assert [r.astext() for r in doctree.findall(nodes.rubric)] == ["We\u2019ve remodeled!"]
    assert [s[0].astext() for s in doctree.findall(nodes.section)] == ["Inline HTML"]
    text = doctree.astext()
    assert "Hidden heading" not in text  # comments are not shown to readers, as in Jekyll
    assert "inline comment" not in text
    assert "Scrolling words" in text and "more" in text
    warnings = app.warning.getvalue()
    # unknown tags keep their text and warn once per kind
    assert warnings.count("[mentoring.html]") == 1
    assert "inline.md:29: WARNING: <marquee>" in warnings


@pytest.mark.sphinx("text", testroot="html-media")
def test_tables_and_media_in_text(app):
    app.build()
    tables = (app.outdir / "tables.txt").read_text(encoding="utf-8")
    assert "**Interests**" in tables
    assert "Learning opportunities are aligned" in tables
    assert "Spans" in tables and "wide" in tables and "tall" in tables
    doctree = app.env.get_doctree("tables")
    first, second = doctree.findall(nodes.table)
    assert first[0]["cols"] == 2
    head = next(second.findall(nodes.thead))
    assert [e.astext() for e in head.findall(nodes.entry)] == ["A", "B", "C"]
    wide = next(e for e in second.findall(nodes.entry) if e.astext() == "wide")
    assert wide["morecols"] == 1
    videos = (app.outdir / "videos.txt").read_text(encoding="utf-8")
    assert "Video: Brother Mike (8:35) <https://vimeo.com/43862075>" in videos
    assert "<iframe" not in videos and "<div" not in videos
    inline = (app.outdir / "inline.txt").read_text(encoding="utf-8")
    assert "Source: Josie Watanabe" in inline
    assert "Linda Braun" in inline


@pytest.mark.sphinx("latex", testroot="html-media")
def test_images_reach_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\sphinxincludegraphics" in tex and "{{logo}.png}" in tex
    assert (app.outdir / "logo.png").is_file()
    assert "\\sphinxmentoringlinebreak{}" in tex
    assert "\\sphinxmentoringvideo{Brother Mike}{https://vimeo.com/43862075}{8:35}" in tex
