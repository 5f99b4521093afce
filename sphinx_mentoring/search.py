"""Search results that say where a page is, with a snippet, also offline.

Sphinx's search page lists page titles only; on a course, "Check-in" six times
tells nothing. The search index (``searchindex.js``) gets a ``mentoring`` entry:
for each page its module's title and its opening sentences (the course facts'
summary). The theme's ``mentoring-search.js`` shows them under each result, and
opened from a folder (``file://``, where a browser may not fetch a page for
Sphinx's own snippet) uses them instead.

Pages live at their Jekyll URLs (:mod:`.permalinks`), and Sphinx's search script
links a result as ``<docname>.html``: the index names each page by its output
file instead, and keeps the real docnames beside them, which it reads back when
Sphinx loads the index for an incremental build.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:
    from sphinx.application import Sphinx

KEY = "mentoring"


def _url_names(builder: Any, docnames: list[str]) -> list[str]:
    """What Sphinx's search script must see as a page's name to link its output file."""
    names = []
    for docname in docnames:
        uri = unquote(builder.get_target_uri(docname))
        if builder.name == "dirhtml":  # the script adds "/" and drops a final "index/"
            names.append(uri + "index" if uri.endswith("/") or not uri else uri[:-5])
        else:
            names.append(uri.removesuffix(builder.link_suffix))
    return names


def _course_entries(app: Sphinx, docnames: list[str]) -> dict[str, Any]:
    from sphinx_mentoring.course import get_course, get_domain

    course = get_course(app.env)
    pages = get_domain(app.env).pages
    titles = [module.title for module in course.modules]
    position = {module.id: n for n, module in enumerate(course.modules)}
    return {
        "modules": titles,
        "module": [position.get(course.module_of.get(doc, ""), -1) for doc in docnames],
        "summaries": [pages[doc].summary if doc in pages else "" for doc in docnames],
    }


def install(app: Sphinx) -> None:
    """``builder-inited``: extend the index of HTML builders as it is frozen and loaded."""
    builder: Any = app.builder
    if builder.name not in ("html", "dirhtml") or not hasattr(builder, "load_indexer"):
        return
    original_load_indexer = builder.load_indexer

    def load_indexer(docnames: Any) -> None:
        indexer = builder.indexer
        original_freeze, original_load = indexer.freeze, indexer.load

        def freeze() -> dict[str, Any]:
            frozen = original_freeze()
            docnames = list(frozen["docnames"])
            frozen[KEY] = {"docnames": docnames, **_course_entries(app, docnames)}
            frozen["docnames"] = _url_names(builder, docnames)
            return frozen

        def load(stream: Any, format: Any) -> None:
            fmt = indexer.formats[format] if isinstance(format, str) else format
            frozen = fmt.load(stream)
            if isinstance(frozen, dict) and isinstance(frozen.get(KEY), dict):
                frozen["docnames"] = frozen[KEY]["docnames"]
            original_load(io.StringIO(fmt.dumps(frozen)), fmt)

        indexer.freeze, indexer.load = freeze, load
        original_load_indexer(docnames)

    builder.load_indexer = load_indexer


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install)
