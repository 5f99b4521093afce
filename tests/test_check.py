"""``sphinx-mentoring check SITE``: the migration report, before any build.

On each shared corpus it names the family, counts the pages, and locates the
quirks the corpus's SOURCE.md lists (file:line).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SHARED
from test_cli import tree_digest

from sphinx_mentoring import cli
from sphinx_mentoring.migration import Finding, Kind, check_site, register_detector
from sphinx_mentoring.migration.model import _DETECTORS
from sphinx_mentoring.site import Family

ROOT = Path(__file__).parent / "roots" / "test-cli-site"


def corpus(name: str) -> Path:
    path = SHARED / "corpus" / name
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path


def check(site: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["check", str(site)]) == 0
    return capsys.readouterr().out


def test_course_in_a_box_corpus(capsys):
    site = corpus("connectedlib")
    before = tree_digest(site)
    out = check(site, capsys)
    assert "family: Course-in-a-Box" in out
    assert "pages: 30 to build" in out  # index, 28 posts, and SOURCE.md (GitHub Pages' plugins)
    assert "modules: 3: introducing-the-toolkit (4), basics (12), mentoring (12)" in out
    assert "without pages: youth-development, community-centered, capacity" in out
    assert 'HTML blocks with markdown="1": 36 in 21 pages' in out
    assert "modules/basics/_posts/2000-01-01-about-this-module.md:23: embedded <iframe>" in out
    assert tree_digest(site) == before  # check writes nothing


def test_carpentries_styles_corpus(capsys):
    out = check(corpus("lc-python-intro"), capsys)
    assert "family: Carpentries styles lesson" in out
    # What Jekyll with GitHub Pages' plugins writes: 29, SOURCE.md and the BOM episode.
    assert "pages: 31 to build" in out
    assert "episodes (17), extras (6)" in out  # the BOM episode is built as an episode
    # The quirks SOURCE.md lists, located:
    assert "_episodes/13-looping-data-sets.md:1: byte-order mark before the front matter" in out
    assert (
        "_episodes/17-conditionals.md:265: attribute list word without a dot: '{: python}'" in out
    )
    assert "box {: .challenge}: 60 in" in out  # the BOM episode's 3 counted


def test_workbench_corpus(capsys):
    out = check(corpus("lc-marcedit"), capsys)
    assert "family: Carpentries Workbench lesson" in out
    assert "pages: 19 to build" in out
    assert "episodes (10)" in out
    assert "fenced div ::: challenge: 13 in" in out
    # Unescaped MARC subfield codes that pandoc typesets as math (SOURCE.md's quirk),
    # which the build keeps as text:
    assert "episodes/05-profiling-your-MARC-data.md:186: unescaped $ read as math" in out
    assert out.count("instructors/os-original-material.md:") == 2  # 180 and 363
    # ... and the third span of that page ('$' symbol ... '$'), math in both:
    assert "pandoc $…$ math: 1 in 1 pages" in out
    assert "kramdown" not in out  # a Workbench lesson is pandoc Markdown


def test_formats_say_what_this_machine_builds(capsys, monkeypatch):
    monkeypatch.setenv("PATH", "")  # no latexmk
    out = check(ROOT, capsys)
    assert "formats that will build here: html, dirhtml, singlehtml, epub, text" in out
    assert "pdf: needs latexmk and pdflatex" in out


def test_detectors_are_pluggable_per_family(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT, site)

    def shouting(found_site):
        yield Finding(Kind.APPROXIMATED, "shouting", "too loud", "index.md", 3)

    finding = Finding(Kind.APPROXIMATED, "shouting", "too loud", "index.md", 3)
    try:
        register_detector(shouting, Family.WORKBENCH)  # another family's: not run here
        assert finding not in check_site(site).findings
        register_detector(shouting, Family.COURSE_IN_A_BOX)
        report = check_site(site)
        assert report.site.family is Family.COURSE_IN_A_BOX
        assert finding in report.findings
    finally:
        for family in (Family.COURSE_IN_A_BOX, Family.WORKBENCH):
            _DETECTORS[family] = [d for d in _DETECTORS.get(family, []) if d is not shouting]


def test_a_missing_include_is_located(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(ROOT, site)
    (site / "extra.md").write_text("---\ntitle: Extra\n---\n\nText\n{% include nowhere.html %}\n")
    out = check(site, capsys)
    assert "extra.md:6: missing include: {% include nowhere.html %}" in out


def test_check_a_folder_that_is_not_there(tmp_path, capsys):
    assert cli.main(["check", str(tmp_path / "nothing")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_kramdown_words_that_are_no_mistake(tmp_path, capsys):
    """``{:auto_ids}`` (a glossary's term ids) and a reference to an ALD the page
    defines (``{:note: .note}`` … ``{: note}``) are kramdown, not a missing dot."""
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "roots" / "test-kramdown-dialect", site)
    out = check(site, capsys)
    assert "kramdown {: …} attributes" in out
    assert "word without a dot" not in out
    # A bare word nothing defines is still reported, with its line.
    page = site / "attributes.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nText.\n{: python}\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    out = check(site, capsys)
    assert f"attributes.md:{len(lines)}: attribute list word without a dot: '{{: python}}'" in out
