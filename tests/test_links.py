"""Jekyll URLs of pages, and Jekyll-style links resolved to Sphinx documents."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup

from sphinx_mentoring.site import load_site
from sphinx_mentoring.site.urls import normalise_url

CIB = {"permalink": "/:categories/:title/", "baseurl": "/"}


def _url(tmp_path: Path, path: str, front_matter: dict, config: dict | None) -> str:
    """The public URL the site model gives the file *path* of a one-file site."""
    if config is not None:
        (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    file = tmp_path / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\n{yaml.safe_dump(front_matter) if front_matter else ''}---\nx\n")
    site = load_site(tmp_path)
    return site.public_url(site.by_path[path])


@pytest.mark.parametrize(
    ("path", "front_matter", "config", "expected"),
    [
        (
            "modules/basics/_posts/2002-01-01-three-spheres.md",
            {},
            CIB,
            "/modules/basics/three-spheres/",
        ),
        (
            "modules/basics/_posts/2000-01-01-about.md",
            {"permalink": "/modules/basics/"},
            CIB,
            "/modules/basics/",
        ),
        # one-digit month and day (Jekyll's file-name pattern)
        ("modules/basics/_posts/2002-1-5-spheres.md", {}, CIB, "/modules/basics/spheres/"),
        ("index.md", {}, CIB, "/"),
        ("about.md", {}, CIB, "/about/"),
        ("guide/index.md", {}, CIB, "/guide/"),
        (
            "modules/Tips & Tricks/_posts/2001-01-01-Hello.md",
            {},
            CIB,
            "/modules/tips%20&%20tricks/Hello/",
        ),
        # Jekyll's default "date" style, no _config.yml
        ("_posts/2020-03-04-news.md", {}, None, "/2020/03/04/news.html"),
        ("about.md", {}, None, "/about.html"),
        ("about.markdown", {}, None, "/about.html"),
        # front-matter categories join the folder ones
        ("x/_posts/2020-03-04-news.md", {"categories": "a b"}, None, "/x/a/b/2020/03/04/news.html"),
        # the front-matter date wins over the file name
        ("_posts/2020-03-04-news.md", {"date": "2021-05-06 10:00"}, None, "/2021/05/06/news.html"),
        (
            "m/_posts/2020-03-04-news.md",
            {},
            {"permalink": "pretty", "baseurl": "/base/"},
            "/base/m/2020/03/04/news/",
        ),
    ],
)
def test_page_url(
    tmp_path: Path, path: str, front_matter: dict, config: dict | None, expected: str
) -> None:
    assert _url(tmp_path, path, front_matter, config) == expected


def test_post_dates_and_normalise(tmp_path: Path) -> None:
    (tmp_path / "m" / "_posts").mkdir(parents=True)
    (tmp_path / "m" / "_posts" / "2001-02-03-x.md").write_text("---\n---\n")
    (tmp_path / "m" / "_posts" / "2001-2-3-y.md").write_text("---\ndate: 2005-01-01\n---\n")
    site = load_site(tmp_path)
    assert site.by_path["m/_posts/2001-02-03-x.md"].date == dt.date(2001, 2, 3)
    assert site.by_path["m/_posts/2001-2-3-y.md"].date == dt.date(2005, 1, 1)
    assert site.by_path["m/_posts/2001-2-3-y.md"].slug == "y"
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
    # Pages live at their Jekyll URLs (under baseurl /course): links point there.
    overview = out / "modules/basics/index.html"
    hrefs = _hrefs(overview)
    assert "second/index.html" in hrefs
    assert "second/index.html#more" in hrefs
    assert "../tips%20%26%20tricks/hello-world/index.html" in hrefs
    # the linked site file is copied next to the pages, at its site path
    chart = [h for h in hrefs if h.endswith("chart.png")]
    assert chart == ["../../img/chart.png"]
    assert (out / "img/chart.png").read_bytes() == b"PNG"

    second = _hrefs(out / "modules/basics/second/index.html")
    assert "../index.html" in second
    # A Markdown image at its site path under baseurl ({{ site.baseurl }}/img/...)
    # is the site's file, as Jekyll serves it.
    (chart_image,) = re.findall(
        r'<img [^>]*src="([^"]+)"', (out / "modules/basics/second/index.html").read_text()
    )
    assert (out / "modules/basics/second" / chart_image).resolve().read_bytes() == b"PNG"
    assert "../../../index.html" in second

    home = _hrefs(out / "index.html")
    assert "modules/basics/index.html" in home
    assert any(h.endswith("hello-world/index.html") for h in home)

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
