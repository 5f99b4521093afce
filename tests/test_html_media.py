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


# --- <audio> and <video>: the player in HTML, the fallback everywhere else -------------


@pytest.mark.sphinx("html", testroot="html-media", freshenv=True)
def test_audio_and_video_keep_their_fallback_in_html(app):
    app.build()
    doctree = app.env.get_doctree("audio")
    players = list(doctree.findall(mnodes.media))
    assert [(p["kind"], p["sources"]) for p in players] == [
        ("audio", ["img/talk.ogg"]),
        ("video", ["https://example.org/media/flower.webm"]),
        ("audio", ["img/talk.ogg"]),  # written inside a paragraph: a block of its own
        ("video", []),
    ]
    assert [p.astext() for p in players] == [
        "This browser does not support our audio format.",
        "Download the flower video instead.",
        "to the talk elsewhere",
        "Nothing to play: a video was planned here.",
    ]
    assert [p.astext() for p in doctree.findall(nodes.paragraph) if p.parent is doctree[0]][
        -2:
    ] == ["Listen", "after class."]
    html = (app.outdir / "audio.html").read_text(encoding="utf-8")
    # the local file is copied with the site, and the fallback stays inside the player
    (copied,) = (app.outdir / "_downloads").rglob("talk.ogg")
    folder = copied.parent.name
    assert (
        '<audio preload="auto" controls loop>\n'
        f'<source src="_downloads/{folder}/talk.ogg" />\n'
        "<p>This browser does not support our audio format.</p>\n</audio>"
    ) in html
    assert (
        '<video controls width="250">\n<source src="https://example.org/media/flower.webm" />'
        in html
    )
    assert "none.vtt" not in html
    # nothing to play: the fallback is shown as the page's text
    assert '<div class="mentoring-media"><p>Nothing to play' in html
    warnings = app.warning.getvalue()
    assert (
        "audio.md:19: WARNING: <video> has no src: nothing to play; its fallback text is kept"
        in warnings
    )


@pytest.mark.sphinx("text", testroot="html-media", freshenv=True)
def test_audio_and_video_fallback_in_text(app):
    app.build()
    text = " ".join((app.outdir / "audio.txt").read_text(encoding="utf-8").split())
    assert "Audio: talk.ogg This browser does not support our audio format." in text
    assert (
        "Video: flower.webm <https://example.org/media/flower.webm> "
        "Download the flower video instead."
    ) in text
    assert "Listen Audio: talk.ogg to the talk elsewhere after class." in text
    assert "Nothing to play: a video was planned here." in text


@pytest.mark.sphinx("latex", testroot="html-media", freshenv=True)
def test_audio_and_video_fallback_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\noindent\\textbf{Audio:} talk.ogg\\par" in tex
    assert "This browser does not support our audio format." in tex
    assert (
        "{\\renewcommand{\\sphinxmentoringvideoname}{Video}%\n"
        "\\sphinxmentoringvideo{flower.webm}{https://example.org/media/flower.webm}{}{}}"
    ) in tex
    assert "Nothing to play: a video was planned here." in tex


@pytest.mark.sphinx("epub", testroot="html-media", freshenv=True)
def test_audio_and_video_fallback_in_epub(app):
    app.build()
    page = (app.outdir / "audio.xhtml").read_text(encoding="utf-8")
    assert "<audio" not in page and "<video" not in page  # e-readers rarely play them
    assert '<p class="mentoring-media-name">Audio: talk.ogg</p>' in page
    assert "This browser does not support our audio format." in page
    assert 'href="https://example.org/media/flower.webm">flower.webm</a>' in page
