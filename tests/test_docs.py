"""The documentation builds in every format with -W, and its navigation reaches every page."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sphinx.cmd.make_mode import run_make_mode

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.next: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        href = attributes.get("href")
        if tag in ("a", "link") and href:
            self.hrefs.append(href)
            if tag == "a" and "mentoring-next" in (attributes.get("class") or "").split():
                self.next = href


def links(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("docs-src") / "docs"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build"))
    return src


def make(builder: str, src: Path) -> Path:
    out = src / "_build"
    status = run_make_mode([builder, str(src), str(out), "-W", "--keep-going", "-q"])
    assert status == 0, f"docs: -M {builder} -W failed"
    return out


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "singlehtml", "epub"])
def test_docs_build_with_warnings_as_errors(builder, built):
    out = make(builder, built)
    assert any((out / builder).iterdir())


@pytest.mark.slow
@pytest.mark.latex
def test_docs_pdf_builds_with_warnings_as_errors(built):
    if shutil.which("latexmk") is None:
        pytest.skip("needs latexmk")
    out = make("latexpdf", built)
    assert (out / "latex" / "sphinx-mentoring.pdf").is_file()


@pytest.mark.slow
def test_singlehtml_links_only_to_what_it_has(built):
    out = make("singlehtml", built) / "singlehtml"
    for href in links(out / "index.html").hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        assert (out / parts.path).exists(), f"singlehtml links to missing {href}"


@pytest.mark.slow
def test_next_reaches_every_page_and_the_header_shows_the_parts(built):
    html = make("html", built) / "html"
    pages = {
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).parts[0].startswith("_")
    } - {"search.html", "genindex.html"}
    seen = ["index.html"]
    while (following := links(html / seen[-1]).next) is not None:
        page = (html / seen[-1]).parent / urlsplit(following).path
        name = page.resolve().relative_to(html.resolve()).as_posix()
        assert name not in seen, f"'Next' loops back to {name}"
        seen.append(name)
    assert set(seen) == pages, sorted(pages - set(seen))
    header = re.search(
        r'<nav class="mentoring-module-list mentoring-part-list".*?</nav>',
        (html / "reference" / "cli.html").read_text(encoding="utf-8"),
        re.S,
    )
    assert header is not None
    titles = re.findall(r">([^<>]+)</a>", header.group(0))
    assert titles == ["Guides", "Example course", "Reference"]
    assert 'aria-current="true">Reference<' in header.group(0)


def test_the_docs_name_only_files_that_exist():
    """Every source file and dotted module the docs name is in the repository."""
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in [REPO / "README.md", *DOCS.rglob("*.md")]
    )
    missing = []
    for dotted in set(re.findall(r"\bsphinx_mentoring(?:\.\w+)+", text)):
        parts = dotted.split(".")
        if parts[-1] in {"po", "pot", "mo"}:
            continue  # a catalog's file name, not a module
        # a module, a package, or a name in one (sphinx_mentoring.course.get_course)
        candidates = [REPO.joinpath(*parts[:n]) for n in range(len(parts), 1, -1)]
        if not any(c.with_suffix(".py").is_file() or c.is_dir() for c in candidates):
            missing.append(dotted)
    for path in set(re.findall(r"`((?:sphinx_mentoring|tests|tools|benchmarks)/[\w/.-]+)`", text)):
        if not (REPO / path).exists():
            missing.append(path)
    assert not missing, missing
