"""URLs found in HTML: where a video plays, where an image lives (safety: url_policy)."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sphinx_mentoring.i18n import _


def _host(url: str) -> str:
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.removeprefix("www.").removeprefix("m.")


def provider(url: str) -> str:
    """``youtube``, ``vimeo``, ``ted`` or the host name."""
    host = _host(url)
    if host in ("youtube.com", "youtube-nocookie.com", "youtu.be"):
        return "youtube"
    if host.endswith("vimeo.com"):
        return "vimeo"
    if host.endswith("ted.com"):
        return "ted"
    return host


_PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo", "ted": "TED"}


def default_title(url: str) -> str:
    """A title for a video whose iframe has none: "Video on YouTube"."""
    name = provider(url)
    return _("Video on %s") % _PROVIDER_NAMES.get(name, name) if name else _("Video")


def _absolute(url: str) -> str:
    return "https:" + url if url.startswith("//") else url


def _youtube_id(url: str) -> tuple[str, list[tuple[str, str]]]:
    split = urlsplit(url)
    query = parse_qsl(split.query)
    if split.hostname == "youtu.be":
        return split.path.strip("/"), query
    path = split.path
    for prefix in ("/embed/", "/v/", "/shorts/", "/live/"):
        if path.startswith(prefix):
            return path[len(prefix) :].split("/")[0], query
    video = dict(query).get("v", "")
    return video, [(k, v) for k, v in query if k != "v"]


def embed_url(url: str) -> str:
    """The privacy-friendly URL to embed: youtube-nocookie.com, Vimeo without tracking."""
    url = _absolute(url)
    name = provider(url)
    if name == "youtube":
        video, query = _youtube_id(url)
        if video:
            query_string = f"?{urlencode(query)}" if query else ""
            return f"https://www.youtube-nocookie.com/embed/{video}{query_string}"
    if name == "vimeo":
        split = urlsplit(url)
        if split.hostname == "vimeo.com":  # a watch URL given to the directive
            video = split.path.strip("/").split("/")[0]
            split = urlsplit(f"https://player.vimeo.com/video/{video}")
        query = [(k, v) for k, v in parse_qsl(split.query) if k != "dnt"] + [("dnt", "1")]
        return urlunsplit(split._replace(query=urlencode(query)))
    if name == "ted":
        split = urlsplit(url)
        if split.hostname and not split.hostname.startswith("embed"):
            return urlunsplit(split._replace(netloc="embed.ted.com"))
    return url


def watch_url(url: str) -> str:
    """The page where a reader watches the video (printed in PDF, text, EPUB)."""
    url = _absolute(url)
    name = provider(url)
    if name == "youtube":
        video, query = _youtube_id(url)
        if video:
            start = dict(query).get("start") or dict(query).get("t")
            suffix = f"&t={start}" if start else ""
            return f"https://www.youtube.com/watch?v={video}{suffix}"
    if name == "vimeo":
        split = urlsplit(url)
        if split.hostname == "player.vimeo.com" and split.path.startswith("/video/"):
            return "https://vimeo.com/" + split.path[len("/video/") :].split("/")[0]
    if name == "ted":
        split = urlsplit(url)
        path = split.path
        if path.startswith("/talks/lang/"):  # /talks/lang/en/<slug>
            path = "/talks/" + path.split("/", 4)[-1]
        return urlunsplit(("https", "www.ted.com", path, "", ""))
    return url


def is_remote(url: str) -> bool:
    return "://" in url or url.startswith(("//", "mailto:", "data:"))


def resolve_image(src: str, docname: str, srcdir: Path, site_roots: list[Path]) -> str | None:
    """The Sphinx image URI of a local ``src``, or None when no such file exists.

    Jekyll paths are site-root-relative (``/img/x.png``; ``//img/x.png`` once
    ``{{ site.baseurl }}`` rendered as ``/``; ``/baseurl/img/x.png``). Sphinx reads
    ``/x`` as relative to the source folder, so return that form when the file is
    found under the source folder or a Jekyll site root.
    """
    path = src.split("#")[0].split("?")[0]
    if not path:
        return None
    candidates: list[Path] = []
    if path.startswith("/"):
        relative = path.lstrip("/")
        parts = relative.split("/")
        for root in [srcdir, *site_roots]:
            candidates.append(root / relative)
            if len(parts) > 1:  # a baseurl prefix
                candidates.append(root.joinpath(*parts[1:]))
    else:
        candidates.append(srcdir / posixpath.dirname(docname) / path)
    for candidate in candidates:
        if candidate.is_file():
            try:
                return "/" + candidate.resolve().relative_to(srcdir.resolve()).as_posix()
            except ValueError:  # a site root outside the source folder
                docdir = srcdir / posixpath.dirname(docname)
                return os.path.relpath(candidate.resolve(), docdir.resolve()).replace(os.sep, "/")
    return None


def embedded_page(src: str, attrs: dict[str, str]) -> str | None:
    """The page a ``<script src>`` embed shows, where the embed says it (else None).

    Speaker Deck: ``data-id`` is the deck's player; a GitHub gist: its page.
    """
    host = _host(src)
    if host == "speakerdeck.com" and attrs.get("data-id", "").strip().isalnum():
        return "https://speakerdeck.com/player/" + attrs["data-id"].strip()
    if host == "gist.github.com" and urlsplit(_absolute(src)).path.endswith(".js"):
        split = urlsplit(_absolute(src))
        return urlunsplit(("https", "gist.github.com", split.path[: -len(".js")], "", ""))
    return None
