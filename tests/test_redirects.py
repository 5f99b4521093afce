"""Redirect pages at the old Jekyll URLs of every page (HTML builders only)."""

from __future__ import annotations

import pytest
from sphinx.util.console import strip_colors

from sphinx_mentoring.redirects import redirect_file, redirect_page


def test_redirect_file_under_baseurl():
    assert redirect_file("/base/modules/m1/one/", "/base") == "modules/m1/one/index.html"
    assert redirect_file("/base/about.html", "/base") == "about.html"
    assert redirect_file("/base/", "/base") == "index.html"
    assert redirect_file("/x/y", "") == "x/y/index.html"
    assert redirect_file("/../../etc/passwd/", "") == "etc/passwd/index.html"  # stays inside


def test_redirect_file_is_the_decoded_path():
    assert redirect_file("/modules/course%20selection/read-&-watch/", "") == (
        "modules/course selection/read-&-watch/index.html"
    )
    assert redirect_file("/caf%C3%A9/", "") == "café/index.html"


def test_redirect_page_quotes_its_target():
    page = redirect_page("../a b/read-&-watch/index.html", "Read & Watch", "en")
    assert 'content="0; url=../a%20b/read-&amp;-watch/index.html"' in page
    assert "<title>Read &amp; Watch</title>" in page


@pytest.mark.sphinx("html", testroot="cli-redirects", freshenv=True)
def test_pages_live_at_their_jekyll_urls_and_redirect_from_redirects(app):
    app.build()
    out = app.outdir
    one = (out / "modules/m1/one/index.html").read_text(encoding="utf-8")
    assert "refresh" not in one and "<h1>One" in one  # the page itself
    assert not (out / "modules/m1/_posts/2001-01-01-one.html").exists()  # no source path
    # redirect_from: (jekyll-redirect-from) adds more old URLs.
    old = (out / "old/one/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../modules/m1/one/index.html"' in old
    assert "<title>One</title>" in old
    # Two pages with one permalink: the first keeps it, the other stays where
    # Sphinx puts it, and a warning says so.
    assert "<h1>Two" in (out / "same/index.html").read_text(encoding="utf-8")
    assert "<h1>Three" in (out / "modules/m1/_posts/2001-03-01-three.html").read_text()
    warnings = strip_colors(app.warning.getvalue())
    assert (
        "2001-03-01-three.md:1: WARNING: the page stays at "
        "modules/m1/_posts/2001-03-01-three.html: its Jekyll URL /base/same/ belongs to "
        "modules/m1/_posts/2001-02-01-two too"
    ) in warnings
    assert "[mentoring.permalink]" in warnings
    assert "refresh" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html",
    testroot="cli-redirects",
    srcdir="cli-redirects-no-permalinks",
    confoverrides={"mentoring_permalinks": False},
)
def test_without_permalinks_every_old_url_redirects(app):
    app.build()
    out = app.outdir
    one = (out / "modules/m1/one/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../_posts/2001-01-01-one.html"' in one
    assert "<title>One</title>" in one
    # Two pages with one permalink: the first keeps it, and a warning says so.
    assert "2001-02-01-two.html" in (out / "same/index.html").read_text(encoding="utf-8")
    warnings = strip_colors(app.warning.getvalue())
    assert "2001-03-01-three.md:1: WARNING: old URL /base/same/ belongs to two pages" in warnings
    assert "[mentoring.redirect]" in warnings


@pytest.mark.sphinx("text", testroot="cli-redirects")
def test_no_redirects_outside_html(app):
    app.build()
    assert not (app.outdir / "same").exists()


@pytest.mark.sphinx(
    "html",
    testroot="cli-redirects",
    srcdir="cli-redirects-off",
    confoverrides={"mentoring_redirects": False},
)
def test_redirects_can_be_turned_off(app):
    app.build()
    assert (app.outdir / "modules/m1/one/index.html").is_file()  # the page, at its URL
    assert not (app.outdir / "old").exists()  # redirect_from: no redirect


@pytest.mark.sphinx("html", testroot="cli-redirects", srcdir="cli-redirects-rebuild")
def test_rebuilds_rewrite_redirects_only_when_an_old_url_changes(app, make_app):
    app.build()
    one = app.outdir / "old/one/index.html"
    one.write_text("left alone", encoding="utf-8")  # a build that changes nothing keeps it
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert one.read_text(encoding="utf-8") == "left alone"

    page = next(app.srcdir.glob("modules/m1/_posts/*-one.md"))
    page.write_text(
        page.read_text(encoding="utf-8").replace("---\n", "---\npermalink: /moved/\n", 1),
        encoding="utf-8",
    )
    third = make_app("html", srcdir=app.srcdir)
    third.build()
    # The page moved to its new URL; its other old URL leads there.
    assert "<h1>One" in (app.outdir / "moved/index.html").read_text(encoding="utf-8")
    assert "../../moved/index.html" in one.read_text(encoding="utf-8")

    # So they are when a title they show changes.
    page.write_text(
        page.read_text(encoding="utf-8").replace("title: One", "title: One, renamed"),
        encoding="utf-8",
    )
    fourth = make_app("html", srcdir=app.srcdir)
    fourth.build()
    assert "<title>One, renamed</title>" in one.read_text(encoding="utf-8")
