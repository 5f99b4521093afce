"""The ``sphinx-mentoring`` command: zero-config builds of a Jekyll folder, and ``init``."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from sphinx_mentoring import cli
from sphinx_mentoring.cli.build import autobuild_argv
from sphinx_mentoring.jekyll.project import jekyll_settings

ROOT = Path(__file__).parent / "roots" / "test-cli-site"
PAGES = {
    "index",
    "modules/m1/_posts/2001-01-01-intro",
    "modules/m1/_posts/2001-02-01-next",
    "modules/m2/_posts/2002-01-01-second",
}


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file (and its bytes' hash) and every folder of a tree."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        digest[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return digest


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(ROOT, target)
    return target


def test_settings_build_what_jekyll_builds(site):
    settings = jekyll_settings(site)
    docnames = {p.removesuffix(".md") for p in settings["include_patterns"]}
    # No README/LICENSE (no front matter), _drafts, _site, exclude:, published: false.
    assert docnames == PAGES
    assert settings["project"] == "CLI Course"
    assert settings["root_doc"] == "index"
    assert settings["epub_description"] == "A small Course-in-a-Box site"


def test_build_text_leaves_site_untouched(site, tmp_path, capsys):
    before = tree_digest(site)
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "text", "-W"]) == 0
    assert tree_digest(site) == before  # byte for byte
    built = {
        p.relative_to(out / "text").with_suffix("").as_posix()
        for p in (out / "text").rglob("*.txt")
    }
    assert built == PAGES
    intro = (out / "text/modules/m1/_posts/2001-01-01-intro.txt").read_text(encoding="utf-8")
    assert "The introduction page with a link." in intro
    assert "{:" not in intro
    assert "Secret draft" not in "".join(p.read_text() for p in (out / "text").rglob("*.txt"))
    assert "text output in" in capsys.readouterr().out


def test_build_html_writes_pages_at_jekyll_urls(site, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "-q"]) == 0
    html = out / "html"
    # /:categories/:title/ under baseurl /cli -> modules/m1/intro/index.html in the output.
    page = (html / "modules/m1/intro/index.html").read_text(encoding="utf-8")
    assert 'data-mentoring-page="modules/m1/_posts/2001-01-01-intro"' in page
    assert not (html / "modules/m1/_posts").exists()
    second = (html / "second-module/index.html").read_text(encoding="utf-8")  # permalink:
    assert "refresh" not in second and "data-mentoring-page=" in second
    # The root page is the site's own index.md, not overwritten by a redirect.
    assert "refresh" not in (html / "index.html").read_text(encoding="utf-8")
    assert not (out / "html" / ".sphinx-mentoring").exists()
    assert (out / ".sphinx-mentoring" / "conf.py").is_file()


def test_warnings_as_errors_exit_code(site, tmp_path):
    (site / "broken.md").write_text("---\ntitle: Broken\n---\n\n{% frobnicate %} Words stay.\n")
    before = tree_digest(site)
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "-f", "text", "-q", "-W"]) == 1
    assert cli.main(["build", str(site), str(out), "-f", "text", "-q"]) == 0
    # Only the unknown tag is left out (with the warning -W turned into an error).
    assert "Words stay." in (out / "text" / "broken.txt").read_text(encoding="utf-8")
    assert tree_digest(site) == before


def test_usage_errors_say_what_to_do(tmp_path, capsys):
    assert cli.main(["build", str(tmp_path / "missing"), str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["build", str(empty), str(tmp_path / "out")]) == 2
    assert "front matter" in capsys.readouterr().err
    assert cli.main(["build", str(ROOT), str(tmp_path / "o"), "--serve", "-f", "epub"]) == 2
    assert "--serve" in capsys.readouterr().err
    assert cli.main([]) == 2
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["build", "--format", "docx", "a", "b"])
    assert exit_info.value.code == 2


def test_an_out_folder_that_cannot_be_used_is_one_usage_line(site, tmp_path, capsys):
    """OUT a file, OUT under a file, OUT holding SITE: exit 2, one line, no traceback."""
    a_file = tmp_path / "out.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    for out, says in (
        (a_file, "is a file"),
        (a_file / "sub", "cannot be created"),
        (tmp_path, "is inside OUT"),  # tmp_path holds the site
    ):
        assert cli.main(["build", str(site), str(out), "-q"]) == 2, out
        err = capsys.readouterr().err.strip()
        assert says in err and "Traceback" not in err, err
        assert len(err.splitlines()) == 1, err
    assert a_file.read_text(encoding="utf-8") == "not a folder"


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["build", "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert "examples:" in help_text and "sphinx-mentoring build my-course _build" in help_text


def test_serve_ignores_what_would_loop(site, tmp_path):
    out = site / "_build"  # even an output folder inside the site
    argv = autobuild_argv(site, out, "html", 8000, ["-q"])
    ignored = [argv[i + 1] for i, a in enumerate(argv) if a == "--ignore"]
    assert str(out) in ignored and str(site / "_site") in ignored
    assert argv[:2] == [str(site), str(out / "html")]


def test_init_writes_conf_that_builds_the_same(site, tmp_path):
    out = tmp_path / "zero"
    assert cli.main(["build", str(site), str(out), "-f", "text", "-q"]) == 0
    assert cli.main(["init", str(site)]) == 0
    assert (site / "conf.py").is_file() and (site / ".readthedocs.yaml").is_file()
    assert "sphinx-mentoring" in (site / ".readthedocs.yaml").read_text()
    conf_before = (site / "conf.py").read_bytes()
    assert cli.main(["init", str(site)]) == 1  # never overwrites
    assert (site / "conf.py").read_bytes() == conf_before

    from sphinx.cmd.build import build_main

    own = tmp_path / "own"
    assert build_main(["-q", "-b", "text", str(site), str(own)]) == 0
    zero = {p.relative_to(out / "text"): p.read_bytes() for p in (out / "text").rglob("*.txt")}
    mine = {p.relative_to(own): p.read_bytes() for p in own.rglob("*.txt")}
    assert mine == zero


def test_latex_format_writes_the_course_and_a_workbook_per_module(site, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "latex", "-q"]) == 0
    tex = sorted(p.name for p in (out / "latex").glob("*.tex"))
    modules = [name for name in tex if name.endswith(("-m1.tex", "-m2.tex"))]
    assert len(modules) == 2, tex  # one per module ...
    assert len(tex) == 3, tex  # ... and the whole course
