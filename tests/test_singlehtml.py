"""Single-page HTML: ids unique across the assembled pages, links follow their target."""

from __future__ import annotations

import collections
import html
import re
import shutil
from pathlib import Path

from sphinx_mentoring import cli

ROOT = Path(__file__).parent / "roots" / "test-pdf-book"


def test_ids_are_unique_across_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT, site)
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "singlehtml", "-q"]) == 0
    page = (out / "singlehtml" / "index.html").read_text(encoding="utf-8")
    ids = collections.Counter(html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', page))
    assert not [i for i, count in ids.items() if count > 1]
    # both modules have a "1. Introduction": each heading links to itself
    headings = re.findall(
        r'<section id="([^"]+)">\s*<h\d>1\. Introduction<a class="headerlink" '
        r'href="#([^"]+)"',
        page,
    )
    assert len(headings) == 2 and all(a == b for a, b in headings)
    assert headings[0][0] != headings[1][0]
    # every in-page link has a target
    targets = {html.unescape(h) for h in re.findall(r'href="#([^"]*)"', page) if h}
    assert not {t for t in targets if t not in ids and "#" not in t}
