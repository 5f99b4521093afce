"""Front matter -> document title, metadata, typed course keys, layout, published."""

from __future__ import annotations

import datetime

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_mentoring import frontmatter
from sphinx_mentoring.frontmatter import page_info


def _top_sections(doctree: nodes.document) -> list[nodes.section]:
    return [child for child in doctree.children if isinstance(child, nodes.section)]


@pytest.mark.sphinx("html", testroot="seed")
def test_front_matter_title_is_document_title(app):
    app.build()
    assert app.env.titles["intro"].astext() == "1. Introduction"
    html = (app.outdir / "intro.html").read_text(encoding="utf-8")
    assert "<title>1. Introduction" in html
    assert app.env.metadata["intro"]["module_name"] == "mentoring"


@pytest.mark.sphinx("html", testroot="frontmatter-fields", freshenv=True)
def test_body_headings_nest_under_front_matter_title(app):
    app.build()
    doctree = app.env.get_doctree("nested")
    (top,) = _top_sections(doctree)  # one chapter, not one per ## heading
    assert top[0].astext() == "2. Roles: who mentors?"
    subsections = [c for c in top.children if isinstance(c, nodes.section)]
    assert [s[0].astext() for s in subsections] == ["First part", "Second part"]
    assert app.env.titles["nested"].astext() == "2. Roles: who mentors?"
    # The text before the first heading stays in the page, under the title.
    assert "Some words before the first heading." in top.astext()


@pytest.mark.sphinx("html", testroot="frontmatter-fields", freshenv=True)
def test_no_duplicate_title_when_body_starts_with_one(app):
    app.build()
    doctree = app.env.get_doctree("own-title")
    (top,) = _top_sections(doctree)
    # The front-matter title is the document title; the body's own h1 stays,
    # one level down, under it.
    assert top[0].astext() == "Front-matter title"
    inner = [s for s in top.findall(nodes.section) if s is not top]
    assert inner and inner[0][0].astext() == "The body title"
    assert doctree.astext().count("Front-matter title") == 1
    assert app.env.metadata["own-title"]["title"] == "Front-matter title"


@pytest.mark.sphinx("html", testroot="frontmatter-fields", freshenv=True)
def test_every_key_is_metadata_and_in_templates(app):
    app.build()
    meta = app.env.metadata["typed"]
    assert meta["module_full_name"] == "Mentoring"
    assert meta["tags"] == ["sectionHead", "basics"]
    assert meta["custom_key"] == [1, 2]
    assert meta["date"] == datetime.date(2002, 2, 1)
    # ``meta`` in templates: the custom layout prints meta.title.
    html = (app.outdir / "custom-layout.html").read_text(encoding="utf-8")
    assert '<div class="custom-layout-marker">Custom layout</div>' in html


@pytest.mark.sphinx("html", testroot="frontmatter-fields", freshenv=True)
def test_typed_course_keys(app):
    app.build()
    info = page_info(app.env.metadata["typed"])
    assert info.title == "1. Introduction"
    assert info.layout == "module"
    assert info.module_name == "mentoring"
    assert info.module_full_name == "Mentoring"
    assert info.section == 1
    assert info.section_label == "1. Introduction"
    assert info.subsection == 2
    assert info.permalink == "/modules/mentoring/intro/"
    assert info.published is True
    assert info.tags == ("sectionHead", "basics")
    assert info.date == datetime.date(2002, 2, 1)
    assert info.description == "What mentoring is."


def test_page_info_conversions():
    assert page_info({"subsection": "three"}).subsection == 3
    assert page_info({"subsection": 4}).subsection == 4
    assert page_info({"subsection": "Seven"}).subsection == 7
    assert page_info({"section": "12. Wrap-up"}).section == 12
    assert page_info({"section": "Wrap-up"}).section is None
    assert page_info({"published": False}).published is False
    assert page_info({"published": "false"}).published is False
    assert page_info({}).published is True
    assert page_info({"tags": "a b"}).tags == ("a", "b")
    assert page_info({"title": ["a", "b"]}).title == "a, b"


@pytest.mark.sphinx("html", testroot="frontmatter-fields", freshenv=True)
def test_layout_selects_existing_template_else_page(app):
    app.build()
    custom = (app.outdir / "custom-layout.html").read_text(encoding="utf-8")
    assert "custom-layout-marker" in custom
    missing = (app.outdir / "missing-layout.html").read_text(encoding="utf-8")
    assert "Body of the missing layout page." in missing
    assert "custom-layout-marker" not in missing
    # A Sphinx special template is never used as a page layout.
    search = (app.outdir / "search-layout.html").read_text(encoding="utf-8")
    assert "Body of a page whose layout names" in search
    assert "mentoring" not in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="frontmatter-fields", freshenv=True)
def test_unpublished_page_is_left_out_without_warnings(app):
    app.build()
    assert "unpublished" not in app.env.found_docs
    assert not (app.outdir / "unpublished.html").exists()
    assert "not published" in app.status.getvalue()
    assert "unpublished" in app.status.getvalue()
    assert app.warning.getvalue() == ""


@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_bibliographic_keys_do_not_render(make_app, rootdir, tmp_path, builder):
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-frontmatter-fields", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    doctree = app.env.get_doctree("bibliographic")
    assert not list(doctree.findall(nodes.docinfo))
    assert not list(doctree.findall(nodes.field_list))
    assert not list(doctree.findall(nodes.topic))
    assert app.env.metadata["bibliographic"]["abstract"] == "This abstract must not render."
    if builder == "html":
        out = (app.outdir / "bibliographic.html").read_text(encoding="utf-8")
        assert "docinfo" not in out
    elif builder == "text":
        out = (app.outdir / "bibliographic.txt").read_text(encoding="utf-8")
    else:
        out = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "This abstract must not render." not in out
    assert "Ada Librarian" not in out
    assert "To all mentors." not in out
    assert "The page body." in out


def test_title_from_filename():
    assert frontmatter.title_from_filename("_posts/2001-01-01-what-is-mentoring.md") == (
        "What Is Mentoring"
    )
    assert frontmatter.title_from_filename("step_two") == "Step Two"


def test_suggest_key():
    known = frontmatter.KNOWN_KEYS
    assert frontmatter.suggest_key("tile", known) == "title"
    assert frontmatter.suggest_key("Title", known) == "title"
    assert frontmatter.suggest_key("module_nme", known) == "module_name"
    assert frontmatter.suggest_key("title", known) is None
    assert frontmatter.suggest_key("colour_scheme", known) is None


def test_myst_key_in_front_matter_still_configures_the_page(tmp_path):
    """Jekyll front matter is ours, but a ``myst:`` key keeps its MyST meaning."""
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_mentoring"]\n')
    (tmp_path / "index.md").write_text(
        "---\ntitle: Terms\nmyst:\n  enable_extensions: [deflist]\n---\n\nMentor\n: A guide.\n"
    )
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        app.build()
        doctree = app.env.get_doctree("index")
    finally:
        app.cleanup()
    (term,) = doctree.findall(nodes.term)
    assert term.astext() == "Mentor"
