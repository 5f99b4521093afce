#!/usr/bin/env python3
"""Refresh the MathJax file the package serves from every HTML build.

MathJax's official npm package (``mathjax``, Apache-2.0) is fetched with
``npm pack``, checked against the registry's integrity hash, and its single-file
TeX-to-SVG component ``es5/tex-svg-full.js`` (all TeX extensions inside, no
fonts to load, so it works offline and from ``file://``) is copied with the
licence into ``sphinx_mentoring/math/static/mathjax/``. The SHA-256 of the copy is
written to ``sphinx_mentoring/math/static/mathjax/SOURCE``, which a test checks.

usage: tools/vendor-mathjax.py [VERSION]   (default: the version in SOURCE)
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "sphinx_mentoring" / "math" / "static" / "mathjax"
FILE = "es5/tex-svg-full.js"


def main() -> int:
    source = TARGET / "SOURCE"
    current = dict(line.split(": ", 1) for line in source.read_text().splitlines() if ": " in line)
    version = sys.argv[1] if len(sys.argv) > 1 else current["version"]
    spec = f"mathjax@{version}"
    integrity = json.loads(
        subprocess.run(
            ["npm", "view", spec, "dist.integrity", "--json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp], check=True)
        tarball = next(Path(tmp).glob("mathjax-*.tgz"))
        algorithm, expected = integrity.split("-", 1)
        digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
        if digest != expected:
            print(f"{tarball.name}: integrity mismatch", file=sys.stderr)
            return 1
        with tarfile.open(tarball) as archive:
            for name, target in ((FILE, "tex-svg-full.js"), ("LICENSE", "LICENSE")):
                member = archive.extractfile(f"package/{name}")
                assert member is not None
                (TARGET / target).write_bytes(member.read())
    sha256 = hashlib.sha256((TARGET / "tex-svg-full.js").read_bytes()).hexdigest()
    source.write_text(
        f"package: mathjax (npm), Apache-2.0\nversion: {version}\nfile: {FILE}\n"
        f"integrity: {integrity}\nsha256: {sha256}\n"
    )
    print(f"MathJax {version}: {FILE} -> {TARGET} (sha256 {sha256})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
