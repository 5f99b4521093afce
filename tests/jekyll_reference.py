"""Jekyll as the reference: render a test root with Debian's ``jekyll`` and compare.

:func:`jekyll_build` renders a copy of a Jekyll site (no layouts: each page is its
content); :func:`features` reduces a page of HTML — Jekyll's or Sphinx's — to
what kramdown decides and a reader sees: the classes of quotes, lists and
paragraphs, definition terms and their ids, tables and rows, code blocks and
their language, math, heading ids and in-page links. Sphinx's own wrappers and
classes are left out, so the two renderings compare field by field.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

#: Classes Sphinx and docutils add by themselves (not the author's).
_SPHINX_CLASSES = frozenset(
    [
        "simple",
        "arabic",
        "loweralpha",
        "upperalpha",
        "lowerroman",
        "upperroman",
        "myst",
        "docutils",
        "align-default",
        "colwidths-auto",
        "notranslate",
        "highlight",
        "head",
        "rubric",
        "row-odd",
        "row-even",
        "mentoring-table-foot",
    ]
)
_LANGUAGE = re.compile(r"^(?:language|highlight)-(\S+)$")
_WORD = re.compile(r"[A-Za-z0-9]+")


def jekyll_build(site: Path, out: Path) -> Path:
    """Render ``site`` with Jekyll into ``out``; skip the test when there is no Jekyll."""
    if shutil.which("jekyll") is None:
        pytest.skip("Debian's jekyll is not installed (tools/system-deps.sh installs it)")
    source = out / "src"
    shutil.copytree(site, source, ignore=shutil.ignore_patterns("conf.py", "_build"))
    destination = out / "site"
    env = {**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true"}
    subprocess.run(
        ["jekyll", "build", "--disable-disk-cache", "-s", str(source), "-d", str(destination)],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    return destination


@dataclass
class Features:
    quotes: list[str] = field(default_factory=list)  # class path of each blockquote
    lists: list[str] = field(default_factory=list)  # tag and classes of each list
    paragraph_classes: list[str] = field(default_factory=list)
    terms: list[tuple[str, str]] = field(default_factory=list)  # (text, id)
    tables: list[tuple[int, int]] = field(default_factory=list)  # (header rows, rows)
    code: list[tuple[str, str]] = field(default_factory=list)  # (language, classes)
    inline_math: list[str] = field(default_factory=list)
    display_math: list[str] = field(default_factory=list)
    heading_ids: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    local_links: list[str] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    # the author's classes on HTML elements and players (an IAL after the element)
    element_classes: Counter[str] = field(default_factory=Counter)


class _Reader(html.parser.HTMLParser):
    def __init__(self, scope: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.scope = scope  # only inside the element with role=<scope> (Sphinx's page body)
        self.depth = 0 if scope else 1
        self.stack: list[tuple[str, list[str]]] = []
        self.found = Features()
        self.text: list[str] = []
        self.row_count = self.head_rows = 0
        self.in_head = False
        self.term: list[str] | None = None
        self.term_id = ""
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self.depth == 0:
            if values.get("role") == self.scope:
                self.depth = 1
                self.stack.append((tag, []))
            return
        if tag in ("br", "img", "hr", "input", "meta", "link", "col"):
            self._void(tag, values)
            return
        classes = values.get("class", "").split()
        if values.get("id") == "markdown-toc":
            classes.append("markdown-toc")  # kramdown's table of contents
        self.stack.append((tag, classes))
        self.depth += 1
        self.text.append(" ")  # a block's words never run into the next one's
        self._open(tag, classes, values)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self._void(tag, {k: v or "" for k, v in attrs})

    def _void(self, tag: str, values: dict[str, str]) -> None:
        self.text.append(" ")  # <br>, <img>: the words on either side stay apart
        if values.get("id"):
            self.found.ids.add(values["id"])

    def _open(self, tag: str, classes: list[str], values: dict[str, str]) -> None:
        found = self.found
        if values.get("id"):
            found.ids.add(values["id"])
        own = [c for c in classes if c not in _SPHINX_CLASSES]
        if tag in ("script", "style") or "headerlink" in classes:
            self.skip += 1
        if tag in ("div", "table", "figure", "audio", "video"):
            found.element_classes.update(
                c
                for c in own
                # the highlighters' own classes (Pygments' highlighttable, rouge's rouge-table)
                if not c.startswith(("mentoring-", "highlight", "rouge-"))
                and not _LANGUAGE.match(c)
            )
        if tag == "blockquote":
            path = [_own(c) for t, c in self.stack if t == "blockquote"]
            found.quotes.append(">".join(path))
        elif tag in ("ul", "ol") and not self._inside("nav"):
            if not any("markdown-toc" in c for _, c in self.stack):
                found.lists.append(" ".join([tag, *own]))
        elif tag == "p" and own:
            found.paragraph_classes.append(" ".join(own))
        elif tag == "dt":
            self.term, self.term_id = [], values.get("id", "")
        elif tag == "table":
            self.row_count = self.head_rows = 0
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row_count += 1
            self.head_rows += self.in_head
        elif tag == "div" and any(_LANGUAGE.match(c) for c in classes):
            language = next(m.group(1) for c in classes if (m := _LANGUAGE.match(c)))
            language = "text" if language in ("plaintext", "default") else language
            rest = [c for c in own if not _LANGUAGE.match(c) and c != "highlighter-rouge"]
            found.code.append((language, " ".join(rest)))
        elif tag == "code" and values.get("data-lang") and self._inside("pre"):
            # Liquid's {% highlight python %}: <figure class="highlight"><pre><code …>
            found.code.append((str(values["data-lang"]), ""))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and values.get("id"):
            found.heading_ids.append(values["id"])
        elif tag == "a" and values.get("href", "").startswith("#") and "headerlink" not in classes:
            found.local_links.append(values["href"][1:])
        elif tag == "section" and values.get("id"):
            found.heading_ids.append(values["id"])

    def _inside(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.stack[:-1])

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            return
        while self.stack:
            open_tag, classes = self.stack.pop()
            self.depth -= 1
            if open_tag in ("script", "style") or "headerlink" in classes:
                self.skip -= 1
            if open_tag == "dt" and self.term is not None:
                self.found.terms.append((" ".join("".join(self.term).split()), self.term_id))
                self.term = None
            elif open_tag == "thead":
                self.in_head = False
            elif open_tag == "table":
                self.found.tables.append((self.head_rows, self.row_count))
            if open_tag == tag:
                break
        if not self.stack and self.scope:
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip:
            return
        if self.term is not None:
            self.term.append(data)
        if any("math" in classes for _, classes in self.stack):
            # Sphinx: math elements hold \( \), \[ \] or an AMS environment as written
            if data.strip().startswith("\\begin{"):
                self.found.display_math.append(" ".join(data.split()))
            else:
                _math(self.found, data)
        else:
            self.text.append(data)


def _own(classes: list[str]) -> str:
    return " ".join(c for c in classes if c not in _SPHINX_CLASSES)


def _math(found: Features, text: str) -> str:
    """Note the formulas of ``text``; return the text without them."""
    for match in re.finditer(r"\\\((.*?)\\\)", text, re.S):
        found.inline_math.append(" ".join(match.group(1).split()))
    for match in re.finditer(r"\\\[(.*?)\\\]", text, re.S):
        found.display_math.append(" ".join(match.group(1).split()))
    return re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " ", text, flags=re.S)


def features(page: str, sphinx: bool) -> Features:
    """What a page of HTML shows (``sphinx``: only Sphinx's ``role="main"`` body)."""
    reader = _Reader("main" if sphinx else None)
    reader.feed(page)
    reader.close()
    text = "".join(reader.text)
    if not sphinx:  # kramdown's math engine writes \( \) and \[ \] into the text
        text = _math(reader.found, text)
    reader.found.words = Counter(w.lower() for w in _WORD.findall(text))
    return reader.found
