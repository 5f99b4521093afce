"""Issue 7's list of bad inputs, all in one project (``tests/roots/test-robust-inputs``).

Each page holds one slip. For each: the expected warning(s) at the page's file and
the line of the slip, with a ``mentoring.*`` subtype; the words around the slip
reach the output; no traceback. Then the whole project is built as an author
would in CI, ``sphinx-build -W --keep-going``: it fails, and reports every slip.

The feature tests (``test_frontmatter_bad.py``, ``test_html*``, ``test_footnotes*``,
``test_liquid*`` ...) check each case in depth; this module checks that the list is
complete and that the cases hold *together* in one build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from buildcompare import build_project
from sphinx.util.console import strip_colors

if TYPE_CHECKING:
    from pathlib import Path

#: Words every page of the root has before and after its slip.
AROUND = ("zorbal", "quenty", "plimsock", "vardle")
_WARNING = re.compile(
    r"^(?P<file>\S+?\.md)(?::(?P<line>\d+))?: (?:WARNING|ERROR): (?P<message>.*?)"
    r"(?: \[(?P<type>[\w.-]+)\])?$"
)


@dataclass(frozen=True)
class Spec:
    """What one bad page must give."""

    #: Text of each line that must be warned about, with its occurrence (1-based).
    markers: tuple[tuple[str, int], ...] = ()
    #: Words of the page that must reach the output (besides ``AROUND``).
    words: tuple[str, ...] = ()
    #: Allowed warning counts when the input is arguably valid (None: one per marker).
    counts: tuple[int, ...] | None = None
    #: A line either side of the marker is accepted (YAML reports where it noticed).
    slack: int = 0
    around: bool = True


def at(text: str, occurrence: int = 1) -> tuple[str, int]:
    return (text, occurrence)


SPECS: dict[str, Spec] = {
    # -- front matter
    "fm-invalid-yaml": Spec((at("module_name: [mentoring"),), ("mentoring",), slack=1),
    "fm-not-mapping": Spec((at("- a list morvik"),), ("morvik",), slack=1),
    # No title is fine (Jekyll builds it without complaint): titled from the file name.
    "fm-no-title": Spec(counts=(0,)),
    "fm-misspelt-key": Spec((at("tile: Misspelt"),), slack=1),
    "fm-non-string": Spec((at("section: [1, 2]"), at("published: maybe"))),
    "fm-empty": Spec(counts=(1,), around=False),
    "fm-only-front-matter": Spec(counts=(0,), around=False),
    # Jekyll copies a page behind a byte-order mark as a static file: built, and said so
    "bom": Spec((at("---"),)),
    "crlf": Spec(counts=(0,)),
    "latin1": Spec((at("Caf"),), ("cr",)),
    # -- HTML
    "html-unclosed-div": Spec((at('<div class="note">'),), ("tronkish",)),
    "html-stray-close": Spec((at("</div>"),), ("mibbet",)),
    "html-mismatched": Spec((at("<div><p><b>"),), ("glorp", "bold", "words")),
    "objectives-no-items": Spec((at('<div class="objectives">'),)),
    "objectives-title-only": Spec((at('<div class="objectives">'),), ("snarvel",)),
    "objectives-nested": Spec((at('<div class="objectives">', 2),), ("quixby", "dwemble")),
    "markdown-div-headings": Spec(
        (at('<div class="callout'),), ("frumple", "yazzle", "brontic", "wuggle"), counts=(0, 1)
    ),
    # -- footnotes
    "fn-no-definition": Spec((at('<sup><a name="1"'),), ("pindrat",)),
    "fn-no-mark": Spec((at('<a name="fn1"'),), ("thrimble", "orphan")),
    "fn-duplicate": Spec((at('<a name="fn1"', 2),), ("nargle", "blixen", "cromble")),
    "fn-non-numeric": Spec((at('<sup><a name="a"'),), ("ploddy", "zinther"), counts=(0, 1)),
    "fn-outside-sup": Spec((at('<a name="1"'),), ("kwamble", "fribbet"), counts=(0, 1)),
    "fn-in-list": Spec((at('* <a name="fn1"'),), ("gruntle", "voxley"), counts=(0, 1)),
    # -- Liquid
    "liquid-syntax": Spec((at("{% if %}"),), ("spindrel", "broken")),
    "liquid-unknown-tag": Spec((at("{% nosuchtag"),), ("morvik",)),
    # As in Jekyll, an unknown filter passes its value through without a word.
    "liquid-unknown-filter": Spec(words=("tazzle",), counts=(0,)),
    "liquid-missing-include": Spec((at("{% include no-such-file"),), ("yomper",)),
    "liquid-escaping-include": Spec((at("{% include ../conf.py"),), ("glorp",)),
    "liquid-undefined": Spec((at("{{ page.no_such_key }}"),), ("snarvel",)),
    # -- media
    "iframe-no-src": Spec((at("<iframe"),)),
    "iframe-javascript": Spec((at("<iframe"),)),
    "img-javascript": Spec((at("<img"),)),
    "img-missing": Spec((at("<img"),)),
}


def _write_byte_pages(src: Path) -> None:
    """Pages whose exact bytes matter (git could normalise them in the root)."""
    body = b"\n\nBefore words zorbal quenty.\n\nAfter words plimsock vardle.\n"
    (src / "bom.md").write_bytes(b"\xef\xbb\xbf---\ntitle: A BOM page\n---" + body)
    (src / "crlf.md").write_bytes((b"---\ntitle: A CRLF page\n---" + body).replace(b"\n", b"\r\n"))
    (src / "latin1.md").write_bytes(
        b"---\ntitle: Latin-1 page\n---" + body + b"\nCaf\xe9 and cr\xe8me.\n"
    )


def _line_of(path: Path, marker: str, occurrence: int) -> int:
    seen = 0
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        if marker in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{marker!r} (#{occurrence}) not in {path.name}: the spec is wrong")


def parse_warnings(text: str) -> dict[str, list[re.Match[str]]]:
    """Warning lines by page name (file stem); a warning without a file is under ''."""
    text = strip_colors(text)
    found: dict[str, list[re.Match[str]]] = {}
    for line in text.splitlines():
        match = _WARNING.match(line)
        if match:
            stem = match.group("file").rsplit("/", 1)[-1].removesuffix(".md")
            found.setdefault(stem, []).append(match)
        elif "WARNING" in line or "ERROR" in line:
            found.setdefault("", []).append(re.match(r"(?P<message>.*)", line))  # type: ignore[arg-type]
    return found


@dataclass
class Built:
    src: Path
    outdir: Path
    warnings: str

    def text(self, page: str) -> str:
        return (self.outdir / f"{page}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(rootdir, tmp_path_factory) -> Built:
    src = tmp_path_factory.mktemp("bad-inputs") / "src"
    shutil.copytree(rootdir / "test-robust-inputs", src)
    _write_byte_pages(src)
    app = build_project(src, src.parent / "build", "text", freshenv=True)
    return Built(src, app.outdir, app.warning.getvalue())


def test_every_bad_input_has_a_page(rootdir):
    pages = {p.stem for p in (rootdir / "test-robust-inputs").glob("*.md")} - {"index"}
    assert pages | {"bom", "crlf", "latin1"} == set(SPECS)


def test_no_traceback(built):
    assert "Traceback" not in built.warnings
    assert "Exception occurred" not in built.warnings


@pytest.mark.parametrize("page", list(SPECS))
def test_bad_input(built, page):
    spec = SPECS[page]
    path = built.src / f"{page}.md"
    warnings = parse_warnings(built.warnings).get(page, [])
    shown = "\n".join(w.group(0) for w in warnings) or "(none)"
    expected_count = spec.counts or (len(spec.markers),)
    assert len(warnings) in expected_count, f"{page}: warnings\n{shown}"
    for warning in warnings:
        assert warning.group("line"), f"{page}: a warning without a line: {warning.group(0)}"
        assert (warning.group("type") or "").startswith("mentoring."), (
            f"{page}: not a mentoring.* warning: {warning.group(0)}"
        )
    if spec.counts is None or warnings:
        wanted = [_line_of(path, text, n) for text, n in spec.markers]
        got = sorted(int(w.group("line")) for w in warnings)
        for line in wanted[: len(got)]:
            assert any(abs(line - g) <= spec.slack for g in got), (
                f"{page}: expected a warning at line {line}, got\n{shown}"
            )
    output = built.text(page)
    words = set(re.findall(r"[a-z0-9]+", output.lower()))
    lost = [w for w in (*(AROUND if spec.around else ()), *spec.words) if w not in words]
    assert not lost, f"{page}: words lost {lost}\n--- output ---\n{output}"


def test_nothing_outside_includes_is_read(built):
    assert "extensions" not in built.text("liquid-escaping-include")


def test_undefined_liquid_variable_renders_empty(built):
    assert "snarvel [] here" in built.text("liquid-undefined")


def test_no_javascript_url_reaches_the_output(built, tmp_path):
    app = build_project(built.src, tmp_path / "html", "html")
    for page in ("iframe-javascript", "img-javascript"):
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert "javascript:" not in html.lower(), page


def test_dash_w_keep_going_reports_every_bad_input(built, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "build",
            "-W",
            "--keep-going",
            "-b",
            "text",
            "-d",
            str(tmp_path / "doctrees"),
            str(built.src),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0, "-W did not fail on the bad inputs"
    assert "Traceback" not in result.stderr
    reported = parse_warnings(result.stderr)
    expected = {page for page, spec in SPECS.items() if (spec.counts or (1,)) != (0,)}
    # Arguably valid inputs may be silent; every real slip must be reported.
    must = {page for page in expected if 0 not in (SPECS[page].counts or (1,))}
    missing = sorted(must - set(reported))
    assert not missing, f"-W --keep-going did not report: {missing}\n{result.stderr[-3000:]}"
    # ... and everything reported under -W is what a normal build reports (once each).
    normal = parse_warnings(built.warnings)
    for page in must:
        assert len(reported[page]) == len(normal.get(page, [])), page


MIXED_FOOTNOTE_STYLES = """\
---
title: Mixed footnote styles
---

Seed mark.<a name="1" href="#fn1">1</a>

Plain marks.<sup>1</sup>

<details><summary>References</summary>

1: zinther vardle

</details>

<hr/>
<a name="fn1" href="#1">1</a>: zorbal spindrel
"""


def test_two_footnote_styles_with_the_same_numbers_keep_every_note(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_mentoring"]\nproject = "mixed"\n')
    (src / "index.md").write_text("# Root\n\n```{toctree}\npage\n```\n")
    (src / "page.md").write_text(MIXED_FOOTNOTE_STYLES)
    latex = build_project(src, tmp_path / "build", "latex", freshenv=True)
    tex = (latex.outdir / "mixed.tex").read_text(encoding="utf-8")
    assert "zorbal spindrel" in tex
    assert "zinther vardle" in tex


def test_a_duplicate_ial_id_is_reported_at_its_line(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
    (src / "index.md").write_text(
        "---\ntitle: Page\n---\n\nFirst glorp.\n{: #anchor}\n\nSecond snarvel.\n{: #anchor}\n"
    )
    app = build_project(src, tmp_path / "build", "text", freshenv=True)
    (warning,) = parse_warnings(app.warning.getvalue())["index"]
    assert warning.group("line") == "9"
    assert (warning.group("type") or "").startswith("mentoring.")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "glorp" in text and "snarvel" in text


def test_a_rule_that_ends_the_page_is_a_plain_rule(tmp_path):
    # a styles lesson's all-in-one page ends with its last episode's <hr />
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
    (src / "index.md").write_text("---\ntitle: Page\n---\n\nLast words.\n\n<hr />\n")
    app = build_project(src, tmp_path / "build", "html", freshenv=True)
    assert "Transition" not in app.warning.getvalue()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Last words." in html and "mentoring-rule" in html


def test_suppress_warnings_silences_each_subtype(built, tmp_path):
    """Every subtype the bad inputs raise can be silenced by name, as the docs promise."""
    subtypes = sorted(
        {
            w.group("type")
            for found in parse_warnings(built.warnings).values()
            for w in found
            if (w.group("type") or "").startswith("mentoring.")
        }
    )
    assert len(subtypes) >= 8, subtypes  # front matter, HTML, footnotes, Liquid, media ...
    app = build_project(
        built.src, tmp_path / "quiet", "text", freshenv=True,
        confoverrides={"suppress_warnings": subtypes},
    )  # fmt: skip
    assert "[mentoring." not in app.warning.getvalue()
    everything = build_project(
        built.src, tmp_path / "silent", "text", freshenv=True,
        confoverrides={"suppress_warnings": ["mentoring"]},
    )  # fmt: skip
    assert "[mentoring." not in everything.warning.getvalue()
