"""Tests build small real Sphinx projects from ``tests/roots/test-*`` (Sphinx's convention)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parents[1]
#: The project's shared material (seed pages, the ConnectedLib corpus) lies beside the repo.
SHARED = Path(os.environ.get("MENTORING_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "connectedlib"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the ConnectedLib corpus (the shared one is never written to)."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    target = tmp_path / "connectedlib"
    shutil.copytree(CORPUS, target)
    return target
