"""The module directive and its metadata card in every output format."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_mentoring.course import get_course
from sphinx_mentoring.module import module_card

FIELDS = ["Library staff", "90 minutes", "The basics module", "Workshop"]


@pytest.mark.sphinx("html", testroot="module-card")
def test_card_in_html_and_model(app) -> None:
    app.build()
    course = get_course(app.env)
    modules = {m.id: m for m in course.modules}
    assert modules["teens"].title == "Working with teens"
    assert modules["teens"].landing == "landing"
    assert modules["teens"].pages == ["landing", "page"]
    assert modules["frontmatter"].title == "Cards from front matter"

    cards = list(app.env.get_doctree("landing").findall(module_card))
    assert len(cards) == 1
    assert cards[0]["module_id"] == "teens"
    html = (Path(app.outdir) / "landing.html").read_text()
    assert '<aside aria-label="Working with teens" class="mentoring-module-card">' in html
    for value in FIELDS:
        assert value in html
    assert "<strong>teen</strong>" in html
    assert "Format" in html
    # the Python module directive kept its meaning
    assert 'id="module-teens.tools"' in html

    fm = (Path(app.outdir) / "fm.html").read_text()
    assert "mentoring-module-card" in fm
    assert "Trainers" in fm and "Intermediate" in fm and "Declared in the front matter." in fm
    assert "WARNING" not in app.warning.getvalue()


@pytest.mark.parametrize("builder", ["text", "man", "texinfo", "latex"])
def test_card_in_every_format(make_app, rootdir: Path, tmp_path: Path, builder: str) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-module-card", src)
    app = make_app(builder, srcdir=src)
    app.build()
    out = "\n".join(
        p.read_text(errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in {".txt", ".1", ".texi", ".tex"}
    )
    assert "Working with teens" in out
    for value in FIELDS:
        assert value in out, (builder, value)
    assert "Practical ways to plan" in out
    if builder == "latex":
        assert "\\begin{sphinxmentoringmodulecard}{Working with teens}" in out
    assert "Traceback" not in app.warning.getvalue()
