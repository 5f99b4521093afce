"""Property: whatever a page holds, the build finishes and every author word is in the output.

Pages are generated (``tests/strategies.py``) from every idiom the package reads,
broken forms included, and built for real with the text builder. One Sphinx
application is reused across examples: each example rewrites the page and bumps
its mtime into the future, so the next ``build()`` re-reads it (an incremental
re-read, which also exercises the purge of the previous version's data).
"""

from __future__ import annotations

import collections
import os
import re
import time
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors
from strategies import Page, pages, words_of

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

#: ``MENTORING_HYPOTHESIS_EXAMPLES=500 pytest tests/test_properties.py`` explores
#: more (and different, random) pages than the fixed set CI runs.
EXPLORE = int(os.environ.get("MENTORING_HYPOTHESIS_EXAMPLES", "0"))

PROPERTY_SETTINGS = settings(
    max_examples=EXPLORE or 30,
    deadline=None,
    derandomize=not EXPLORE,  # the same examples on every run and in CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

#: A warning line as Sphinx prints it: ``path:line: WARNING: message [type.subtype]``.
_WARNING_LINE = re.compile(
    r"^(?P<file>[^:\s][^:]*?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|CRITICAL): "
)


class PageBuilder:
    """A Sphinx app over a small project whose page ``page.md`` is rewritten per example."""

    def __init__(self, root: Path, buildername: str = "text") -> None:
        self.srcdir = root / "src"
        self.srcdir.mkdir()
        (self.srcdir / "conf.py").write_text(
            'extensions = ["sphinx_mentoring"]\nproject = "robust"\n'
        )
        (self.srcdir / "_includes").mkdir()
        (self.srcdir / "_includes" / "note.html").write_text("included words\n")
        # The page is not the root document: LaTeX drops the root's own title.
        (self.srcdir / "index.md").write_text("# Root\n\n```{toctree}\npage\n```\n")
        self.page = self.srcdir / "page.md"
        self.page.write_text("# start\n")
        self.app = SphinxTestApp(buildername, srcdir=self.srcdir, builddir=root / "build")
        self.app.build()
        self.output = self.app.outdir / {"latex": "robust.tex", "html": "page.html"}.get(
            buildername, "page.txt"
        )
        self.builds = 0

    def build(self, text: str | bytes) -> tuple[str, str]:
        """Build *text* as the page; return the output and the warnings."""
        self.page.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        self.builds += 1
        # Future, ever-increasing mtime: always newer than the last read time.
        future = time.time_ns() + 3600 * 10**9 + self.builds * 10**9
        os.utime(self.page, ns=(future, future))
        self.app.warning.seek(0)
        self.app.warning.truncate()
        self.app.build()
        output = self.output.read_text(encoding="utf-8")
        return output, strip_colors(self.app.warning.getvalue())

    def close(self) -> None:
        self.app.cleanup()


@pytest.fixture(scope="module")
def page_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageBuilder]:
    builder = PageBuilder(tmp_path_factory.mktemp("properties"))
    yield builder
    builder.close()


@pytest.fixture(scope="module")
def html_page_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageBuilder]:
    builder = PageBuilder(tmp_path_factory.mktemp("properties-html"), "html")
    yield builder
    builder.close()


class _VisibleText(HTMLParser):
    """The text a reader sees in an HTML page (no script, style or attribute values)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def latex_page_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageBuilder]:
    builder = PageBuilder(tmp_path_factory.mktemp("properties-latex"), "latex")
    yield builder
    builder.close()


def missing_words(page: Page, output: str) -> dict[str, int]:
    """Author words (with their count) the output lacks."""
    found = collections.Counter(words_of(output))
    return {w: n - found[w] for w, n in page.expected().items() if found[w] < n}


def check_warnings(warnings: str, page: Page) -> None:
    assert "Traceback" not in warnings, warnings
    assert "Exception occurred" not in warnings, warnings
    for line in warnings.splitlines():
        if "[mentoring" in line:
            match = _WARNING_LINE.match(line)
            assert match and match.group("file").endswith("page.md"), (
                f"a mentoring warning without the page's file: {line!r}\n{page.kinds}"
            )
            assert match.group("line"), f"a mentoring warning without a line: {line!r}"


@PROPERTY_SETTINGS
@given(page=pages())
def test_any_page_builds_and_keeps_every_author_word(page_builder: PageBuilder, page: Page):
    output, warnings = page_builder.build(page.text)
    check_warnings(warnings, page)
    missing = missing_words(page, output)
    assert not missing, (
        f"author words lost: {missing}\nkinds: {page.kinds}\n--- page ---\n{page.text}"
        f"\n--- output ---\n{output}\n--- warnings ---\n{warnings}"
    )


#: Markup that must never show as text in the output of a correctly written page
#: (the leak patterns of /work/shared/tools/fidelity.py).
LEAKS = {
    "kramdown IAL": re.compile(r"\{:\s*[^}]*\}"),
    "liquid": re.compile(r"\{\{|\{%"),
    "markdown=1": re.compile(r"markdown=[\"']1"),
    "html tag": re.compile(
        r"</?(div|sup|span|iframe|p|ul|li|a|hr|img|details|summary|table|tr|td|th|b|strong|em|i|br)\b[^>]*>",
        re.I,
    ),
}


@PROPERTY_SETTINGS
@given(page=pages(valid_only=True))
def test_a_correct_page_builds_without_warnings_or_leaks(page_builder: PageBuilder, page: Page):
    output, warnings = page_builder.build(page.text)
    # MyST's own heading-level check (H1 -> H3) is about style, not about our idioms.
    warnings = "\n".join(w for w in warnings.splitlines() if "[myst.header]" not in w)
    assert not warnings.strip(), f"warnings for a correct page:\n{warnings}\n{page.text}"
    leaks = {name: pattern.findall(output) for name, pattern in LEAKS.items()}
    leaks = {name: found for name, found in leaks.items() if found}
    assert not leaks, (
        f"markup shown as text: {leaks}\nkinds: {page.kinds}\n{page.text}\n---\n{output}"
    )
    assert not missing_words(page, output)


@settings(max_examples=EXPLORE or 20, deadline=None, derandomize=not EXPLORE)
@given(page=pages())
def test_any_page_keeps_every_author_word_in_latex(latex_page_builder: PageBuilder, page: Page):
    """The same in the LaTeX source of the PDF (no LaTeX run: that is tests/test_latex*)."""
    output, warnings = latex_page_builder.build(page.text)
    check_warnings(warnings, page)
    missing = missing_words(page, output)
    assert not missing, (
        f"author words lost in LaTeX: {missing}\nkinds: {page.kinds}\n--- page ---\n{page.text}"
    )


@settings(max_examples=EXPLORE or 20, deadline=None, derandomize=not EXPLORE)
@given(page=pages())
def test_any_page_keeps_every_author_word_in_html(html_page_builder: PageBuilder, page: Page):
    """The same in the HTML page, as a reader sees it (visible text only)."""
    output, warnings = html_page_builder.build(page.text)
    check_warnings(warnings, page)
    missing = missing_words(page, visible_text(output))
    assert not missing, (
        f"author words lost in HTML: {missing}\nkinds: {page.kinds}\n--- page ---\n{page.text}"
    )


@settings(max_examples=25, deadline=None, derandomize=True)
@given(raw=st.binary(min_size=0, max_size=300))
def test_arbitrary_bytes_never_stop_the_build(page_builder: PageBuilder, raw: bytes):
    """Bytes that are not UTF-8 (or not Markdown at all): reported, replaced, build goes on."""
    output, warnings = page_builder.build(b"---\ntitle: bytes page\n---\n\nzorbal quenty\n\n" + raw)
    assert "Traceback" not in warnings
    assert "zorbal" in output and "quenty" in output


@settings(max_examples=30, deadline=None, derandomize=True)
@given(page=pages())
def test_generated_pages_are_deterministic(page: Page):
    """The strategies themselves: expected words come from the page's own text."""
    text_words = collections.Counter(words_of(page.text))
    for w, n in page.expected().items():
        assert text_words[w] >= n, (w, page.text)
