"""Security: values are text, never markup; Liquid is sandboxed; no ``javascript:`` URL.

One project (``tests/roots/test-robust-security`` plus Liquid pages written here,
because they name a secret file outside the project by its absolute path) is
built once; each test checks one promise on every HTML file of the site.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import socket
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from buildcompare import build_project, snapshot
from sphinx.util.console import strip_colors

SECRET = "SECRETTOKEN-7f3a"
PAGE_TITLE = "<script>alert(page_title)</script> Page title"
# Payloads are ``alert(<where>)`` without quotes: Sphinx's smart quotes would
# (rightly) curl quotes in the text and make the comparisons fail for nothing.
#: The Liquid pages: each tries one way out of the sandbox, between two author words.
LIQUID_PAGES = {
    "liquid-relative": "{% include ../../secret.txt %}",
    "liquid-absolute": "{% include SECRET_PATH %}",
    "liquid-passwd": "{% include ../../../../../../../../etc/passwd %}",
    "liquid-symlink": "{% include link.html %}",
    "liquid-dunder-class": "{{ site.__class__ }} {{ page.__class__.__mro__ }}",
    "liquid-dunder-globals": "{{ site.data.__init__.__globals__ }} {{ page.title.__class__ }}",
    "liquid-dunder-syntax": "{{ 'x'.__class__ }}",
    "liquid-safe": "{% include safe.html %}",
}
LAYOUT_PAGES = {
    "layout-relative": "../../secret",
    "layout-deep": "../../../../../../../../" + "etc/passwd",
    "layout-absolute": "SECRET_PATH",
}
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20]")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class Scan(HTMLParser):
    """Every element, the ``<title>`` text, script bodies and the visible text of a page."""

    elements: list[Element] = field(default_factory=list)
    title: str = ""
    scripts: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    _open: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))
        if tag in ("title", "script", "style"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        where = self._open[-1] if self._open else None
        if where == "title":
            self.title += data
        elif where == "script":
            self.scripts.append(data)
        elif where is None:
            self.text.append(data)

    @property
    def visible_text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


def scan(path: Path) -> Scan:
    parser = Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def url_scheme(value: str) -> str:
    """The scheme a browser would see (it ignores whitespace and control characters)."""
    cleaned = _UNSAFE_URL_CHARS.sub("", html.unescape(value)).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


@dataclass
class Site:
    src: Path
    outdir: Path
    text_outdir: Path
    warnings: str
    pages: dict[str, Path]  # docname -> HTML file (pages live at their Jekyll URLs)

    def html_files(self) -> list[Path]:
        return sorted(self.outdir.rglob("*.html"))

    def page(self, docname: str) -> Path:
        return self.pages[docname]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = Path(__file__).parent / "roots" / "test-robust-security"
    tmp = tmp_path_factory.mktemp("security")
    src = tmp / "project" / "src"
    shutil.copytree(root, src)
    secret = tmp / "project" / "secret.txt"  # src/_includes/../../secret.txt
    secret.write_text(f"{SECRET}\n")
    (src / "_includes" / "link.html").symlink_to(secret)
    for name, liquid in LIQUID_PAGES.items():
        body = liquid.replace("SECRET_PATH", str(secret))
        (src / f"{name}.md").write_text(
            f"---\ntitle: {name}\n---\n\nBefore: morvik.\n\n{body}\n\nAfter: tazzle.\n"
        )
    # ``layout: X`` picks the template ``X.html``: it must not reach a file outside.
    (tmp / "project" / "secret.html").write_text(f"{SECRET}\n")
    for name, layout in LAYOUT_PAGES.items():
        layout = layout.replace("SECRET_PATH", str(tmp / "project" / "secret"))
        (src / f"{name}.md").write_text(
            f"---\ntitle: {name}\nlayout: {layout}\n---\n\nBefore: morvik.\n\nAfter: tazzle.\n"
        )
    index = src / "index.md"
    index.write_text(
        index.read_text().replace(
            "evil/media\n", "evil/media\n" + "\n".join([*LIQUID_PAGES, *LAYOUT_PAGES]) + "\n"
        )
    )
    app = build_project(src, tmp / "build", "html", freshenv=True)
    text = build_project(src, tmp / "build", "text")
    warnings = strip_colors(app.warning.getvalue() + text.warning.getvalue())
    pages = {doc: Path(app.builder.get_outfilename(doc)) for doc in app.env.found_docs}
    return Site(src, app.outdir, text.outdir, warnings, pages)


def test_the_site_was_built(site):
    assert site.page("evil/intro").is_file()
    assert "Traceback" not in site.warnings


def test_no_value_becomes_a_script_or_an_event_handler(site):
    problems = []
    for path in site.html_files():
        page = scan(path)
        name = path.relative_to(site.outdir)
        for body in page.scripts:
            if "alert(" in body:
                problems.append(f"{name}: script element runs {body[:80]!r}")
        for element in page.elements:
            for attr, value in element.attrs.items():
                if attr.startswith("on"):
                    problems.append(f"{name}: <{element.tag} {attr}={value!r}>")
            if element.tag == "img" and element.attrs.get("src") == "x":
                problems.append(f"{name}: injected <img src=x>")
    assert not problems, "\n".join(problems)


def test_no_output_url_has_the_javascript_scheme(site):
    problems = []
    for path in site.html_files():
        for element in scan(path).elements:
            for attr in ("href", "src", "action", "formaction", "data", "poster"):
                value = element.attrs.get(attr)
                if value is not None and url_scheme(value) in ("javascript", "vbscript"):
                    problems.append(f"{path.relative_to(site.outdir)}: <{element.tag} {attr}>")
    assert not problems, "\n".join(problems)


def test_the_title_shows_as_text_in_page_heading_and_search_index(site):
    page = scan(site.page("evil/intro"))
    assert PAGE_TITLE in page.title
    assert PAGE_TITLE in page.visible_text  # the <h1> (and navigation) as text
    index_js = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index_js[index_js.index("(") + 1 : index_js.rindex(")")])
    assert PAGE_TITLE in data["titles"]


def test_module_names_show_as_text_in_the_navigation(site):
    page = scan(site.page("evil/intro"))
    assert "onerror=alert(module_full_name)" in page.visible_text


def test_bad_media_urls_are_dropped_with_a_warning_and_the_words_kept(site):
    page = scan(site.page("evil/media")).visible_text
    for word in ("snarvel", "yazzle", "quixby", "dwemble", "frumple"):
        assert word in page
    for line in (11, 14, 16):  # two iframes, one image
        assert re.search(rf"media\.md:{line}: WARNING: .*\[mentoring\.[\w-]+\]", site.warnings), (
            f"no warning for the javascript: URL at media.md:{line}\n{site.warnings}"
        )


@pytest.mark.parametrize("name", sorted(set(LIQUID_PAGES) - {"liquid-safe"}))
def test_liquid_cannot_read_outside_includes_or_run_code(site, name):
    for output_file in (site.page(name), site.text_outdir / f"{name}.txt"):
        output = output_file.read_text(encoding="utf-8")
        assert SECRET not in output
        assert "root:x:0:0" not in output
        for python_value in ("<class", "<function", "<built-in", "'__builtins__'"):
            assert python_value not in html.unescape(output), python_value
        assert "morvik" in output and "tazzle" in output  # the rest of the page is intact
    if not name.startswith("liquid-dunder"):
        assert re.search(rf"{name}\.md:\d+: WARNING: .*\[mentoring\.[\w-]+\]", site.warnings), (
            f"the refused include in {name}.md is not reported\n{site.warnings}"
        )


def test_liquid_includes_inside_includes_work(site):
    text = (site.text_outdir / "liquid-safe.txt").read_text(encoding="utf-8")
    assert "Included safe words." in text


def test_no_secret_anywhere_in_the_outputs(site):
    for outdir in (site.outdir, site.text_outdir):
        for path in outdir.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


# -- the zero-config command ----------------------------------------------------------


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails the test."""

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_socket_guard_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


def test_zero_config_command_never_writes_into_the_site_nor_uses_the_network(
    corpus_copy, tmp_path, no_network
):
    cli = pytest.importorskip("sphinx_mentoring.cli")
    before = snapshot(corpus_copy)
    folders = sorted(p for p in corpus_copy.rglob("*") if p.is_dir())
    out = tmp_path / "out"
    status = cli.main(["build", str(corpus_copy), str(out)])
    assert status in (0, None)
    assert any(out.rglob("*.html")), "the command built nothing"
    assert snapshot(corpus_copy) == before
    assert sorted(p for p in corpus_copy.rglob("*") if p.is_dir()) == folders


def test_zero_config_site_values_never_become_markup(rootdir, tmp_path, no_network):
    """``_config.yml`` and front matter through the generated configuration."""
    from sphinx_mentoring import cli

    site = tmp_path / "site"
    shutil.copytree(rootdir / "test-robust-security", site)
    (site / "conf.py").unlink()  # the zero-config command brings its own
    assert cli.main(["build", str(site), str(tmp_path / "out"), "-q"]) == 0
    outdir = tmp_path / "out" / "html"
    pages = sorted(outdir.rglob("*.html"))
    assert pages
    shown = " ".join(scan(page).visible_text + scan(page).title for page in pages)
    assert "<script>alert(config_title)</script>" in shown  # the site title, as text
    for page in pages:
        parsed = scan(page)
        assert not [body for body in parsed.scripts if "alert(" in body], page
        for element in parsed.elements:
            assert not [attr for attr in element.attrs if attr.startswith("on")], (page, element)
            for attr in ("href", "src"):
                assert url_scheme(element.attrs.get(attr, "")) != "javascript", (page, element)


@pytest.mark.parametrize("name", sorted(LAYOUT_PAGES))
def test_a_layout_cannot_name_a_template_outside_the_theme(site, name):
    output = site.page(name).read_text(encoding="utf-8")
    assert SECRET not in output
    assert "root:x:0:0" not in output
    assert "morvik" in output and "tazzle" in output


def test_theme_scripts_never_parse_strings_as_html_or_code():
    """Titles reach the theme's scripts (progress, menus): they must stay text there too."""
    theme = Path(__file__).resolve().parents[1] / "sphinx_mentoring" / "theme"
    scripts = sorted(theme.rglob("*.js"))
    assert scripts, "the theme has no script: the test checks nothing"
    sinks = re.compile(
        r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\("
    )
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in scripts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if sinks.search(line)
    ]
    assert not found, "\n".join(found)
