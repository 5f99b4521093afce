"""Pages written at their Jekyll URLs; every URL of the Jekyll site answers over HTTP."""

from __future__ import annotations

import html
import json
import shutil
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from http_site import failing_urls, fetch, jekyll_files, output_urls, serve
from sphinx.util.console import strip_colors

from sphinx_mentoring.course import get_course
from sphinx_mentoring.permalinks import collection_file_urls, is_reserved, url_file
from sphinx_mentoring.site import load_site

ROOTS = Path(__file__).parent / "roots"


def test_url_file_is_where_jekyll_writes_the_page() -> None:
    assert url_file("/modules/course%20selection/read-&-watch/", "") == (
        "modules/course selection/read-&-watch/index.html"
    )
    assert url_file("/base/modules/caf%C3%A9/x/", "/base") == "modules/café/x/index.html"
    assert url_file("/about", "") == "about.html"  # Jekyll adds the extension
    assert url_file("/page.html", "") == "page.html"
    assert url_file("/", "") == "index.html"
    assert url_file("/feed.xml", "") is None  # no HTML page
    assert url_file("/../etc/passwd", "") is None  # outside the site


def test_reserved_output() -> None:
    assert is_reserved("search.html") and is_reserved("genindex.html")
    assert is_reserved("_static/mentoring.css") and is_reserved(".buildinfo")
    assert not is_reserved("modules/search.html") and not is_reserved("static/x.html")


def _pages(out: Path) -> dict[str, str]:
    """Output file -> the docname our theme names on <body>."""
    pages = {}
    for file in out.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        marker = 'data-mentoring-page="'
        if marker in text:
            name = text.split(marker, 1)[1].split('"', 1)[0]
            pages[file.relative_to(out).as_posix()] = html.unescape(name)
    return pages


@pytest.mark.sphinx("html", testroot="permalinks", freshenv=True)
def test_pages_live_at_their_jekyll_urls(app: Any) -> None:
    app.build()
    out = Path(app.outdir)
    pages = _pages(out)
    assert pages["modules/course selection/read-&-watch/index.html"] == (
        "modules/Course Selection/_posts/2019-01-02-read-&-watch"
    )
    assert pages["modules/café/über-uns/index.html"].endswith("2019-01-01-über-uns")
    assert pages["about.html"] == "about"
    # No source path in any public URL.
    assert not [file for file in pages if "_posts" in file]
    # Links between pages use the new URLs, percent-encoded.
    check_in = (out / "modules/course selection/check-in/index.html").read_text()
    assert 'href="../read-%26-watch/index.html"' in check_in
    landing = (out / "index.html").read_text()
    assert 'href="modules/course%20selection/check-in/index.html"' in landing
    assert 'href="modules/logistics%20%26%20tools/read-%26-watch/index.html"' in landing
    # Static files (CSS, images) are found from pages at any depth.
    assert 'href="../../../_static/mentoring.css' in check_in
    watch = (out / "modules/course selection/read-&-watch/index.html").read_text()
    assert 'src="../../../_images/chart.png"' in watch
    # A permalink on Sphinx's own search page: the page stays, with a warning.
    assert "Sphinx's search page" not in (out / "search.html").read_text()
    assert pages["finder.html"] == "finder"
    warnings = strip_colors(app.warning.getvalue())
    assert (
        "finder.md:1: WARNING: the page stays at finder.html: its Jekyll URL /search.html is "
        "reserved for Sphinx's own output [mentoring.permalink]"
    ) in warnings
    # The search index points at the new URLs, and names each result's module.
    index = json.loads((out / "searchindex.js").read_text()[len("Search.setIndex(") : -1])
    names = dict(zip(index["mentoring"]["docnames"], index["docnames"], strict=True))
    read = "modules/Course Selection/_posts/2019-01-02-read-&-watch"
    assert names[read] == "modules/course selection/read-&-watch/index"
    assert not [name for name in index["docnames"] if "_posts" in name]
    position = index["mentoring"]["docnames"].index(read)
    module = index["mentoring"]["module"][position]
    assert index["mentoring"]["modules"][module] == get_course(app.env).modules[0].title


@pytest.mark.sphinx("dirhtml", testroot="permalinks", freshenv=True)
def test_dirhtml_links_end_with_a_slash(app: Any) -> None:
    app.build()
    out = Path(app.outdir)
    check_in = (out / "modules/course selection/check-in/index.html").read_text()
    assert 'href="../read-%26-watch/"' in check_in
    assert (out / "about.html").is_file()


@pytest.mark.sphinx("html", testroot="permalinks", confoverrides={"mentoring_permalinks": False})
def test_permalinks_can_be_turned_off(app: Any) -> None:
    app.build()
    out = Path(app.outdir)
    assert (out / "modules/Course Selection/_posts/2019-01-01-check-in.html").is_file()
    # The old URL is a redirect page, at the decoded path a web server looks in.
    redirect = (out / "modules/course selection/check-in/index.html").read_text()
    assert 'http-equiv="refresh"' in redirect
    assert "%20" not in "".join(p.as_posix() for p in out.rglob("*"))


@pytest.mark.sphinx("html", testroot="permalinks", freshenv=True)
def test_every_jekyll_url_answers_over_http(app: Any, tmp_path: Path) -> None:
    """Debian's Jekyll builds the site; every HTML URL it writes answers 200 from ours."""
    site = tmp_path / "site"
    shutil.copytree(app.srcdir, site, ignore=shutil.ignore_patterns("_build", "conf.py"))
    files = jekyll_files(site, tmp_path / "jekyll")
    if files is None:
        pytest.skip("needs Debian's jekyll")
    app.build()
    pages = [file for file in files if file.endswith(".html")]
    assert len(pages) == 8
    assert "img/chart.png" in files  # a static file: copied by Jekyll, by us too
    with serve(Path(app.outdir)) as root:
        assert failing_urls(root, output_urls(pages)) == {}
        assert fetch(root, "img/chart.png")[0] == 200
        # jekyll-redirect-from's old URL leads to the page.
        status, final, _body = fetch(root, "old/read-and-watch/")
        assert status == 200
        assert urllib.parse.unquote(final) == "modules/course selection/read-&-watch/index.html"


@pytest.mark.slow
def test_every_connectedlib_url_answers_over_http(corpus_copy: Path, tmp_path: Path) -> None:
    """The shared corpus: every page URL Debian's Jekyll writes answers 200 from our build."""
    from sphinx_mentoring import cli

    files = jekyll_files(corpus_copy, tmp_path / "jekyll")
    if files is None:
        pytest.skip("needs Debian's jekyll")
    out = tmp_path / "out"
    assert cli.main(["build", str(corpus_copy), str(out), "-q"]) == 0
    pages = [file for file in files if file.endswith(".html")]
    assert len(pages) == 29
    with serve(out / "html") as root:
        assert failing_urls(root, output_urls(pages)) == {}
        static = [file for file in files if not file.endswith(".html")]
        assert static and all(fetch(root, urllib.parse.quote(f))[0] == 200 for f in static)
    assert not [page for page in (out / "html").rglob("*.html") if "_posts" in page.as_posix()]


def test_collection_files_are_copied_where_jekyll_writes_them(tmp_path: Path) -> None:
    """As Debian's Jekyll 4.3 writes them: the collection's URL template filled with
    the file's path, then its extension; a collection without output publishes none."""
    site = tmp_path / "site"
    for name, text in {
        "_config.yml": "collections:\n  episodes:\n    output: true\n"
        "    permalink: /:path/index.html\n  extras:\n    output: true\n"
        "  notes:\n    output: false\n",
        "_episodes/01-intro.md": "---\ntitle: Intro\n---\nHi\n",
        "_episodes/fig/chart.png": "png",
        "_episodes/raw.md": "no front matter\n",
        "_extras/data.csv": "y",
        "_notes/x.txt": "x",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    assert collection_file_urls(load_site(site)) == {
        "_episodes/fig/chart.png": "fig/chart/index.html.png",
        "_episodes/raw.md": "raw/index.html.md",
        "_extras/data.csv": "extras/data.csv",
        "_notes/x.txt": None,
    }
    files = jekyll_files(site, tmp_path / "jekyll")
    if files is not None:
        assert files == [
            "01-intro/index.html",
            "extras/data.csv",
            "fig/chart/index.html.png",
            "raw/index.html.md",
        ]
