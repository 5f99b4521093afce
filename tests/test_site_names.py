"""Titles and module names as the site shows them, checked against Debian's Jekyll.

The root ``test-site-module-names`` is a Course-in-a-Box site whose
``_data/course.yml`` lists folder ids: its modules are named by a menu in its own
include, by the tile grid and the links of its landing page, by the front matter
(``module_full_name``), else by their folder. Every module opens with a
"Check-in" page, a name that must never become the module's.
"""

from __future__ import annotations

import html.parser
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from jekyll_reference import jekyll_build

from sphinx_mentoring.site import load_site
from sphinx_mentoring.site.module_names import (
    human_title,
    is_name,
    linked_name,
    links_in,
    title_from_id,
)
from sphinx_mentoring.site.titles import html_title

ROOT = Path(__file__).parent / "roots" / "test-site-module-names"

#: module id -> the name the site shows for it (and where it comes from)
NAMES = {
    "introducing-the-toolkit": "Introducing the Toolkit",  # the include's menu
    "basics": "The Connected Learning Mindset",  # the landing page's tile, lower case there
    "customize": "Customize",  # a landing link to one of its pages, in the id's words
    "extras": "Further reading",  # module_full_name
    "youth-development": "Youth Development",  # the folder id, as a reader writes it
}
#: Front-matter titles with quotes and dashes: every output shows them as written.
TITLES = {
    "guide": "Don't panic -- it's \"fine\"...",
    "modules/basics/_posts/2000-01-02-tools": 'Tools -- "old" and new',
    # the body opens with "# The Favicon": the same words, shown once, as written above
    "modules/customize/_posts/2000-01-02-favicon": "The favicon",
    "about": "About this course",  # an HTML page without title: its <h1>
    "contact": "Contact us",  # a whole HTML document without <h1>: its <title>
    "index": "Names Course",  # the landing page without title: the site's title
    "notes/README": "Notes",  # a folder's README (jekyll-readme-index): the folder's name
}


def test_names_read_as_a_person_writes_them() -> None:
    assert title_from_id("introducing-the-toolkit") == "Introducing the Toolkit"
    assert title_from_id("youth_development") == "Youth Development"
    assert human_title("the connected learning mindset") == "The Connected Learning Mindset"
    assert human_title("tools of the trade") == "Tools of the Trade"
    assert human_title("learning about LMS and iPads") == "Learning About LMS and iPads"
    assert is_name("Course Selection") and is_name("Setup") and is_name("Logistics & Tools")
    assert not is_name("introducing-the-toolkit") and not is_name("basics")
    assert not is_name("Module_1")


def test_links_that_name_a_module() -> None:
    text = (
        '<a href="{{ site.baseurl }}/modules/a/">The A</a>'
        "<!-- <a href='/modules/b/'>Old B</a> -->"
        '<a href="/modules/b/">{{ module }}</a>'
        '<a href="https://example.org/modules/c/">Elsewhere</a>'
    )
    links = links_in(text, "/", "/course", markdown=False)
    assert [(link.url, link.text) for link in links] == [("/modules/a", "The A")]
    md = "See [the *basics*](modules/basics/x.html) and ![logo](modules/basics/)."
    (link,) = links_in(md, "/", "", markdown=True)
    assert (link.url, link.text) == ("/modules/basics/x", "the basics")
    # a link to the module's folder URL names it; one to a page of the module only
    # in the id's own words (a landing page's "Begin this course" is no name)
    assert linked_name(links, "a", "/modules/a", []) == "The A"
    assert linked_name([link], "basics", "/modules/basics", ["/modules/basics/x"]) is None
    begin = links_in('<a href="/modules/start/">Start</a>', "/", "", markdown=False)
    assert linked_name(begin, "start", "/modules/start", ["/modules/start"]) == "Start"
    cta = links_in('<a href="/modules/start/one">Begin</a>', "/", "", markdown=False)
    assert linked_name(cta, "start", "/modules/start", ["/modules/start/one"]) is None


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("<div><h1>About <em>this</em>\n course</h1><h1>Other</h1></div>", "About this course"),
        ("<html><head><title>Contact us</title></head><body><p>Hi</p></body></html>", "Contact us"),
        ('<title>Browser</title><h1><img src="x.png" alt="The logo"></h1>', "The logo"),
        ("<p>No heading.</p>", None),
        # Liquid in the <h1> (a heading per item of a loop) is not the page's title
        ("{% for p in site.pages %}<h1>{{ p.title }}</h1>{% endfor %}<h1>Real</h1>", "Real"),
        ("<title>Articles</title><h1>{% if a %}A{% endif %}</h1>", "Articles"),
    ],
)
def test_an_html_page_is_titled_by_its_h1(body: str, title: str | None) -> None:
    assert html_title(body) == title


def test_the_site_model_titles() -> None:
    site = load_site(ROOT)
    about = site.by_path["about.html"]
    assert about.title == "About this course"
    assert "title" not in about.data  # Liquid's page.title stays empty, as in Jekyll
    assert site.by_path["guide.md"].title == TITLES["guide"]


@pytest.mark.sphinx("html", testroot="site-module-names", freshenv=True)
def test_titles_and_module_names_in_every_output(app: Any) -> None:
    from sphinx_mentoring.course import get_course

    app.build()
    assert app.warning.getvalue() == ""
    course = get_course(app.env)
    assert {module.id: module.title for module in course.modules} == NAMES
    titles = {doc: title.astext() for doc, title in app.env.titles.items()}
    for doc, title in TITLES.items():
        assert titles[doc] == title
    # the <h1> an HTML page is titled by is shown once; so is an HTML <h1> that
    # repeats a front-matter title, and another one stays
    about = app.env.get_doctree("about")
    assert about.astext().count("About this course") == 1
    assert not [c for c in about.findall(nodes.container) if not c.children]
    # a whole document (layout: null): its body, its <title> as the page's title
    contact = app.env.get_doctree("contact").astext()
    assert contact.split() == ["Contact", "us", "Write", "to", "us.", "Or", "call."]
    welcome = app.env.get_doctree("welcome").astext()
    assert welcome.count("Welcome aboard") == 1 and "Before you start" in welcome
    # the body heading equal to the front-matter title: once, as written
    for doc in ("guide", "modules/customize/_posts/2000-01-02-favicon"):
        doctree = app.env.get_doctree(doc)
        assert [t.astext() for t in doctree.findall(nodes.title)] == [TITLES[doc]]
    out = Path(app.outdir)
    page = (out / "guide.html").read_text(encoding="utf-8")
    assert "<title>Don&#39;t panic -- it&#39;s &#34;fine&#34;... &#8212;" in page
    assert "\u2019" not in page.split("<article", 1)[-1].split("</h1>", 1)[0]
    # the module names reach the navigation of every page, never "Check-in"
    work = (out / "modules" / "customize" / "2000" / "01" / "02" / "favicon.html").read_text(
        encoding="utf-8"
    )
    for name in NAMES.values():
        assert f">{name}<" in work.replace("&amp;", "&")


class _Anchors(html.parser.HTMLParser):
    """(href, text) of each link, <title> and <h1> texts of a Jekyll page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.h1: list[str] = []
        self.title = ""
        self._tag: str | None = None
        self._href = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "h1", "title"):
            self._tag, self._href, self._text = tag, dict(attrs).get("href") or "", []
        elif tag == "br" and self._tag:
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag != self._tag:
            return
        text = " ".join("".join(self._text).split())
        if tag == "a":
            self.links.append((self._href, text))
        elif tag == "h1":
            self.h1.append(text)
        else:
            self.title = text
        self._tag = None

    def handle_data(self, data: str) -> None:
        if self._tag:
            self._text.append(data)


def _jekyll_page(out: Path, path: str) -> _Anchors:
    parser = _Anchors()
    parser.feed((out / path).read_text(encoding="utf-8"))
    return parser


def test_what_jekyll_shows(tmp_path: Path) -> None:
    """The names and titles above are what Jekyll's own rendering of the site shows."""
    out = jekyll_build(ROOT, tmp_path)
    home = _jekyll_page(out, "index.html")
    shown = {text.casefold() for _href, text in home.links}
    for module, name in NAMES.items():
        if module in ("extras", "youth-development"):
            # named nowhere but by the menu's Liquid ({{ module }}): the folder id
            assert module in shown
        else:
            assert name.casefold() in shown, name
    for path, title in (
        ("guide.html", TITLES["guide"]),
        ("modules/basics/2000/01/02/tools.html", TITLES["modules/basics/_posts/2000-01-02-tools"]),
        (
            "modules/customize/2000/01/02/favicon.html",
            TITLES["modules/customize/_posts/2000-01-02-favicon"],
        ),
    ):
        assert _jekyll_page(out, path).title == title  # the layout's {{ page.title }}
    assert _jekyll_page(out, "contact.html").title == TITLES["contact"]
    about = _jekyll_page(out, "about.html")
    assert [h for h in about.h1 if h] == [TITLES["about"]]
    assert about.title == ""  # Jekyll's page.title is empty: the page's <h1> names it
