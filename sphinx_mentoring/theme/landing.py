"""The course landing: a card per module, built from the course model, on every course.

The root page of a course gets, when the theme writes it, a ``course_cards`` node:
where to start (or continue), the course's time and progress, and one card per
module — number, title, what it teaches (its description or objectives), its
sections and time, and the learner's progress. The author's own landing text
stays around it.

Course-in-a-Box landing pages draw the modules themselves: a grid of tiles, each
a link to a module with a label and an icon. Such a grid *becomes* the cards:
the cards take its place, each keeps its tile's label and images, and tiles of
modules this project does not have stay as the author wrote them, after the
cards. A grid is any block whose items each link to one module (at least two of
them), whatever its classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_mentoring.i18n import _
from sphinx_mentoring.site.urls import normalise_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from sphinx_mentoring.course.model import Course


class course_cards(nodes.General, nodes.Element):
    """The course's module cards; ``cards`` holds each card's data, children
    ``card_media`` nodes the images a Course-in-a-Box tile showed."""


class card_media(nodes.General, nodes.Element):
    """What a module's tile showed besides its link text (icons), by ``module``."""


#: Parts of a table: their children (rows, cells) are never an author's tile grid.
TABLE_PARTS = (nodes.table, nodes.tgroup, nodes.thead, nodes.tbody, nodes.row)


@dataclass
class Tile:
    module: str
    label: str  # the words of its link to the module
    note: str = ""  # its other words ("Setup - Get your instance running": the part after)
    media: list[nodes.Node] = field(default_factory=list)


def uses_theme(builder: Any) -> bool:
    """Is the page written by the sphinx_mentoring theme (or one inheriting it)?"""
    if builder.format != "html" or builder.name.startswith("epub"):
        return False
    known = builder.__dict__.get("_mentoring_uses_theme")
    if known is None:
        theme = getattr(builder, "theme", None)
        try:
            known = "progress_tracking" in theme.get_options({})  # type: ignore[union-attr]
        except Exception:
            known = False
        builder.__dict__["_mentoring_uses_theme"] = known
    return bool(known)


def _link_targets(node: nodes.Element) -> list[str]:
    targets = []
    for reference in node.findall(nodes.reference):
        if reference.get("refuri"):
            targets.append(reference["refuri"])
    for xref in node.findall(addnodes.pending_xref):
        if xref.get("reftarget"):
            targets.append(xref["reftarget"])
    return targets


def _tile_words(node: nodes.Element) -> tuple[str, str]:
    """A tile's words, without its pictures' alt texts: (in its links, elsewhere)."""
    linked: list[str] = []
    other: list[str] = []
    for text in node.findall(nodes.Text):
        parent, in_link = text.parent, False
        while parent is not None and parent is not node and not _is_picture(parent):
            in_link = in_link or isinstance(parent, nodes.reference | addnodes.pending_xref)
            parent = parent.parent
        if parent is None or parent is node:
            (linked if in_link else other).append(str(text))
    note = " ".join(" ".join(other).split()).lstrip("-\u2013\u2014:|· ")
    return " ".join(" ".join(linked).split()), note


def _is_picture(node: nodes.Element) -> bool:
    return isinstance(node, nodes.image) or "mentoring-missing-image" in node.get("classes", ())


def _media(node: nodes.Element) -> list[nodes.Node]:
    """Copies of a tile's pictures (an image, or the alt text of a missing one)."""
    found: list[nodes.Element] = []
    for child in node.findall(nodes.Element):
        if _is_picture(child) and not any(child in picture.findall() for picture in found):
            found.append(child)
    return [picture.deepcopy() for picture in found]


class CourseCards(SphinxPostTransform):
    """Put the module cards on the course's root page (the theme's HTML only)."""

    default_priority = 5  # before site links are resolved: tiles still hold Jekyll URLs

    def run(self, **kwargs: Any) -> None:
        from sphinx_mentoring.course import get_course
        from sphinx_mentoring.course.model import DOMAIN

        if not uses_theme(self.env._app.builder) or DOMAIN not in self.env.domains:
            return
        course = get_course(self.env)
        if self.env.docname != course.root or not course.modules:
            return
        tiles, grid = self._tile_grid(course)
        cards = course_cards(cards=self._cards(course, tiles))
        for tile in tiles.values():
            if tile.media:
                cards += card_media("", *tile.media, module=tile.module)
        if grid is not None:
            grid.parent.insert(grid.parent.index(grid), cards)
            if not grid.children:
                grid.parent.remove(grid)
        else:
            sections = [c for c in self.document.children if isinstance(c, nodes.section)]
            (sections[-1] if sections else self.document).append(cards)

    # -- the author's tile grid ------------------------------------------------------

    def _tile_grid(self, course: Course) -> tuple[dict[str, Tile], nodes.Element | None]:
        """The first block whose items each link to one module (two at least, and at
        least half of its items); a module listed in ``_data/course.yml`` that the
        project lacks counts for finding the grid, but its tile stays as written."""
        from sphinx_mentoring.course import get_domain
        from sphinx_mentoring.sources import get_site

        site = get_site(self.env)
        facts = get_domain(self.env).pages.get(course.root)
        base = facts.url if facts else "/"
        landings = {module.landing: module.id for module in course.modules}
        listed = {
            normalise_url(f"{site.baseurl}/modules/{key}/", site.baseurl): key
            for key, _title in site.module_entries
        }

        def module_of(target: str) -> str | None:
            """The module a link (a Jekyll URL) leads to the landing page of."""
            if not target or target.startswith("#") or urlsplit(target).scheme:
                return None
            key = normalise_url(urlsplit(urljoin("http://site" + base, target)).path, site.baseurl)
            docname = course.urls.get(key)
            return landings.get(docname or "") or listed.get(key)

        for block in self.document.findall(nodes.Element):
            if "mentoring-course-modules" in block["classes"]:
                continue  # the course-contents directive's list: generated, kept as it is
            if isinstance(block, TABLE_PARTS):
                continue  # a table's rows are content (a lesson's schedule), never tiles
            items = [item for item in block.children if isinstance(item, nodes.Element)]
            tiles: list[tuple[nodes.Element, str]] = []
            for item in items:
                modules = {module_of(target) for target in _link_targets(item)} - {None}
                if len(modules) == 1:
                    tiles.append((item, str(modules.pop())))
            present = [(item, module) for item, module in tiles if course.module(module)]
            if len(tiles) >= 2 and len(tiles) * 2 >= len(items) and present:
                found: dict[str, Tile] = {}
                for item, module in present:
                    if module not in found:
                        label, note = _tile_words(item)
                        found[module] = Tile(module, label, note, _media(item))
                        block.remove(item)
                return found, block
        return {}, None

    # -- the cards ----------------------------------------------------------------------

    def _cards(self, course: Course, tiles: dict[str, Tile]) -> list[dict[str, Any]]:
        from sphinx_mentoring.course.timing import format_duration, iso_duration

        builder = self.env._app.builder
        here = self.env.docname
        cards = []
        for number, module in enumerate(course.modules, start=1):
            pages = {s.docname for s in module.sections} | {
                part for s in module.sections for part in s.parts
            }
            tile = tiles.get(module.id)
            label = tile.label if tile else ""
            title = module.title
            if label and (title == module.id or label.casefold() == title.casefold()):
                # the tile names the module better than its folder; the card takes the
                # tile's place, so it keeps the tile's own lettering
                title, label = label, ""
            cards.append(
                {
                    "id": module.id,
                    "number": number,
                    "title": title,
                    "label": label,
                    "url": builder.get_relative_uri(here, module.landing),
                    "note": tile.note if tile else "",
                    "summary": module.summary,
                    "sections": len(pages),
                    "duration": format_duration(module.duration),
                    "duration_iso": iso_duration(module.duration),
                }
            )
        return cards


# -- HTML --------------------------------------------------------------------------------


def _attr(translator: HTML5Translator, value: Any) -> str:
    return translator.attval(str(value))


def visit_course_cards(self: HTML5Translator, node: course_cards) -> None:
    from sphinx_mentoring.course import get_course
    from sphinx_mentoring.course.timing import format_duration, iso_duration

    course = get_course(self.builder.env)
    cards: list[dict[str, Any]] = node["cards"]
    media = {child["module"]: child for child in node.children if isinstance(child, card_media)}
    enc = self.encode
    count = len(cards)
    meta = [str(_("%(count)s modules")) % {"count": count} if count != 1 else str(_("1 module"))]
    out = self.body
    out.append(
        '<section class="mentoring-course" aria-labelledby="mentoring-course-title">\n'
        '<div class="mentoring-course-intro">\n'
        f'<h2 id="mentoring-course-title">{enc(str(_("Modules")))}</h2>\n'
        f'<p class="mentoring-course-meta"><span>{enc(meta[0])}</span>'
    )
    if course.duration:
        out.append(
            f' <time datetime="{iso_duration(course.duration)}">'
            f"{enc(format_duration(course.duration))}</time>"
        )
    out.append("</p>\n")
    out.append(
        '<p class="mentoring-course-progress" aria-live="polite" hidden '
        f'data-template="{_attr(self, _("%(done)s of %(total)s modules done"))}"></p>\n'
        '<p class="mentoring-course-complete" hidden>'
        f"{enc(str(_('Course complete: you marked every section of every module done.')))}</p>\n"
    )
    first = cards[0]["url"] if cards else ""
    out.append(
        '<p class="mentoring-course-actions">'
        f'<a class="mentoring-button mentoring-course-start" href="{_attr(self, first)}" '
        f'data-label-continue="{_attr(self, _("Continue where you left off"))}">'
        f"{enc(str(_('Start the course')))}</a>"
        '<span class="mentoring-course-resume" hidden></span></p>\n</div>\n'
        '<ol class="mentoring-module-cards">\n'
    )
    progress = str(_("%(done)s of %(total)s sections done"))
    for card in cards:
        out.append(
            f'<li class="mentoring-card" data-mentoring-module="{_attr(self, card["id"])}">\n'
        )
        if card["id"] in media:
            out.append('<div class="mentoring-card-media">')
            for child in media[card["id"]].children:
                child.walkabout(self)
            out.append("</div>\n")
        out.append(
            '<p class="mentoring-card-number">'
            f"{enc(str(_('Module %(index)s')) % {'index': card['number']})}</p>\n"
            f'<h3 class="mentoring-card-title"><a href="{_attr(self, card["url"])}">'
            f"{enc(card['title'])}</a></h3>\n"
        )
        if card["label"]:
            out.append(f'<p class="mentoring-card-label">{enc(card["label"])}</p>\n')
        # The tile's own words describe the module, else what the module teaches.
        if card["note"] or card["summary"]:
            summary = card["note"] or card["summary"]
            out.append(f'<p class="mentoring-card-summary">{enc(summary)}</p>\n')
        out.append('<p class="mentoring-card-meta">')
        if card["sections"]:
            sections = (
                str(_("1 section"))
                if card["sections"] == 1
                else str(_("%(count)s sections")) % {"count": card["sections"]}
            )
            out.append(f"<span>{enc(sections)}</span>")
        if card["duration"]:
            out.append(f' <time datetime="{card["duration_iso"]}">{enc(card["duration"])}</time>')
        out.append("</p>\n")
        if card["sections"]:
            out.append(
                f'<p class="mentoring-module-progress" data-mentoring-module='
                f'"{_attr(self, card["id"])}" data-mentoring-total="{card["sections"]}" '
                f'data-template="{_attr(self, progress)}" hidden></p>\n'
            )
        out.append("</li>\n")
    out.append("</ol>\n</section>\n")
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    # Only the theme's HTML pages hold them; other writers skip them if they ever meet one.
    for node, visit in ((course_cards, visit_course_cards), (card_media, skip)):
        app.add_node(
            node,
            html=(visit, None),
            latex=(skip, None),
            text=(skip, None),
            man=(skip, None),
            texinfo=(skip, None),
        )
    app.add_post_transform(CourseCards)
