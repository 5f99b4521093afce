"""Objectives: the directive (MyST, colon fence, reST) and the raw-HTML box, in every format."""

from __future__ import annotations

import pytest

from sphinx_mentoring import nodes as mnodes


def _objectives(app, docname):
    return list(app.env.get_doctree(docname).findall(mnodes.objectives))


@pytest.mark.parametrize("builder", ["html", "latex", "text", "epub", "man", "singlehtml"])
def test_seed_builds_in_every_format_without_warnings(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=rootdir / "test-seed", builddir=tmp_path, freshenv=True)
    app.build()
    assert app.warning.getvalue().strip() == ""
    (box,) = _objectives(app, "intro")
    assert box[0].astext().startswith("After completing this section, you will be able to")
    assert "Describe the core elements of mentoring" in box.astext()
    if builder == "latex":
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
        assert "\\begin{sphinxmentoringobjectives}{After completing this section" in tex
        assert "\\end{sphinxmentoringobjectives}" in tex
    if builder == "text":
        text = (app.outdir / "intro.txt").read_text(encoding="utf-8")
        assert "After completing this section, you will be able to" in text
        assert "Describe the core elements of mentoring" in text
    if builder == "man":
        page = next(app.outdir.rglob("*.1")).read_text(encoding="utf-8")
        assert "Describe the core elements of mentoring" in page


@pytest.mark.sphinx("pseudoxml", testroot="objectives-directive")
def test_objectives_directive_myst_colon_fence_and_rest(app):
    app.build()
    first, second = _objectives(app, "index")
    assert first[0].astext() == "Learning objectives"  # the translatable default
    assert isinstance(first[1], mnodes.nodes.bullet_list)
    assert "Plan a mentoring programme" in first[1].astext()
    assert second[0].astext() == "After this section you can"  # ::: colon fence
    (rest,) = _objectives(app, "rest")
    assert rest[0].astext() == "Goals in reST"
    assert "Write a module in reStructuredText" in rest.astext()
    assert "colon_fence" in app.config.myst_enable_extensions
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx(
    "text",
    testroot="objectives-directive",
    confoverrides={"mentoring_objectives_title": "By the end you will"},
)
def test_default_title_is_configurable(app):
    app.build()
    first = _objectives(app, "index")[0]
    assert first[0].astext() == "By the end you will"
    assert "By the end you will" in (app.outdir / "index.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("pseudoxml", testroot="html-boxes")
def test_html_objectives_boxes_become_objectives_nodes(app):
    app.build()
    titles = [box[0].astext() for box in _objectives(app, "seed")]
    assert titles == [
        "After completing this section, you will be able to…",
        "Blank-line title",  # blank lines and tab-indented HTML inside
        "Reversed title",  # class="objectives callout"
    ]
    blank = _objectives(app, "seed")[1]
    items = [item.astext() for item in blank.findall(mnodes.nodes.list_item)]
    assert items == ["Tabbed item one", "Tabbed item two"]
    assert not list(app.env.get_doctree("seed").findall(mnodes.nodes.literal_block))

    md_titles = [box[0].astext() for box in _objectives(app, "markdown")]
    assert md_titles == [
        "Goals for this module:",  # first heading of a markdown="1" box
        "After completing this section, you will be able to…",  # its first paragraph
        "Learning objectives",  # items only: the default title
    ]
    # the heading inside the box did not open a section: the page outline is intact
    doctree = app.env.get_doctree("markdown")
    sections = [s[0].astext() for s in doctree.findall(mnodes.nodes.section)]
    assert sections == ["Markdown boxes", "Section after"]


@pytest.mark.sphinx("latex", testroot="html-boxes")
def test_html_objectives_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count("\\begin{sphinxmentoringobjectives}") == 6
    assert "\\begin{sphinxmentoringobjectives}{Goals for this module:}" in tex
