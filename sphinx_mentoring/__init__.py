"""sphinx-mentoring: Jekyll-style course pages built as a real Sphinx project.

Reading :func:`setup` tells the whole architecture: each line wires one concern,
and each concern lives in its own module with its own small ``setup``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bump when the pickled environment data this package stores changes shape.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    from sphinx_mentoring import (
        accessible_names,
        boundary,
        carpentries,
        cartridge,
        config,
        course,
        directives,
        docnames,
        encoding,
        epub,
        footnotes,
        frontmatter,
        garbage_collection,
        i18n,
        images,
        latex,
        layouts,
        links,
        math,
        module,
        nesting,
        nodes,
        palette,
        pandoc,
        parser,
        permalinks,
        redirects,
        report,
        search,
        singlehtml,
        sources,
        theme,
        url_policy,
    )
    from sphinx_mentoring.html.raw import RawHtml

    # MyST reads the Markdown; our parser extends it, so it loads first.
    app.setup_extension("myst_parser")

    report.setup(app)  # each warning printed once, its control characters escaped
    config.setup(app)  # the mentoring_* configuration values
    i18n.setup(app)  # message catalogs for every fixed string we print
    sources.setup(app)  # the site model, read once per build: sources, defaults, Liquid
    parser.setup(app)  # MyST read as kramdown reads it; Jekyll HTML idioms -> real structure
    pandoc.setup(app)  # pandoc Markdown of Workbench lessons: divs, attributes, figures, math
    frontmatter.setup(app)  # front matter -> title, metadata
    encoding.setup(app)  # sources that are not UTF-8: replaced bytes + one warning
    boundary.setup(app)  # the site folder is the trust boundary: nothing outside is read
    docnames.setup(app)  # a page named like Sphinx's own files (search), or too long: renamed
    url_policy.setup(app)  # one URL policy: no URL a browser would run as script
    nesting.setup(app)  # no page nests deep enough to stop the build (or LaTeX)
    app.add_transform(RawHtml)  # raw HTML of directives: converted like Markdown's HTML
    nodes.setup(app)  # objectives / callout / video / details nodes and their visitors
    directives.setup(app)  # objectives, callout, video directives (MyST and reST)
    carpentries.setup(app)  # Carpentries lessons: boxes, episodes, instructor notes, glossary
    accessible_names.setup(app)  # untitled videos and image-only links get names
    footnotes.setup(app)  # HTML-anchor footnotes -> native footnotes or citations
    module.setup(app)  # module metadata card and objectives roll-ups
    course.setup(app)  # the course model: modules, section order, toctrees, navigation
    math.setup(app)  # MathJax from the build itself, LaTeX in PDF, readable text elsewhere
    images.setup(app)  # images in every format: converted, or a placeholder with alt text
    links.setup(app)  # Jekyll URLs (/modules/x/, permalinks) -> Sphinx documents
    permalinks.setup(app)  # each page written at its Jekyll URL (HTML builders)
    redirects.setup(app)  # other old URLs keep working: redirect pages to the pages
    search.setup(app)  # search results with their module and a snippet, at the pages' URLs
    latex.setup(app)  # LaTeX package, per-module PDF documents, unicode fallbacks
    layouts.setup(app)  # front-matter layout (or the page's kind) -> HTML template
    palette.setup(app)  # one box palette for HTML, EPUB and PDF
    theme.setup(app)  # the sphinx_mentoring HTML theme
    epub.setup(app)  # EPUB: course components styled, safe file names, every page in the spine
    singlehtml.setup(app)  # single-page HTML: ids unique across the assembled pages
    cartridge.setup(app)  # the course as an IMS Common Cartridge for any LMS (-b imscc)
    garbage_collection.setup(app)  # no collector walks over what lives for the whole build

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
