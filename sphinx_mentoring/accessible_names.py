"""Everything a reader reaches gets a name: untitled videos and image-only links.

- **Videos.** An ``<iframe>`` rarely has a ``title``, and "Video on YouTube" three
  times on one page tells a screen-reader user nothing. A video without a title
  of its own takes, in this order, the text of a link or strong line right before
  it (``**Watch: Mentoring 101**``), the title of the box it is in, or the title of
  its section: "Video: Youth as Mentors". Two videos of one page never share a
  title: the second gets "(2)".
- **Image links.** A link whose only content is an image without alt text has
  no name at all. The build warns (``mentoring.image-link``) and names the image
  after where the link leads (``ischool.umd.edu``, ``introducing the toolkit``),
  else after its file. An image inside a link is never wrapped in a second link
  to its full-size file (a link inside a link has no name and no single target).

Both run once per read page, after its raw HTML became nodes.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring import nodes as mentoring_nodes
from sphinx_mentoring.i18n import _
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: A lead-in longer than this is a sentence, not a title.
_LEAD_IN_MAX = 90
_MISSING_IMAGE = "mentoring-missing-image"


# --------------------------------------------------------------------------- videos


def _lead_in(video: nodes.Element) -> str | None:
    """A short paragraph right before the video that is one link or one strong phrase."""
    parent = video.parent
    index = parent.index(video) if parent is not None else 0
    if index == 0:
        return None
    previous = parent[index - 1]
    if not isinstance(previous, nodes.paragraph):
        return None
    children = [c for c in previous.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(children) == 1 and isinstance(children[0], nodes.reference | nodes.strong):
        text = " ".join(children[0].astext().split())
        if 0 < len(text) <= _LEAD_IN_MAX:
            return text
    return None


def _context_title(video: nodes.Element) -> str | None:
    """The title of the box, else of the section, the video is in."""
    node: Any = video.parent
    while node is not None:
        if isinstance(node, mentoring_nodes.callout | mentoring_nodes.details):
            title, _body = mentoring_nodes.split_title(node)
            if title is not None and title.astext().strip():
                return " ".join(title.astext().split())
        if isinstance(node, nodes.section) and node.children:
            first = node[0]
            if isinstance(first, nodes.title) and first.astext().strip():
                return " ".join(first.astext().split())
        node = node.parent
    return None


class TitleVideos(SphinxTransform):
    """Give untitled videos a title from their context, unique on the page."""

    default_priority = 800  # after the page's HTML blocks and boxes are built

    def apply(self, **kwargs: Any) -> None:
        used: dict[str, int] = {}
        for video in self.document.findall(mentoring_nodes.video):
            title = video.get("title", "")
            if not video.get("title_given"):
                context = _lead_in(video) or _context_title(video)
                if context:
                    title = str(_("Video: %s")) % context
            count = used.get(title, 0) + 1
            used[title] = count
            video["title"] = title if count == 1 else f"{title} ({count})"


# --------------------------------------------------------------------------- image links


def _words(path: str) -> str:
    """``introducing-the-toolkit.png`` -> ``introducing the toolkit``."""
    stem = posixpath.splitext(posixpath.basename(path.rstrip("/")))[0]
    if stem == "index":
        stem = posixpath.basename(posixpath.dirname(path.rstrip("/")))
    return " ".join(unquote(stem).replace("-", " ").replace("_", " ").split())


def link_name(target: str, images: list[nodes.Element]) -> str:
    """Where the link leads (its host, or its last path part), else the image's file."""
    split = urlsplit(target)
    if split.netloc:
        host = split.netloc.removeprefix("www.")
        return host
    if split.scheme == "mailto":
        return split.path
    named = _words(split.path) if split.path.strip("/.") else ""
    if named:
        return named
    for image in images:
        if image.get("uri"):
            return _words(str(image["uri"]))
    return target


class NameImageLinks(SphinxTransform):
    """Warn about and name links whose only content is images without alt text."""

    default_priority = 810

    def apply(self, **kwargs: Any) -> None:
        for link in list(self.document.findall(nodes.reference)) + list(
            self.document.findall(addnodes.pending_xref)
        ):
            self._name(link)
            for image in link.findall(nodes.image):
                # Sphinx links a resized image to its full size, unless the image is
                # a link's only child: inside a link's text too, no link in a link.
                if "no-scaled-link" not in image["classes"]:
                    image["classes"].append("no-scaled-link")

    def _name(self, link: nodes.Element) -> None:
        images = [
            node
            for node in link.findall(nodes.Element)
            if isinstance(node, nodes.image) or _MISSING_IMAGE in node.get("classes", ())
        ]
        if not images:
            return
        if any(image.get("alt", "").strip() for image in images if isinstance(image, nodes.image)):
            return
        if any(image.astext().strip() for image in images if not isinstance(image, nodes.image)):
            return
        text = [
            t
            for t in link.findall(nodes.Text)
            if not any(t in image.findall(nodes.Text) for image in images)
        ]
        if "".join(text).strip():
            return  # the link has words of its own
        target = link.get("refuri") or link.get("reftarget") or ""
        name = link_name(target, images)
        first = images[0]
        if isinstance(first, nodes.image):
            first["alt"] = name
        else:
            first += nodes.Text(name)
        warn(
            f"a link to {target!r} shows only an image without alt text: it has no name "
            f"for screen readers, so it is named {name!r}. Give the image an alt text "
            "that says where the link leads",
            "image-link",
            link,
        )


def setup(app: Sphinx) -> None:
    app.add_transform(TitleVideos)
    app.add_transform(NameImageLinks)
