"""Math typeset by the MathJax the build ships, in Chromium, offline, from ``file://``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def math_site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Path:
    """The ``test-kramdown-dialect`` root built as HTML (its math page: kramdown's ``$$``)."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("math") / "site"
    shutil.copytree(rootdir / "test-kramdown-dialect", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.fixture
def offline_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that records every request that is not a local file."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith("file://") else outside.append(request.url),
    )
    try:
        yield page, outside
    finally:
        context.close()


def _typeset(page: Any, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("() => MathJax.startup.promise")


def test_every_formula_is_typeset_offline(math_site: Path, offline_page: Any) -> None:
    page, outside = offline_page
    _typeset(page, math_site / "math.html")
    formulas = page.locator("span.math, div.math").count()
    assert formulas == 8  # 5 inline, 3 displayed (the kramdown comparison counts them)
    # each one drawn by MathJax (SVG, no fonts to fetch), none as a TeX error,
    # MathJax's own macros (\unicode, \lt) included
    assert page.locator("mjx-container svg").count() == formulas
    # a TeX error is an merror node; a macro MathJax does not know is drawn in red
    errors = "mjx-container [data-mml-node='merror'], mjx-container [fill='red']"
    assert page.locator(errors).count() == 0
    assert page.locator("mjx-container[display='true']").count() == 3
    assert outside == []
    # the check above sees errors: a formula MathJax cannot read is caught by it
    page.evaluate(
        r"""() => document.body.append(MathJax.tex2svg('\\frac{1}'), MathJax.tex2svg('\\foo'))"""
    )
    assert page.locator(errors).count() == 2


def test_a_page_without_math_loads_no_mathjax(math_site: Path, offline_page: Any) -> None:
    page, outside = offline_page
    page.goto((math_site / "tables.html").as_uri())
    assert page.evaluate("() => typeof window.MathJax") == "undefined"
    assert outside == []
