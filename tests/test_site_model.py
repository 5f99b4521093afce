"""The site model reads a Jekyll site as Jekyll 4 does, and Sphinx builds what Jekyll writes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_mentoring.site import load_site
from sphinx_mentoring.site.names import file_name

ROOT = Path(__file__).parent / "roots" / "test-site-collections"

#: What Debian's jekyll 4.3 writes for the root (checked against it below when installed).
JEKYLL_PAGES = {
    "/": "index.md",
    "/01-intro/index.html": "_episodes/01-intro.md",
    "/02-vars/index.html": "_episodes/02-vars.markdown",
    "/extras/setup/": "_extras/setup.mkd",
    "/2020/01/05/news/": "_posts/2020-1-5-news.md",
    "/404/": "404.html",
    "/guides/writing/": "guides/writing.md",
    "/guides/other/": "guides/other.text",
    "/elsewhere/": "elsewhere/index.markdown",
    "/old/": "old/index.markdown",
}


def _written(page_url: str) -> str:
    return page_url + "index.html" if page_url.endswith("/") else page_url


def test_pages_and_urls_are_jekylls() -> None:
    site = load_site(ROOT)
    written = {page.url: page.path for page in site.all if page.output}
    assert written == JEKYLL_PAGES
    # a collection without output is data for Liquid, not pages
    (note,) = site.collections["notes"].docs
    assert note.path == "_notes/note.md" and not note.output
    assert "_notes/note.md" not in {page.path for page in site.built}
    # a file of a collection without front matter is a static file
    assert site.collections["extras"].files == ["_extras/data.txt"]
    # the stub that redirects within the site is no document; the other one is
    assert site.redirect_target(site.by_path["old/index.markdown"]).path == "guides/writing.md"
    built = {page.path for page in site.built}
    assert "old/index.markdown" not in built and "elsewhere/index.markdown" in built


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="Debian's jekyll is not installed")
def test_the_same_pages_as_jekyll(tmp_path: Path) -> None:
    out = tmp_path / "site"
    subprocess.run(
        ["jekyll", "build", "--disable-disk-cache", "-q", "-s", str(ROOT), "-d", str(out)],
        check=True,
        env={**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true"},
        capture_output=True,
    )
    pages = {"/" + p.relative_to(out).as_posix() for p in out.rglob("index.html")}
    assert pages == {_written(url) for url in JEKYLL_PAGES}


def test_defaults_by_type_and_path() -> None:
    site = load_site(ROOT)
    assert site.by_path["_episodes/01-intro.md"].metadata["layout"] == "episode"
    assert site.by_path["_extras/setup.mkd"].metadata["layout"] == "page"
    assert site.by_path["index.md"].metadata["layout"] == "page"
    assert site.by_path["guides/writing.md"].metadata["audience"] == "staff"
    assert "audience" not in site.by_path["index.md"].metadata
    # the page's own front matter wins over defaults
    assert site.by_path["404.html"].metadata["layout"] == "default"


def test_titles_and_dated_names() -> None:
    site = load_site(ROOT)
    # jekyll-titles-from-headings: a Markdown page without title, by its opening heading
    assert site.by_path["guides/writing.md"].title == "Writing guide"
    assert site.by_path["guides/other.text"].title is None
    # documents without title: the file's slug, titleized (Jekyll)
    news = site.by_path["_posts/2020-1-5-news.md"]
    assert news.title == "News" and news.slug == "news"
    assert file_name("m/_posts/2002-1-5-three-spheres.md").slug == "three-spheres"
    # Ruby's Time.parse rolls a day past the month's end over, and Jekyll publishes
    # the post (a course's 2017-02-31-conlusions.md); a 32nd day or 13th month is no date
    assert file_name("_posts/2017-02-31-conlusions.md").date == dt.date(2017, 3, 3)
    assert file_name("_posts/2017-02-31-conlusions.md").slug == "conlusions"
    assert file_name("_posts/2017-02-32-x.md").date is None
    assert file_name("_posts/2017-13-01-x.md").date is None


def test_collection_order(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(
        "collections:\n  a:\n    order: [z.md, x.md]\n  b:\n    sort_by: rank\n"
    )
    for folder, name, rank in (("_a", "x", 0), ("_a", "y", 0), ("_a", "z", 0), ("_b", "p", 2)):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / f"{name}.md").write_text(f"---\nrank: {rank}\n---\n")
    (tmp_path / "_b" / "q.md").write_text("---\nrank: 1\n---\n")
    site = load_site(tmp_path)
    assert [d.path for d in site.collections["a"].docs] == ["_a/z.md", "_a/x.md", "_a/y.md"]
    assert [d.path for d in site.collections["b"].docs] == ["_b/q.md", "_b/p.md"]


@pytest.mark.sphinx("html", testroot="site-collections", freshenv=True)
def test_sphinx_builds_what_jekyll_writes(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert warnings == "", warnings  # no missing title, toctree, meta or stub warnings
    expected = {
        str(Path(path).with_suffix(""))
        for path in JEKYLL_PAGES.values()
        if path != "old/index.markdown"
    }
    assert set(app.env.found_docs) == expected
    titles = {doc: title.astext() for doc, title in app.env.titles.items()}
    assert "<no title>" not in titles.values()
    assert titles["_episodes/01-intro"] == "Introduction"
    assert titles["guides/writing"] == "Writing guide"
    assert titles["index"] == "Welcome"
    assert titles["guides/other"] == "Other"
    assert titles["elsewhere/index"] == "Elsewhere"

    # a body h1 other than the title stays, one level down, under the title
    intro = app.env.get_doctree("_episodes/01-intro")
    (top,) = [c for c in intro.children if isinstance(c, nodes.section)]
    assert top[0].astext() == "Introduction"
    inner = [s[0].astext() for s in top.findall(nodes.section) if s is not top]
    assert inner == ["Before we start", "Details"]
    # a heading that repeats the title is shown once
    text = app.env.get_doctree("_episodes/02-vars").astext()
    assert text.count("Variables") == 1

    out = Path(app.outdir)
    # the old URL of the stub redirects to the page it pointed at
    stub = (out / "old" / "index.html").read_text(encoding="utf-8")
    # (pages live at their Jekyll URLs: /guides/writing/)
    assert 'http-equiv="refresh"' in stub and "guides/writing/index.html" in stub
    # a stub pointing to another site: a short page with the link, no refresh
    moved = (out / "elsewhere" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/course/"' in moved
    assert 'http-equiv="refresh"' not in moved


@pytest.mark.sphinx("html", testroot="site-modules", freshenv=True)
def test_module_names_as_the_layout_shows_them(app) -> None:
    from sphinx_mentoring.course import get_course

    app.build()
    course = get_course(app.env)
    # the course.yml entry where it is a name, the front matter's module_full_name,
    # never the title of the module's first page ("Check-in")
    assert [m.title for m in course.modules] == [
        "Course Selection",
        "Logistics & Tools",
        "Further reading",
    ]
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Logistics &amp; Tools" in html


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ('<meta http-equiv="refresh" content="0; URL=../guides/">\n', "../guides/"),
        (
            "<!DOCTYPE html><html><head><meta http-equiv='Refresh' content='0;url=/new/'>"
            "<title>Moved</title></head><body><p>Redirecting to <a href='/new/'>/new/</a>."
            "</p></body></html>",
            "/new/",
        ),
        # a page with its own content is a page, refresh or not
        ('<meta http-equiv="refresh" content="0; URL=x">\n<div>A box.</div>\n', None),
        ('<meta http-equiv="refresh" content="0; URL=x">\n\n' + "Words. " * 40, None),
        ('<meta http-equiv="refresh" content="30">\n', None),
        ("# Just a page\n", None),
    ],
)
def test_meta_refresh_stubs(body: str, target: str | None) -> None:
    from sphinx_mentoring.site.titles import refresh_target

    assert refresh_target(body) == target


def test_github_pages_default_plugins(tmp_path: Path) -> None:
    """jekyll-optional-front-matter and jekyll-readme-index, as GitHub Pages runs them."""
    (tmp_path / "_config.yml").write_text("title: T\n")
    (tmp_path / "notes.md").write_text("# Notes\n\nNo front matter.\n")
    (tmp_path / "LICENSE.md").write_text("Licence text.\n")
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "README.md").write_text("# The guide\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("# Docs\n")
    (tmp_path / "docs" / "index.md").write_text("---\ntitle: Docs home\n---\n")
    site = load_site(tmp_path)
    urls = {page.path: page.url for page in site.built}
    assert urls == {
        "notes.md": "/notes.html",
        "guide/README.md": "/guide/",
        "docs/index.md": "/docs/",
    }
    assert site.by_path["notes.md"].title == "Notes"  # titles from headings too
    (tmp_path / "_config.yml").write_text(
        "optional_front_matter: {enabled: false}\nreadme_index: {enabled: false}\n"
    )
    assert [page.path for page in load_site(tmp_path).built] == ["docs/index.md"]
