"""Jekyll URLs of pages, and Jekyll-style links resolved to Sphinx documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from sphinx_mentoring.jekyll.site import JekyllSite
from sphinx_mentoring.jekyll.urls import normalise_url, page_date, page_url

CIB = JekyllSite(root=Path(), config={"permalink": "/:categories/:title/", "baseurl": "/"})


@pytest.mark.parametrize(
    ("docname", "metadata", "site", "expected"),
    [
        (
            "modules/basics/_posts/2002-01-01-three-spheres",
            {},
            CIB,
            "/modules/basics/three-spheres/",
        ),
        (
            "modules/basics/_posts/2000-01-01-about",
            {"permalink": "/modules/basics/"},
            CIB,
            "/modules/basics/",
        ),
        ("index", {}, CIB, "/"),
        ("about", {}, CIB, "/about/"),
        ("guide/index", {}, CIB, "/guide/"),
        (
            "modules/Tips & Tricks/_posts/2001-01-01-Hello",
            {},
            CIB,
            "/modules/tips%20&%20tricks/Hello/",
        ),
        # Jekyll's default "date" style, no _config.yml
        ("_posts/2020-03-04-news", {}, None, "/2020/03/04/news.html"),
        ("about", {}, None, "/about.html"),
        # front-matter categories join the folder ones
        ("x/_posts/2020-03-04-news", {"categories": "a b"}, None, "/x/a/b/2020/03/04/news.html"),
        # the front-matter date wins over the file name
        ("_posts/2020-03-04-news", {"date": "2021-05-06 10:00"}, None, "/2021/05/06/news.html"),
        (
            "m/_posts/2020-03-04-news",
            {},
            JekyllSite(root=Path(), config={"permalink": "pretty", "baseurl": "/base/"}),
            "/base/m/2020/03/04/news/",
        ),
    ],
)
def test_page_url(docname: str, metadata: dict, site: JekyllSite | None, expected: str) -> None:
    assert page_url(docname, metadata, site) == expected


def test_page_date_and_normalise() -> None:
    assert page_date("m/_posts/2001-02-03-x", {}) == dt.date(2001, 2, 3)
    assert page_date("m/_posts/2001-02-03-x", {"date": dt.date(2005, 1, 1)}) == dt.date(2005, 1, 1)
    assert page_date("m/x", {}) is None
    assert normalise_url("/course/modules/x/index.html", "/course") == "/modules/x"
    assert normalise_url("/modules/tips%20&%20tricks/", "") == "/modules/tips & tricks"
    assert normalise_url("/course", "/course") == "/"


def _hrefs(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find(attrs={"role": "main"}) or soup.body
    return [a["href"] for a in main.find_all("a", href=True)]


@pytest.mark.sphinx("html", testroot="links-basic")
def test_site_links_resolve(app) -> None:
    app.build()
    out = Path(app.outdir)
    overview = out / "modules/basics/_posts/2000-01-01-overview.html"
    hrefs = _hrefs(overview)
    assert "2000-02-01-second.html" in hrefs
    assert "2000-02-01-second.html#more" in hrefs
    assert "../../tips%20&%20tricks/_posts/2001-01-01-hello-world.html" in hrefs or any(
        "hello-world.html" in h for h in hrefs
    )
    # the linked site file is copied next to the pages, at its site path
    chart = [h for h in hrefs if h.endswith("chart.png")]
    assert chart == ["../../../img/chart.png"]
    assert (out / "img/chart.png").read_bytes() == b"PNG"

    second = _hrefs(out / "modules/basics/_posts/2000-02-01-second.html")
    assert "2000-01-01-overview.html" in second
    assert "../../../index.html" in second

    home = _hrefs(out / "index.html")
    assert "modules/basics/_posts/2000-01-01-overview.html" in home
    assert any(h.endswith("2001-01-01-hello-world.html") for h in home)

    # every link into the site leads to a file that exists, but the broken one
    for page in out.rglob("*.html"):
        for href in _hrefs(page):
            if href.startswith(("http", "#", "mailto:")) or "nowhere" in href:
                continue
            target = (page.parent / unquote(href.split("#")[0])).resolve()
            assert target.exists(), f"{page.relative_to(out)}: {href}"

    warnings = app.warning.getvalue()
    assert "2000-02-01-second.md:9: WARNING: link to '/course/modules/nowhere/'" in warnings
    assert "[mentoring.link]" in warnings
    assert warnings.count("[mentoring.link]") == 1, warnings


@pytest.mark.sphinx(
    "html", testroot="links-basic", confoverrides={"suppress_warnings": ["mentoring.link"]}
)
def test_link_warning_can_be_suppressed(app) -> None:
    app.build()
    assert "mentoring.link" not in app.warning.getvalue()
