"""Detectors for every Jekyll site: Liquid, kramdown, raw HTML, what Jekyll leaves out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from sphinx_mentoring.migration.model import Finding, Kind, register_detector
from sphinx_mentoring.migration.text import body_lines
from sphinx_mentoring.site import Family, Site

_LIQUID_OUTPUT = re.compile(r"\{\{")
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)")
_INCLUDE = re.compile(r"\{%-?\s*include\s+([^\s%}]+)")
_IAL = re.compile(r"\{:\s*([^}]*)\}")
#: An attribute list definition ``{:name: attributes}`` (kramdown's ALD_START).
_ALD = re.compile(r"^ {0,3}\{:(?!:|/)(\w[\w-]*):")
#: Bare words kramdown itself understands: ``{:toc}``, and ``{:auto_ids}`` /
#: ``{:auto_ids-prefix}`` (ids for a definition list's terms).
_KRAMDOWN_WORDS = re.compile(r"toc|auto_ids(-[\w-]+)?")
_MARKDOWN_ATTR = re.compile(r"""\bmarkdown\s*=\s*["']?1""")
_IFRAME = re.compile(r"<iframe\b", re.I)
_SCRIPT = re.compile(r"<script\b", re.I)
_BOM_PAGE = b"\xef\xbb\xbf---"


def _pages(site: Site) -> Iterator:
    return iter(site.built)


def liquid(site: Site) -> Iterator[Finding]:
    """Liquid is rendered before Markdown; an include of a missing file renders nothing."""
    includes = site.root / "_includes"
    for page in _pages(site):
        for number, line in body_lines(page):
            for _ in _LIQUID_OUTPUT.finditer(line):
                yield Finding(Kind.CONVERTED, "Liquid {{ }}", path=page.path, line=number)
            for match in _LIQUID_TAG.finditer(line):
                yield Finding(
                    Kind.CONVERTED, f"Liquid {{% {match.group(1)} %}}", path=page.path, line=number
                )
            for match in _INCLUDE.finditer(line):
                name = match.group(1).strip("\"'")
                if "{{" not in name and not (includes / name).is_file():
                    yield Finding(
                        Kind.DROPPED,
                        "missing include",
                        f"{{% include {name} %}}: there is no _includes/{name}; "
                        "it renders nothing (Jekyll stops with an error)",
                        page.path,
                        number,
                    )


def kramdown(site: Site) -> Iterator[Finding]:
    """Attribute lists ``{: …}``, and words in them that are no class."""
    for page in _pages(site):
        lines = list(body_lines(page))
        # A reference to an ALD the page defines is no mistake (kramdown resolves
        # references to definitions anywhere in the document).
        defined = {m.group(1) for _n, line in lines if (m := _ALD.match(line))}
        for number, line in lines:
            for match in _IAL.finditer(line):
                yield Finding(
                    Kind.CONVERTED, "kramdown {: …} attributes", path=page.path, line=number
                )
                for word in match.group(1).split():
                    if (
                        re.fullmatch(r"[A-Za-z][\w-]*", word)
                        and word not in defined
                        and not _KRAMDOWN_WORDS.fullmatch(word)
                    ):
                        yield Finding(
                            Kind.DROPPED,
                            "attribute list word without a dot",
                            f"'{{: {word}}}' names no class (no dot): kramdown reads a bare "
                            f"word as an attribute list definition, none is defined, so the "
                            f"block gets no class (meant '{{: .{word}}}'?)",
                            page.path,
                            number,
                        )
            if _MARKDOWN_ATTR.search(line):
                yield Finding(
                    Kind.CONVERTED, 'HTML blocks with markdown="1"', path=page.path, line=number
                )


def raw_html(site: Site) -> Iterator[Finding]:
    for page in _pages(site):
        for number, line in body_lines(page):
            if _IFRAME.search(line):
                yield Finding(
                    Kind.APPROXIMATED,
                    "embedded <iframe>",
                    "an embedded video or page: a player in HTML, a titled link in PDF and EPUB",
                    page.path,
                    number,
                )
            if _SCRIPT.search(line):
                yield Finding(
                    Kind.DROPPED,
                    "<script>",
                    "a script in a page is not run or copied into any format",
                    page.path,
                    number,
                )


def not_pages(site: Site) -> Iterator[Finding]:
    """Files Jekyll does not render: a BOM before the front matter, unpublished pages,
    broken front matter (read as far as it goes)."""
    suffixes = {".md", ".markdown", ".html", *site.config.markdown_exts}
    pages = {page.path for page in site.built}
    for path in sorted({*site.static_files, *pages}):
        if PurePosixPath(path).suffix.lower() not in suffixes:
            continue
        try:
            with (site.root / path).open("rb") as stream:
                head = stream.read(len(_BOM_PAGE))
        except OSError:
            continue
        if head != _BOM_PAGE:
            continue
        if path in pages:
            yield Finding(
                Kind.APPROXIMATED,
                "byte-order mark before the front matter",
                "the file starts with a byte-order mark: Jekyll alone does not see its "
                "front matter and copies the file instead of rendering it; GitHub Pages "
                "(jekyll-optional-front-matter) and the build read it as a page with its "
                "front matter (remove the mark so that every Jekyll agrees)",
                path,
                1,
            )
        else:
            yield Finding(
                Kind.DROPPED,
                "byte-order mark before the front matter",
                "the file starts with a byte-order mark, so Jekyll does not see its front "
                "matter and copies it instead of rendering it; the build leaves it out too "
                "(remove the mark to make it a page)",
                path,
                1,
            )
    for page in site.unpublished:
        reason = (
            "published: false"
            if page.front_matter.get("published") is False
            else "dated in the future"
        )
        yield Finding(
            Kind.DROPPED, "unpublished page", f"{reason}: not built, as in Jekyll", page.path, 1
        )
    for path, problem in site.problems:
        yield Finding(
            Kind.APPROXIMATED, "unreadable site file", problem.message, path, problem.line
        )
    for page in site.built:
        for problem in page.problems:
            if problem.subtype == "bom":
                continue  # said above, with what each Jekyll makes of it
            yield Finding(
                Kind.APPROXIMATED,
                "front matter problem",
                f"{problem.message} (the keys that can be read are kept)",
                page.path,
                problem.line,
            )


for _detector in (liquid, raw_html, not_pages):
    register_detector(_detector)
# kramdown is the Markdown of Jekyll sites, not of the Workbench (pandoc).
for _family in (Family.COURSE_IN_A_BOX, Family.CARPENTRIES_STYLES, Family.JEKYLL):
    register_detector(kramdown, _family)
