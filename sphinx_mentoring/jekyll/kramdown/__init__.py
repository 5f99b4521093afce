"""kramdown, the Markdown of Jekyll, on top of MyST's markdown-it.

Jekyll (and GitHub Pages) read every page with kramdown's GFM parser. Where it
reads differently from CommonMark what course authors write, a rule here gives
kramdown's reading; each module names the kramdown source it follows.

============  =================================================================
module        what kramdown does
============  =================================================================
attributes    block IALs and ALDs on any block, nested as written; span IALs;
              code block languages (``.language-X``)
toc           ``{:toc}``: a list becomes the page's table of contents
tables        tables with or without a header row, ``|---`` and ``|===`` lines
deflists      definition lists (mdit-py-plugins), a term per line, ``{:auto_ids}``
math          ``$$ … $$`` display and inline math (never a single ``$``)
links         link and image destinations with spaces; a label's last definition wins
headings      a bare ``###`` is text; ``## Title {#id}``
diagrams      ``<div class="mermaid">`` taken whole, blank lines and all
ids           kramdown's heading and term ids kept as anchors beside Sphinx's
============  =================================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdit_py_plugins.deflist import deflist_plugin

from sphinx_mentoring.jekyll.kramdown import (
    attributes,
    deflists,
    diagrams,
    headings,
    links,
    math,
    tables,
    toc,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: The blocks a kramdown block ends (markdown-it's "terminator" lists).
_ENDS = ["paragraph", "reference", "blockquote", "list"]
_INTERRUPTS = _ENDS[:3]


def kramdown_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin: read the page as kramdown does."""
    md.use(deflist_plugin)
    md.block.ruler.before(
        "deflist", "kramdown_definition", deflists.definition_rule(md), {"alt": ["paragraph"]}
    )
    md.use(links.links_plugin)
    md.block.ruler.before("table", "kramdown_ial", attributes.ial_block_rule, {"alt": _ENDS})
    md.block.ruler.at("table", tables.table_rule, {"alt": []})
    md.block.ruler.before("paragraph", "kramdown_math", math.math_block_rule)
    md.block.ruler.at("heading", headings.heading_rule, {"alt": _INTERRUPTS})
    diagram = diagrams.diagram_rule
    md.block.ruler.before("html_block", "kramdown_diagram", diagram, {"alt": _INTERRUPTS})
    md.inline.ruler.after("text", "kramdown_ial", attributes.ial_inline_rule)
    md.inline.ruler.after("escape", "kramdown_math", math.math_inline_rule)
    md.core.ruler.after("block", "kramdown_header_ids", headings.header_ids)
    md.core.ruler.after("block", "kramdown_last_definition", links.last_definition_wins)
    md.core.ruler.push("kramdown_block_ials", attributes.apply_block_ials)
    md.core.ruler.push("kramdown_span_ials", attributes.apply_span_ials)
    md.core.ruler.push("kramdown_toc", toc.toc_rule)
    md.core.ruler.push("kramdown_term_ids", deflists.term_ids)
    md.core.ruler.push("kramdown_code_languages", attributes.code_languages)
    md.core.ruler.push("kramdown_image_paths", links.local_image_paths)
