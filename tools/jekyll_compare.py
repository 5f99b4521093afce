#!/usr/bin/env python3
"""Compare sphinx-mentoring's build of a Jekyll site with what Jekyll itself renders.

For each SITE:

1. **Jekyll.** A temporary copy of the site is built with Debian's ``jekyll``:
   every layout reduced to ``{{ content }}`` (the page's own content is compared,
   never a theme), ``theme:``/``remote_theme:`` and Sass removed (they need gems
   or the network), the site's own ``_plugins`` left out (GitHub Pages ignores
   them too), and the plugins GitHub Pages enables by default (plus the ones the
   site lists) kept where Debian packages them. A small plugin written into the
   copy records each page Jekyll writes: source, URL, output file, title.
2. **sphinx-mentoring.** ``sphinx-mentoring build SITE OUT --format html`` and
   ``--format text`` (the site folder is never written to), with ``--instructor``:
   Jekyll's page holds a lesson's instructor notes too (a stylesheet hides them),
   so the instructor view is what shows the same words (``--learner``: the
   learner view).
3. **Per page**, matched by URL (Jekyll's output file, looked up in our HTML
   build, following our redirect pages; else by source file): the share of
   Jekyll's visible words found in our text output (as a multiset), Jekyll's
   title and ours, markup leaked into our text beyond what Jekyll itself shows
   (``{:``, ``{%``, ``{{``, ``$$``, HTML tags), the HTML structure counts
   (definition terms, tables, table rows, ``<pre>`` blocks, boxes by class) of
   Jekyll's page and of our page's main content, and the warnings each tool
   printed for that page. Pages one side builds and the other does not are listed.
   Math: the formulas of each page (kramdown writes ``\\( \\)`` and ``\\[ \\]`` into
   Jekyll's page; ours are elements of class ``math``), counted on both sides and
   left out of the word count (a formula is measured by being typeset, not by the
   words of its LaTeX source). In-page links (``href="#id"``) that land on Jekyll's
   page and do not on ours are *dead*.
4. **The issue's criteria** per site: pages of 20 words or more below 0.995 of
   Jekyll's words, the word-weighted share (≥ 0.999), leaks, pages whose counts of
   definition terms, tables, rows, ``<pre>`` blocks or formulas differ, dead links.

Output: a readable table on stdout and, with ``--json FILE`` (``-`` for stdout),
the whole report as JSON. Exit status: 0 when every site could be compared
(whatever the numbers), 1 when a build could not run, 2 on wrong usage.

    python tools/jekyll_compare.py ../shared/corpus/connectedlib --json report.json

Needs Debian's ``jekyll`` (``tools/system-deps.sh`` installs it and the GitHub
Pages plugins Debian packages) and sphinx-mentoring installed in this Python.
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import html
import html.parser
import json
import os
import pickle
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: Plugins GitHub Pages always enables (github/pages-gem ``DEFAULT_PLUGINS``),
#: less jekyll-github-metadata (it queries the GitHub API) and jekyll-coffeescript.
GITHUB_PAGES_DEFAULT_PLUGINS = (
    "jekyll-default-layout",
    "jekyll-gist",
    "jekyll-optional-front-matter",
    "jekyll-paginate",
    "jekyll-readme-index",
    "jekyll-relative-links",
    "jekyll-titles-from-headings",
)
#: Folders never copied into the Jekyll copy (build output, caches, VCS).
SKIP_FOLDERS = {".git", "_site", ".jekyll-cache", ".sass-cache", "node_modules", ".bundle"}

#: Records what Jekyll writes, as JSON, into $MENTORING_COMPARE_PAGES.
RECORDER_PLUGIN = """\
# Written by sphinx-mentoring's tools/jekyll_compare.py into a temporary copy.
require "json"

Jekyll::Hooks.register :site, :post_write do |site|
  rows = []
  (site.pages + site.documents).each do |item|
    next unless item.respond_to?(:output_ext) && [".html", ".htm"].include?(item.output_ext)
    next unless File.file?(site.in_source_dir(item.relative_path))
    next if item.respond_to?(:write?) && !item.write?
    destination = item.destination(site.dest)
    rows << {
      "source" => item.relative_path,
      "url" => item.url,
      "output" => destination.delete_prefix(site.dest).delete_prefix("/"),
      "title" => item.data["title"].nil? ? nil : item.data["title"].to_s,
      "collection" => item.respond_to?(:collection) ? item.collection&.label : nil,
    }
  end
  File.write(ENV.fetch("MENTORING_COMPARE_PAGES"), JSON.pretty_generate(rows))
end
"""

WORD = re.compile(r"[^\W_]+")
_HTML_TAGS = (
    "a|abbr|aside|b|blockquote|br|button|center|code|dd|del|details|div|dl|dt|em|font|"
    "h[1-6]|hr|i|iframe|img|input|ins|kbd|li|mark|ol|p|pre|s|script|section|small|span|"
    "strong|style|sub|summary|sup|table|tbody|td|th|thead|tr|u|ul|video"
)
#: Markup that should never reach a reader as text.
LEAKS = {
    "{:": re.compile(r"\{:"),
    "{%": re.compile(r"\{%"),
    "{{": re.compile(r"\{\{"),
    "$$": re.compile(r"\$\$"),
    "html tag": re.compile(rf"</?(?:{_HTML_TAGS})\b[^<>]*>", re.IGNORECASE),
}
#: Structure counted in the HTML of both builds (what the kramdown work measures).
STRUCTURE_TAGS = ("dt", "table", "tr", "pre", "blockquote")
#: Classes of the cell that holds a code block's line numbers (rouge, Pygments).
_GUTTER = frozenset({"gutter", "linenos"})
#: The counts the issue's criteria want equal on every page ("math": formulas).
CRITERIA_COUNTS = ("dt", "table", "tr", "pre", "math")
#: A page this short is not held to the per-page word share.
MIN_WORDS = 20
PAGE_RECALL = 0.995
#: The formulas kramdown's MathJax engine writes into a page's text.
_JEKYLL_MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)
#: dl lists that are not the author's definition lists (Sphinx's field lists).
_NOT_TERMS = frozenset(["field-list", "footnote-list", "citation-list"])
_LAYOUT_LINE = re.compile(r"^layout:\s*['\"]?([^'\"#\s]+)", re.MULTILINE)
_WARNING_LINE = re.compile(
    r"^(?P<path>/[^:\n]+?):(?:\d+:)? WARNING: .*?(?:\[(?P<type>[\w.-]+)\])?$", re.MULTILINE
)
_JEKYLL_WARNING = re.compile(r"(?:Warning|Error):.*?\b(?:in|for) (?P<path>[^\s]+?)[.:]?\s*$")
_REFRESH_URL = re.compile(r"url=['\"]?([^'\"> ]+)", re.IGNORECASE)


# -- HTML reading -------------------------------------------------------------------------


class _HtmlDigest(html.parser.HTMLParser):
    """Visible text, structure counts and outermost boxes by class of one HTML page.

    ``main_only``: only what lies inside the ``role="main"`` (or ``<main>``) element,
    so a themed page's navigation is not counted.
    """

    VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "param",
            "source",
            "track",
            "wbr",
        ]
    )

    def __init__(self, *, main_only: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.main_only = main_only
        self.text: list[str] = []
        self.tags: collections.Counter[str] = collections.Counter()
        self.blockquote_classes: collections.Counter[str] = collections.Counter()
        self.boxes: collections.Counter[str] = collections.Counter()  # outermost per class
        self.refresh: str | None = None
        self.page: str | None = None  # the docname our theme writes on <body>
        self.ids: set[str] = set()  # every id (and <a name>) of the whole page
        self.links: list[str] = []  # in-page link targets (href="#x"), counted part
        self.math = 0  # elements of class "math" (Sphinx's formulas), counted part
        self.code_text: list[str] = []  # text inside <pre>/<code> (never formulas)
        self.prose_text: list[str] = []  # the rest
        self._stack: list[tuple[str, tuple[str, ...], bool]] = []  # tag, classes, is main
        self._skip = 0
        self._in_main = 0
        self.saw_main = False

    @property
    def counting(self) -> bool:
        return self._in_main > 0 or not self.main_only

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content") or "")
            self.refresh = match.group(1) if match else None
        if tag == "body" and values.get("data-mentoring-page"):
            self.page = values["data-mentoring-page"]
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        if tag in self.VOID:
            return
        classes = tuple((values.get("class") or "").split())
        is_main = tag == "main" or values.get("role") == "main"
        if is_main:
            self._in_main += 1
            self.saw_main = True
        if self.counting:
            if tag == "dt" and self._in_field_list():
                pass  # a field list's name, not a definition term
            elif tag == "pre" and self._in_code_block():
                pass  # a code block counts once, however its line numbers are laid out
            elif tag in STRUCTURE_TAGS:
                self.tags[tag] += 1
            href = values.get("href") or ""
            if tag == "a" and href.startswith("#") and len(href) > 1:
                self.links.append(urllib.parse.unquote(href[1:]))
            if "math" in classes and tag in ("span", "div"):
                self.math += 1
            if tag == "blockquote":
                for name in classes:
                    self.blockquote_classes[name] += 1
            open_classes = {c for _, cs, _ in self._stack for c in cs}
            for name in set(classes) - open_classes:
                self.boxes[name] += 1
        if tag in ("script", "style", "template"):
            self._skip += 1
        self._stack.append((tag, classes, is_main))

    def _in_code_block(self) -> bool:
        """Inside a ``<pre>`` or a line-number column: rouge writes a numbered block
        as a ``<pre>`` holding a table of two more, Pygments as a table of two."""
        return any(t == "pre" or _GUTTER & set(c) for t, c, _ in self._stack)

    def _in_field_list(self) -> bool:
        return any(t == "dl" and _NOT_TERMS & set(c) for t, c, _ in self._stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        # Pop to the matching open tag (browsers forgive unclosed <p>, <li> ...).
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                for name, _, is_main in self._stack[depth:]:
                    if is_main:
                        self._in_main -= 1
                    if name in ("script", "style", "template"):
                        self._skip -= 1
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skip and self.counting:
            self.text.append(data)
            in_code = any(t in ("pre", "code") for t, _, _ in self._stack)
            (self.code_text if in_code else self.prose_text).append(data)


def digest_html(text: str, *, main_only: bool = False) -> _HtmlDigest:
    parser = _HtmlDigest(main_only=main_only)
    parser.feed(text)
    parser.close()
    if main_only and not parser.saw_main:  # not our theme: count the whole page
        return digest_html(text, main_only=False)
    return parser


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(w.lower() for w in WORD.findall(text))


def jekyll_math(digest: _HtmlDigest) -> tuple[str, int]:
    """Jekyll's page text without its formulas, and how many formulas it holds.

    Code is not math: ``\\(`` written in a code block is left in the text.
    """
    prose = " ".join(digest.prose_text)
    text = _JEKYLL_MATH.sub(" ", prose) + " " + " ".join(digest.code_text)
    return text, len(_JEKYLL_MATH.findall(prose))


def dead_links(theirs: _HtmlDigest, mine: _HtmlDigest) -> list[str]:
    """In-page links that land on Jekyll's page and not on ours.

    Each of our links to a missing id counts (unless the same link is dead on
    Jekyll's page too), and so does each working link of Jekyll's that our page
    lost altogether; the names are the missing targets.
    """
    working = [x for x in theirs.links if x in theirs.ids]
    dead_on_jekyll = {x for x in theirs.links if x not in theirs.ids}
    broken = [x for x in mine.links if x not in mine.ids and x not in dead_on_jekyll]
    ours_working = sum(1 for x in mine.links if x in mine.ids)
    lost = len(working) - ours_working - len(broken)
    if lost <= 0:
        return broken
    mine_targets = collections.Counter(x for x in mine.links if x in mine.ids)
    missing = list((collections.Counter(working) - mine_targets).elements())
    return broken + (missing or ["?"] * lost)[:lost]


def leak_counts(text: str) -> dict[str, int]:
    return {name: len(rx.findall(text)) for name, rx in LEAKS.items()}


def structure(digest: _HtmlDigest, classes: set[str], math: int | None = None) -> dict[str, int]:
    counts = {tag: digest.tags[tag] for tag in STRUCTURE_TAGS}
    counts["math"] = digest.math if math is None else math
    for name in sorted(classes):
        counts[f"blockquote.{name}"] = digest.blockquote_classes[name]
        counts[f"box.{name}"] = digest.boxes[name]
    return counts


# -- Jekyll ---------------------------------------------------------------------------------


@dataclass
class JekyllBuild:
    pages: list[dict[str, Any]]
    warnings: dict[str, int]  # source path -> warnings Jekyll printed about it
    plugins: list[str]
    stripped: list[str]  # what was taken out of the copy so Jekyll can build it offline
    returncode: int
    log: str


def installed_jekyll_plugins() -> set[str]:
    """The jekyll-* gems this Ruby can load (Debian packages them as ruby-jekyll-*)."""
    try:
        listing = subprocess.run(
            ["gem", "list", "--local", "--no-versions", "^jekyll-"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        return set()
    return {line.strip() for line in listing.splitlines() if line.strip()}


def _layout_names(copy: Path, config: dict[str, Any]) -> set[str]:
    """Every layout a page or ``defaults:`` asks for (each gets a ``{{ content }}`` file)."""
    names = {"default", "page", "post", "home"}
    for entry in config.get("defaults") or []:
        values = entry.get("values") if isinstance(entry, dict) else None
        if isinstance(values, dict) and isinstance(values.get("layout"), str):
            names.add(values["layout"])
    for path in copy.rglob("*"):
        if path.suffix.lower() in (".md", ".markdown", ".html", ".htm") and path.is_file():
            head = path.read_bytes()[:4096].decode("utf-8", "replace")
            if head.lstrip("\ufeff").startswith("---"):
                names.update(_LAYOUT_LINE.findall(head.split("\n---", 1)[0]))
    return {n for n in names if n not in ("none", "null") and "/" not in n}


_INCLUDE_TAG = re.compile(r"\{%-?\s*include\s+([\w/.\-()+~#@]+)")


def _included_names(copy: Path) -> set[str]:
    """Literal file names of every ``{% include %}`` in the site's text files."""
    names: set[str] = set()
    for path in copy.rglob("*"):
        if path.suffix.lower() in (".md", ".markdown", ".html", ".htm") and path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            names.update(n for n in _INCLUDE_TAG.findall(text) if ".." not in n)
    return names


def _existing(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def prepare_jekyll_copy(site: Path, copy: Path, plugin_mode: str) -> tuple[list[str], list[str]]:
    """Copy the site for an offline Jekyll build of its content; return (plugins, stripped)."""
    shutil.copytree(
        site, copy, ignore=lambda folder, names: [n for n in names if n in SKIP_FOLDERS]
    )
    stripped: list[str] = []
    config_path = copy / "_config.yml"
    config: dict[str, Any] = {}
    if config_path.is_file():
        loaded = yaml.safe_load(config_path.read_text(encoding="utf-8-sig")) or {}
        config = loaded if isinstance(loaded, dict) else {}
    for key in ("theme", "remote_theme", "source", "destination", "plugins_dir", "safe"):
        if key in config:
            stripped.append(f"_config.yml {key}: {config.pop(key)}")
    listed = [
        str(p) for p in [*(config.pop("plugins", None) or []), *(config.pop("gems", None) or [])]
    ]
    available = installed_jekyll_plugins()
    wanted = list(dict.fromkeys(listed)) if plugin_mode != "none" else []
    if plugin_mode == "github-pages":
        wanted = list(dict.fromkeys([*GITHUB_PAGES_DEFAULT_PLUGINS, *wanted]))
    plugins = [p for p in wanted if p in available]
    stripped += [f"plugin {p} (not installed)" for p in wanted if p not in available]
    config["plugins"] = plugins
    config["plugins_dir"] = "_plugins"
    if str(config.get("markdown", "kramdown")).lower() != "kramdown":
        # Jekyll 4 (and GitHub Pages since 2016) converts Markdown with kramdown only.
        stripped.append(f"_config.yml markdown: {config['markdown']} (kramdown used)")
        config["markdown"] = "kramdown"
    # Layouts: every one reduced to the page's content (a gem theme's too).
    layouts = copy / str(config.get("layouts_dir") or "_layouts")
    if (copy / "_plugins").exists():
        shutil.rmtree(copy / "_plugins")
        stripped.append("_plugins/ (GitHub Pages does not run them)")
    names = _layout_names(copy, config)
    if layouts.is_dir():
        names |= {p.stem for p in layouts.iterdir() if p.is_file()}
        shutil.rmtree(layouts)
    layouts.mkdir(parents=True)
    for name in sorted(names):
        (layouts / f"{name}.html").write_text("{{ content }}", encoding="utf-8")
    # Includes a page asks for that only a theme has: empty (the theme's boilerplate).
    includes = copy / str(config.get("includes_dir") or "_includes")
    for name in sorted(_included_names(copy) - _existing(includes)):
        target = includes / name
        if target.resolve().is_relative_to(includes.resolve()):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("", encoding="utf-8")
            stripped.append(f"_includes/{name} (not in the site: a theme's; left empty)")
    # Sass needs the theme's partials; the comparison is about pages.
    for path in sorted(copy.rglob("*")):
        if path.suffix in (".scss", ".sass") and path.is_file():
            path.unlink()
    (copy / "_plugins").mkdir()
    (copy / "_plugins" / "mentoring_compare.rb").write_text(RECORDER_PLUGIN, encoding="utf-8")
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return plugins, stripped


def _error_lines(log: str) -> str:
    """What Jekyll said went wrong, without the Ruby backtrace."""
    lines = [
        line.strip()
        for line in log.splitlines()
        if re.search(r"[Ee]rror|Exception|not a valid", line)
        and not line.lstrip().startswith(("from ", "/usr/"))
    ]
    return "\n".join(lines[:10]) or log[-2000:]


def build_with_jekyll(site: Path, work: Path, plugin_mode: str) -> JekyllBuild:
    copy, dest, record = work / "jekyll-src", work / "jekyll-out", work / "jekyll-pages.json"
    plugins, stripped = prepare_jekyll_copy(site, copy, plugin_mode)
    environment = {
        **os.environ,
        "JEKYLL_NO_BUNDLER_REQUIRE": "true",
        "JEKYLL_ENV": "production",
        "MENTORING_COMPARE_PAGES": str(record),
        "NO_COLOR": "1",
    }
    command = ["jekyll", "build", "--disable-disk-cache", "-s", str(copy), "-d", str(dest)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    log = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    pages = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else []
    warnings: dict[str, int] = collections.Counter()
    for line in log.splitlines():
        if "Warning" in line or "Error" in line:
            match = _JEKYLL_WARNING.search(line)
            warnings[match.group("path") if match else ""] += 1
    return JekyllBuild(pages, dict(warnings), plugins, stripped, result.returncode, log)


# -- sphinx-mentoring -----------------------------------------------------------------------


@dataclass
class OurBuild:
    titles: dict[str, str]  # docname -> title
    sources: dict[str, str]  # docname -> source path relative to the site
    warnings: dict[str, int]  # source path -> warnings
    warning_types: dict[str, int]  # mentoring.link -> count
    returncode: int
    log: str


def _command() -> list[str]:
    script = Path(sys.executable).with_name("sphinx-mentoring")
    return [str(script)] if script.is_file() else ["sphinx-mentoring"]


def build_with_sphinx(site: Path, out: Path, instructor: bool = True) -> OurBuild:
    log, status = "", 0
    view = ["--instructor"] if instructor else []
    for fmt in ("html", "text"):
        result = subprocess.run(
            [*_command(), "build", str(site), str(out), "--format", fmt, *view],
            capture_output=True,
            text=True,
            check=False,
        )
        log += result.stdout + result.stderr
        status = status or result.returncode
    titles: dict[str, str] = {}
    sources: dict[str, str] = {}
    pickled = out / "doctrees" / "environment.pickle"
    if pickled.is_file():
        with pickled.open("rb") as handle:
            env = pickle.load(handle)
        for docname in env.found_docs:
            node = env.titles.get(docname)
            titles[docname] = node.astext() if node is not None else ""
            sources[docname] = os.path.relpath(env.doc2path(docname), site).replace(os.sep, "/")
    warnings: dict[str, int] = collections.Counter()
    types: dict[str, int] = collections.Counter()
    site_prefix = str(site.resolve()) + os.sep
    # A warning of the writing phase appears in both builds' logs: count each line once.
    for match in {m.group(0): m for m in _WARNING_LINE.finditer(log)}.values():
        path = match.group("path")
        warnings[path.removeprefix(site_prefix) if path.startswith(site_prefix) else path] += 1
        types[match.group("type") or "sphinx"] += 1
    return OurBuild(titles, sources, dict(warnings), dict(types), status, log)


def our_document(html_root: Path, output: str) -> tuple[str | None, str]:
    """The docname our HTML build serves at a Jekyll output path, and how it was found."""
    docname, how, _file = our_page(html_root, output)
    return docname, how


def our_page(html_root: Path, output: str) -> tuple[str | None, str, str | None]:
    """:func:`our_document` and the output file (relative) that holds the page.

    Pages live at their Jekyll URLs, not at their docnames: the theme names the
    document on ``<body data-mentoring-page>``; other themes' pages are named by path.
    """
    current = output
    for _ in range(5):  # follow at most a few redirect pages
        path = html_root / current
        if path.is_dir():
            path, current = path / "index.html", posixpath.join(current, "index.html")
        if not path.is_file():
            return None, "missing", None
        digest = digest_html(path.read_text(encoding="utf-8", errors="replace"))
        if digest.refresh is None:
            docname = digest.page or current.removesuffix(".html")
            return docname, "url" if current == output else "redirect", current
        target = digest.refresh.split("#", 1)[0]
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", target):
            return None, "external redirect", None
        current = posixpath.normpath(
            posixpath.join(posixpath.dirname(current), urllib.parse.unquote(target))
        )
    return None, "redirect loop", None


_PAGE_ATTRIBUTE = re.compile(r'<body[^>]*\sdata-mentoring-page="([^"]+)"')


def files_by_document(html_root: Path) -> dict[str, str]:
    """Each document's HTML file (relative), as the theme names it on ``<body>``: a page
    matched by its source may be written at a URL other than Jekyll's."""
    found: dict[str, str] = {}
    for path in sorted(html_root.rglob("*.html")):
        match = _PAGE_ATTRIBUTE.search(path.read_text(encoding="utf-8", errors="replace"))
        if match:
            found.setdefault(html.unescape(match.group(1)), path.relative_to(html_root).as_posix())
    return found


# -- the comparison ---------------------------------------------------------------------------


@dataclass
class PageRow:
    url: str
    source: str
    ours: str | None  # our docname
    matched_by: str
    recall: float
    jekyll_words: int
    missing_words: list[str]
    title_jekyll: str | None
    title_ours: str | None
    title_match: bool
    leaks: dict[str, int]
    structure_jekyll: dict[str, int]
    structure_ours: dict[str, int]
    warnings_jekyll: int
    warnings_ours: int
    dead_links: list[str] = field(default_factory=list)

    @property
    def counts_differ(self) -> list[str]:
        """The criteria counts (terms, tables, rows, pre, formulas) that differ."""
        return [
            key
            for key in CRITERIA_COUNTS
            if self.structure_jekyll.get(key, 0) != self.structure_ours.get(key, 0)
        ]


@dataclass
class SiteReport:
    site: str
    ok: bool
    summary: dict[str, Any] = field(default_factory=dict)
    pages: list[PageRow] = field(default_factory=list)
    missing_in_ours: list[str] = field(default_factory=list)
    missing_in_jekyll: list[str] = field(default_factory=list)
    jekyll_plugins: list[str] = field(default_factory=list)
    stripped_for_jekyll: list[str] = field(default_factory=list)
    error: str = ""


def _norm_title(title: str | None) -> str:
    return " ".join((title or "").split())


def compare_site(
    site: Path,
    work: Path,
    plugin_mode: str = "github-pages",
    ignore: tuple[str, ...] = (),
    instructor: bool = True,
) -> SiteReport:
    """Build ``site`` with both tools under ``work`` and compare them page by page.

    ``ignore``: globs of source paths left out on both sides (files that are not
    the site's, such as a corpus's ``SOURCE.md``).
    """
    site = site.resolve()
    report = SiteReport(site=str(site), ok=False)
    if shutil.which("jekyll") is None:
        report.error = "jekyll is not installed (bash tools/system-deps.sh)"
        return report
    try:
        jekyll = build_with_jekyll(site, work, plugin_mode)
    except (OSError, yaml.YAMLError) as error:
        report.error = f"cannot prepare the site for Jekyll: {error}"
        return report
    report.jekyll_plugins, report.stripped_for_jekyll = jekyll.plugins, jekyll.stripped
    if jekyll.returncode != 0:
        report.error = "jekyll build failed:\n" + _error_lines(jekyll.log)
        return report
    ours = build_with_sphinx(site, work / "sphinx", instructor)
    if ours.returncode != 0 or not ours.titles:
        report.error = "sphinx-mentoring build failed:\n" + ours.log[-3000:]
        return report
    html_root, text_root = work / "sphinx" / "html", work / "sphinx" / "text"
    by_source = {source: doc for doc, source in ours.sources.items()}
    our_files: dict[str, str] | None = None  # read only when a page is matched by source
    matched: set[str] = set()

    def ignored(source: str) -> bool:
        return any(fnmatch.fnmatchcase(source, pattern) for pattern in ignore)

    for page in sorted(jekyll.pages, key=lambda p: p["url"]):
        if ignored(page["source"]):
            continue
        docname, how, our_file = our_page(html_root, page["output"])
        if docname is None or docname not in ours.titles:
            fallback = by_source.get(page["source"])
            if fallback and our_files is None:
                our_files = files_by_document(html_root)
            docname, how, our_file = (
                (fallback, "source", (our_files or {}).get(fallback))
                if fallback
                else (None, how, None)
            )
        jekyll_html = (work / "jekyll-out" / page["output"]).read_text(
            encoding="utf-8", errors="replace"
        )
        theirs = digest_html(jekyll_html)
        jekyll_text, jekyll_formulas = jekyll_math(theirs)
        reference = words(jekyll_text)
        total = sum(reference.values())
        row = PageRow(
            url=page["url"],
            source=page["source"],
            ours=docname,
            matched_by=how,
            recall=0.0,
            jekyll_words=total,
            missing_words=[],
            title_jekyll=page["title"],
            title_ours=None,
            title_match=False,
            leaks={},
            structure_jekyll={},
            structure_ours={},
            warnings_jekyll=jekyll.warnings.get(page["source"], 0),
            warnings_ours=0,
        )
        classes = set(theirs.blockquote_classes)
        row.structure_jekyll = structure(theirs, classes, jekyll_formulas)
        if docname is None:
            report.missing_in_ours.append(page["url"])
            report.pages.append(row)
            continue
        matched.add(docname)
        text_file = text_root / f"{docname}.txt"
        text = (
            text_file.read_text(encoding="utf-8", errors="replace") if text_file.is_file() else ""
        )
        got = words(text)
        found = sum(min(n, got[w]) for w, n in reference.items())
        row.recall = found / total if total else 1.0
        row.missing_words = [w for w, n in reference.most_common() if got[w] < n][:12]
        row.title_ours = ours.titles.get(docname)
        row.title_match = _norm_title(row.title_ours) == _norm_title(page["title"])
        shown_by_jekyll = leak_counts(jekyll_text)
        row.leaks = {
            name: count - shown_by_jekyll[name]
            for name, count in leak_counts(text).items()
            if count > shown_by_jekyll[name]
        }
        our_html = html_root / (our_file or f"{docname}.html")
        if our_html.is_file():
            mine = digest_html(
                our_html.read_text(encoding="utf-8", errors="replace"), main_only=True
            )
            row.structure_ours = structure(mine, classes)
            whole = digest_html(our_html.read_text(encoding="utf-8", errors="replace"))
            mine.ids = whole.ids  # a link may land anywhere on the page
            row.dead_links = dead_links(theirs, mine)
        row.warnings_ours = ours.warnings.get(ours.sources.get(docname, ""), 0)
        report.pages.append(row)
    report.missing_in_jekyll = sorted(
        ours.sources[doc]
        for doc in ours.titles
        if doc not in matched and not ignored(ours.sources[doc])
    )
    our_pages = sum(1 for doc in ours.titles if not ignored(ours.sources[doc]))
    report.summary = summarize(report, jekyll, ours, our_pages)
    report.ok = True
    return report


def summarize(
    report: SiteReport, jekyll: JekyllBuild, ours: OurBuild, our_pages: int
) -> dict[str, Any]:
    compared = [r for r in report.pages if r.ours is not None]
    total_words = sum(r.jekyll_words for r in compared)
    found_words = sum(r.recall * r.jekyll_words for r in compared)
    leaks: collections.Counter[str] = collections.Counter()
    structure_jekyll: collections.Counter[str] = collections.Counter()
    structure_ours: collections.Counter[str] = collections.Counter()
    for row in report.pages:
        leaks.update(row.leaks)
        structure_jekyll.update(row.structure_jekyll)
        structure_ours.update(row.structure_ours)
    return {
        "jekyll_pages": len(report.pages),
        "our_pages": our_pages,
        "compared": len(compared),
        "missing_in_ours": len(report.missing_in_ours),
        "missing_in_jekyll": len(report.missing_in_jekyll),
        "served_at_jekyll_url": sum(1 for r in compared if r.matched_by in ("url", "redirect")),
        "word_recall": found_words / total_words if total_words else 1.0,
        "min_page_recall": min((r.recall for r in compared), default=1.0),
        "pages_below_0.99": sum(1 for r in compared if r.recall < 0.99),
        "titles_differ": sum(1 for r in compared if not r.title_match),
        "no_title": sum(1 for r in compared if _norm_title(r.title_ours) in ("", "<no title>")),
        "leaks": dict(leaks),
        "structure_jekyll": dict(structure_jekyll),
        "structure_ours": dict(structure_ours),
        "warnings_jekyll": sum(jekyll.warnings.values()),
        "warnings_ours": sum(ours.warnings.values()),
        "warning_types_ours": ours.warning_types,
        "warnings_ours_on_clean_pages": sum(
            r.warnings_ours for r in compared if r.warnings_jekyll == 0
        ),
        "criteria": criteria(compared, report.missing_in_ours),
    }


def criteria(compared: list[PageRow], missing: list[str]) -> dict[str, Any]:
    """The issue's "Done when", for one site: each value must be 0 (or the share met)."""
    held = [r for r in compared if r.jekyll_words >= MIN_WORDS]
    total = sum(r.jekyll_words for r in compared)
    return {
        "pages": len(compared),
        "missing_pages": len(missing),
        "word_weighted": (sum(r.recall * r.jekyll_words for r in compared) / total)
        if total
        else 1.0,
        "min_page": min((r.recall for r in held), default=1.0),
        "pages_below_0.995": [r.url for r in held if r.recall < PAGE_RECALL],
        "leaks": sum(sum(r.leaks.values()) for r in compared),
        "count_mismatch_pages": {r.url: r.counts_differ for r in compared if r.counts_differ},
        "formulas_jekyll": sum(r.structure_jekyll.get("math", 0) for r in compared),
        "formulas_ours": sum(r.structure_ours.get("math", 0) for r in compared),
        "dead_links": {r.url: r.dead_links for r in compared if r.dead_links},
    }


def criteria_line(name: str, summary: dict[str, Any]) -> str:
    """One line of the per-site table of the issue's criteria."""
    c = summary["criteria"]
    return (
        f"{name:<24} pages {c['pages']:>4} (+{c['missing_pages']} missing)  "
        f"word-weighted {c['word_weighted']:.4f}  min-page {c['min_page']:.4f}  "
        f"pages<0.995 {len(c['pages_below_0.995'])}  leaks {c['leaks']}  "
        f"count-mismatch {len(c['count_mismatch_pages'])}  "
        f"math {c['formulas_ours']}/{c['formulas_jekyll']}  "
        f"dead {sum(len(v) for v in c['dead_links'].values())}"
    )


# -- output ---------------------------------------------------------------------------------


def _short(text: str | None, width: int) -> str:
    text = _norm_title(text) if text is not None else "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(report: SiteReport, out: Any = sys.stdout, show: int | None = None) -> None:
    print(f"\n== {report.site}", file=out)
    if not report.ok:
        print(f"   NOT COMPARED: {report.error}", file=out)
        return
    print(f"   jekyll plugins: {', '.join(report.jekyll_plugins) or '-'}", file=out)
    for item in report.stripped_for_jekyll:
        print(f"   stripped for Jekyll: {item}", file=out)
    rows = sorted(report.pages, key=lambda r: (r.ours is not None, r.recall, r.url))
    if show is not None:
        rows = rows[:show]
    print(
        f"   {'recall':>6} {'words':>6}  {'url':<40} {'title (jekyll | ours)':<52} warn j/o  "
        "leaks, counts differing (jekyll->ours), dead links",
        file=out,
    )
    for row in rows:
        recall = f"{row.recall:6.3f}" if row.ours is not None else "  MISS"
        title = (
            "=" + _short(row.title_jekyll, 50)
            if row.title_match
            else (_short(row.title_jekyll, 24) + " | " + _short(row.title_ours, 24))
        )
        leaks = " ".join(f"{k}:{v}" for k, v in row.leaks.items())
        differ = " ".join(
            f"{k} {row.structure_jekyll.get(k, 0)}->{row.structure_ours.get(k, 0)}"
            for k in row.counts_differ
        )
        if row.ours is not None and differ:
            leaks += f" [{differ}]"
        if row.dead_links:
            leaks += " dead: " + " ".join(f"#{x}" for x in row.dead_links[:5])
        print(
            f"   {recall} {row.jekyll_words:6d}  {_short(row.url, 40):<40} {title:<52} "
            f"{row.warnings_jekyll:>4}/{row.warnings_ours:<3} {leaks}",
            file=out,
        )
    for docname in report.missing_in_jekyll:
        print(f"   {'EXTRA':>6} {'':6}  {docname} (built by us, not by Jekyll)", file=out)
    summary = dict(report.summary)
    summary.pop("criteria")
    structure_jekyll = summary.pop("structure_jekyll")
    structure_ours = summary.pop("structure_ours")
    print("   " + json.dumps(summary), file=out)
    keys = sorted(set(structure_jekyll) | set(structure_ours))
    if keys:
        print(
            "   structure (jekyll -> ours): "
            + ", ".join(
                f"{k} {structure_jekyll.get(k, 0)}->{structure_ours.get(k, 0)}" for k in keys
            ),
            file=out,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", metavar="SITE", help="Jekyll site folders")
    parser.add_argument("--json", metavar="FILE", help="write the report as JSON ('-': stdout)")
    parser.add_argument(
        "--plugins",
        choices=("github-pages", "site", "none"),
        default="github-pages",
        help="Jekyll plugins: GitHub Pages' defaults plus the site's (default), "
        "the site's only, or none",
    )
    parser.add_argument("--work", metavar="DIR", help="keep the builds in DIR (default: temporary)")
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="GLOB",
        help="source paths to leave out on both sides (repeatable), e.g. SOURCE.md",
    )
    parser.add_argument("--show", type=int, default=None, help="only the N worst pages per site")
    parser.add_argument(
        "--learner",
        action="store_true",
        help="build the learner view (instructor notes left out; Jekyll's page has them)",
    )
    args = parser.parse_args(argv)
    sites = [Path(s) for s in args.sites]
    for site in sites:
        if not site.is_dir():
            parser.error(f"{site} is not a folder")
    reports: list[SiteReport] = []
    with tempfile.TemporaryDirectory(prefix="jekyll-compare-") as temporary:
        base = Path(args.work) if args.work else Path(temporary)
        for index, site in enumerate(sites):
            work = base / f"{index:02d}-{site.resolve().name}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            report = compare_site(
                site, work, args.plugins, tuple(args.ignore), instructor=not args.learner
            )
            reports.append(report)
            print_table(report, sys.stdout if args.json != "-" else sys.stderr, args.show)
    out = sys.stdout if args.json != "-" else sys.stderr
    print("\n== the issue's criteria, per site", file=out)
    for report in reports:
        name = Path(report.site).name
        print(
            criteria_line(name, report.summary) if report.ok else f"{name:<24} NOT COMPARED",
            file=out,
        )
    if args.json:
        data = json.dumps([asdict(r) for r in reports], indent=1, ensure_ascii=False)
        if args.json == "-":
            print(data)
        else:
            Path(args.json).write_text(data + "\n", encoding="utf-8")
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
