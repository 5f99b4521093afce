"""A built site served over real HTTP (the standard library's server), and its URLs checked.

What a learner's browser does: ask a web server for a URL (percent-encoded, as
Jekyll's links and bookmarks have it) and follow a redirect page's
``<meta http-equiv="refresh">`` to where it leads.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

_REFRESH = re.compile(
    r"""<meta\s+http-equiv=["']refresh["']\s+content=["']\d+;\s*url=([^"']+)["']""", re.I
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1; yields the site's root URL (ends with ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def output_urls(files: Iterable[str]) -> list[str]:
    """The URLs (percent-encoded, from the root) that serve these output files:
    ``a b/index.html`` is served at ``a%20b/index.html`` and ``a%20b/``."""
    urls: list[str] = []
    for file in files:
        quoted = urllib.parse.quote(file)
        urls.append(quoted)
        if quoted == "index.html" or quoted.endswith("/index.html"):
            urls.append(quoted[: -len("index.html")])
    return urls


def fetch(root: str, path: str, *, follow: int = 3) -> tuple[int, str, str]:
    """(status, final path, body) of a GET, following redirect pages up to *follow* times."""
    url = urllib.parse.urljoin(root, path)
    status, body = 0, ""
    for _ in range(follow + 1):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status, body = response.status, response.read().decode("utf-8", "replace")
                url = response.url
        except urllib.error.HTTPError as error:
            return error.code, url[len(root) :], ""
        match = _REFRESH.search(body)
        if not match:
            break
        url = urllib.parse.urljoin(url, match.group(1).replace("&amp;", "&"))
    return status, url[len(root) :], body


def failing_urls(root: str, paths: Iterable[str]) -> dict[str, int]:
    """The paths that do not answer 200 with a page (after redirect pages), and their status."""
    failures: dict[str, int] = {}
    for path in paths:
        status, _final, body = fetch(root, path)
        if status != 200 or _REFRESH.search(body):
            failures[path] = status
    return failures


def jekyll_files(site: Path, destination: Path) -> list[str] | None:
    """The files Debian's Jekyll writes for *site* (posix, relative), or None without Jekyll."""
    import os
    import shutil
    import subprocess

    if shutil.which("jekyll") is None:
        return None
    subprocess.run(
        ["jekyll", "build", "--disable-disk-cache", "-s", str(site), "-d", str(destination)],
        check=True,
        capture_output=True,
        env={**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true"},
    )
    return sorted(
        p.relative_to(destination).as_posix() for p in destination.rglob("*") if p.is_file()
    )
