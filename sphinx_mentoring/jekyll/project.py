"""A Jekyll site as a Sphinx project: the configuration derived from ``_config.yml``.

One function, :func:`jekyll_settings`, gives the Sphinx configuration values of a
Jekyll site folder. The zero-config ``sphinx-mentoring build`` generates a
``conf.py`` *outside* the site that calls it, and ``sphinx-mentoring init``
writes one *into* the site that calls it too: both give the same build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_mentoring.config import SITE_CONF_KEY
from sphinx_mentoring.site import load_site

if TYPE_CHECKING:
    from sphinx_mentoring.site.model import Site


def _course_value(site: Site, *keys: str) -> str:
    """The first of ``keys`` set in ``_config.yml`` or ``_data/course.yml`` (lists joined)."""
    course = site.data.get("course")
    for source in (site.config.raw, course if isinstance(course, dict) else {}):
        for key in keys:
            value = source.get(key)
            if isinstance(value, list):
                value = " ".join(str(v).strip() for v in value if str(v).strip())
            if isinstance(value, str | int | float) and str(value).strip():
                return str(value).strip()
    return ""


def site_author(site: Site) -> str:
    """Who wrote the course: author(s), else the institution or organisation."""
    return _course_value(site, "author", "authors", "institution", "organization", "organisation")


def jekyll_settings(site_dir: str | Path, *, outdir: str | Path | None = None) -> dict[str, Any]:
    """Sphinx configuration values for the Jekyll site in ``site_dir``.

    ``outdir``: a build folder that may lie inside the site (never scanned for pages).
    The site read here is the one the build uses: it is handed over as
    ``_mentoring_site`` (a private name, so Sphinx neither checks nor pickles it).
    """
    site = load_site(site_dir, skip=Path(outdir) if outdir is not None else ())
    pages = site.built
    docnames = [page.docname for page in pages]
    title = site.title
    author = site_author(site)
    # as written: Sphinx matches suffixes case-sensitively (a Workbench's .Rmd episodes)
    suffixes = {Path(page.path).suffix for page in pages}
    root_doc = (
        "index"
        if "index" in docnames
        else next(
            (page.docname for page in pages if page.url == "/"),
            docnames[0] if docnames else "index",
        )
    )
    settings: dict[str, Any] = {
        "project": title,
        # The edition, when the site names one (EPUB gets a default version itself).
        "version": _course_value(site, "version", "edition"),
        "release": _course_value(site, "version", "edition"),
        "html_title": title,
        "author": author or title,
        "copyright": f"{dt.date.today().year}, {author or title}",
        "mentoring_license": _course_value(site, "license", "licence") or None,
        "extensions": ["sphinx_mentoring"],
        "root_doc": root_doc,
        # Exactly the pages Jekyll renders: no README, LICENSE, _site, unpublished page.
        "include_patterns": [page.path for page in pages] or ["index.md"],
        "exclude_patterns": [],
        "source_suffix": {suffix: "markdown" for suffix in sorted(suffixes or {".md"})},
        "html_theme": "sphinx_mentoring",
        # Jekyll themes do not care for heading levels; a page may go from its title to ###.
        "suppress_warnings": ["myst.header"],
        "mentoring_redirects": True,
        "mentoring_module_order": site.module_order,
        "epub_description": site.description,
        "epub_basename": Path(site.root).resolve().name,
        "templates_path": [],
        "html_static_path": [],
        SITE_CONF_KEY: site,
    }
    if site.lesson is not None:
        # Code a lexer cannot read (a YAML example with a merge conflict in it) is shown
        # plain, as rouge and pandoc show it, without a warning the author cannot act on.
        settings["suppress_warnings"].append("misc.highlighting_failure")
        # The lesson's publisher (``carpentry``) as its author (PDF title page, EPUB)
        # and in its copyright line, as the templates' footers name it
        if site.lesson.publisher:
            settings["author"] = site.lesson.publisher
            settings["copyright"] = f"{dt.date.today().year}, {site.lesson.publisher}"
        if site.lesson.repository:
            # "Edit this page" and the source link, as the templates' pages have them
            settings["html_theme_options"] = {
                "repository_url": site.lesson.repository,
                "repository_branch": site.lesson.branch or "main",
            }
    language = site.config.get("lang") or site.config.get("locale")
    if isinstance(language, str) and language.strip():
        settings["language"] = language.strip().replace("-", "_")
    url = site.config.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        settings["html_baseurl"] = url.rstrip("/") + site.baseurl + "/"
    return settings
