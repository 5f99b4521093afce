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
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from strategies import Page, pages, words_of

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples on every run and in CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

#: A warning line as Sphinx prints it: ``path:line: WARNING: message [type.subtype]``.
_WARNING_LINE = re.compile(
    r"^(?P<file>[^:\s][^:]*?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|CRITICAL): "
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class PageBuilder:
    """A text-builder Sphinx app over a one-page project, rebuilt per example."""

    def __init__(self, root: Path) -> None:
        self.srcdir = root / "src"
        self.srcdir.mkdir()
        (self.srcdir / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
        (self.srcdir / "_includes").mkdir()
        (self.srcdir / "_includes" / "note.html").write_text("included words\n")
        self.page = self.srcdir / "index.md"
        self.page.write_text("# start\n")
        self.app = SphinxTestApp("text", srcdir=self.srcdir, builddir=root / "build")
        self.app.build()
        self.builds = 0

    def build(self, text: str) -> tuple[str, str]:
        """Build *text* as the page; return the text output and the warnings."""
        self.page.write_bytes(text.encode("utf-8"))
        self.builds += 1
        # Future, ever-increasing mtime: always newer than the last read time.
        future = time.time_ns() + 3600 * 10**9 + self.builds * 10**9
        os.utime(self.page, ns=(future, future))
        self.app.warning.seek(0)
        self.app.warning.truncate()
        self.app.build()
        output = (self.app.outdir / "index.txt").read_text(encoding="utf-8")
        return output, _ANSI.sub("", self.app.warning.getvalue())

    def close(self) -> None:
        self.app.cleanup()


@pytest.fixture(scope="module")
def page_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageBuilder]:
    builder = PageBuilder(tmp_path_factory.mktemp("properties"))
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
            assert match and match.group("file").endswith("index.md"), (
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


@settings(max_examples=25, deadline=None, derandomize=True)
@given(raw=st.binary(min_size=0, max_size=300))
def test_arbitrary_bytes_never_stop_the_build(page_builder: PageBuilder, raw: bytes):
    """Bytes that are not UTF-8 (or not Markdown at all): reported, replaced, build goes on."""
    page_builder.page.write_bytes(b"---\ntitle: bytes page\n---\n\nzorbal quenty\n\n" + raw)
    page_builder.builds += 1
    future = time.time_ns() + 3600 * 10**9 + page_builder.builds * 10**9
    os.utime(page_builder.page, ns=(future, future))
    page_builder.app.warning.seek(0)
    page_builder.app.warning.truncate()
    page_builder.app.build()
    output = (page_builder.app.outdir / "index.txt").read_text(encoding="utf-8")
    warnings = page_builder.app.warning.getvalue()
    assert "Traceback" not in warnings
    assert "zorbal" in output and "quenty" in output


@settings(max_examples=30, deadline=None, derandomize=True)
@given(page=pages())
def test_generated_pages_are_deterministic(page: Page):
    """The strategies themselves: expected words come from the page's own text."""
    text_words = collections.Counter(words_of(page.text))
    for w, n in page.expected().items():
        assert text_words[w] >= n, (w, page.text)
