"""Column widths of PDF tables from their content (sphinx_mentoring.latex.fit)."""

from __future__ import annotations

from docutils import nodes

from sphinx_mentoring.latex.fit import column_widths


def table(head: list[str] | None, *rows: list[str]) -> nodes.table:
    tgroup = nodes.tgroup(cols=len(rows[0]))
    tgroup += [nodes.colspec(colwidth=1) for _ in rows[0]]

    def row(cells: list[str]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph(c, c)) for c in cells))

    if head:
        tgroup += nodes.thead("", row(head))
    tgroup += nodes.tbody("", *(row(cells) for cells in rows))
    return nodes.table("", tgroup)


def test_a_column_is_as_wide_as_its_longest_word() -> None:
    long = "a long cell of text that will need to wrap over several lines " * 3
    widths = column_widths(table(None, ["Seymour", long], ["Ada", long]))
    assert widths is not None and widths[0] >= len("Seymour")


def test_a_header_word_counts_wider_than_body_text() -> None:
    """Bold sans-serif headers ('Elapsed' over times, lc-marcedit's schedule) fit too."""
    long = "a question an episode answers, long enough that the column wraps " * 3
    body = [["09:00", "Intro", "15", long]]
    widths = column_widths(table(["Elapsed", "Episode", "Minutes", "Questions"], *body))
    assert widths is not None
    assert widths[0] >= round(len("Elapsed") * 1.3)
    without_head = column_widths(table(None, ["Elapsed", "Episode", "Minutes", long]))
    assert without_head is not None and widths[0] > without_head[0]


def test_each_width_holds_its_padding() -> None:
    """Sphinx shares the whole line by the widths: a short column gets its padding too."""
    long = "what have we learned and what else is out there to find " * 3
    widths = column_widths(table(None, ["14:55", "16. Wrap-Up", long]))
    assert widths is not None
    assert widths[0] >= len("14:55") + 3
