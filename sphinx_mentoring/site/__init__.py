"""The site model: a course site read once per build, as its own tool reads it.

The lowest layer of the package, plain Python (no Sphinx, no docutils): every
other part — Liquid, the Markdown parser's front matter, the course model,
links, redirects, the command line — reads the site from here. Modelled on
Jekyll's ``Site``/``Collection``/``Document``/``Page`` (see :mod:`.model`).

- :mod:`.config`: ``_config.yml`` with Jekyll's defaults (``markdown_ext``,
  ``collections``, permalink style, ``exclude``/``include``);
- :mod:`.frontmatter`: the ``---`` block, found and parsed (once per file);
- :mod:`.names`: dates and slugs of file names (the one place posts are parsed);
- :mod:`.defaults`: ``defaults:`` scoped by path and type;
- :mod:`.urls`: permalinks;
- :mod:`.data`: ``_data/`` (YAML, JSON, CSV, TSV);
- :mod:`.titles`: titles from headings and ``<h1>``, meta-refresh stubs;
- :mod:`.module_names`: the names a site's menus and landing page give its modules;
- :mod:`.family`: which family a site is, and the reader of each;
- :mod:`.reader`: Jekyll's reader; :mod:`.workbench`: the Carpentries Workbench's;
  :mod:`.model`: the result;
- :mod:`.lesson`: a Carpentries lesson's episodes and other pages, in lesson order.
"""

from sphinx_mentoring.site.family import Family, register_reader
from sphinx_mentoring.site.frontmatter import Problem
from sphinx_mentoring.site.model import HTML, MARKDOWN, OTHER, Collection, Page, Site
from sphinx_mentoring.site.reader import load_site
from sphinx_mentoring.site.workbench import read_workbench  # registers the Workbench's reader

__all__ = [
    "HTML",
    "MARKDOWN",
    "OTHER",
    "Collection",
    "Family",
    "Page",
    "Problem",
    "Site",
    "load_site",
    "read_workbench",
    "register_reader",
]
