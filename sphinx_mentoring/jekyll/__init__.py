"""Jekyll and kramdown idioms: site configuration, Liquid, attribute lists.

At ``source-read`` (before the Markdown parser sees a page):

- the ``defaults:`` of ``_config.yml`` that cover the page become its metadata
  (the page's own front matter, read later by the parser, wins over them);
- pages holding ``{{`` or ``{%`` get their Liquid rendered (:mod:`.liquid`).

The course structure (toctrees attaching every page to the landing page) is the
course model's (:mod:`sphinx_mentoring.course`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_mentoring.jekyll.pages import (
    defaults_for,
    has_front_matter,
    is_post_path,
    post_date,
    read_front_matter,
)
from sphinx_mentoring.jekyll.site import get_site, site_path
from sphinx_mentoring.jekyll.urls import page_url
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_mentoring.jekyll.site import JekyllSite


def _page_variables(
    site: JekyllSite, docname: str, path: str, front_matter: dict[str, Any]
) -> dict[str, Any]:
    """Jekyll's ``page`` object: the front matter plus what Jekyll derives."""
    page: dict[str, Any] = {**front_matter}
    page.setdefault("path", path)
    page.setdefault("url", page_url(docname, front_matter, site))
    page.setdefault("id", page["url"])
    if is_post_path(path):
        page.setdefault("date", post_date(path))
        parts = Path(path).parts
        page.setdefault("categories", [p for p in parts[:-1] if p != "_posts"])
        page.setdefault("slug", Path(path).stem[11:])
    return page


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    text = source[0]
    site = get_site(env)
    # As in Jekyll, only pages with front matter go through Liquid: plain
    # Markdown (and MyST's own {{ substitutions }}) is left alone.
    uses_liquid = ("{{" in text or "{%" in text) and has_front_matter(text)
    if not uses_liquid and not site.config.get("defaults"):
        return  # most pages: nothing to do, not even a path to compute
    path = site_path(env, docname)
    defaults = defaults_for(site, path, is_post=is_post_path(path))
    if defaults:
        # Front matter read later by the parser updates this mapping: it wins.
        env.metadata[docname].update(
            {k: v for k, v in defaults.items() if k not in env.metadata[docname]}
        )
    if uses_liquid:
        front_matter = read_front_matter(text) or {}
        page = _page_variables(site, docname, path, {**defaults, **front_matter})
        # python-liquid is imported on first use: most builds and previews need none.
        from sphinx_mentoring.jekyll import liquid

        result = liquid.render_page(text, site, page, path)
        for problem in result.problems:
            warn(problem.message, "liquid", (docname, problem.line))
        for dependency in result.dependencies:
            env.note_dependency(str(dependency))
        # Re-read the page when the site data it may use changes.
        for data_file in (site.root / "_config.yml", *sorted(site.root.glob("_data/*.y*ml"))):
            if data_file.is_file():
                env.note_dependency(str(data_file))
        text = result.text
    source[0] = text


def on_builder_inited(app: Sphinx) -> None:
    # Re-read _config.yml and _data/ on every build.
    app.env.mentoring_jekyll_site = None  # type: ignore[attr-defined]


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", on_source_read)
