"""Hostile and broken course pages and sites: the cases of issue 18, as data.

Each :class:`Case` writes its page (and, when ``alone``, changes to the site
itself) into a small Course-in-a-Box site made by :func:`base_site`, next to an
``outside`` folder whose secret must never reach any output. Cases that touch
only their own page can share one site; the others need one of their own.

``tests/test_hostile.py`` builds them for real and checks the promises of
``docs/reference/security.md``; ``benchmarks/hostile.py`` builds each one alone
with the ``sphinx-mentoring`` command and reports time, peak memory, and the
same checks (the "Done when" of the issue).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

#: A token in the files outside the site: no output byte may hold it.
SECRET = "SECRETTOKEN-51c9e2"
#: What an injected script would run: no script element or URL of the output may hold it.
PAYLOAD = "alert(pwned)"
#: Two words every hostile page holds, before and after its hostile part.
BEFORE, AFTER = "morvik", "tazzle"

CONFIG = """\
title: Hostile course
description: A course that tries everything
baseurl: ""
permalink: /:categories/:title/
"""
COURSE = "title: Hostile course\nmodules: [basics]\n"
LANDING = "---\ntitle: Basics\nlayout: module\n---\n\nThe basics module.\n"
INDEX = "---\ntitle: Home\nlayout: index\n---\n\nWelcome to the course.\n"


@dataclass(frozen=True)
class Target:
    """Where a case writes: the site, the folder outside it, and the case's own page."""

    site: Path
    outside: Path
    name: str

    @property
    def post(self) -> Path:
        return self.site / "modules" / "basics" / "_posts" / f"2020-01-01-{self.name}.md"

    @property
    def docname(self) -> str:
        return self.post.relative_to(self.site).with_suffix("").as_posix()

    def relative(self, path: Path | str) -> str:
        """``path`` as written on the case's page (relative to its folder)."""
        return os.path.relpath(path, self.post.parent)

    def write(self, body: str, extra: str = "", title: str = "Hostile page") -> None:
        self.post.write_text(page(title, body, extra), encoding="utf-8")


def page(title: str, body: str, extra: str = "") -> str:
    """A Course-in-a-Box post: front matter, then ``body`` between two known words."""
    return (
        f"---\ntitle: {title}\nmodule_name: basics\nsection: 1. First\nsubsection: one\n"
        f"{extra}---\n\nWords before: {BEFORE}.\n\n{body}\n\nWords after: {AFTER}.\n"
    )


def base_site(site: Path, outside: Path) -> None:
    """The site every case starts from, and the secrets beside it."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"---\ntitle: Secret\n---\n\n{SECRET}\n", encoding="utf-8")
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    for folder in ("_data", "_includes", "modules/basics/_posts"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    (site / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (site / "_data" / "course.yml").write_text(COURSE, encoding="utf-8")
    (site / "index.md").write_text(INDEX, encoding="utf-8")
    (site / "modules" / "basics" / "index.md").write_text(LANDING, encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    category: str
    write: Callable[[Target], None]
    #: the ``mentoring.*`` subtype the build must report for this case (None: any or none)
    warning: str | None = None
    #: words the author wrote that must reach the case's HTML page
    words: tuple[str, ...] = (BEFORE, AFTER)
    #: changes the site itself (configuration, other pages): needs a site of its own
    alone: bool = False
    #: a correct site: ``--format epub -W`` passes and epubcheck finds no error
    clean: bool = False


def body(text: str, extra: str = "", title: str = "Hostile page") -> Callable[[Target], None]:
    """A case whose page holds ``text`` (and ``extra`` front matter)."""

    def write(target: Target) -> None:
        target.write(text, extra, title)

    return write


# -- case writers -----------------------------------------------------------------------


def _directive(markup: str) -> Callable[[Target], None]:
    """A page using a directive on the secret's path (``PATH`` in ``markup``)."""

    def write(target: Target) -> None:
        target.write(markup.replace("PATH", target.relative(target.outside / "secret.txt")))

    return write


def _image_outside(markdown: bool) -> Callable[[Target], None]:
    def write(target: Target) -> None:
        path = target.relative(target.outside / "secret.png")
        target.write(f"![outside picture]({path})" if markdown else f'<img src="{path}" alt="pic">')

    return write


def _linked_page(target: Target) -> None:
    target.post.symlink_to(target.outside / "secret.md")


def _linked_folder(target: Target) -> None:
    (target.site / "modules" / target.name).symlink_to(target.outside, target_is_directory=True)
    target.write("A plain page.")


def _loop(target: Target) -> None:
    for name in ("a", "b"):
        folder = target.site / "modules" / f"{target.name}-{name}"
        folder.symlink_to(target.site, target_is_directory=True)
    target.write("A plain page.")


def _fifo(target: Target) -> None:
    os.mkfifo(target.post)


def _device(target: Target) -> None:
    path = target.relative("/dev/zero")
    target.write(f"```{{include}} {path}\n```\n\n```{{literalinclude}} {path}\n```")


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _bomb_in_front_matter(target: Target) -> None:
    target.post.write_text(
        f"---\ntitle: Bomb\n{_alias_bomb()}---\n\nWords before: {BEFORE}.\n\n{{{{ page.a8 }}}}\n\n"
        f"Words after: {AFTER}.\n",
        encoding="utf-8",
    )


def _bomb_in(file: str) -> Callable[[Target], None]:
    def write(target: Target) -> None:
        path = target.site / file
        path.write_text(path.read_text(encoding="utf-8") + _alias_bomb(), encoding="utf-8")
        target.write("{{ site.a8 }} {{ site.data.course.a8 }}")

    return write


def _long_name(target: Target) -> None:
    stem = f"2020-01-03-{target.name}-"
    path = target.post.with_name(stem + "x" * (251 - len(stem) - len(".md")) + ".md")
    path.write_text(page("Long name", "A page with a long name."), encoding="utf-8")
    target.write("A plain page.")


def _escape_file_name(target: Target) -> None:
    path = target.post.with_name("2020-01-03-esc\x1b[2J\rbuild succeeded.md")
    path.write_text(page("Escape", "A page with an escape in its name."), encoding="utf-8")
    target.write("A plain page.")


def _encoded(codec: str) -> Callable[[Target], None]:
    def write(target: Target) -> None:
        target.post.write_bytes(page("Encoded", "Saved oddly: glimmet.").encode(codec))

    return write


def _reserved(name: str) -> Callable[[Target], None]:
    def write(target: Target) -> None:
        (target.site / f"{name}.md").write_text(
            f"---\ntitle: My {name} page\n---\n\nThe author's own {name} page: quorble.\n",
            encoding="utf-8",
        )
        target.write("A plain page.")

    return write


def _module_title(title: str) -> Callable[[Target], None]:
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def write(target: Target) -> None:
        landing = target.site / "modules" / "basics" / "index.md"
        landing.write_text(LANDING.replace("title: Basics", f"title: {quoted}"), encoding="utf-8")
        (target.site / "_data" / "course.yml").write_text(
            COURSE.replace("modules: [basics]", f"modules:\n  - name: basics\n    title: {quoted}"),
            encoding="utf-8",
        )
        target.write("A plain page.", extra=f"module_full_name: {quoted}\n")

    return write


def _course_title(target: Target) -> None:
    title = '"Cours ❤️ الأساسيات \\ufffd #1 50% \\v & {x}"'
    for file, text in (("_config.yml", CONFIG), ("_data/course.yml", COURSE)):
        (target.site / file).write_text(text.replace("title: Hostile course", f"title: {title}"))
    target.write("A plain page.")


def _no_description(target: Target) -> None:
    config = CONFIG.replace("description: A course that tries everything\n", "")
    (target.site / "_config.yml").write_text(config, encoding="utf-8")
    target.write("A plain page.")


def _plain_page(target: Target) -> None:
    (target.site / "about.md").write_text(
        "---\ntitle: About\n---\n\nAbout this course: quorble.\n", encoding="utf-8"
    )
    target.write("A plain page.")


def _nested_divs(count: int, closed: bool) -> Callable[[Target], None]:
    closing = "</div>\n" * count if closed else ""
    return body("<div>\n" * count + "Deep words: plorth.\n" + closing)


def _nested_div_blocks(target: Target) -> None:
    boxes = "\n\n".join(f'<div class="d{i}" markdown="1">\n\nLevel {i}.\n' for i in range(300))
    target.write(boxes + "\n\nDeep words: plorth.")


REFERENCES = "<details><summary>References</summary>\n1: A note.\n</details>"


def _liquid_fanout(target: Target) -> None:
    includes = target.site / "_includes"
    for level in range(12):  # 4 ** 12: 16 million includes
        (includes / f"{target.name}{level}.html").write_text(
            f"{{% include {target.name}{level + 1}.html %}}" * 4 + "x", encoding="utf-8"
        )
    (includes / f"{target.name}12.html").write_text("x", encoding="utf-8")
    target.write(f"{{% include {target.name}0.html %}}")


def _long_line(text: str) -> Callable[[Target], None]:
    return body(text * (60_000 // len(text)) + "\n\nLong line words: plorth.")


def _table(cells: str, rows: int) -> Callable[[Target], None]:
    return body(f"<table>\n{f'<tr>{cells}</tr>' * rows}\n</table>\n\nTable words: plorth.")


CASES: tuple[Case, ...] = (
    # -- injection: script in readers' browsers -------------------------------------------
    Case(
        "href-c0", "injection", body('<a href="\x01javascript:alert(pwned)">c0</a>'), "unsafe-url"
    ),
    Case(
        "href-entities",
        "injection",
        body(
            '<a href="&#1;javascript:alert(pwned)">a</a> '
            '<a href="java&#9;script:alert(pwned)">b</a>'
            ' <a href=" &#x0A;JaVaScRiPt:alert(pwned)">c</a>'
        ),
        "unsafe-url",
    ),
    Case(
        "iframe-c0",
        "injection",
        body('<iframe src="\x01javascript:alert(pwned)"></iframe>'),
        "unsafe-url",
    ),
    Case(
        "iframe-newline",
        "injection",
        body('<iframe src="java\nscript:alert(pwned)" title="Tube"></iframe>'),
        "unsafe-url",
    ),
    Case(
        "iframe-data",
        "injection",
        body('<iframe src="data:text/html,<script>alert(pwned)</script>"></iframe>'),
        "unsafe-url",
    ),
    Case("markdown-link-c0", "injection", body("[c0 link](\x01javascript:alert(pwned))")),
    Case(
        "front-matter-url-schemes",
        "injection",
        body(
            '[x](https://example.org/){: href="javascript:alert(pwned)"} '
            "[y](javascript:alert(pwned))",
            extra="myst:\n  url_schemes: [javascript, http, https]\n",
        ),
        "unsafe-setting",
    ),
    Case(
        "ial-attributes",
        "injection",
        body(
            '[x](https://example.org/){: onclick="alert(pwned)" '
            'formaction="javascript:alert(pwned)"}\n\n'
            '![i](https://example.org/i.png){: src="javascript:alert(pwned)" '
            'onerror="alert(pwned)"}'
        ),
        "unsafe-url",
    ),
    Case(
        "front-matter-meta-refresh",
        "injection",
        body(
            "A page.",
            extra='html_meta:\n  "http-equiv=refresh": "0; url=https://evil.example/"\n'
            'myst:\n  html_meta:\n    "http-equiv=refresh": "0; url=javascript:alert(pwned)"\n',
        ),
        "unsafe-setting",
    ),
    Case(
        "rst-meta-refresh",
        "injection",
        body("```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://evil.example/\n```"),
        "unsafe-setting",
    ),
    Case(
        "myst-raw-html",
        "injection",
        body(
            "```{raw} html\n<script>alert(pwned)</script><p>raw words: glimmet</p>\n"
            '<a href="javascript:alert(pwned)">x</a> <img src=x onerror="alert(pwned)">\n```'
        ),
        "html",
        words=(BEFORE, "glimmet", AFTER),
    ),
    Case(
        "rst-raw-html",
        "injection",
        body(
            "```{eval-rst}\n.. raw:: html\n\n   <script>alert(pwned)</script>"
            "<p>raw words: glimmet</p>\n```"
        ),
        "html",
        words=(BEFORE, "glimmet", AFTER),
    ),
    Case(
        "rst-raw-role",
        "injection",
        body(
            "```{eval-rst}\n.. role:: raw-html(raw)\n   :format: html\n\n"
            'Role words: :raw-html:`<b onclick="alert(pwned)">glimmet</b>'
            "<script>alert(pwned)</script>`\n```"
        ),
        words=(BEFORE, "glimmet", AFTER),
    ),
    Case(
        "raw-url",
        "injection",
        body("```{eval-rst}\n.. raw:: html\n   :url: http://127.0.0.1:9/x\n```"),
        "outside-site",
    ),
    # -- files outside the site -----------------------------------------------------------
    Case(
        "myst-literalinclude",
        "outside",
        _directive("```{literalinclude} PATH\n```"),
        "outside-site",
    ),
    Case("myst-include", "outside", _directive("```{include} PATH\n```"), "outside-site"),
    Case(
        "rst-literalinclude",
        "outside",
        _directive("```{eval-rst}\n.. literalinclude:: PATH\n```"),
        "outside-site",
    ),
    Case(
        "rst-include",
        "outside",
        _directive("```{eval-rst}\n.. include:: PATH\n```"),
        "outside-site",
    ),
    Case(
        "raw-file",
        "outside",
        _directive("```{eval-rst}\n.. raw:: html\n   :file: PATH\n```"),
        "outside-site",
    ),
    Case(
        "csv-table-file",
        "outside",
        _directive("```{csv-table} Table\n:file: PATH\n```"),
        "outside-site",
    ),
    Case("img-outside", "outside", _image_outside(markdown=False), "outside-site"),
    Case("markdown-image-outside", "outside", _image_outside(markdown=True), "outside-site"),
    Case(
        "link-outside",
        "outside",
        _directive("A [link to a file](PATH) and {download}`PATH`."),
        "outside-site",
    ),
    Case("linked-page", "outside", _linked_page, "outside-site", words=()),
    Case("linked-folder", "outside", _linked_folder, "outside-site"),
    Case("linked-loop", "exhaustion", _loop, "outside-site"),
    Case("fifo-page", "exhaustion", _fifo, "source", words=()),
    Case("include-device", "exhaustion", _device, "outside-site"),
    # -- TeX from a page ------------------------------------------------------------------
    Case(
        "img-width-tex",
        "tex",
        body('<img src="https://example.org/x.png" width="1\\input{/etc/hostname}" alt="w">'),
        "image",
    ),
    Case(
        "ial-width-tex",
        "tex",
        body('![w](https://example.org/x.png){: width="\\input{/etc/hostname}"}'),
    ),
    # -- characters that stopped every PDF ------------------------------------------------
    Case(
        "title-percent-hash", "unicode", body("A page.", title='"Week #1: 50% done \\\\ {x} ~^_$&"')
    ),
    Case("title-emoji-arabic", "unicode", body("A page.", title='"❤️ 👩‍💻 الأساسيات \\ufffd"')),
    Case(
        "module-title-special",
        "unicode",
        _module_title("Week #1: 50% done & {more} \\ ~"),
        alone=True,
    ),
    Case(
        "module-title-unicode",
        "unicode",
        _module_title("Basics ❤️ 👩‍💻 الأساسيات \ufffd"),
        alone=True,
    ),
    Case("course-title-unicode", "unicode", _course_title, alone=True),
    Case("body-emoji-sequences", "unicode", body("Love ❤️, 👩‍💻, 👍🏽, 🇫🇷 and 1️⃣.")),
    Case(
        "vertical-tab", "unicode", body("Line one\x0bline two.", title='"Tab\\v title"'), "encoding"
    ),
    Case(
        "control-characters", "unicode", body("Bell \x07 escape \x1b[31m nul \x00 end."), "encoding"
    ),
    # -- hangs and memory -----------------------------------------------------------------
    Case("yaml-bomb-front-matter", "exhaustion", _bomb_in_front_matter, "frontmatter"),
    Case("yaml-bomb-config", "exhaustion", _bomb_in("_config.yml"), "site", alone=True),
    Case("yaml-bomb-course", "exhaustion", _bomb_in("_data/course.yml"), "site", alone=True),
    Case(
        "yaml-cycle",
        "exhaustion",
        body("{{ page.loop }}", extra="loop: &loop [*loop]\n"),
        "frontmatter",
    ),
    Case(
        "sup-digit-run",
        "exhaustion",
        body(f"A.<sup>1</sup> B<sup>{'1' * 40}x</sup>\n\n{REFERENCES}"),
    ),
    Case(
        "liquid-append-doubling",
        "exhaustion",
        body(
            "{% assign s = 'xx' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}"
            "{{ s | size }}"
        ),
        "liquid",
    ),
    Case("liquid-include-fanout", "exhaustion", _liquid_fanout, "liquid"),
    Case(
        "liquid-loop", "exhaustion", body("{% for i in (1..100000000) %}{% endfor %}done"), "liquid"
    ),
    Case("long-line-words", "exhaustion", _long_line("word ")),
    Case("long-line-braces", "exhaustion", _long_line("{")),
    Case("long-line-liquid", "exhaustion", _long_line("{{ x }}")),
    Case("long-line-ial", "exhaustion", _long_line("{: a:")),
    Case("long-line-tags", "exhaustion", _long_line("<b>"), "nesting"),
    Case("long-line-emphasis", "exhaustion", _long_line("*a")),
    Case("long-line-brackets", "exhaustion", _long_line("[")),
    Case("long-line-digits", "exhaustion", _long_line("1")),
    Case(
        "table-spans",
        "exhaustion",
        _table('<td colspan="100" rowspan="100">x</td>' * 25, 20),
        "table",
    ),
    Case("table-wide", "exhaustion", _table("<td>c</td>" * 3000, 2), "table"),
    # -- build aborts ---------------------------------------------------------------------
    Case("nested-divs", "abort", _nested_divs(400, closed=True), "nesting"),
    Case("nested-divs-unclosed", "abort", _nested_divs(400, closed=False), "nesting"),
    Case("nested-div-blocks", "abort", _nested_div_blocks, "nesting"),
    Case(
        "nested-inline",
        "abort",
        body("<span>" * 2000 + "Deep: plorth." + "</span>" * 2000),
        "nesting",
    ),
    Case("nested-quotes", "abort", body("> " * 500 + "Deep: plorth.")),
    Case("nested-lists", "abort", body("\n".join("  " * i + "- item" for i in range(300)))),
    Case(
        "liquid-big-integer",
        "abort",
        body("{{ " + "9" * 5000 + " }} {% assign n = " + "7" * 5000 + " %}"),
        "liquid",
    ),
    Case("liquid-nul", "abort", body("{% assign x\x00 = 1 %}{{ x\x00 }} {% if\x00 %}")),
    Case(
        "yaml-big-integer",
        "abort",
        body("Big.", extra="number: " + "9" * 5000 + "\n"),
        "frontmatter",
    ),
    Case("yaml-bad-date", "abort", body("Bad date.", extra="date: 2020-13-45\n"), "frontmatter"),
    Case(
        "sup-huge-number",
        "abort",
        body(
            f"A.<sup>{'9' * 5000}</sup>\n\n<details><summary>References</summary>\n"
            f"{'9' * 5000}: A note.\n</details>"
        ),
    ),
    Case("long-file-name", "abort", _long_name, "page-name"),
    Case(
        "redirect-under-file",
        "abort",
        body("Old URLs.", extra="redirect_from: [/index.html/old/]\n"),
        "redirect",
    ),
    # -- silent loss and clobbering -------------------------------------------------------
    Case("utf16-page", "loss", _encoded("utf-16"), "encoding", words=("glimmet",)),
    Case("utf32-page", "loss", _encoded("utf-32"), "encoding", words=("glimmet",)),
    Case("utf16-no-bom", "loss", _encoded("utf-16-le"), "encoding", words=("glimmet",)),
    Case("search-page", "loss", _reserved("search"), "page-name", alone=True),
    Case("genindex-page", "loss", _reserved("genindex"), "page-name", alone=True),
    Case("nav-page", "loss", _reserved("nav"), "page-name", alone=True),
    Case(
        "redirect-reserved",
        "loss",
        body("Old URLs.", extra="redirect_from: [/genindex.html, /search.html, /_static/x.js]\n"),
        "redirect",
    ),
    Case(
        "redirect-accents",
        "loss",
        body("Old URLs.", extra='redirect_from: ["/café au lait/", "/a%20b/"]\n'),
    ),
    # -- messages -------------------------------------------------------------------------
    Case(
        "terminal-escapes",
        "messages",
        body('<img src="\x1b[2J\r\nbuild succeeded.\x1b[0m" alt="x"> <unknowntag\x1b[31m>'),
        "image",
    ),
    Case("escape-in-file-name", "messages", _escape_file_name),
    Case("no-description", "messages", _no_description, alone=True, clean=True),
    Case("plain-page", "messages", _plain_page, alone=True, clean=True),
    Case(
        "clean",
        "messages",
        body("Plain **bold** words and a [link](https://example.org/)."),
        alone=True,
        clean=True,
    ),
)
BY_NAME = {case.name: case for case in CASES}


def make(cases: list[Case], folder: Path) -> tuple[Path, Path]:
    """Write ``cases`` into one site in ``folder``: returns ``(site, outside)``."""
    site, outside = folder / "site", folder / "outside"
    site.mkdir(parents=True)
    base_site(site, outside)
    for case in cases:
        case.write(Target(site, outside, case.name))
    return site, outside


# -- checks on the output ---------------------------------------------------------------

#: Attributes whose value a browser loads or follows as a URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "cite"}
)
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))


def browser_scheme(url: str) -> str:
    """The scheme a browser sees in ``url`` (WHATWG URL parsing), lower case, or ""."""
    url = url.strip(_C0_OR_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    scheme, colon, _rest = url.partition(":")
    if not colon or not scheme[:1].isascii() or not scheme[:1].isalpha():
        return ""
    if not all(c.isascii() and (c.isalnum() or c in "+-.") for c in scheme):
        return ""
    return scheme.lower()


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            scheme = browser_scheme(value) if name in URL_ATTRIBUTES else ""
            if name.startswith("on") or name == "srcdoc":
                self.problems.append(f"<{tag} {name}=...>")
            elif scheme in ("javascript", "vbscript") or (scheme == "data" and tag != "img"):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "meta" and values.get("http-equiv", "").strip():
            # Only the redirect pages of old URLs refresh, and only to a page of the site.
            target = values.get("content", "").partition("url=")[2]
            if (
                values["http-equiv"].lower() != "refresh"
                or browser_scheme(target)
                or "//" in target
            ):
                self.problems.append(f"<meta http-equiv={values['http-equiv']!r} {target[:40]!r}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and PAYLOAD in data:
            self.problems.append(f"<script>{data[:40]!r}")


def script_problems(html_text: str) -> list[str]:
    """Every way ``html_text`` would run an injected script or send readers away."""
    scanner = _Scan()
    scanner.feed(html_text)
    scanner.close()
    return scanner.problems


def leaked_files(outdir: Path) -> list[Path]:
    """Output files holding the secret of the files outside the site."""
    token = SECRET.encode()
    return [
        path
        for path in outdir.rglob("*")
        if path.is_file() and not path.is_symlink() and token in path.read_bytes()
    ]


# -- running ---------------------------------------------------------------------------


class Hang(Exception):
    """A build ran past its generous time: it hangs (this is no speed measurement)."""


@contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Interrupt the code inside with :class:`Hang` after ``seconds`` (POSIX, main thread)."""

    def interrupt(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build(site: Path, out: Path, fmt: str = "html", *options: str) -> tuple[int, str]:
    """``sphinx-mentoring build SITE OUT --format FMT`` in this process: (status, output)."""
    from sphinx_mentoring import cli

    output = io.StringIO()
    # Sphinx colours its own output where CI=true (as CI sets it): the log must hold
    # no escape sequence at all, so that one from a page would be seen.
    with (
        mock.patch.dict(os.environ, {"NO_COLOR": "1"}),
        contextlib.redirect_stdout(output),
        contextlib.redirect_stderr(output),
    ):
        status = cli.main(["build", str(site), str(out), "--format", fmt, *options])
    return status, output.getvalue()
