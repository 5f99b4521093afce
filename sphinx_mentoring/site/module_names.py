"""The names a course site shows for its modules.

P2PU's Course-in-a-Box prints each ``_data/course.yml`` entry as it is
(``{{ module }}`` in its navigation and "Next module" links), so an entry may
be the module's name ("Logistics & Tools"). Sites whose entries are folder ids
("introducing-the-toolkit") name their modules where readers see them: in a
menu of their own layouts or includes, or in the links of their landing page
(a grid of modules). This module finds those links — plain Python, read from
the site's files — and reads folder ids the way a person would write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from sphinx_mentoring.site.titles import plain_text
from sphinx_mentoring.site.urls import normalise_url

#: Words a title keeps in lower case unless they open or close it (English
#: headline style, as a course author writes "Introducing the Toolkit").
_SMALL = "a an and as at but by for from in into nor of on or per the to via vs with"
_SMALL_WORDS = frozenset(_SMALL.split())
# ``{{ site.baseurl }}``, ``{{site.url}}``: Liquid a menu puts before its hrefs.
_SITE_URL = re.compile(r"\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}")
_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\[\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
_LIQUID = re.compile(r"\{[{%]")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LONGEST_NAME = 80  # characters: a link text longer than this is a sentence, not a name


def human_title(text: str) -> str:
    """``introducing the toolkit`` -> ``Introducing the Toolkit``: words in lower
    case get a capital, small words inside the title excepted; any word the
    author capitalised stays as written."""
    words = text.split()
    titled = []
    for index, word in enumerate(words):
        inner = 0 < index < len(words) - 1
        if word != word.lower() or (inner and word in _SMALL_WORDS):
            titled.append(word)
        else:
            titled.append(word[:1].upper() + word[1:])
    return " ".join(titled)


def title_from_id(module_id: str) -> str:
    """A folder id as a reader would write it: ``youth-development`` -> ``Youth Development``."""
    return human_title(" ".join(re.split(r"[-_\s]+", module_id))) or module_id


def is_name(entry: str) -> bool:
    """Does a ``_data/course.yml`` entry read as a name ("Course Selection",
    "Setup") rather than a folder id ("introducing-the-toolkit")?"""
    if any(c.isspace() for c in entry.strip()):
        return True
    return entry != entry.lower() and not re.search(r"[-_]", entry)


def _same_words(a: str, b: str) -> bool:
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    return words(a) == words(b)


@dataclass(frozen=True)
class Link:
    """A link a reader sees: where it leads (normalised site URL) and its text."""

    url: str
    text: str


class _LinkParser(HTMLParser):
    """The ``<a href>`` links of a piece of HTML, with their visible text (an
    image's ``alt`` when the link has no text); comments and scripts are skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str], list[str]]] = []  # href, text, alts
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "a" and values.get("href"):
            self._open.append((values["href"], [], []))
        elif tag == "img" and self._open and values.get("alt"):
            self._open[-1][2].append(values["alt"])
        elif tag == "br" and self._open:
            self._open[-1][1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(self._skip - 1, 0)
        elif tag == "a" and self._open:
            href, text, alts = self._open.pop()
            shown = " ".join("".join(text).split()) or " ".join(alts)
            self.links.append((href, shown))

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._open[-1][1].append(data)


def links_in(text: str, page_url: str, baseurl: str, *, markdown: bool) -> list[Link]:
    """The links of a layout, include or page, resolved to normalised site URLs.

    Liquid is not run: ``{{ site.baseurl }}`` before an href is dropped, and a
    link whose text is Liquid (``{{ module }}``) names nothing by itself.
    """
    found: list[tuple[str, str]] = []
    if markdown:
        visible = _COMMENT.sub("", text)
        found += [(href, plain_text(label)) for label, href in _MARKDOWN_LINK.findall(visible)]
    parser = _LinkParser()
    parser.feed(text)
    parser.close()
    found += parser.links
    links = []
    for href, label in found:
        href = _SITE_URL.sub("", href).strip()
        if not label or _LIQUID.search(label) or _LIQUID.search(href):
            continue
        if urlsplit(href).scheme or href.startswith(("//", "#", "mailto:")):
            continue
        path = urlsplit(urljoin("http://site" + page_url, href)).path
        links.append(Link(normalise_url(path, baseurl), label))
    return links


def linked_name(
    links: Iterable[Link], module_id: str, module_url: str, page_urls: Iterable[str]
) -> str | None:
    """The text of the first link to the module's folder URL, or to one of its
    pages in the id's own words ("Customize" for ``customize``: a link to a page
    may say "Begin this course"). All-lower-case link text (a tile grid styled by
    CSS) is written as a title."""
    pages = set(page_urls)
    for link in links:
        if len(link.text) > _LONGEST_NAME:
            continue
        if link.url == module_url or (link.url in pages and _same_words(link.text, module_id)):
            return human_title(link.text) if link.text == link.text.lower() else link.text
    return None
