"""Bad front matter: one warning at the right file and line, nothing lost, no traceback."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

if TYPE_CHECKING:
    from pathlib import Path

ROOT = "test-frontmatter-bad"


def _write_byte_pages(srcdir: Path) -> None:
    """Pages whose bytes matter (kept out of git, which may normalise them)."""
    (srcdir / "bom.md").write_bytes(
        b"\xef\xbb\xbf---\ntitle: Page with a BOM\n---\n\nBody after a BOM.\n"
    )
    (srcdir / "crlf.md").write_bytes(
        b"---\r\ntitle: Page with CRLF\r\nmodule_name: mentoring\r\n---\r\n\r\n"
        b"Body with CRLF.\r\n\r\n## CRLF part\r\n\r\nMore.\r\n"
    )
    (srcdir / "latin1.md").write_bytes(
        b"---\ntitle: Latin-1 page\n---\n\nFirst line.\n\nCaf\xe9 and cr\xe8me line.\n"
    )


@pytest.fixture(scope="module")
def bad_build(rootdir, tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("fm-bad") / "src"
    shutil.copytree(rootdir / ROOT, srcdir)
    _write_byte_pages(srcdir)
    app = SphinxTestApp("text", srcdir=srcdir)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def _warnings(app, page: str) -> list[str]:
    text = strip_colors(app.warning.getvalue())
    return [line for line in text.splitlines() if f"{page}.md" in line]


def _text(app, page: str) -> str:
    return (app.outdir / f"{page}.txt").read_text(encoding="utf-8")


def test_no_traceback_and_all_pages_built(bad_build):
    assert "Traceback" not in bad_build.warning.getvalue()
    for page in ("invalid-yaml", "not-a-mapping", "no-title", "empty", "latin1", "bom"):
        assert (bad_build.outdir / f"{page}.txt").exists()


def test_invalid_yaml_warns_at_real_line_and_keeps_text(bad_build):
    (warning,) = _warnings(bad_build, "invalid-yaml")
    # line 4 of the file holds "title: Mentoring: a guide"
    assert "invalid-yaml.md:4:" in warning
    assert "not valid YAML" in warning
    assert "[mentoring.frontmatter]" in warning
    text = _text(bad_build, "invalid-yaml")
    # The recoverable title is used, and the author's block stays readable.
    assert text.startswith("Mentoring: a guide")
    assert "section: 2. Roles" in text
    assert "Body of the page whose YAML is broken." in text
    meta = bad_build.env.metadata["invalid-yaml"]
    assert meta["title"] == "Mentoring: a guide"
    assert meta["module_name"] == "mentoring"


def test_not_a_mapping(bad_build):
    (warning,) = _warnings(bad_build, "not-a-mapping")
    assert "not-a-mapping.md:2:" in warning
    assert "not a mapping" in warning
    text = _text(bad_build, "not-a-mapping")
    assert "- Mentoring" in text
    assert "Body of the page whose front matter is a list." in text


def test_missing_title_falls_back_to_file_name(bad_build):
    # Jekyll builds a page without title without complaint: so do we.
    assert _warnings(bad_build, "no-title") == []
    assert bad_build.env.titles["no-title"].astext() == "No Title"
    doctree = bad_build.env.get_doctree("no-title")
    (top,) = [c for c in doctree.children if isinstance(c, nodes.section)]
    assert [s[0].astext() for s in top.findall(nodes.section) if s is not top] == ["A part of it"]


def test_missing_title_with_own_heading_is_fine(bad_build):
    assert _warnings(bad_build, "no-title-heading") == []
    assert bad_build.env.titles["no-title-heading"].astext() == "Its own heading"


def test_misspelt_key_suggests_known_one(bad_build):
    warnings = _warnings(bad_build, "misspelt-key")
    typo = [w for w in warnings if "frontmatter_key" in w]
    assert len(typo) == 1
    assert "misspelt-key.md:2:" in typo[0]
    assert "'tile'" in typo[0] and "did you mean 'title'" in typo[0]
    # ... and, as for Jekyll, a page without title is no slip.
    assert not any("frontmatter_title" in w for w in warnings)


def test_non_string_values(bad_build):
    warnings = _warnings(bad_build, "non-string")
    assert len(warnings) == 2
    section, published = warnings
    assert "non-string.md:3:" in section and "'section' should be text" in section
    assert "non-string.md:5:" in published and "'published' should be true or false" in published
    # YAML reads 1.10 as 1.1: the title is the text the author wrote.
    assert bad_build.env.titles["non-string"].astext() == "1.10"
    assert bad_build.env.metadata["non-string"]["section"] == [1, 2]


def test_empty_file(bad_build):
    (warning,) = _warnings(bad_build, "empty")
    assert "empty.md:1:" in warning and "empty" in warning
    assert bad_build.env.titles["empty"].astext() == "Empty"


def test_only_front_matter(bad_build):
    assert _warnings(bad_build, "only-front-matter") == []
    assert bad_build.env.titles["only-front-matter"].astext() == "Nothing but a title"


def test_bom(bad_build):
    # Jekyll would copy the page as a static file: it is built, with a warning
    (warning,) = _warnings(bad_build, "bom")
    assert "bom.md:1:" in warning and "byte-order mark" in warning and "[mentoring.bom]" in warning
    assert bad_build.env.titles["bom"].astext() == "Page with a BOM"
    assert "\ufeff" not in _text(bad_build, "bom")


def test_crlf(bad_build):
    assert _warnings(bad_build, "crlf") == []
    assert bad_build.env.titles["crlf"].astext() == "Page with CRLF"
    assert bad_build.env.metadata["crlf"]["module_name"] == "mentoring"
    assert "CRLF part" in _text(bad_build, "crlf")


def test_bytes_that_are_not_utf8(bad_build):
    (warning,) = _warnings(bad_build, "latin1")
    assert "latin1.md:7:" in warning
    assert "[mentoring.encoding]" in warning
    assert "not valid UTF-8" in warning
    text = _text(bad_build, "latin1")
    assert "Caf\ufffd and cr\ufffdme line." in text
    assert "First line." in text
