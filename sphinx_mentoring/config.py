"""The ``mentoring_*`` configuration values, typed and documented in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sphinx.config import ENUM

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


#: The name under which a ``conf.py`` that read the site (``jekyll_settings``) hands
#: it to the build: private (a leading ``_``), so Sphinx neither checks nor pickles it.
SITE_CONF_KEY = "_mentoring_site"


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    rebuild: Literal["env", "html", "epub", ""]
    types: Any
    doc: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "mentoring_footnotes",
        "footnote",
        "env",
        ENUM("footnote", "citation"),
        "How HTML-anchor footnotes become native notes: page-bottom footnotes, "
        "or citations collected into the bibliography.",
    ),
    Option(
        "mentoring_objectives_title",
        None,
        "env",
        (str, type(None)),
        "Default title of an objectives box; None uses the translated 'Learning objectives'.",
    ),
    Option(
        "mentoring_module_order",
        [],
        "env",
        (list, tuple),
        "Module ids in course order, used when the site has no _data/course.yml.",
    ),
    Option(
        "mentoring_module_objectives",
        True,
        "env",
        bool,
        "Show the objectives roll-up on each module's landing page.",
    ),
    Option(
        "mentoring_course_toctree",
        True,
        "env",
        bool,
        "Give each module landing page its sections as a toctree automatically.",
    ),
    Option(
        "mentoring_jekyll_site",
        None,
        "env",
        (str, type(None)),
        "Folder holding the Jekyll _config.yml and _data/; None means the source folder.",
    ),
    Option(
        "mentoring_redirects",
        None,
        "html",
        (bool, type(None)),
        "Write a redirect page at each page's old Jekyll URL; None: when the site has "
        "a _config.yml.",
    ),
    Option(
        "mentoring_permalinks",
        None,
        "html",
        (bool, type(None)),
        "Write each page at its Jekyll URL (HTML builders), so old URLs answer with the "
        "page itself; None: when the site has a _config.yml, or is a Workbench lesson.",
    ),
    Option(
        "mentoring_pdf",
        "course",
        "env",
        ENUM("course", "modules", "both"),
        "What the LaTeX builder produces: the whole course, one PDF per module, or both.",
    ),
    Option(
        "mentoring_instructor",
        False,
        "env",
        bool,
        "Build the instructor view of a Carpentries lesson: instructor notes and the "
        "instructors/ pages included (False: the learner view, without them).",
    ),
    Option(
        "mentoring_solutions",
        "inline",
        "env",
        ENUM("inline", "episode", "appendix"),
        "Where the PDF prints a lesson's solutions: inside their challenges, at the end of "
        "each episode, or together in an appendix.",
    ),
    Option(
        "mentoring_imscc_version",
        "1.3",
        "html",
        ENUM("1.3", "1.1"),
        "The Common Cartridge version the imscc builder writes: 1.3 (Canvas, Open edX's "
        "cc2olx), or 1.1, the newest Moodle's own importer reads.",
    ),
    Option(
        "mentoring_imscc_links",
        None,
        "html",
        ENUM(None, "filebase", "relative"),
        "How a cartridge's pages link to each other and to their files: 'filebase' "
        "($IMS-CC-FILEBASE$/..., read by Canvas pages and cc2olx), 'relative' (plain "
        "relative links, read by Moodle and by Canvas course files). None: 'filebase' "
        "for CC 1.3, 'relative' for 1.1.",
    ),
    Option(
        "mentoring_pdf_structure",
        "auto",
        "env",
        ENUM("auto", "course", "toctree"),
        "How the course PDF is put together: 'course' as a book (the landing page as a "
        "preface, a chapter per module, other pages as appendices), 'toctree' as Sphinx does "
        "(following the root page's toctrees); 'auto' is 'course' when the course has "
        "modules or the root page has no toctree.",
    ),
    Option(
        "mentoring_pdf_base_url",
        None,
        "env",
        (str, type(None)),
        "Address of the published course: links in a PDF to pages it does not hold point "
        "there, and module workbooks print its QR code. None: html_baseurl; with neither, "
        "such links keep their text only.",
    ),
    Option(
        "mentoring_license",
        None,
        "env",
        (str, type(None)),
        "The licence in the page footer and on the course PDF's title page (site's license: key).",
    ),
    Option(
        "mentoring_latex_fallback_fonts",
        ["Symbola"],
        "env",
        (list, tuple),
        "With xelatex or lualatex: installed font families (fontconfig names) that print "
        "what the main font lacks (emoji, symbols, other scripts), tried in order.",
    ),
    Option(
        "mentoring_raw_html",
        "convert",
        "env",
        ENUM("convert", "keep"),
        "Raw HTML of directives and roles ({raw} html, .. raw:: html): converted like the "
        "HTML of Markdown pages (scripts left out, URLs checked), or kept as written "
        "(only for projects whose every author is trusted).",
    ),
    Option(
        "mentoring_limits",
        {},
        "env",
        dict,
        "Bounds on the work one page may cause (YAML aliases, HTML nesting, table size, "
        "Liquid output and loops), e.g. {'nesting_depth': 60}; see the security reference.",
    ),
    Option(
        "mentoring_front_matter_keys",
        [],
        "env",
        (list, tuple),
        "Extra front-matter keys your pages use, so they are not taken for typos of known keys.",
    ),
)


def _check_limits(app: Sphinx, config: Config) -> None:
    from sphinx_mentoring.limits import check_config
    from sphinx_mentoring.report import file_location, warn

    for problem in check_config(config.mentoring_limits):
        warn(problem, "config", file_location(Path(app.confdir, "conf.py")))


def setup(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(
            option.name,
            option.default,
            option.rebuild,
            option.types,
            option.doc,
        )
    app.connect("config-inited", _check_limits)
