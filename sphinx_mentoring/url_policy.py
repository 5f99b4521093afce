"""One URL policy for every URL a page puts into the output.

A URL is read the way a browser reads it (the WHATWG URL standard): C0 control
characters and spaces at either end are stripped, and tabs and newlines anywhere
are removed, *before* the scheme is looked at — so ``\\x01javascript:`` and
``java<TAB>script:`` are ``javascript:``. A URL without a scheme (a path, an
``#anchor``) is always allowed; a URL with a scheme only when the *project*
allows that scheme: ``myst_url_schemes`` of ``conf.py`` (by default ``http``,
``https``, ``mailto``, ``ftp``), never widened by a page's own front matter.
Images may also be ``data:image/...``.

The HTML conversion (:mod:`sphinx_mentoring.html`) and the directives apply
the policy where they read a URL, to warn at the author's line. A last pass
(:func:`enforce`, at ``doctree-resolved``, for every builder) applies it to
every URL that reached the document by any other road — MyST links whose
attributes a kramdown IAL set, reStructuredText in ``{eval-rst}``, roles — so
no URL a browser would run as script is ever written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: What the WHATWG URL parser strips from both ends of a URL.
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
#: ... and removes anywhere in it.
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*+:")
#: MyST's default ``myst_url_schemes``.
DEFAULT_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})

#: The kinds of URL: a link, an image source, a frame or player source.
LINK, IMAGE, FRAME = "link", "image", "frame"


def browser_form(url: str) -> str:
    """``url`` as a browser parses it: ends stripped of controls and spaces, no tab or newline."""
    return url.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)


def scheme_of(url: str) -> str:
    """The lower-case scheme a browser sees in ``url``, or "" for a relative URL."""
    match = _SCHEME.match(browser_form(url))
    return match.group()[:-1].lower() if match else ""


def project_schemes(config: Config | None) -> frozenset[str]:
    """The schemes the project allows: ``myst_url_schemes`` of ``conf.py``."""
    value: Any = getattr(config, "myst_url_schemes", None) if config is not None else None
    if value is None:
        return DEFAULT_SCHEMES
    if isinstance(value, dict):
        value = value.keys()
    if isinstance(value, str):
        value = [value]
    try:
        return frozenset(str(name).lower() for name in value)
    except TypeError:
        return DEFAULT_SCHEMES


def allowed(url: str, kind: str, schemes: Iterable[str]) -> str | None:
    """The URL to write (in its browser form), or None when it must not be written."""
    cleaned = browser_form(url)
    scheme = scheme_of(cleaned)
    if not scheme or scheme in schemes:
        return cleaned
    if kind == IMAGE and scheme == "data" and cleaned[5:].lstrip().lower().startswith("image/"):
        return cleaned
    return None


def refusal(url: str, what: str, schemes: Iterable[str]) -> str:
    """The warning for a refused URL: which scheme, and how a project allows one."""
    scheme = scheme_of(url)
    listed = ", ".join(sorted(schemes)) or "none"
    return (
        f"{what} with the URL {browser_form(url)[:60]!r} is left out: the scheme {scheme!r} "
        f"is not allowed (allowed: {listed}; a project adds one in conf.py's myst_url_schemes)"
    )


# -- the last pass ------------------------------------------------------------------------


def check_document(doctree: nodes.document, config: Config, docname: str) -> None:
    """Apply the policy to every URL (and ``http-equiv`` meta tag) of ``doctree``."""
    from sphinx_mentoring import nodes as mnodes

    schemes = project_schemes(config)
    for node in list(doctree.findall(nodes.Element)):
        if "refuri" in node.attributes:
            _check_reference(node, schemes, docname)
        elif isinstance(node, nodes.image):
            _check_image(node, schemes, docname)
        elif isinstance(node, mnodes.video):
            _check_video(node, schemes, docname)
        elif isinstance(node, nodes.meta):
            _check_meta(node, config, docname)


class ReadUrls(SphinxTransform):
    """As a page is read, before Sphinx notes the images to copy (``doctree-read``, 880)."""

    default_priority = 860

    def apply(self, **kwargs: Any) -> None:
        check_document(self.document, self.config, self.env.docname)


def enforce(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: links resolved since reading are checked before any writer."""
    check_document(doctree, app.config, docname)


def _location(node: nodes.Node, docname: str) -> Any:
    return node if node.source and node.line else (docname, None)


def _check_reference(node: nodes.Element, schemes: frozenset[str], docname: str) -> None:
    refuri = str(node["refuri"])
    cleaned = allowed(refuri, LINK, schemes)
    if cleaned is not None:
        if cleaned != refuri:
            node["refuri"] = cleaned
        return
    warn(refusal(refuri, "a link", schemes), "unsafe-url", _location(node, docname))
    if isinstance(node, nodes.reference):
        node.replace_self(nodes.inline("", "", *node.children))
    else:
        del node["refuri"]


def _check_image(node: nodes.image, schemes: frozenset[str], docname: str) -> None:
    uri = str(node.get("uri", ""))
    cleaned = allowed(uri, IMAGE, schemes)
    if cleaned is None:
        warn(refusal(uri, "an image", schemes), "unsafe-url", _location(node, docname))
        alt = str(node.get("alt", ""))
        node.replace_self(nodes.inline(alt, alt, classes=["mentoring-missing-image"]))
    elif cleaned != uri and "://" in cleaned:
        node["uri"] = cleaned


def _check_video(node: nodes.Element, schemes: frozenset[str], docname: str) -> None:
    src = str(node.get("src", ""))
    if allowed(src, FRAME, schemes) is None:
        warn(refusal(src, "a video", schemes), "unsafe-url", _location(node, docname))
        title = str(node.get("title", ""))
        if title:
            node.replace_self(nodes.paragraph(title, title))
        else:
            node.parent.remove(node)


def _check_meta(node: nodes.Element, config: Config, docname: str) -> None:
    """An ``http-equiv`` meta tag (a refresh to another site) comes from conf.py or not at all."""
    equiv = str(node.get("http-equiv", "")).strip()
    if not equiv:
        return
    content = str(node.get("content", ""))
    project = getattr(config, "myst_html_meta", None) or {}
    if any(
        str(key).replace(" ", "").lower() == f"http-equiv={equiv.lower()}" and value == content
        for key, value in project.items()
    ):
        return
    warn(
        f"the page's meta tag http-equiv={equiv!r} is left out: only conf.py sets http-equiv",
        "unsafe-setting",
        _location(node, docname),
    )
    node.parent.remove(node)


def setup(app: Sphinx) -> None:
    app.add_transform(ReadUrls)
    # Before every other doctree-resolved handler: they see only allowed URLs.
    app.connect("doctree-resolved", enforce, priority=100)
