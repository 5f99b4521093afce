#!/usr/bin/env python
"""CSS + JS bytes a section page loads, with sphinx_mentoring and with other themes.

Builds the same pages (the seed page in a small seed-format course:
``tests/roots/test-theme-course``) once per theme, reads the section page's
``<link rel="stylesheet">`` and ``<script src>`` with the standard HTML parser,
adds up the size of each local file (uncompressed) and prints the ratios to ours.
Themes that are not installed are skipped (``pip install furo pydata-sphinx-theme
sphinx-book-theme sphinx_rtd_theme``). Exit code 0 within the budget, 1 over it
or when a build fails, 2 when sphinx_mentoring is not installed (one line each).

    python benchmarks/page_weight.py [--page modules/mentoring/intro.html] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "tests" / "roots" / "test-theme-course"
OURS = "sphinx_mentoring"
#: html_theme -> the module that must be importable for it
THEMES = {
    OURS: "sphinx_mentoring",
    "alabaster": "alabaster",
    "furo": "furo",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
}
BUDGET = 40_000


class AssetParser(HTMLParser):
    """Collects the stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and attributes.get("href"):
            self.css.append(attributes["href"] or "")
        elif tag == "script" and attributes.get("src"):
            self.js.append(attributes["src"] or "")


def local_size(page: Path, url: str) -> int | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # loaded from elsewhere: reported, not counted
    path = (page.parent / parts.path).resolve()
    return path.stat().st_size if path.is_file() else 0


class BuildFailed(Exception):
    """A theme's build exited with an error."""


def build(theme: str, workdir: Path) -> Path:
    source = workdir / f"src-{theme}"
    shutil.copytree(SOURCE, source)
    out = workdir / f"html-{theme}"
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"html_theme={theme}"]
    done = subprocess.run([*command, str(source), str(out)], check=False)
    if done.returncode:
        raise BuildFailed(f"the build with html_theme={theme} failed (exit {done.returncode})")
    return out


@dataclass(frozen=True)
class Weight:
    css: int
    js: int
    external: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.css + self.js


def measure(out: Path, page_name: str) -> Weight:
    page = out / page_name
    parser = AssetParser()
    parser.feed(page.read_text(encoding="utf-8"))
    external = tuple(u for u in parser.css + parser.js if local_size(page, u) is None)
    css = sum(local_size(page, u) or 0 for u in parser.css)
    js = sum(local_size(page, u) or 0 for u in parser.js)
    return Weight(css, js, external)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="modules/mentoring/intro.html")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)

    if importlib.util.find_spec(OURS) is None:
        print(
            f"page_weight.py: {OURS} is not installed in {sys.executable} "
            "(python -m pip install -e . in the repository)",
            file=sys.stderr,
        )
        return 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="page-weight-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Weight] = {}
    try:
        for theme, module in THEMES.items():
            if importlib.util.find_spec(module) is None:
                print(f"skipped {theme}: not installed", file=sys.stderr)
                continue
            results[theme] = measure(build(theme, workdir), args.page)
    except (BuildFailed, OSError) as error:
        print(f"page_weight.py: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    ours = results[OURS].total
    print(f"CSS + JS loaded by {args.page} (bytes, uncompressed)\n")
    print(f"{'theme':<22}{'CSS':>10}{'JS':>11}{'total':>11}{'ratio':>8}  outside requests")
    for theme, row in sorted(results.items(), key=lambda item: item[1].total):
        print(
            f"{theme:<22}{row.css:>10,}{row.js:>11,}{row.total:>11,}"
            f"{row.total / ours:>8.2f}  {len(row.external)}"
        )
    verdict = "within" if ours <= BUDGET else "OVER"
    print(f"\nsphinx_mentoring: {ours:,} bytes, {verdict} the {BUDGET:,}-byte budget")
    return 0 if ours <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
