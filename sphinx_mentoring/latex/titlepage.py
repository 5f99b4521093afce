"""The first page of each PDF: the course's title page, a module workbook's cover.

The course title page shows the course title, description, author or
organisation, licence and date (and edition, when the site names a version):
never Sphinx's "Release 1.0" or "Author name not set". A workbook cover shows
the course and module titles, what the module is about, its objectives, its
sections, and a QR code of the module online (when the site's address is known).
The PDF's metadata (title, author, subject) is filled from the same values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from sphinx_mentoring.latex import latex_escape

if TYPE_CHECKING:
    from sphinx.config import Config

#: Sphinx's placeholder when ``author`` is not set: never printed.
UNSET_AUTHOR = "Author name not set"


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """Text of a value that may hold HTML (a course description with a link)."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


@dataclass
class CourseInfo:
    """What the title page prints: ``title`` and ``author`` as LaTeX markup (as
    Sphinx hands a document's title and author over), the rest plain text."""

    title: str
    description: str = ""
    author: str = ""
    license: str = ""
    edition: str = ""


def course_info(config: Config, title: str) -> CourseInfo:
    """The course's information; *title* is LaTeX markup (a ``latex_documents`` title)."""
    author = str(config.author or "")
    description = str(config.epub_description or "")
    return CourseInfo(
        title=title,
        # Sphinx's default epub_description is "unknown"
        description="" if description == "unknown" else plain_text(description),
        author="" if author == UNSET_AUTHOR else latex_escape(plain_text(author)),
        license=plain_text(str(config.mentoring_license or "")),
        edition=str(config.release or config.version or ""),
    )


def course_title_page(info: CourseInfo, date: str) -> str:
    # A site with no author gives its title as author (PDF metadata); print it once.
    author = "" if info.author == info.title else info.author
    args = (
        info.title,
        latex_escape(info.description),
        author,
        latex_escape(info.license),
        latex_escape(info.edition),
        latex_escape(date),
    )
    return r"\sphinxmentoringcoursetitlepage" + "".join(f"{{{a}}}" for a in args)


@dataclass
class Cover:
    """What a module workbook's cover lists."""

    course_title: str
    module_title: str
    description: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    url: str = ""
    qrcode: str = ""


def workbook_cover(cover: Cover) -> str:
    rows = "".join(
        rf"\sphinxmentoringmetaitem{{{latex_escape(name)}}}{{{latex_escape(value)}}}"
        for name, value in cover.fields
    )
    objectives = "".join(rf"\item {latex_escape(text)}" for text in cover.objectives)
    sections = "".join(rf"\item {latex_escape(text)}" for text in cover.sections)
    url = cover.url.replace("\\", "/").replace("#", r"\#").replace("%", r"\%")
    return (
        rf"\sphinxmentoringtitlepage{{{latex_escape(cover.course_title)}}}"
        rf"{{{latex_escape(cover.module_title)}}}{{{latex_escape(cover.description)}}}{{{rows}}}"
        rf"\sphinxmentoringcover{{{objectives}}}{{{sections}}}{{{url}}}{{{cover.qrcode}}}"
    )


def pdf_metadata(title: str, author: str, subject: str) -> str:
    """hyperref's document information (what a PDF reader shows as properties).

    *title* and *author* are LaTeX markup (hyperref turns Sphinx's macros in them
    into PDF text, as for the stock title page), *subject* is plain text.
    """
    values = {"pdftitle": title, "pdfauthor": author, "pdfsubject": latex_escape(subject)}
    pairs = ",".join(f"{key}={{{value}}}" for key, value in values.items() if value)
    return rf"\AtBeginDocument{{\hypersetup{{{pairs}}}}}" + "\n" if pairs else ""
