"""Titles and redirects read from a page's text, as GitHub Pages' plugins read them.

- :func:`leading_heading`: jekyll-titles-from-headings (a GitHub Pages default)
  titles a Markdown page that has no ``title:`` by the heading its body starts
  with (``#`` to ``###``, or a setext heading).
- :func:`refresh_target`: a page whose body is only
  ``<meta http-equiv="refresh" content="0; URL=…">`` is a redirect stub.
- :func:`plain_text`: a heading's Markdown as the plain text a title shows.
- :func:`html_title`: an HTML page without ``title:`` is known by what its
  readers see: its first ``<h1>``, else its ``<title>``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# JekyllTitlesFromHeadings::Generator::TITLE_REGEX
_TITLE = re.compile(r"\A\s*(?:#{1,3}\s+(.*)|(.*)\r?\n[-=]+\s*)$", re.M)
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_IAL = re.compile(r"\{:[^}]*\}")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|`+|~~)(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_text(markdown: str) -> str:
    """A heading's inline Markdown as plain text: no emphasis, links, tags or IALs."""
    text = _CLOSING_HASHES.sub("", markdown)
    text = _IAL.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis
        text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def leading_heading(body: str) -> str | None:
    """The title jekyll-titles-from-headings gives a page whose body starts with a heading."""
    match = _TITLE.match(body)
    if match is None:
        return None
    title = plain_text(match.group(1) or match.group(2) or "")
    return title or None


#: What a redirect stub may hold besides its meta refresh: its <head>, and a short
#: "Redirecting to <a>...</a>" line for browsers that do not follow it.
_STUB_TAGS = frozenset(
    {"meta", "html", "head", "body", "link", "title", "script", "style", "noscript", "p", "a", "br"}
)
_STUB_TEXT = 120


class _RefreshParser(HTMLParser):
    """Finds a ``<meta http-equiv="refresh">`` and anything that is not one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.target: str | None = None
        self.other = False
        self.text = 0  # characters of visible text (a "Redirecting..." line is fine)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            content = values.get("content", "")
            match = re.match(r"\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", content, re.I | re.S)
            target = match.group(1).strip().strip("'\"") if match else ""
            if target and self.target is None:
                self.target = target
                return
        if tag not in _STUB_TAGS:
            self.other = True

    def handle_data(self, data: str) -> None:
        if self.lasttag not in ("title", "script", "style"):
            self.text += len(data.strip())


def refresh_target(body: str) -> str | None:
    """The URL of a page whose body is only a meta refresh (and its ``<head>``), else None."""
    if "http-equiv" not in body.lower():
        return None
    parser = _RefreshParser()
    parser.feed(body)
    parser.close()
    if parser.other or parser.text > _STUB_TEXT:
        return None
    return parser.target


class _HeadingParser(HTMLParser):
    """The text of the first ``<h1>`` (an image's ``alt`` if it has no text) and of
    the ``<title>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.h1: str | None = None
        self.title: str | None = None
        self._in: str | None = None  # "h1" or "title" while inside one
        self._text: list[str] = []
        self._alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in is None and (
            (tag == "h1" and self.h1 is None) or (tag == "title" and self.title is None)
        ):
            self._in, self._text, self._alts = tag, [], []
        elif self._in == "h1" and tag == "img":
            self._alts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        text = " ".join("".join(self._text).split()) or " ".join(" ".join(self._alts).split())
        if "{{" in text or "{%" in text:
            text = ""  # Liquid (a heading per item of a loop): not what readers see
        if tag == "h1":
            self.h1 = text or None
        else:
            self.title = text or None
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)


def html_title(body: str) -> str | None:
    """The title readers see on an HTML page without ``title:``: its first ``<h1>``
    (the heading its layout shows), else its ``<title>`` (the browser's)."""
    if "<h1" not in body.lower() and "<title" not in body.lower():
        return None
    parser = _HeadingParser()
    parser.feed(body)
    parser.close()
    return parser.h1 or parser.title
