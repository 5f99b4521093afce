"""Liquid as Jekyll runs it: each page of ``test-liquid-jekyll`` rendered by our build
and by Debian's jekyll gives the same words, and we warn where Jekyll warns."""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

ROOT = Path(__file__).parent / "roots" / "test-liquid-jekyll"
WORD = re.compile(r"[^\W_]+")
#: The pages compared word for word (the site's Liquid features, one page each).
PAGES = ("lax", "highlight", "includes", "filters", "comments", "listing", "all-notes")

needs_jekyll = pytest.mark.skipif(
    shutil.which("jekyll") is None, reason="needs Debian's jekyll (tools/system-deps.sh)"
)


class _Visible(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _words(text: str) -> list[str]:
    return WORD.findall(text)


@pytest.fixture(scope="module")
def jekyll_build(tmp_path_factory) -> tuple[Path, str]:
    """Debian's jekyll on a copy of the root: (output folder, its log)."""
    work = tmp_path_factory.mktemp("jekyll")
    source, out = work / "site", work / "out"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns("_build"))
    result = subprocess.run(
        ["jekyll", "build", "--disable-disk-cache", "-s", str(source), "-d", str(out)],
        capture_output=True,
        text=True,
        env={"JEKYLL_NO_BUNDLER_REQUIRE": "true", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out, re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


def _jekyll_words(out: Path, page: str) -> list[str]:
    parser = _Visible()
    parser.feed((out / page / "index.html").read_text(encoding="utf-8"))
    return _words(" ".join(parser.parts))


def _our_words(outdir: Path, page: str) -> list[str]:
    lines = (outdir / f"{page}.txt").read_text(encoding="utf-8").splitlines()
    return _words("\n".join(lines[2:]))  # without the title and its underline


@needs_jekyll
@pytest.mark.sphinx("text", testroot="liquid-jekyll", freshenv=True)
def test_pages_render_as_jekyll_renders_them(app, jekyll_build):
    app.build()
    out, _log = jekyll_build
    for page in PAGES:
        assert _our_words(app.outdir, page) == _jekyll_words(out, page), page


@needs_jekyll
@pytest.mark.sphinx("text", testroot="liquid-jekyll", freshenv=True)
def test_warnings_only_where_jekyll_warns(app, jekyll_build):
    app.build()
    _out, log = jekyll_build
    ours = {
        Path(m.group(1)).stem
        for m in re.finditer(
            r"(\S+\.md):\d+: WARNING: .*\[mentoring\.liquid\]", strip_colors(app.warning.getvalue())
        )
    }
    theirs = {m.group(1) for m in re.finditer(r"Liquid Warning: .* in (\S+)\.md", log)}
    assert ours == theirs == {"lax"}
    # Pages shown together share link definitions (links.md): no duplicate warnings.
    assert "duplicate" not in strip_colors(app.warning.getvalue()).lower()
    # Ruby Liquid kept what it could read of the expression; so do we, at its line.
    source = (ROOT / "lax.md").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(source, 1) if "trailing" in text)
    warnings = strip_colors(app.warning.getvalue())
    assert f"lax.md:{line}: WARNING: Liquid: 'second' after a complete expression" in warnings
    # What Ruby skips, with its warning, at the line of the tag.
    for words, warning in [
        ("piped", "a '|' without a filter after it is ignored"),
        ("not reversed", "'reversed' after the loop's options is ignored"),
        ("in file order", "filters on a loop's collection are ignored"),
    ]:
        line = next(i for i, text in enumerate(source, 1) if words in text)
        assert f"lax.md:{line}: WARNING: Liquid: {warning}" in warnings
    # "{{ }}" and the variables Jekyll sets for layouts (content) are nil, silently.
    assert "content" not in warnings and "paginator" not in warnings


_EXAMPLE_LINK = re.compile(r'href="(https://example\.org/[^"]*)"')


@needs_jekyll
@pytest.mark.sphinx("html", testroot="liquid-jekyll", freshenv=True)
def test_a_label_defined_twice_takes_its_last_definition(app, jekyll_build):
    """kramdown: the last definition of a label wins (an included links.md repeating
    the page's own, or itself), without a warning; markdown-it kept the first."""
    app.build()
    out, _log = jekyll_build
    theirs = _EXAMPLE_LINK.findall((out / "includes" / "index.html").read_text(encoding="utf-8"))
    ours = _EXAMPLE_LINK.findall(
        Path(app.builder.get_output_path("includes")).read_text(encoding="utf-8")
    )
    assert theirs == ["https://example.org/from-include", "https://example.org/twice-last"]
    assert ours == theirs
    assert "Duplicate reference" not in strip_colors(app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="liquid-jekyll", freshenv=True)
def test_highlight_is_a_highlighted_code_block(app):
    app.build()
    page = Path(app.builder.get_output_path("highlight")).read_text(encoding="utf-8")
    assert 'class="highlight-python' in page
    assert "42" in page and "{%" not in page


@pytest.mark.sphinx("text", testroot="liquid-jekyll", freshenv=True)
def test_included_files_are_dependencies(app):
    app.build()
    deps = {Path(d).name for d in app.env.dependencies["includes"]}
    assert {"card.html", "setter.html", "snippet.md"} <= deps


def _rebuild(make_app, srcdir: Path) -> str:
    app = make_app("text", srcdir=srcdir)
    app.build()
    return (app.outdir / "listing.txt").read_text(encoding="utf-8").replace("\n", " ")


def test_pages_listing_pages_follow_the_site(make_app, tmp_path):
    """Incremental builds: a page listing pages is read again when a page is added,
    changed or removed (as a fresh build would show it)."""
    import time

    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    assert "A note /notes/a-note/" in _rebuild(make_app, srcdir)
    time.sleep(0.01)
    extra = srcdir / "extra.md"
    extra.write_text("---\ntitle: Extra page\n---\n\nNew.\n", encoding="utf-8")
    assert "Extra page at /extra/" in _rebuild(make_app, srcdir)
    time.sleep(0.01)
    note = srcdir / "_notes" / "a-note.md"
    note.write_text(note.read_text(encoding="utf-8").replace("A note", "Renamed note"))
    listing = _rebuild(make_app, srcdir)
    assert "Renamed note /notes/a-note/" in listing and "RENAMED NOTE" in listing
    time.sleep(0.01)
    extra.unlink()
    assert "Extra page" not in _rebuild(make_app, srcdir)


@pytest.mark.sphinx("text", testroot="liquid-jekyll", freshenv=True)
def test_a_liquid_heading_is_not_a_pages_title(app):
    """An HTML page whose <h1> is Liquid (one per item of a loop) is not titled by it."""
    app.build()
    title = app.env.titles["articles/index"].astext()
    assert "{" not in title and title
    text = (app.outdir / "articles" / "index.txt").read_text(encoding="utf-8")
    assert "{{" not in text and "A note" in text
