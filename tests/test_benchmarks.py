"""The benchmark scripts fail loudly: a non-zero exit and one line saying why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # -S hides site-packages
    return subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )


def test_page_weight_without_the_package_says_so():
    # -S: no site-packages, so neither Sphinx nor sphinx_mentoring can be imported.
    done = run(sys.executable, "-S", BENCHMARKS / "page_weight.py")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"page_weight.py: sphinx_mentoring is not installed in {sys.executable} "
        "(python -m pip install -e . in the repository)"
    ]


def test_scale_without_its_dependencies_says_so():
    done = run(sys.executable, "-S", BENCHMARKS / "scale.py", "--sizes", "10")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "has no PyYAML" in done.stderr


def test_scale_fails_when_every_build_fails(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    broken = tmp_path / "broken" / "sphinx_mentoring"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("def setup(app):\n    raise RuntimeError('broken')\n")
    done = run(
        sys.executable,
        BENCHMARKS / "scale.py",
        "--sizes=10",
        "--runs=1",
        "--variants=b",
        "--no-jekyll",
        f"--package-path={broken.parent}",
        f"--work={tmp_path / 'work'}",
    )
    assert done.returncode == 1, done.stdout[-2000:]
    assert done.stderr.strip().splitlines()[-1].startswith("scale.py: 3 of 3 builds failed")
