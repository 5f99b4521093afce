#!/usr/bin/env python
"""Build the wheel and sdist as a release would, check them, and use the wheel.

1. ``python -m build``: the sdist, then the wheel built *from the sdist* (so a file
   missing from the sdist fails here, not on a user's machine);
2. ``twine check --strict``: the metadata PyPI will show (README rendering);
3. the wheel holds the theme, the LaTeX package, the EPUB stylesheet and the
   compiled translations;
4. the wheel installed into a fresh virtual environment builds the example
   course (``docs/``) with ``-W``, importing the package from that environment.

    python tools/check-package.py WORKDIR     (tox -e package runs it)

Exit code 0 when all pass; otherwise 1, with one line saying what failed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Files a working install needs besides Python modules (a glob per kind).
PACKAGE_DATA = [
    "sphinx_mentoring/theme/sphinx_mentoring/theme.toml",
    "sphinx_mentoring/theme/sphinx_mentoring/layout.html",
    "sphinx_mentoring/theme/sphinx_mentoring/static/*.css",
    "sphinx_mentoring/latex/sphinxmentoring.sty",
    "sphinx_mentoring/epub_static/*.css",
    "sphinx_mentoring/locale/*/LC_MESSAGES/sphinx_mentoring.mo",
]


class Failed(Exception):
    pass


def run(*command: str | Path, cwd: Path | None = None) -> str:
    print("$", " ".join(str(part) for part in command), flush=True)
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.stdout.write(done.stdout[-4000:])
        sys.stderr.write(done.stderr[-4000:])
        raise Failed(f"'{Path(str(command[0])).name} ...' exited with {done.returncode}")
    return done.stdout


def check(work: Path) -> None:
    dist = work / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    run(sys.executable, "-m", "build", "--outdir", dist, REPO)
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise Failed(
            f"expected one wheel and one sdist in {dist}, found {len(wheels) + len(sdists)}"
        )
    run(sys.executable, "-m", "twine", "check", "--strict", wheels[0], sdists[0])

    names = zipfile.ZipFile(wheels[0]).namelist()
    for pattern in PACKAGE_DATA:
        if not any(Path(name).match(pattern) for name in names):
            raise Failed(f"the wheel has no {pattern}")

    venv = work / "fresh-venv"
    shutil.rmtree(venv, ignore_errors=True)
    run(sys.executable, "-m", "venv", venv)
    bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    run(bindir / "python", "-m", "pip", "install", "-q", wheels[0])
    # From outside the repository, so that its sphinx_mentoring/ cannot be imported.
    where = run(
        bindir / "python",
        "-c",
        "import sphinx_mentoring; print(sphinx_mentoring.__file__)",
        cwd=work,
    )
    if not Path(where.strip()).is_relative_to(venv):
        raise Failed(f"sphinx_mentoring imported from {where.strip()}, not from {venv}")
    out = work / "example"
    shutil.rmtree(out, ignore_errors=True)
    run(
        bindir / "sphinx-build",
        "-M",
        "html",
        REPO / "docs",
        out,
        "-W",
        "--keep-going",
        "-q",
        cwd=work,
    )
    if not (out / "html" / "example" / "index.html").is_file():
        raise Failed(f"the example course was not built into {out / 'html'}")
    version = run(bindir / "sphinx-mentoring", "--version", cwd=work).strip()
    print(f"ok: {wheels[0].name} and {sdists[0].name} ({version}) install and build the example")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/check-package.py WORKDIR", file=sys.stderr)
        return 2
    try:
        check(Path(argv[0]).resolve())
    except Failed as error:
        print(f"check-package: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
