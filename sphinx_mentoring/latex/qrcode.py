"""A QR code of every video link, so a reader of the printed page can watch it.

At LaTeX write time each ``video`` node gets ``node["qrcode"]``: the name of
a PNG (segno, pure Python) in the LaTeX output folder, of the URL the
PDF prints (the video's watch page), named after a hash of that URL so that
several documents and rebuilds share one file. The video visitor passes it as
the fourth argument of ``\\sphinxmentoringvideo``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import segno
from docutils import nodes

from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def watch_url(src: str) -> str:
    """The link the PDF prints for a video (the HTML helper's rule, when present)."""
    try:
        from sphinx_mentoring.html.urls import watch_url as html_watch_url
    except ImportError:  # pragma: no cover - the html package always has it
        return src
    return html_watch_url(src)


QR_FOLDER = "mentoring-qr"


def qr_filename(url: str) -> str:
    digest = hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"{QR_FOLDER}/{digest}.png"


def write_qr_code(url: str, outdir: Path) -> str:
    """Write the QR code of ``url`` under ``outdir`` (once); return its relative name."""
    name = qr_filename(url)
    target = outdir / name
    if target.is_file():
        return name
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: a concurrent build never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            # PNG: xdvipdfmx (xelatex) rejects the PDF segno writes; 8 px a module
            # stays sharp at print size.
            segno.make(url, error="m").save(stream, kind="png", border=1, scale=8)
        Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return name


def _is_video(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and type(node).__name__ == "video"


def add_qr_codes(app: Sphinx, doctree: nodes.document) -> None:
    """Give each video node the file name of its link's QR code (LaTeX only)."""
    outdir = Path(app.builder.outdir)
    for node in list(doctree.findall(nodes.Element)):
        if not _is_video(node):
            continue
        url = watch_url(str(node.get("src") or ""))
        if not url.startswith(("http://", "https://")):
            continue
        try:
            node["qrcode"] = write_qr_code(url, outdir)
        except (OSError, ValueError, segno.DataOverflowError) as error:
            warn(f"no QR code for video link {url!r}: {error}", "latex", node)
