"""Front matter ``layout: X`` -> the HTML template a page is rendered with.

One resolver, at ``html-page-context``, for every theme: the first template of
these that exists renders the page, else the theme's normal ``page.html``.

1. ``X.html`` of the project or theme (a Jekyll layout ported as a template);
2. for a module landing or the course root, the theme's template for that kind
   of page (the course model knows them, whatever generic layout — such as
   Course-in-a-Box's ``course_page`` — Jekyll's ``defaults:`` gave them);
3. ``layouts/X.html`` (where the sphinx_mentoring theme keeps its layouts);
4. the theme's template for the page's kind (a section page).

Only names made of letters, digits, ``-`` and ``_`` are layouts, and never one
of Sphinx's own templates (``layout: search`` must not make a search page).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateNotFound

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: Page kind in the course model -> the theme's template for it.
KIND_TEMPLATES = {
    "section": "layouts/module.html",
    "module": "layouts/module_landing.html",
    "course": "layouts/index.html",
}

_LAYOUT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

#: Templates of Sphinx's basic theme that are not pages.
SPHINX_TEMPLATES = frozenset(
    {
        "layout",
        "defindex",
        "domainindex",
        "genindex",
        "genindex-single",
        "genindex-split",
        "globaltoc",
        "localtoc",
        "opensearch",
        "page",
        "relations",
        "search",
        "searchbox",
        "searchfield",
        "sourcelink",
        "changes",
    }
)


def template_exists(builder: Builder, name: str) -> bool:
    """One lookup per template name and build."""
    cache: dict[str, bool] = builder.__dict__.setdefault("_mentoring_templates", {})
    if name not in cache:
        loader = getattr(builder, "templates", None)
        try:
            loader.get_source(loader.environment, name)  # type: ignore[union-attr]
            cache[name] = True
        except (TemplateNotFound, AttributeError, OSError):
            cache[name] = False
    return cache[name]


def layout_name(value: Any) -> str | None:
    """The front-matter ``layout`` when it can name a layout template, else None."""
    name = str(value).strip() if value is not None else ""
    name = name.removesuffix(".html")
    if not _LAYOUT_NAME.match(name) or name in SPHINX_TEMPLATES:
        return None
    return name


def candidates(layout: str | None, kind: str) -> list[str]:
    """Templates to try, in order (see the module's docstring)."""
    names = [f"{layout}.html"] if layout else []
    if kind in {"module", "course"}:
        names.append(KIND_TEMPLATES[kind])
    if layout:
        names.append(f"layouts/{layout}.html")
    if kind in KIND_TEMPLATES:
        names.append(KIND_TEMPLATES[kind])
    return names


def page_template(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> str | None:
    if doctree is None or templatename != "page.html":
        return None
    layout = layout_name(app.env.metadata.get(pagename, {}).get("layout"))
    kind = str((context.get("mentoring") or {}).get("page_kind") or "")
    return next(
        (name for name in candidates(layout, kind) if template_exists(app.builder, name)), None
    )


def setup(app: Sphinx) -> None:
    # After the course model has put the page's kind into the context (priority 500).
    app.connect("html-page-context", page_template, priority=550)
