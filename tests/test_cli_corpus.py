"""Acceptance (issue 4): the real ConnectedLib site builds untouched with the command."""

from __future__ import annotations

import os
import re
import runpy
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors
from test_cli import tree_digest  # tests/ is on sys.path (pytest's rootdir conftest)

from sphinx_mentoring import cli
from sphinx_mentoring.site import load_site

SHARED = Path(os.environ.get("MENTORING_SHARED", Path(__file__).resolve().parents[2] / "shared"))

LEAKS = re.compile(r"\{:|\{\{|\{%|markdown=")
LINK = r"link to '(?:\.\./)*/?(?:modules/)?([\w-]+)/': .*\[mentoring.link\]"
WARNING = re.compile(r"^(?:(?P<file>\S+?):(?:\d+:)? )?WARNING: (?P<message>.*)$", re.M)


def _unexplained_warnings(stderr: str, site) -> list[str]:
    """Warnings other than links/images whose target the corpus subset lacks."""
    unexplained = []
    for match in WARNING.finditer(strip_colors(stderr)):
        message = match.group("message")
        image = re.match(r"image file not found: (\S+);.*\[mentoring.image\]", message)
        link = re.match(
            r"link to '(?:\.\./)*/?(?:modules/)?([\w-]+)/': .*\[mentoring.link\]", message
        )
        if image and not (site / image.group(1).lstrip("/")).exists():
            continue  # the corpus keeps only the images its three modules use
        if link and not (site / "modules" / link.group(1)).exists():
            continue  # the corpus keeps three of the course's modules
        unexplained.append(match.group(0))
    return unexplained


@pytest.mark.slow
def test_connectedlib_builds_untouched(corpus_copy, tmp_path, capfd):
    site = corpus_copy
    before = tree_digest(site)
    out = tmp_path / "out"

    assert cli.main(["build", str(site), str(out), "--format", "text", "-q"]) == 0
    assert cli.main(["build", str(site), str(out), "--format", "html", "-q"]) == 0
    assert cli.main(["build", str(site), str(out), "--format", "epub", "-q"]) == 0
    stderr = capfd.readouterr().err
    assert tree_digest(site) == before  # byte for byte: nothing written into the site

    assert not _unexplained_warnings(stderr, site)
    assert "mentoring.liquid" not in stderr and "mentoring.redirect" not in stderr

    pages = load_site(site).built
    # index.md + 28 posts, and SOURCE.md (GitHub Pages makes a page of a Markdown file
    # without front matter); never README or LICENSE
    assert len(pages) == 30
    for page in pages:
        text = (out / "text" / page.docname).with_suffix(".txt").read_text(encoding="utf-8")
        assert not LEAKS.findall(text), page.path

    fidelity_tool = SHARED / "tools" / "fidelity.py"
    if fidelity_tool.is_file():
        fidelity = runpy.run_path(str(fidelity_tool))
        for page in pages:
            reference = fidelity["reference_words"](site / page.path)
            got = fidelity["output_words"](
                (out / "text" / page.docname).with_suffix(".txt").read_text(encoding="utf-8")
            )
            missing = [w for w in set(reference) if got.count(w) < reference.count(w)]
            assert not missing, (page.path, missing[:10])

    # Old URLs keep working: the page lives at its Jekyll URL.
    page = out / "html" / "modules" / "basics" / "opportunity" / "index.html"
    assert "_posts/2002-04-01-opportunity" in page.read_text(encoding="utf-8")
    assert not (out / "html" / "modules" / "basics" / "_posts").exists()
