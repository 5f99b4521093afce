"""``sphinx-mentoring init SITE``: the files that make a Jekyll site a Sphinx project.

Written into the site, each only if it does not exist yet:

- ``conf.py``: :func:`~sphinx_mentoring.jekyll.project.jekyll_settings`, the same
  configuration ``build`` derives, for the author to own;
- ``Makefile`` and ``make.bat``: sphinx-quickstart's own (``make html``,
  ``make latexpdf``, ``make epub``);
- ``requirements.txt``: sphinx-mentoring from where this copy was installed
  (:func:`requirement`), so that Read the Docs installs the same one;
- ``.readthedocs.yaml``: HTML, PDF and EPUB, with that ``requirements.txt``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.util.template import SphinxRenderer

from sphinx_mentoring import __version__
from sphinx_mentoring.cli.common import site_folder

DISTRIBUTION = "sphinx-mentoring"

CONF = '''\
"""Sphinx configuration of this Jekyll course (written by `sphinx-mentoring init`).

It is yours now: `make html` (or `sphinx-build -M html . _build`, `make latexpdf`,
`make epub`, `sphinx-autobuild . _build/html`, Read the Docs) gives the same result
as `sphinx-mentoring build . _build`. `jekyll_settings` derives the project title,
the list of pages Jekyll would build, the root page and the theme from _config.yml
and _data/ at every build; anything you set below it wins.
"""

from pathlib import Path

from sphinx_mentoring.jekyll.project import jekyll_settings

globals().update(jekyll_settings(Path(__file__).parent))

# Your own settings, for example:
# html_theme_options = {}
# suppress_warnings = ["mentoring.liquid"]
# mentoring_pdf = "modules"  # one PDF workbook per module
'''

READTHEDOCS = """\
# Read the Docs configuration (written by `sphinx-mentoring init`): the HTML site,
# a PDF and an EPUB, built with the sphinx-mentoring of {requirements}.
version: 2
build:
  os: ubuntu-24.04
  tools:
    python: "3.13"
sphinx:
  configuration: {conf}
formats:
  - pdf
  - epub
python:
  install:
    - requirements: {requirements}
"""


@dataclass(frozen=True)
class Requirement:
    """The requirements.txt line that installs this sphinx-mentoring, and a warning
    when no other machine (Read the Docs) can install it from there."""

    line: str
    source: str  # where it was installed from, in words
    warning: str = ""


def requirement(direct_url: dict[str, Any] | None, version: str = __version__) -> Requirement:
    """sphinx-mentoring as pip installed it (PEP 610's ``direct_url.json``)."""
    exact = f"{DISTRIBUTION}=={version}"
    if direct_url is None:  # from a package index
        return Requirement(exact, f"a package index, version {version}")
    url = str(direct_url.get("url") or "")
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and not url.startswith("file:"):
        commit = vcs.get("commit_id") or vcs.get("requested_revision") or ""
        at = f"@{commit}" if commit else ""
        return Requirement(f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}{at}", url)
    if "archive_info" in direct_url and url.startswith(("http://", "https://")):
        return Requirement(f"{DISTRIBUTION} @ {url}", url)
    # A folder or a file on this machine: no build server can reach it.
    where = url.removeprefix("file://") or "a local folder"
    return Requirement(
        exact,
        where,
        warning=(
            f"sphinx-mentoring was installed from {where}, which Read the Docs cannot "
            f"reach: requirements.txt asks for {exact}, which installs only once that "
            "version is on PyPI. Until then, replace that line with "
            f"'{DISTRIBUTION} @ git+https://<the repository you installed it from>@<commit>'."
        ),
    )


def installed_direct_url() -> dict[str, Any] | None:
    """``direct_url.json`` of the installed sphinx-mentoring (None: from an index)."""
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:  # run from a source tree, not installed
        return {"url": f"file://{Path(__file__).resolve().parents[2]}", "dir_info": {}}
    if not text:
        return None
    data = json.loads(text)
    return data if isinstance(data, dict) else None


def repository_root(site: Path) -> Path:
    """The git work tree holding the site (Read the Docs' paths start there), or the site."""
    for folder in (site, *site.parents):
        if (folder / ".git").exists():
            return folder
    return site


def project_files(site: Path, found: Requirement) -> dict[Path, tuple[str, str]]:
    """Every file ``init`` writes: path -> (text, line ending)."""
    relative = site.relative_to(repository_root(site))
    in_repository = PurePosixPath(*relative.parts)
    renderer = SphinxRenderer()
    folders = {"rsrcdir": ".", "rbuilddir": "_build"}
    requirements = (
        "# sphinx-mentoring, from where it was installed when this project was set up\n"
        f"# ({found.source}); Read the Docs installs it from this file.\n"
        f"{found.line}\n"
    )
    return {
        site / "conf.py": (CONF, "\n"),
        site / "Makefile": (renderer.render("quickstart/Makefile.new.jinja", folders), "\n"),
        site / "make.bat": (renderer.render("quickstart/make.bat.new.jinja", folders), "\r\n"),
        site / "requirements.txt": (requirements, "\n"),
        site / ".readthedocs.yaml": (
            READTHEDOCS.format(
                conf=in_repository / "conf.py", requirements=in_repository / "requirements.txt"
            ),
            "\n",
        ),
    }


def add_parser(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="make SITE a Sphinx project: conf.py, Makefile, requirements.txt, Read the Docs",
        description="Write conf.py, Makefile, make.bat, requirements.txt and "
        ".readthedocs.yaml into SITE, for authors who want to own their configuration "
        "and build with make or on Read the Docs. Existing files are never overwritten.",
    )
    init.add_argument("site", metavar="SITE", help="the Jekyll site folder")
    init.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = site_folder(args.site)
    found = requirement(installed_direct_url())
    written = []
    for path, (text, newline) in project_files(site, found).items():
        if path.exists():
            print(f"sphinx-mentoring: {path} exists; left unchanged", file=sys.stderr)
            continue
        with path.open("x", encoding="utf-8", newline=newline) as handle:  # "x": never overwrite
            handle.write(text)
        written.append(path)
    if not written:
        print("sphinx-mentoring: nothing written (every file already exists)", file=sys.stderr)
        return 1
    for path in written:
        print(f"sphinx-mentoring: wrote {path}")
    if found.warning and site / "requirements.txt" in written:
        print(f"sphinx-mentoring: warning: {found.warning}", file=sys.stderr)
    root = repository_root(site)
    if root != site and site / ".readthedocs.yaml" in written:
        print(
            f"sphinx-mentoring: Read the Docs reads .readthedocs.yaml at the root of the "
            f"repository: move it to {root} (its paths already start there)"
        )
    print(f"Build it with: make -C {site} html (or latexpdf, epub)")
    return 0
