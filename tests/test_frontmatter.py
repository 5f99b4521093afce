"""Front matter -> document title and metadata."""

from __future__ import annotations

import pytest


@pytest.mark.sphinx("html", testroot="seed")
def test_front_matter_title_is_document_title(app):
    app.build()
    assert app.env.titles["intro"].astext() == "1. Introduction"
    html = (app.outdir / "intro.html").read_text(encoding="utf-8")
    assert "<title>1. Introduction" in html
    assert app.env.metadata["intro"]["module_name"] == "mentoring"
