"""Translations: the package's and theme's fixed strings follow ``language``."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from docutils import nodes

REPO = Path(__file__).resolve().parents[1]


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "update_translations", REPO / "tools" / "update-translations.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_default_objectives_title_in_spanish(app):
    app.build()
    doctree = app.env.get_doctree("index")
    titles = [t.astext() for t in doctree.findall(nodes.title)]
    assert "Objetivos de aprendizaje" in titles
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Objetivos de aprendizaje" in html
    assert "Learning objectives" not in html


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_theme_strings_use_our_catalog(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Saltar al contenido" in html  # only in our catalog, not in Sphinx's
    assert "Skip to content" not in html


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True, confoverrides={"language": "fr"})
def test_french(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Objectifs d\u2019apprentissage" in html


@pytest.mark.parametrize("language", ["de", "es", "fr"])
def test_every_string_is_translated(language):
    tool = _load_tool()
    catalog = tool.read_catalog(tool.po_path(language), language)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    assert not untranslated, f"{language}: untranslated {untranslated}"
    # placeholders survive translation
    for message in catalog:
        if message.id and message.string:
            assert sorted(re.findall(r"%\(\w+\)s|%s", message.id)) == sorted(
                re.findall(r"%\(\w+\)s|%s", message.string)
            ), message.id


def test_compiled_catalogs_match_po_files():
    tool = _load_tool()
    for language in tool.LANGUAGES:
        path = tool.po_path(language)
        mo = path.with_suffix(".mo")
        assert mo.exists(), f"{mo} missing: run python tools/update-translations.py"
        po = tool.translations(tool.read_catalog(path, language))
        assert tool.mo_translations(mo) == po, f"{mo} is stale: run tools/update-translations.py"


@pytest.mark.skipif(
    sys.version_info < (3, 12),
    reason="Babel reads the strings inside f-strings only where Python tokenizes them (3.12+)",
)
def test_catalogs_hold_every_string_of_the_code():
    """A string added to the code reaches the .po files (and the test above its translation)."""
    tool = _load_tool()
    assert tool.stale_files(tool.extract()) == [], "run python tools/update-translations.py"
