"""What one document's render knows about its HTML: open boxes, open inline tags.

A ``<div markdown="1">`` opened in one Markdown block holds the blocks that
follow until its ``</div>``: the open boxes form a stack on :class:`HtmlState`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_mentoring import nesting, url_policy
from sphinx_mentoring import nodes as mnodes
from sphinx_mentoring.html import urls
from sphinx_mentoring.i18n import _
from sphinx_mentoring.limits import Limits, from_config
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.html.tree import Element

#: Units of an image's size that every writer (LaTeX too) understands.
_LENGTH_UNITS = frozenset({"", "px", "%", "em", "ex", "pt", "pc", "mm", "cm", "in"})


class Host(Protocol):
    """Where converted HTML goes: the MyST renderer, or the place of a raw HTML node."""

    document: nodes.document
    current_node: nodes.Element

    @property
    def sphinx_env(self) -> BuildEnvironment | None: ...


def has_content(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Text):
        return bool(node.strip())
    return bool(node.astext().strip()) or any(
        isinstance(child, (nodes.image, mnodes.video, mnodes.media)) for child in node.findall()
    )


def objectives_title(renderer: Host) -> str:
    env = renderer.sphinx_env
    configured = env.config.mentoring_objectives_title if env is not None else None
    return str(configured) if configured else str(_("Learning objectives"))


def image_uri_roots(renderer: Host) -> tuple[Path, list[Path]]:
    env = renderer.sphinx_env
    if env is None:
        return Path(renderer.document["source"]).parent, []
    return Path(env.srcdir), jekyll_site_roots(env)


def jekyll_site_roots(env: BuildEnvironment) -> list[Path]:
    """Folders besides the source folder where site-root paths (``/img/x.png``) may lie."""
    site = getattr(env.config, "mentoring_jekyll_site", None)
    return [Path(env.srcdir, site)] if site else []


def resolve_site_image(renderer: SphinxRenderer, image: nodes.image) -> None:
    """A Markdown image at a site path (``/img/x.png``, ``/baseurl/img/x.png`` once
    ``{{ site.baseurl }}`` rendered) is the site's file, as an HTML ``<img>`` is;
    a path no file answers stays as written (Sphinx reports it)."""
    uri = str(image.get("uri", ""))
    if not uri.startswith("/"):
        return
    env = renderer.sphinx_env
    srcdir, roots = image_uri_roots(renderer)
    resolved = urls.resolve_image(uri, env.docname if env is not None else "", srcdir, roots)
    if resolved is not None:
        image["uri"] = resolved


@dataclass
class OpenBox:
    tag: str
    node: nodes.Element
    parent: nodes.Element
    line: int
    unclosed: bool  # the page has no matching end tag: it ends at the next heading


@dataclass
class InlineOpen:
    tag: str
    node: nodes.Element
    parent: nodes.Element


@dataclass
class HtmlState:
    """What one document's render knows about HTML: open boxes, open inline tags."""

    renderer: Host
    boxes: list[OpenBox] = field(default_factory=list)
    inline: list[InlineOpen] = field(default_factory=list)
    warned: set[tuple[str, str]] = field(default_factory=set)
    pending_closes: int = 0
    #: start offsets of the current block's boxes that the page never closes
    unclosed_starts: set[int] = field(default_factory=set)
    #: inline start tags not opened (too deep), awaiting their end tags
    flattened_inline: dict[str, int] = field(default_factory=dict)
    _schemes: frozenset[str] | None = None
    _limits: Limits | None = None

    # --- warnings -----------------------------------------------------------------

    def warn(self, message: str, subtype: str, line: int, once: str | None = None) -> None:
        if once is not None:
            if (subtype, once) in self.warned:
                return
            self.warned.add((subtype, once))
        env = self.renderer.sphinx_env
        if env is not None:
            warn(message, subtype, (env.docname, line))
        else:
            warn(message, subtype, f"{self.renderer.document['source']}:{line}")

    # --- boxes --------------------------------------------------------------------

    def open_box(
        self,
        renderer: Host,
        element: Element,
        node: nodes.Element,
        parent: nodes.Element,
        line: int,
    ) -> None:
        unclosed = element.start in self.unclosed_starts
        self.boxes.append(OpenBox(element.tag, node, parent, line, unclosed))

    def close_box(self, renderer: Host, tag: str, line: int) -> None:
        """An end tag closes the innermost open box of its kind (and those inside it)."""
        for index in range(len(self.boxes) - 1, -1, -1):
            if self.boxes[index].tag == tag:
                for inner in self.boxes[index + 1 :]:
                    self.warn(
                        f"<{inner.tag}> (line {inner.line}) is closed by </{tag}> "
                        f"before its own </{inner.tag}>",
                        "html-nesting",
                        line,
                    )
                self._pop(renderer, index)
                return

    def _pop(self, renderer: Host, index: int) -> None:
        for box in self.boxes[index:][::-1]:
            self.finish_box(renderer, box.node, box.line)
        renderer.current_node = self.boxes[index].parent
        del self.boxes[index:]

    def sync(self, renderer: Host) -> None:
        """Boxes whose scope ended (a list item, a quote) end with it."""
        ancestors: set[int] = set()
        node: nodes.Node | None = renderer.current_node
        while node is not None:
            ancestors.add(id(node))
            node = node.parent
        for index, box in enumerate(self.boxes):
            if id(box.node) not in ancestors:
                for lost in self.boxes[index:]:
                    self.warn(
                        f"<{lost.tag}> has no </{lost.tag}>: it ends with the block around it",
                        "html-unclosed",
                        lost.line,
                    )
                for lost in self.boxes[index:][::-1]:
                    self.finish_box(renderer, lost.node, lost.line)
                del self.boxes[index:]
                return

    def close_unclosed(self, renderer: Host) -> None:
        """Before a heading: a box the page never closes ends here, keeping the outline."""
        # (its first heading, before any content, is still its title)
        while self.boxes and self.boxes[-1].unclosed and self.boxes[-1].node.children:
            box = self.boxes[-1]
            self.warn(
                f"<{box.tag}> has no </{box.tag}>: it ends at the next heading",
                "html-unclosed",
                box.line,
            )
            self._pop(renderer, len(self.boxes) - 1)

    def close_all(self, renderer: Host) -> None:
        for box in self.boxes:
            self.warn(
                f"<{box.tag}> has no </{box.tag}>: it ends with the page",
                "html-unclosed",
                box.line,
            )
        if self.boxes:
            self._pop(renderer, 0)

    def finish_box(self, renderer: Host, node: nodes.Element, line: int) -> None:
        """Give a closed box its title: the first <p> or heading of an objectives box."""
        if isinstance(node, mnodes.objectives):
            first = node.children[0] if node.children else None
            if isinstance(first, (nodes.paragraph, nodes.rubric)):
                title = nodes.title("", "", *first.children)
                title.source, title.line = first.source, first.line
                node.replace(first, title)
            elif not isinstance(first, nodes.title):
                node.insert(0, nodes.title("", objectives_title(renderer)))
            if not any(has_content(child) for child in node.children[1:]):
                self.warn(
                    "objectives box has no items (only a title); add a list of objectives",
                    "objectives",
                    line,
                )
        elif isinstance(node, mnodes.callout):
            first = node.children[0] if node.children else None
            if isinstance(first, nodes.rubric):
                title = nodes.title("", "", *first.children)
                title.source, title.line = first.source, first.line
                node.replace(first, title)

    # --- the build's policy and bounds ---------------------------------------------

    @property
    def schemes(self) -> frozenset[str]:
        """The URL schemes the project allows (:mod:`sphinx_mentoring.url_policy`)."""
        if self._schemes is None:
            env = self.renderer.sphinx_env
            self._schemes = url_policy.project_schemes(env.config if env is not None else None)
        return self._schemes

    @property
    def limits(self) -> Limits:
        """The build's bounds (:mod:`sphinx_mentoring.limits`)."""
        if self._limits is None:
            env = self.renderer.sphinx_env
            self._limits = from_config(env.config if env is not None else None)
        return self._limits

    @property
    def nesting_depth(self) -> int:
        return self.limits.nesting_depth

    def room(self, node: nodes.Node) -> int:
        """How many more elements may nest inside ``node``."""
        return self.nesting_depth - nesting.depth_of(node)

    def checked_url(self, url: str, kind: str, what: str, line: int) -> str | None:
        """``url`` as a browser reads it, or None (with a warning) if the policy refuses it."""
        cleaned = url_policy.allowed(url, kind, self.schemes)
        if cleaned is None:
            self.warn(url_policy.refusal(url, what, self.schemes), "unsafe-url", line)
        return cleaned

    # --- inline -------------------------------------------------------------------

    def anchor(self, attrs: dict[str, str], line: int) -> nodes.Element:
        href = self.checked_url(attrs.get("href", ""), url_policy.LINK, "a link", line) or ""
        name = (attrs.get("name") or attrs.get("id") or "").strip()
        if href:
            node: nodes.Element = nodes.reference("", "", refuri=href)
            if name:
                node["mentoring_name"] = name
            if attrs.get("target"):
                node["target"] = attrs["target"]
            return node
        node = nodes.inline(classes=["mentoring-anchor"])
        document = self.renderer.document
        node_id = nodes.make_id(name) if name else ""
        if node_id and node_id == name and node_id not in document.ids:
            node["ids"].append(node_id)
            document.ids[node_id] = node
        if name:
            node["mentoring_name"] = name
        return node

    def image(self, attrs: dict[str, str], line: int) -> nodes.Node:
        alt = attrs.get("alt", "").strip()
        src = self.checked_url(attrs.get("src", ""), url_policy.IMAGE, "an image", line)
        if src is None:
            return nodes.inline(alt, alt, classes=["mentoring-missing-image"])
        if not src:
            self.warn("<img> has no src; its alt text is kept", "image", line)
            return nodes.inline(alt, alt, classes=["mentoring-missing-image"])
        uri = src
        # ``//img/x.png`` is what ``{{ site.baseurl }}/img/x.png`` gives with baseurl "/"
        if not urls.is_remote(src) or src.startswith("//"):
            env = self.renderer.sphinx_env
            srcdir, roots = image_uri_roots(self.renderer)
            docname = env.docname if env is not None else ""
            resolved = urls.resolve_image(src, docname, srcdir, roots)
            if resolved is not None:
                uri = resolved
            elif src.startswith("//"):
                uri = "https:" + src
            else:
                self.warn(f"image file not found: {src}; its alt text is kept", "image", line)
                return nodes.inline(alt, alt, classes=["mentoring-missing-image"])
        node = nodes.image(uri=uri, alt=alt)
        for key, as_length in (
            ("width", directives.length_or_percentage_or_unitless),
            ("height", directives.length_or_unitless),
        ):
            value = attrs.get(key, "").strip()
            if not value:
                continue
            try:  # a length, parsed as one: the text reaches LaTeX
                length = as_length(value)
                if length.lstrip("0123456789.") not in _LENGTH_UNITS:
                    raise ValueError(length)
            except ValueError:
                self.warn(
                    f"<img {key}={value!r}> is not a length (like 300 or 50%); it is left out",
                    "image",
                    line,
                )
                continue
            node[key] = length + ("px" if length.replace(".", "", 1).isdigit() else "")
        node["classes"].extend(attrs.get("class", "").split())
        return node

    def media_source(self, src: str, tag: str, line: int) -> tuple[str, str] | None:
        """``(src, file)`` of one source of an ``<audio>``/``<video>``; None: left out.

        A local file is copied with the HTML build (Sphinx's downloadable files:
        ``file`` is its name under ``_downloads/``); a remote one is used as written.
        """
        checked = self.checked_url(src, url_policy.FRAME, f"a <{tag}>", line)
        if checked is None:
            return None
        src = checked
        env = self.renderer.sphinx_env
        if urls.is_remote(src) or env is None:
            return src, ""
        srcdir, roots = image_uri_roots(self.renderer)
        resolved = urls.resolve_image(src, env.docname, srcdir, roots)
        if resolved is None:
            self.warn(f"<{tag}> file not found: {src}; its fallback text is kept", "video", line)
            return None
        relative, _absolute = env.relfn2path(resolved, env.docname)
        env.note_dependency(relative)
        return src, Path(env.dlfiles.add_file(env.docname, relative)).as_posix()


def get_state(renderer: SphinxRenderer) -> HtmlState:
    state = renderer.__dict__.get("_mentoring_html")
    if state is None:
        state = renderer.__dict__["_mentoring_html"] = HtmlState(renderer)
    return state
