"""The course components as docutils nodes, with a visitor for every writer.

``objectives``, ``callout`` and ``details`` are titled boxes; ``video`` is an
embedded video (a privacy-friendly player in HTML, a titled link elsewhere);
``media`` an ``<audio>``/``<video>`` element (the player in HTML, the fallback its
author wrote wherever nothing plays);
``line_break`` is HTML's ``<br>``; ``diagram`` a diagram's source. A table
inside a table cell (raw HTML may nest them) is kept in HTML, EPUB and LaTeX;
the text, man and Texinfo writers cannot draw one (it stops the whole build),
so there each row of the inner table becomes a paragraph of its cells' text;
an empty list (LaTeX stops on one) is left out of the PDF; a code block with
line numbers has them written before its lines in text output. HTML
visitors serve html, dirhtml, singlehtml and epub; LaTeX uses the environments
of ``sphinxmentoring.sty``.

Box visitors render the title themselves and then walk the body, so no
writer's ``visit_title`` (which only knows sections, topics and admonitions)
ever sees our titles.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_mentoring.html import urls
from sphinx_mentoring.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config


class objectives(nodes.General, nodes.Element):
    """Learning objectives: a ``title`` then the items (normally a bullet list)."""


class callout(nodes.General, nodes.Element):
    """A titled box of one kind (``callout_type``: activity, videos, info ...)."""


class details(nodes.General, nodes.Element):
    """A collapsible block: a ``details_summary`` then the content.

    ``details_type`` names a lesson kind (solution, hint, spoiler, instructor), if any.
    """


class details_summary(nodes.Part, nodes.TextElement):
    """The always-visible line of a ``details`` block."""


class video(nodes.General, nodes.Element):
    """A video: ``src`` (URL as written), ``title``, ``duration`` (may be empty);
    ``title_given``: the author named it (else :mod:`.accessible_names` may)."""


class media(nodes.General, nodes.Element):
    """An ``<audio>`` or ``<video>`` element, and the fallback its author wrote.

    ``kind``: audio or video; ``sources``: the URLs as written (the ``src`` and
    each ``<source>``); ``files``: for each source, the name under which Sphinx
    copies a local file into ``_downloads/`` (empty for a remote one); ``title``;
    ``options``: the player's attributes (``controls``, ``loop`` ...). The children
    are the fallback — the text between the tags that a browser shows when it
    cannot play the media — kept inside the player in HTML and shown after the
    media's name wherever nothing plays (PDF, text, EPUB, man, Texinfo).
    """


class diagram(nodes.literal_block):
    """A diagram's source (``<div class="mermaid">``): kept for a diagram renderer.

    HTML writes it back as the element it was, which a renderer such as
    mermaid.js draws; every other writer prints it as the code block it is.
    """


class line_break(nodes.Inline, nodes.Element):
    """A forced line break (``<br>``)."""

    def astext(self) -> str:
        return "\n"


def make_callout(callout_type: str, classes: list[str] | None = None) -> callout:
    """A callout node with the contract's attribute and classes."""
    kind = callout_type or "note"
    node = callout(callout_type=kind)
    node["classes"] = ["mentoring-callout", f"mentoring-callout-{nodes.make_id(kind) or 'box'}"]
    for name in classes or []:
        if name not in node["classes"]:
            node["classes"].append(name)
    return node


def split_title(node: nodes.Element) -> tuple[nodes.Element | None, list[nodes.Node]]:
    """A box's title child (``title`` or ``details_summary``) and its body."""
    if node.children and isinstance(node[0], (nodes.title, details_summary)):
        return node[0], node.children[1:]
    return None, list(node.children)


def _walk(translator: Any, children: list[nodes.Node]) -> None:
    for child in children:
        child.walkabout(translator)


def video_caption(node: video) -> str:
    """ "Title (3:00)" — how a video is named outside an HTML page."""
    duration = node.get("duration", "")
    title = node.get("title") or urls.default_title(node["src"])
    return f"{title} ({duration})" if duration else title


def video_link_text(node: video) -> str:
    """ "Video: Title (3:00) <https://…>" — a video in plain-text formats."""
    return f"{_('Video')}: {video_caption(node)} <{urls.watch_url(node['src'])}>"


def media_label(node: media) -> str:
    return str(_("Audio")) if node.get("kind") == "audio" else str(_("Video"))


def media_name(node: media) -> str:
    """The title the author gave, else the first source's file name."""
    if node.get("title"):
        return str(node["title"])
    sources = node.get("sources") or [""]
    path = urlsplit(sources[0]).path.rstrip("/")
    return unquote(posixpath.basename(path)) or sources[0]


def media_link(node: media) -> str:
    """The first source a reader elsewhere can open (a web address), or ""."""
    for source in node.get("sources") or []:
        if urls.is_remote(source) and not source.startswith(("data:", "mailto:")):
            return "https:" + source if source.startswith("//") else source
    return ""


def media_text(node: media) -> str:
    """ "Audio: talk.mp3" or "Video: Title <https://…>" — a player where none plays.

    Empty when there is nothing to name (no source, no title): the fallback says it all.
    """
    if not media_name(node):
        return ""
    link = media_link(node)
    suffix = f" <{link}>" if link else ""
    return f"{media_label(node)}: {media_name(node)}{suffix}"


def _is_epub(translator: Any) -> bool:
    builder = getattr(translator, "builder", None)
    return getattr(builder, "name", "").startswith("epub")


# --- HTML (html, dirhtml, singlehtml, epub) -------------------------------------------


def _html_box(tag: str, title_tag: str, title_class: str) -> Callable[[Any, Any], None]:
    def visit(self: Any, node: nodes.Element) -> None:
        title, body = split_title(node)
        extra = {"role": "note"} if tag == "div" else {}
        self.body.append(self.starttag(node, tag, "", **extra))
        if title is not None:
            self.body.append(f'<{title_tag} class="{title_class}">')
            _walk(self, title.children)
            self.body.append(f"</{title_tag}>\n")
        _walk(self, body)
        self.body.append(f"</{tag}>\n")
        raise nodes.SkipNode

    return visit


def _visit_objectives_html(self: Any, node: objectives) -> None:
    if "mentoring-objectives" not in node["classes"]:
        node["classes"].insert(0, "mentoring-objectives")
    _html_box("div", "p", "mentoring-objectives-title")(self, node)


def _visit_callout_html(self: Any, node: callout) -> None:
    _html_box("div", "p", "mentoring-callout-title")(self, node)


def _visit_details_html(self: Any, node: details) -> None:
    if "mentoring-details" not in node["classes"]:
        node["classes"].insert(0, "mentoring-details")
    # e-readers rarely open <details>: there it is an open box
    tag, title_tag = ("div", "p") if _is_epub(self) else ("details", "summary")
    _html_box(tag, title_tag, "mentoring-details-summary")(self, node)


def _visit_video_html(self: Any, node: video) -> None:
    src = node["src"]
    title = node.get("title") or urls.default_title(src)
    duration = node.get("duration", "")
    esc = self.attval
    link = urls.watch_url(src)
    duration_html = (
        f' <span class="mentoring-video-duration">({self.encode(duration)})</span>'
        if duration
        else ""
    )
    caption = (
        f'<a class="reference external" href="{esc(link)}">{self.encode(title)}</a>{duration_html}'
    )
    if _is_epub(self):
        self.body.append(self.starttag(node, "p", "", CLASS="mentoring-video"))
        self.body.append(f"{self.encode(_('Video'))}: {caption}</p>\n")
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "figure", "", CLASS="mentoring-video"))
    self.body.append(
        '<div class="mentoring-video-frame">'
        f'<iframe src="{esc(urls.embed_url(src))}" title="{esc(title)}" loading="lazy" '
        'allow="autoplay; encrypted-media; picture-in-picture; fullscreen" '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe></div>\n'
        f"<figcaption>{caption}</figcaption>\n</figure>\n"
    )
    raise nodes.SkipNode


#: The player attributes an author's ``<audio>``/``<video>`` keeps (no scripts, no styles).
MEDIA_OPTIONS = (
    "controls",
    "loop",
    "muted",
    "autoplay",
    "preload",
    "playsinline",
    "width",
    "height",
)


def _visit_media_html(self: Any, node: media) -> None:
    if _is_epub(self):  # e-readers rarely play media: its name, then the fallback
        self.body.append(self.starttag(node, "div", "", CLASS="mentoring-media"))
        if not media_name(node):
            return
        link = media_link(node)
        name = self.encode(media_name(node))
        shown = f'<a class="reference external" href="{self.attval(link)}">{name}</a>'
        label = self.encode(media_label(node))
        self.body.append(
            f'<p class="mentoring-media-name">{label}: {shown if link else name}</p>\n'
        )
        return
    if not node.get("sources"):  # nothing to play: the fallback is what a reader sees
        self.body.append(self.starttag(node, "div", "", CLASS="mentoring-media"))
        return
    kind = "audio" if node.get("kind") == "audio" else "video"
    options = node.get("options") or {}
    attributes = "".join(
        f" {key}" if value == "" else f' {key}="{self.attval(value)}"'
        for key, value in options.items()
        if key in MEDIA_OPTIONS
    )
    if "controls" not in options and "autoplay" not in options:
        attributes += " controls"  # a player nobody can start shows nothing
    self.body.append(self.starttag(node, "figure", "", CLASS=f"mentoring-media mentoring-{kind}"))
    self.body.append(f"<{kind}{attributes}>\n")
    downloads = getattr(self.builder, "dlpath", "_downloads")
    for source, file in zip(node.get("sources") or [], node.get("files") or [], strict=False):
        url = posixpath.join(downloads, quote(file)) if file else source
        self.body.append(f'<source src="{self.attval(url)}" />\n')
    # the children (the fallback) are walked inside the element, as the author wrote


def _depart_media_html(self: Any, node: media) -> None:
    if _is_epub(self) or not node.get("sources"):
        self.body.append("</div>\n")
        return
    kind = "audio" if node.get("kind") == "audio" else "video"
    self.body.append(f"</{kind}>\n</figure>\n")


def _visit_diagram_html(self: Any, node: diagram) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<div class="{self.attval(classes)}">{self.encode(node.astext())}</div>\n')
    raise nodes.SkipNode


def _visit_line_break_html(self: Any, node: line_break) -> None:
    self.body.append("<br />")
    raise nodes.SkipNode


# --- LaTeX ----------------------------------------------------------------------------


def inside_box(node: nodes.Node) -> bool:
    """Is the node within another box (a solution inside its challenge)?"""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, objectives | callout | details):
            return True
        parent = parent.parent
    return False


def _latex_box(self: Any, node: nodes.Element, env: str, args: str, kind: str) -> None:
    """``\\begin{env}args{title}`` … ``\\end{env}``; a box inside a box is a sub-box."""
    title, body = split_title(node)
    if inside_box(node):
        # tcolorboxes inside tcolorboxes cannot break across pages
        env, args = "sphinxmentoringsubbox", f"{{{self.encode(kind)}}}"
    # a link target where the box starts (links to it, and to a moved solution)
    targets = "".join(self.hypertarget(ident) for ident in node["ids"])
    self.body.append(f"\n{targets}\\begin{{{env}}}{args}{{")
    if title is not None:
        _walk(self, title.children)
    self.body.append("}\n")
    _walk(self, body)
    self.body.append(f"\n\\end{{{env}}}\n")
    raise nodes.SkipNode


def _visit_objectives_latex(self: Any, node: objectives) -> None:
    _latex_box(self, node, "sphinxmentoringobjectives", "", "objectives")


def _visit_callout_latex(self: Any, node: callout) -> None:
    kind = node.get("callout_type", "")
    _latex_box(self, node, "sphinxmentoringcallout", f"{{{self.encode(kind)}}}", kind)


def _visit_details_latex(self: Any, node: details) -> None:
    kind = node.get("details_type", "")
    # a lesson kind is the optional argument: \begin{sphinxmentoringdetails}[solution]{…}
    args = f"[{self.encode(kind)}]" if kind else ""
    _latex_box(self, node, "sphinxmentoringdetails", args, kind or "details")


def _visit_video_latex(self: Any, node: video) -> None:
    title = node.get("title") or urls.default_title(node["src"])
    url = self.encode_uri(urls.watch_url(node["src"]))
    duration = self.encode(node.get("duration", ""))
    # 4th argument: a QR code image, added by the LaTeX support when it makes one
    qrcode = node.get("qrcode", "")
    self.body.append(
        f"\n\\sphinxmentoringvideo{{{self.encode(title)}}}{{{url}}}{{{duration}}}{{{qrcode}}}\n"
    )
    raise nodes.SkipNode


def _visit_media_latex(self: Any, node: media) -> None:
    # then the fallback, as the paragraphs it is
    label, name = self.encode(media_label(node)), self.encode(media_name(node))
    link = media_link(node)
    if link:  # the video box, named Audio or Video
        self.body.append(
            f"\n{{\\renewcommand{{\\sphinxmentoringvideoname}}{{{label}}}%\n"
            f"\\sphinxmentoringvideo{{{name}}}{{{self.encode_uri(link)}}}{{}}{{}}}}\n"
        )
    elif name:  # a file of the site: nothing to open from paper, its name says what it was
        self.body.append(f"\n\n\\noindent\\textbf{{{label}:}} {name}\\par\n")


def _visit_line_break_latex(self: Any, node: line_break) -> None:
    self.body.append("\\sphinxmentoringlinebreak{}")
    raise nodes.SkipNode


# --- plain text -----------------------------------------------------------------------


def _visit_box_text(self: Any, node: nodes.Element) -> None:
    title, body = split_title(node)
    if title is not None:
        self.new_state(0)
        self.add_text(title.astext())
        self.end_state()
    self.new_state(3)
    _walk(self, body)
    self.end_state(wrap=False)
    raise nodes.SkipNode


def _visit_video_text(self: Any, node: video) -> None:
    self.new_state(0)
    self.add_text(video_link_text(node))
    self.end_state()
    raise nodes.SkipNode


def _visit_media_text(self: Any, node: media) -> None:
    if media_text(node):
        self.new_state(0)
        self.add_text(media_text(node))
        self.end_state()
    # then the fallback, as the paragraphs it is


def _visit_line_break_text(self: Any, node: line_break) -> None:
    self.add_text(" ")
    raise nodes.SkipNode


# --- man ------------------------------------------------------------------------------


def _visit_box_man(self: Any, node: nodes.Element) -> None:
    title, body = split_title(node)
    self.ensure_eol()
    if title is not None:
        self.body.append(".sp\n" + self.defs["strong"][0])
        _walk(self, title.children)
        self.body.append(self.defs["strong"][1] + "\n")
    self.visit_block_quote(node)
    _walk(self, body)
    self.depart_block_quote(node)
    raise nodes.SkipNode


def _visit_video_man(self: Any, node: video) -> None:
    self.ensure_eol()
    text = video_link_text(node).replace("\\", "\\e")
    self.body.append(".sp\n" + self.deunicode(text) + "\n")
    raise nodes.SkipNode


def _visit_media_man(self: Any, node: media) -> None:
    self.ensure_eol()
    if media_text(node):
        text = self.deunicode(media_text(node).replace("\\", "\\e"))
        self.body.append(f".sp\n{text}\n")


def _visit_line_break_man(self: Any, node: line_break) -> None:
    self.body.append("\n.br\n")
    raise nodes.SkipNode


# --- Texinfo --------------------------------------------------------------------------


def _visit_box_texinfo(self: Any, node: nodes.Element) -> None:
    title, body = split_title(node)
    self.body.append("\n@cartouche\n@quotation ")
    if title is not None:
        self.escape_newlines += 1
        _walk(self, title.children)
        self.escape_newlines -= 1
    self.body.append("\n")
    _walk(self, body)
    self.body.append("\n@end quotation\n@end cartouche\n")
    raise nodes.SkipNode


def _visit_video_texinfo(self: Any, node: video) -> None:
    url = self.escape_arg(urls.watch_url(node["src"]))
    caption = self.escape_arg(video_caption(node))
    self.body.append(f"\n{self.escape(_('Video'))}: @uref{{{url},{caption}}}\n")
    raise nodes.SkipNode


def _visit_media_texinfo(self: Any, node: media) -> None:
    name = self.escape_arg(media_name(node))
    link = media_link(node)
    shown = f"@uref{{{self.escape_arg(link)},{name}}}" if link else name
    if name:
        self.body.append(f"\n{self.escape(media_label(node))}: {shown}\n")


def _visit_line_break_texinfo(self: Any, node: line_break) -> None:
    self.body.append("@*\n")
    raise nodes.SkipNode


def _depart_nothing(self: Any, node: nodes.Node) -> None:
    pass


def _handlers(
    visit: Callable[[Any, Any], None],
) -> tuple[Callable[[Any, Any], None], Callable[[Any, Any], None]]:
    return (visit, _depart_nothing)


STATIC = Path(__file__).parent / "html" / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the pickled configuration equals the next build's
    # (added later, every rebuild would report "the configuration has changed").
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def _line_numbers_in_a_column(app: Sphinx, config: Config) -> None:
    # {% highlight python linenos %}: the numbers in a column of their own, as rouge
    # draws them on the Jekyll site (copying the code leaves them behind); a project
    # that sets html_codeblock_linenos_style keeps its choice.
    if "html_codeblock_linenos_style" not in getattr(config, "_raw_config", {}):
        config.html_codeblock_linenos_style = "table"


class FlattenNestedTables(SphinxPostTransform):
    """Writers that cannot draw a table in a table get the inner one as rows of text."""

    default_priority = 400
    builders = ("text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for table in reversed(list(self.document.findall(nodes.table))):
            if not any(isinstance(a, nodes.table) for a in _ancestors(table)):
                continue
            box = nodes.container(classes=["mentoring-nested-table", *table["classes"]])
            for row in table.findall(nodes.row):
                cells = [" ".join(entry.astext().split()) for entry in row.findall(nodes.entry)]
                text = " | ".join(cell for cell in cells if cell)
                if text:
                    box.append(nodes.paragraph(text, text))
            table.replace_self(box)


class NumberedCodeAsText(SphinxPostTransform):
    """Text output has no line-number column: a code block that asks for line
    numbers (``linenos``) gets them written before its lines, as the page shows them."""

    default_priority = 400
    builders = ("text",)

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            if not block.get("linenos"):
                continue
            highlight_args: dict[str, Any] = block.get("highlight_args") or {}
            start = int(highlight_args.get("linenostart", 1))
            lines = block.astext().split("\n")
            width = len(str(start + len(lines) - 1))
            text = "\n".join(
                f"{number:>{width}}  {line}".rstrip() for number, line in enumerate(lines, start)
            )
            block[:] = [nodes.Text(text)]
            block["linenos"] = False


class DropEmptyLists(SphinxPostTransform):
    """An empty ``<ul></ul>`` (a Liquid loop over nothing) shows nothing in HTML;
    LaTeX stops on an empty ``itemize``, so the PDF leaves it out."""

    default_priority = 400
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for kind in (nodes.bullet_list, nodes.enumerated_list):
            for listing in list(self.document.findall(kind)):
                if not listing.children:
                    listing.parent.remove(listing)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found: list[nodes.Node] = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def setup(app: Sphinx) -> None:
    box_text, box_man, box_texinfo = (
        _handlers(_visit_box_text),
        _handlers(_visit_box_man),
        _handlers(_visit_box_texinfo),
    )
    for node_class, html, latex in (
        (objectives, _visit_objectives_html, _visit_objectives_latex),
        (callout, _visit_callout_html, _visit_callout_latex),
        (details, _visit_details_html, _visit_details_latex),
    ):
        app.add_node(
            node_class,
            html=_handlers(html),
            latex=_handlers(latex),
            text=box_text,
            man=box_man,
            texinfo=box_texinfo,
        )
    app.add_node(
        video,
        html=_handlers(_visit_video_html),
        latex=_handlers(_visit_video_latex),
        text=_handlers(_visit_video_text),
        man=_handlers(_visit_video_man),
        texinfo=_handlers(_visit_video_texinfo),
    )
    app.add_node(
        media,
        html=(_visit_media_html, _depart_media_html),
        latex=_handlers(_visit_media_latex),
        text=_handlers(_visit_media_text),
        man=_handlers(_visit_media_man),
        texinfo=_handlers(_visit_media_texinfo),
    )
    app.add_node(
        line_break,
        html=_handlers(_visit_line_break_html),
        latex=_handlers(_visit_line_break_latex),
        text=_handlers(_visit_line_break_text),
        man=_handlers(_visit_line_break_man),
        texinfo=_handlers(_visit_line_break_texinfo),
    )
    # other writers find literal_block's visitors (Sphinx dispatches along the MRO)
    app.add_node(diagram, html=_handlers(_visit_diagram_html))
    # a summary is rendered by its details box; on its own, only its text shows
    summary = (_depart_nothing, _depart_nothing)
    app.add_node(
        details_summary, html=summary, latex=summary, text=summary, man=summary, texinfo=summary
    )
    app.add_post_transform(FlattenNestedTables)
    app.add_post_transform(DropEmptyLists)
    app.add_post_transform(NumberedCodeAsText)
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", _line_numbers_in_a_column)
    app.add_css_file("mentoring-components.css")
