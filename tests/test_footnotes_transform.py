"""The footnote transform on doctrees shaped as the html package produces them.

These pin the pairing rules; ``test_footnotes.py`` builds real pages end to end.
"""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from sphinx_mentoring.footnotes import AnchorFootnotes, KeepUncitedNotes


class details(nodes.General, nodes.Element):
    pass


class details_summary(nodes.TextElement):
    pass


class line_break(nodes.Inline, nodes.Element):
    pass


def mark(n: str, target: str | None = None) -> nodes.reference:
    return nodes.reference("", n, refuri=f"#{target or 'fn' + n}", mentoring_name=n)


def definition(n: str, *body: nodes.Node, name: str | None = None) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph += nodes.reference("", n, refuri=f"#{n}", mentoring_name=name or f"fn{n}")
    paragraph += body or (nodes.Text(f": note {n} text."),)
    return paragraph


@pytest.fixture
def run(app):
    def transform(*children: nodes.Node, docname: str = "page", mode: str = "footnote"):
        app.config.mentoring_footnotes = mode
        app.env.current_document.docname = docname
        settings = get_default_settings(Parser)
        settings.env = app.env
        document = new_document(f"{app.srcdir}/{docname}.md", settings)
        section = nodes.section("", nodes.title("T", "T"), ids=["t"])
        section.extend(children)
        document += section
        AnchorFootnotes(document).apply()
        return document

    return transform


def warnings(app) -> str:
    return app.warning.getvalue()


def seed_paragraph() -> nodes.paragraph:
    sup = nodes.superscript()
    sup.extend([mark("1"), nodes.Text(", "), mark("2"), nodes.Text(", "), mark("3")])
    return nodes.paragraph("", "", nodes.Text("lives of young people."), sup, nodes.Text(" In"))


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_seed_shape_becomes_three_footnotes(app, run):
    link = nodes.reference("", "A paper", refuri="https://example.org/")
    doc = run(
        seed_paragraph(),
        nodes.transition(),
        definition("1", nodes.Text(": "), link, nodes.Text(", by Ito.")),
        definition("2"),
        definition("3", nodes.Text(": Rhodes, "), nodes.emphasis("", "Science"), nodes.Text(".")),
    )
    footnotes = list(doc.findall(nodes.footnote))
    refs = list(doc.findall(nodes.footnote_reference))
    assert [f[0].astext() for f in footnotes] == ["1", "2", "3"]
    assert [r.astext() for r in refs] == ["1", "2", "3"]
    assert all(r["refid"] == f["ids"][0] for r, f in zip(refs, footnotes, strict=True))
    assert all(f["backrefs"] == r["ids"] for r, f in zip(refs, footnotes, strict=True))
    # the superscript is unwrapped; separators kept; <hr/> gone
    assert not list(doc.findall(nodes.superscript))
    assert not list(doc.findall(nodes.transition))
    paragraph = doc[0][1]
    assert paragraph.astext() == "lives of young people.1, 2, 3 In"
    assert isinstance(paragraph[2], nodes.Text) and paragraph[2].astext() == ", "
    # definition text: leading ':' dropped, markdown structure kept
    assert footnotes[0][1].astext() == "A paper, by Ito."
    assert next(iter(footnotes[0].findall(nodes.reference)))["refuri"] == "https://example.org/"
    assert list(footnotes[2].findall(nodes.emphasis))
    # ids name the page, so singlehtml/LaTeX never see two "footnote 1"
    assert footnotes[0]["ids"] == ["footnote-page-1"]
    assert "mentoring" not in warnings(app)


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_ids_depend_on_page(app, run):
    a = run(nodes.paragraph("", "", mark("1")), definition("1"), docname="intro")
    b = run(nodes.paragraph("", "", mark("1")), definition("1"), docname="roles")
    ida = next(a.findall(nodes.footnote))["ids"][0]
    idb = next(b.findall(nodes.footnote))["ids"][0]
    assert ida != idb


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_note_cited_twice_links_both_marks(app, run):
    doc = run(
        nodes.paragraph("", "", nodes.superscript("", "", mark("1"))),
        nodes.paragraph("", "", nodes.superscript("", "", mark("1"))),
        definition("1"),
    )
    (footnote,) = doc.findall(nodes.footnote)
    refs = list(doc.findall(nodes.footnote_reference))
    assert len(refs) == 2 and {r["refid"] for r in refs} == set(footnote["ids"])
    assert footnote["backrefs"] == [r["ids"][0] for r in refs]


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_mark_without_definition_keeps_text_and_warns(app, run):
    doc = run(
        nodes.paragraph("", "", nodes.Text("Claim."), nodes.superscript("", "", mark("4"))),
        definition("1"),
        nodes.paragraph("", "", mark("1")),
    )
    assert "Claim.4" in doc.astext()
    assert "'#fn4'" in warnings(app) and "[mentoring.footnote]" in warnings(app)
    assert len(list(doc.findall(nodes.footnote))) == 1


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_definition_without_mark_kept_as_note_and_warns(app, run):
    doc = run(nodes.paragraph("", "Body."), definition("7"))
    (footnote,) = doc.findall(nodes.footnote)
    assert footnote.astext().endswith("note 7 text.")
    assert "never cited" in warnings(app)


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_same_number_defined_twice(app, run):
    doc = run(
        nodes.paragraph("", "", mark("1")),
        definition("1"),
        definition("1", nodes.Text(": second text.")),
    )
    assert len(list(doc.findall(nodes.footnote))) == 1
    assert "second text." in doc.astext()  # kept, as text
    assert "defined twice" in warnings(app)


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_non_numeric_names_get_numbers(app, run):
    doc = run(
        nodes.paragraph("", "", nodes.superscript("", "", mark("a", target="note-smith"))),
        definition("a", name="note-smith"),
    )
    (footnote,) = doc.findall(nodes.footnote)
    (ref,) = doc.findall(nodes.footnote_reference)
    assert footnote[0].astext() == ref.astext() == "1"  # LaTeX notes need numbers
    assert "mentoring" not in warnings(app)


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_marks_outside_sup(app, run):
    doc = run(nodes.paragraph("", "", nodes.Text("Claim "), mark("1")), definition("1"))
    (ref,) = doc.findall(nodes.footnote_reference)
    assert ref.parent.astext().startswith("Claim ")


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_definitions_in_a_list(app, run):
    lst = nodes.enumerated_list()
    for n in ("1", "2"):
        lst += nodes.list_item("", definition(n))
    doc = run(nodes.paragraph("", "", mark("1"), mark("2")), nodes.transition(), lst)
    assert not list(doc.findall(nodes.enumerated_list))
    assert not list(doc.findall(nodes.transition))
    assert len(list(doc.findall(nodes.footnote))) == 2


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_citation_mode_labels_are_unique_per_page(app, run):
    doc = run(
        nodes.paragraph("", "", mark("1")),
        definition("1"),
        docname="mentoring/intro",
        mode="citation",
    )
    (citation,) = doc.findall(nodes.citation)
    (ref,) = doc.findall(nodes.citation_reference)
    assert citation[0].astext() == ref.astext() == "mentoring-intro-1"
    assert not list(doc.findall(nodes.footnote))


def references_block(*paragraphs: nodes.Node) -> details:
    block = details()
    block += details_summary("", "References")
    block.extend(paragraphs)
    return block


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_connectedlib_details_variant(app, run):
    lines = nodes.paragraph(
        "",
        "",
        nodes.Text("1: First source."),
        line_break(),
        nodes.Text("2: Second "),
        nodes.emphasis("", "source"),
        nodes.Text("."),
    )
    doc = run(
        nodes.paragraph(
            "",
            "",
            nodes.Text("A"),
            nodes.superscript("", "1"),
            nodes.Text(" B"),
            nodes.superscript("", "1, 2"),
        ),
        references_block(lines),
    )
    assert not list(doc.findall(details))
    footnotes = list(doc.findall(nodes.footnote))
    assert [f[1].astext() for f in footnotes] == ["First source.", "Second source."]
    refs = list(doc.findall(nodes.footnote_reference))
    assert [r.astext() for r in refs] == ["1", "1", "2"]
    assert doc[0][1].astext() == "A1 B1, 2"
    assert "mentoring" not in warnings(app)


@pytest.mark.sphinx("html", testroot="footnotes-unit")
def test_connectedlib_mismatch_keeps_everything(app, run):
    doc = run(
        nodes.paragraph(
            "", "", nodes.Text("A"), nodes.superscript("", "1"), nodes.superscript("", "3")
        ),
        references_block(nodes.paragraph("", "1: First.\n2: Second.")),
    )
    assert list(doc.findall(details))
    assert not list(doc.findall(nodes.footnote))
    assert "2: Second." in doc.astext()
    assert "mark 3 has no definition" in warnings(app)
    assert "definition 2 has no <sup> mark" in warnings(app)


@pytest.mark.sphinx("latex", testroot="footnotes-unit")
def test_uncited_note_survives_latex(app, run):
    doc = run(definition("5"))
    KeepUncitedNotes(doc).run()
    assert not list(doc.findall(nodes.footnote))
    assert "5: note 5 text." in doc.astext()
