"""``sphinx-mentoring init``: a Jekyll site becomes a Sphinx project that builds everywhere.

The generated ``Makefile`` is run for real (html, latexpdf, epub), the way an
author runs it; ``requirements.txt`` names sphinx-mentoring as pip installed it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sphinx_mentoring import __version__, cli
from sphinx_mentoring.cli.init import requirement

ROOT = Path(__file__).parent / "roots" / "test-cli-site"
FILES = ["conf.py", "Makefile", "make.bat", "requirements.txt", ".readthedocs.yaml"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(ROOT, target)
    return target


def with_venv_path() -> dict[str, str]:
    """The environment of a shell in this virtual environment (``sphinx-build`` on PATH)."""
    bindir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": os.pathsep.join([bindir, os.environ.get("PATH", "")])}


# --------------------------------------------------------------------------- requirements.txt


def test_from_a_package_index_the_exact_version():
    found = requirement(None, "1.2.3")
    assert found.line == "sphinx-mentoring==1.2.3"
    assert not found.warning


def test_from_git_the_url_at_the_installed_commit():
    found = requirement(
        {
            "url": "https://example.org/me/sphinx-mentoring.git",
            "vcs_info": {"vcs": "git", "commit_id": "0123abcd", "requested_revision": "main"},
        }
    )
    assert found.line == (
        "sphinx-mentoring @ git+https://example.org/me/sphinx-mentoring.git@0123abcd"
    )
    assert not found.warning


def test_from_an_archive_url_that_url():
    url = "https://example.org/sphinx_mentoring-0.1.0-py3-none-any.whl"
    found = requirement({"url": url, "archive_info": {"hashes": {}}})
    assert found.line == f"sphinx-mentoring @ {url}"
    assert not found.warning


@pytest.mark.parametrize(
    "direct_url",
    [
        {"url": "file:///home/me/sphinx-mentoring", "dir_info": {"editable": True}},
        {"url": "file:///home/me/sphinx-mentoring", "dir_info": {}},
        {"url": "file:///tmp/sphinx_mentoring-0.1.0.tar.gz", "archive_info": {}},
        {"url": "file:///home/me/clone", "vcs_info": {"vcs": "git", "commit_id": "ab"}},
    ],
)
def test_from_this_machine_a_warning_read_the_docs_cannot_reach_it(direct_url):
    found = requirement(direct_url, "1.2.3")
    assert found.line == "sphinx-mentoring==1.2.3"
    assert "Read the Docs cannot reach" in found.warning
    assert direct_url["url"].removeprefix("file://") in found.warning


# --------------------------------------------------------------------------- the files


def test_init_writes_a_project_and_never_overwrites(site, capsys):
    (site / "Makefile").write_text("# the author's own\n")
    assert cli.main(["init", str(site)]) == 0
    out = capsys.readouterr()
    for name in FILES:
        assert (site / name).is_file(), name
    assert (site / "Makefile").read_text() == "# the author's own\n"
    assert "Makefile exists; left unchanged" in out.err
    assert cli.main(["init", str(site)]) == 1  # everything exists now
    assert "nothing written" in capsys.readouterr().err


def test_generated_files_say_how_to_build(site):
    assert cli.main(["init", str(site)]) == 0
    makefile = (site / "Makefile").read_text(encoding="utf-8")
    assert "SPHINXBUILD   ?= sphinx-build" in makefile
    assert '@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)"' in makefile
    assert (site / "make.bat").read_bytes().count(b"\r\n") > 10  # Windows line ends
    rtd = yaml.safe_load((site / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["version"] == 2
    assert rtd["sphinx"]["configuration"] == "conf.py"
    assert sorted(rtd["formats"]) == ["epub", "pdf"]
    assert rtd["python"]["install"] == [{"requirements": "requirements.txt"}]
    lines = (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    requirement_lines = [line for line in lines if line and not line.startswith("#")]
    assert len(requirement_lines) == 1
    assert requirement_lines[0].startswith("sphinx-mentoring")


def test_read_the_docs_paths_start_at_the_repository_root(tmp_path, capsys):
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    shutil.copytree(ROOT, repository / "course")
    assert cli.main(["init", str(repository / "course")]) == 0
    rtd = yaml.safe_load((repository / "course" / ".readthedocs.yaml").read_text())
    assert rtd["sphinx"]["configuration"] == "course/conf.py"
    assert rtd["python"]["install"] == [{"requirements": "course/requirements.txt"}]
    assert f"move it to {repository}" in capsys.readouterr().out


def test_installed_from_this_clone_warns_about_read_the_docs(site, capsys):
    # The test environment installs the package from this folder (editable or not).
    assert cli.main(["init", str(site)]) == 0
    err = capsys.readouterr().err
    assert "Read the Docs cannot reach" in err
    assert f"sphinx-mentoring=={__version__}" in (site / "requirements.txt").read_text()


@pytest.mark.slow
@pytest.mark.latex
def test_the_generated_makefile_builds_html_pdf_and_epub(corpus_copy):
    """The "Done when" of issue 19: init a copy of ConnectedLib, then make each format."""
    if shutil.which("make") is None or shutil.which("latexmk") is None:
        pytest.skip("needs make and latexmk")
    assert cli.main(["init", str(corpus_copy)]) == 0
    for target in ("html", "latexpdf", "epub"):
        done = subprocess.run(
            ["make", target],
            cwd=corpus_copy,
            env=with_venv_path(),
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, (target, done.stdout[-3000:], done.stderr[-3000:])
    build = corpus_copy / "_build"
    assert (build / "html" / "index.html").is_file()
    assert list((build / "latex").glob("*.pdf"))
    assert list((build / "epub").glob("*.epub"))
