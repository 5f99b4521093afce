"""The reference pages in docs/ document every config value and warning subtype."""

from __future__ import annotations

import ast
from pathlib import Path

from sphinx_mentoring.config import OPTIONS

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "sphinx_mentoring"
REFERENCE = REPO / "docs" / "reference"


def _reference_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(REFERENCE.glob("*.md")))


def warning_subtypes() -> set[str]:
    """Every literal subtype passed to ``report.warn(message, subtype, location)``."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "warn"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                found.add(node.args[1].value)
    return found


def test_every_config_value_is_documented():
    text = (REFERENCE / "config.md").read_text(encoding="utf-8")
    missing = [o.name for o in OPTIONS if f"`{o.name}`" not in text]
    assert not missing, f"not in docs/reference/config.md: {missing}"


def test_every_warning_subtype_is_documented():
    subtypes = warning_subtypes()
    assert subtypes, "no warn() call found: the scan itself is broken"
    text = _reference_text()
    missing = sorted(s for s in subtypes if f"mentoring.{s}" not in text)
    assert not missing, f"warning subtypes not documented in docs/reference/: {missing}"
