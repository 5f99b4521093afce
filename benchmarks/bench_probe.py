"""A tiny Sphinx extension the benchmark injects to count what a build does.

It appends one JSON line per event to the file named by ``BENCH_PROBE_LOG``:
the documents Sphinx is about to (re-)read, every page handed to the HTML
writer, and when the build finished (``build-finished``: the main process's CPU
seconds and the wall clock, so the benchmark can tell the build itself from the
interpreter's teardown after it). Appending (rather than keeping counters)
works under ``-j N`` too, where pages are written in forked worker processes.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _log(record: dict[str, Any]) -> None:
    path = os.environ.get("BENCH_PROBE_LOG")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as stream:  # noqa: PTH123 - one short append
        stream.write(json.dumps(record) + "\n")


def _on_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _log({"event": "read", "docs": sorted(docnames)})


def _on_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # Pages without a doctree are genindex, search and other builder extras.
    _log({"event": "write", "page": pagename, "doc": doctree is not None})


def _on_finished(app: Sphinx, exception: Exception | None) -> None:
    # CPU of this (main) process only: under -j N the workers' time is not in it.
    _log({"event": "finished", "cpu": time.process_time(), "wall": time.time()})


def setup(app: Sphinx) -> dict[str, Any]:
    mentoring = sys.modules.get("sphinx_mentoring")
    _log({"event": "init", "mentoring": getattr(mentoring, "__file__", None)})
    # Late priority: see the final list of documents after other listeners.
    app.connect("env-before-read-docs", _on_read, priority=900)
    app.connect("html-page-context", _on_page)
    # Late priority: after the builder's and other extensions' own finishing work.
    app.connect("build-finished", _on_finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
