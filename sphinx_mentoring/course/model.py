"""The course model: each page's facts, collected while reading, and the course.

While Sphinx reads the pages, :func:`collect_page` notes each page's course facts
(module, date, section, title, URL, objectives, time) in the ``mentoring`` domain, which
purges and merges them like any domain, so ``-j`` and incremental builds see
exactly what a fresh serial build sees. :func:`get_course` derives the course from
those facts: modules in ``_data/course.yml`` order, pages in Jekyll order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain

from sphinx_mentoring import nodes as mentoring_nodes
from sphinx_mentoring.carpentries.episodes import QUESTIONS_PART
from sphinx_mentoring.carpentries.schedule import SUMMARY_NODES
from sphinx_mentoring.course.timing import NO_TIMING, Timing, page_timing, stated_time, total
from sphinx_mentoring.durations import STATED_KEYS, parse_duration, timing_line
from sphinx_mentoring.frontmatter import page_info
from sphinx_mentoring.html.tree import scan
from sphinx_mentoring.module import (
    module_card,
    objectives_rollup,
)
from sphinx_mentoring.report import info
from sphinx_mentoring.site import urls
from sphinx_mentoring.site.model import episode_id
from sphinx_mentoring.site.module_names import is_name, linked_name, title_from_id
from sphinx_mentoring.site.urls import normalise_url
from sphinx_mentoring.sources import get_site, page_of, site_path

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.site import Page, Site


DOMAIN = "mentoring"
#: Front-matter keys that make a page declare its module (like the ``module`` directive).
_NEVER = dt.date.max


class course_contents(nodes.General, nodes.Element):
    """Placeholder for the course's table of contents (the ``course-contents`` directive),
    filled when written; the model notes which page holds one."""


# --------------------------------------------------------------------------- facts


@dataclass
class ObjectivesBox:
    """One objectives box of a page, kept for the roll-ups."""

    node_id: str
    title: str
    body: list[nodes.Node]  # copies of the box's content after its title


@dataclass
class PageFacts:
    """What one page contributes to the course (stored in the domain, pickled)."""

    docname: str
    title: str
    url: str  # Jekyll URL, under baseurl
    module: str | None = None
    module_title: str | None = None  # module_full_name / module directive
    declares_module: bool = False  # module directive or card front matter
    date: dt.date | None = None  # a post's date
    section: int | None = None
    section_label: str | None = None
    subsection: int | None = None
    manual_includes: tuple[str, ...] = ()  # documents of hand-written toctrees
    course_contents: bool = False
    rollups: tuple[str, ...] = ()  # module ids of roll-ups on the page ("*": course)
    objectives: list[ObjectivesBox] = field(default_factory=list)
    summary: str = ""  # the page's opening sentences (search snippets, descriptions)
    timing: Timing = NO_TIMING  # the page's own time (course.timing)
    module_time: int | None = None  # seconds the module card states (declaring pages)
    module_description: str = ""  # the module card's description, as text
    keypoints: list[nodes.Node] = field(default_factory=list)  # a lesson episode's, copied
    questions: tuple[str, ...] = ()  # a lesson episode's overview questions, as text

    @property
    def is_section(self) -> bool:
        """A page of a module's reading sequence (a post or a numbered section)."""
        return self.date is not None or self.section is not None


# --------------------------------------------------------------------------- model


@dataclass
class Section:
    """One section of a module; a section written as several pages has ``parts``."""

    title: str
    docname: str
    parts: list[str] = field(default_factory=list)  # docnames, when more than one page
    duration: int | None = None  # seconds, its pages' times summed; None: none stated


@dataclass
class Module:
    id: str
    title: str
    url: str
    pages: list[str]  # reading order; the landing page first
    landing: str
    landing_is_section: bool  # the landing page is a post or numbered section too
    sections: list[Section]  # the reading sequence after the landing page (a module of one
    # page: that page)
    duration: int | None = None  # seconds: the card's time, else its pages' summed
    summary: str = ""  # what it teaches: its card's description, else its objectives

    @property
    def landing_counts(self) -> bool:
        """A module of one page: its landing page is its one section (marked done there)."""
        return [section.docname for section in self.sections] == [self.landing]


@dataclass
class Course:
    title: str
    root: str
    modules: list[Module]
    module_of: dict[str, str]  # docname -> module id (landing pages included)
    order: list[str]  # reading order of the whole course, the root first
    titles: dict[str, str]
    urls: dict[str, str]  # normalised Jekyll URL -> docname
    objectives_signature: dict[str, str]  # module id -> digest of its objectives
    timings: dict[str, Timing] = field(default_factory=dict)  # docname -> its own time
    duration: int | None = None  # seconds: _data/course.yml duration, else modules summed
    description: str = ""  # the site's description (_config.yml, _data/course.yml), as text
    summaries: dict[str, str] = field(default_factory=dict)  # docname -> opening sentences
    appendices: list[str] = field(default_factory=list)  # a lesson's other pages, in order

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def signature(self) -> str:
        """Changes whenever navigation shown on any page would change."""
        parts: list[str] = [self.title, self.root]
        parts.append(str(self.duration))
        parts += ["A", *self.appendices]
        for module in self.modules:
            parts += ["M", module.id, module.title, module.landing, *module.pages]
            parts += [str(module.duration), module.summary]
            for section in module.sections:
                parts += ["S", section.title, section.docname, *section.parts]
                parts.append(str(section.duration))
        parts += [f"{doc}={title}" for doc, title in sorted(self.titles.items())]
        parts += [f"{url}>{doc}" for url, doc in sorted(self.urls.items())]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class HostState:
    """What the course adds to one page's doctree: a toctree and/or a roll-up."""

    entries: tuple[tuple[str | None, str], ...] = ()
    hidden: bool = False
    rollup: str | None = None  # module id of an automatic objectives roll-up


EMPTY = HostState()


class MentoringDomain(Domain):
    """Holds the per-page course facts; purged and merged per document."""

    name = DOMAIN
    label = "Course"
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {
        "pages": {},  # docname -> PageFacts
        "filled": {},  # docname -> HostState written into its stored doctree
        "signature": "",  # Course.signature() of the last build
        "objectives": {},  # module id -> objectives digest of the last build
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Per process, never pickled: derived from the data, rebuilt when it changes.
        self._course: Course | None = None

    @property
    def pages(self) -> dict[str, PageFacts]:
        return self.data["pages"]

    def forget_course(self) -> None:
        self._course = None

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)
        # A re-read doctree holds nothing generated any more.
        self.data["filled"].pop(docname, None)
        self._course = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["pages"]:
                self.pages[docname] = otherdata["pages"][docname]
            self.data["filled"].pop(docname, None)
        self._course = None

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> MentoringDomain:
    return env.domains[DOMAIN]  # type: ignore[return-value]


# --------------------------------------------------------------------------- reading


def _url(env: BuildEnvironment, docname: str, page: Page | None, site: Site) -> str:
    """The page's Jekyll URL under baseurl; a document that is no page of the site
    gets the URL Jekyll would give a page at its place."""
    if page is not None:
        return site.public_url(page)
    path = site_path(env, docname)
    folder, _, name = path.rpartition("/")
    basename = name.rsplit(".", 1)[0]
    permalink = env.metadata.get(docname, {}).get("permalink")
    return site.baseurl + urls.page_url(
        folder, basename, ".html", permalink, site.config.permalink_style
    )


def collect_page(app: Sphinx, doctree: nodes.document) -> None:
    """Note the page's course facts (``doctree-read``, after the title collector)."""
    env = app.env
    docname = env.docname
    site = get_site(env)
    page = page_of(env, docname)
    metadata = env.metadata.get(docname, {})
    facts_info = page_info(metadata)
    title_node = env.titles.get(docname)
    title = title_node.astext() if title_node is not None else ""
    if not title or title == "<no title>":
        title = facts_info.title or (page.slug if page is not None else docname)

    module = facts_info.module_name or (page.module if page is not None else None)
    module_title = facts_info.module_full_name
    declares = False
    module_time = None
    module_description = ""
    lesson = site.lesson
    if lesson is not None and page is not None and lesson.is_episode(page):
        # A lesson's episode is a unit of the course of its own: a module, one page.
        module, module_title, declares = episode_id(page), title, True
    for card in doctree.findall(module_card):
        if card.get("module_id"):
            module = card["module_id"]
            declares = True
            module_title = card.get("module_title") or module_title
            module_time = parse_duration(card.get("duration"))
            module_description = " ".join(
                " ".join(child.astext().split())
                for child in card.children
                if isinstance(child, nodes.paragraph)
            )
            break

    manual: list[str] = []
    for toctree in doctree.findall(addnodes.toctree):
        if not toctree.get("mentoring_auto"):
            manual.extend(toctree.get("includefiles", []))
    rollups = tuple(
        node.get("module") or (module or "") for node in doctree.findall(objectives_rollup)
    ) + tuple("*" for _node in doctree.findall(_is_lesson_summary))
    facts = PageFacts(
        docname=docname,
        title=title,
        url=_url(env, docname, page, site),
        module=module,
        module_title=module_title,
        declares_module=declares,
        date=page.date if page is not None and page.is_post else None,
        section=facts_info.section,
        section_label=facts_info.section_label,
        subsection=facts_info.subsection,
        manual_includes=tuple(manual),
        course_contents=any(True for _ in doctree.findall(course_contents)),
        rollups=rollups,
        objectives=_collect_objectives(doctree, docname),
        summary=facts_info.description or page_summary(doctree),
        # On the page that declares its module, ``duration:`` is the module's time.
        timing=page_timing(
            metadata,
            doctree,
            stated_keys=[k for k in STATED_KEYS if not (declares and k == "duration")],
        ),
        module_time=module_time,
        module_description=module_description,
        keypoints=_collect_keypoints(doctree),
        questions=_collect_questions(doctree),
    )
    get_domain(env).pages[docname] = facts
    get_domain(env).forget_course()
    site_config = site.root / "_config.yml"
    if site_config.is_file():
        # The URL depends on the site's permalink style and baseurl.
        env.note_dependency(str(site_config))


def _collect_objectives(doctree: nodes.document, docname: str) -> list[ObjectivesBox]:
    objectives_class = getattr(mentoring_nodes, "objectives", None)
    if objectives_class is None:
        return []
    boxes: list[ObjectivesBox] = []
    for number, box in enumerate(doctree.findall(objectives_class), start=1):
        if not box["ids"]:
            # The roll-up links back to the box: give it a stable id, unique
            # across pages so that singlehtml (all pages in one) has no clash.
            node_id = nodes.make_id(f"mentoring-objectives-{docname}")
            node_id += "" if number == 1 else f"-{number}"
            while node_id in doctree.ids:
                node_id += "-x"
            box["ids"].append(node_id)
            doctree.ids[node_id] = box
        title = ""
        body: list[nodes.Node] = []
        for child in box.children:
            if isinstance(child, nodes.title) and not title:
                title = child.astext()
            else:
                body.append(_detached(child))
        boxes.append(ObjectivesBox(box["ids"][0], title, body))
    return boxes


#: Where a page's opening text is not: boxes, lists, notes, tables.
_NOT_OPENING_TEXT = (
    nodes.Admonition,
    nodes.list_item,
    nodes.footnote,
    nodes.citation,
    nodes.table,
    nodes.field_list,
    nodes.line_block,
    mentoring_nodes.objectives,
    module_card,
)
SUMMARY_LENGTH = 200


def page_summary(doctree: nodes.document) -> str:
    """The page's first real paragraph, clipped to about 200 characters at a word."""
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) < 40 or timing_line(text) is not None:
            continue  # a label or a "Suggested timing" line, not the page's opening
        parent = paragraph.parent
        while parent is not None and not isinstance(parent, _NOT_OPENING_TEXT):
            parent = parent.parent
        if parent is not None:
            continue
        return _clip(text)
    return ""


def _is_lesson_summary(node: nodes.Node) -> bool:
    return isinstance(node, SUMMARY_NODES)


def _collect_keypoints(doctree: nodes.document) -> list[nodes.Node]:
    """The bodies of a lesson page's key points boxes, for the key points summary."""
    return [
        _detached(child)
        for box in doctree.findall(mentoring_nodes.callout)
        if box.get("callout_type") == "keypoints"
        for child in box.children
        if not isinstance(child, nodes.title)
    ]


def _collect_questions(doctree: nodes.document) -> tuple[str, ...]:
    """The questions of a lesson episode's overview, for the schedule."""
    return tuple(
        item.astext().strip()
        for part in doctree.findall(nodes.container)
        if QUESTIONS_PART in part["classes"]
        for item in part.findall(nodes.list_item)
    )


def _detached(node: nodes.Node) -> nodes.Node:
    """A copy that no longer points to its page's document.

    A copy keeps a reference to the document it came from, and pickling the
    environment would then store that whole page again with each roll-up box.
    The page that shows the roll-up adopts the copy when it inserts it.
    """
    copy = node.deepcopy()
    for part in copy.findall(include_self=True):
        part.document = None  # type: ignore[assignment]
    return copy


# --------------------------------------------------------------------------- the model


def _page_sort_key(facts: PageFacts) -> tuple[Any, ...]:
    """Jekyll's order for posts (date, then path), else section/subsection, else name."""
    return (
        facts.date is None,
        facts.date or _NEVER,
        facts.section is None,
        facts.section or 0,
        facts.subsection is None,
        facts.subsection or 0,
        facts.docname,
    )


def module_entries(site: Site) -> list[tuple[str, str | None]]:
    """``_data/course.yml`` ``modules:`` as (id, title) pairs (see ``Site.module_entries``)."""
    return site.module_entries


def build_course(env: BuildEnvironment) -> Course:
    """Derive the course from the page facts (linear in the number of pages)."""
    pages = get_domain(env).pages
    site = get_site(env)
    root = env.config.root_doc
    members: dict[str, list[PageFacts]] = {}
    for facts in pages.values():
        if facts.module and facts.docname in env.all_docs:
            members.setdefault(facts.module, []).append(facts)

    listed = module_entries(site)
    listed_titles = {key: title for key, title in listed if title}
    order = [key for key, _title in listed] or list(env.config.mentoring_module_order)
    ordered = [key for key in dict.fromkeys(order) if key in members]
    rest = sorted((key for key in members if key not in ordered), key=str.casefold)
    if order and rest:
        info(
            "[mentoring] modules not listed in the course order, built after the "
            f"listed ones: {', '.join(rest)}"
        )

    included_by: dict[str, str] = {}
    for facts in sorted(pages.values(), key=lambda f: f.docname):
        for doc in facts.manual_includes:
            included_by.setdefault(doc, facts.docname)

    modules: list[Module] = []
    module_of: dict[str, str] = {}
    for key in [*ordered, *rest]:
        module_pages = sorted(members[key], key=_page_sort_key)
        landing = _choose_landing(key, module_pages, pages, included_by, site)
        landing_facts = pages[landing]
        docs = [landing] + [f.docname for f in module_pages if f.docname != landing]
        title = _module_title(key, module_pages, listed_titles.get(key), site)
        landing_is_section = landing_facts.module == key and landing_facts.is_section
        # The landing page is the module's own page (its link in the navigation),
        # never one of its sections as well: a module is shown once.
        sections = _group_sections([f for f in module_pages if f.docname != landing], pages)
        if not sections:
            # A module of one page: that page is what there is to do (and to mark done).
            sections = [
                Section(landing_facts.title, landing, duration=landing_facts.timing.seconds)
            ]
        stated = next((f.module_time for f in module_pages if f.module_time), None)
        modules.append(
            Module(
                id=key,
                title=title,
                url=_module_url(key, site),
                pages=docs,
                landing=landing,
                landing_is_section=landing_is_section,
                sections=sections,
                duration=stated or total(pages[doc].timing.seconds for doc in docs),
                summary=_module_summary(module_pages, landing_facts),
            )
        )
        for doc in docs:
            module_of.setdefault(doc, key)

    urls = {
        normalise_url(facts.url, site.baseurl): doc
        for doc, facts in sorted(pages.items())
        if doc in env.all_docs
    }
    for module in modules:
        # A link to the module's folder URL means the module, even without a page there.
        urls.setdefault(normalise_url(module.url, site.baseurl), module.landing)
    appendices = _lesson_appendices(env, site, pages)
    reading = [root] + [doc for module in modules for doc in module.pages if doc != root]
    reading += appendices
    course_data = site.data.get("course")
    course_time = stated_time(course_data) if isinstance(course_data, dict) else None
    return Course(
        title=str(site.config.get("title") or env.config.project or ""),
        root=root,
        modules=modules,
        module_of=module_of,
        order=list(dict.fromkeys(reading)),
        titles={doc: facts.title for doc, facts in pages.items()},
        urls=urls,
        objectives_signature={m.id: _objectives_digest(m, pages) for m in modules},
        timings={doc: facts.timing for doc, facts in pages.items() if facts.timing.seconds},
        duration=course_time or total(module.duration for module in modules),
        description=plain_text(site.description),
        summaries={doc: facts.summary for doc, facts in pages.items() if facts.summary},
        appendices=appendices,
    )


def plain_text(html_text: str) -> str:
    """The words of a piece of HTML (``course.yml`` descriptions may hold links)."""
    return " ".join("".join(e.tag for e in scan(html_text) if e.kind == "data").split())


def _clip(text: str, length: int = SUMMARY_LENGTH) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:.") + "\u2026"


def _module_summary(module_pages: list[PageFacts], landing: PageFacts) -> str:
    """What a module teaches: its card's description, else the items of its landing
    page's first objectives box, else the landing page's opening sentences."""
    described = next(
        (f.module_description for f in module_pages if f.declares_module and f.module_description),
        "",
    )
    if described:
        return _clip(described)
    for box in landing.objectives[:1]:
        items = [
            " ".join(item.astext().split())
            for child in box.body
            if isinstance(child, nodes.Element)
            for item in child.findall(nodes.list_item)
        ]
        if items:
            return _clip("; ".join(items))
    return landing.summary


def _module_title(
    key: str, module_pages: list[PageFacts], listed_title: str | None, site: Site
) -> str:
    """The name the site itself shows for the module, never the title of its first
    page: the module directive's, a titled course.yml entry, the entry where it is a
    name, the text of the site's links to the module (its menus, its landing page),
    the pages' ``module_full_name``, else the folder id as a reader would write it."""
    declared = next(
        (f.module_title for f in module_pages if f.declares_module and f.module_title), None
    )
    if declared or listed_title:
        return declared or listed_title or key
    if is_name(key):
        return key
    module_url = normalise_url(f"/modules/{key}/")
    page_urls = [normalise_url(f.url, site.baseurl) for f in module_pages]
    linked = linked_name(site.links, key, module_url, page_urls)
    from_front_matter = next((f.module_title for f in module_pages if f.module_title), None)
    return linked or from_front_matter or title_from_id(key)


def _lesson_appendices(env: BuildEnvironment, site: Site, pages: dict[str, PageFacts]) -> list[str]:
    """A lesson's pages other than its episodes, in lesson order (built ones only)."""
    if site.lesson is None:
        return []
    by_path = {page.path: doc for doc in pages if (page := page_of(env, doc)) is not None}
    return [
        by_path[page.path]
        for page in site.lesson.appendices
        if page.path in by_path and by_path[page.path] in env.all_docs
    ]


def _module_url(key: str, site: Site) -> str:
    if site.lesson is not None:  # an episode: the module is its page
        page = next((p for p in site.lesson.episodes if episode_id(p) == key), None)
        if page is not None:
            return site.public_url(page)
    return f"{site.baseurl}/modules/{key}/"


def _choose_landing(
    key: str,
    module_pages: list[PageFacts],
    pages: dict[str, PageFacts],
    included_by: dict[str, str],
    site: Site,
) -> str:
    """The module directive's page, else the page at the module's URL, else the page
    whose hand-written toctree holds the module, else the module's first page."""
    for facts in module_pages:
        if facts.declares_module:
            return facts.docname
    module_url = normalise_url(_module_url(key, site), site.baseurl)
    for facts in module_pages:
        if normalise_url(facts.url, site.baseurl) == module_url:
            return facts.docname
    first = module_pages[0].docname
    parent = included_by.get(first)
    if parent and parent in pages and pages[parent].module in (None, key):
        return parent
    return first


def _group_sections(pages: list[PageFacts], facts_of: dict[str, PageFacts]) -> list[Section]:
    """Consecutive pages with one section number and several subsections: one section."""
    sections: list[Section] = []
    previous: PageFacts | None = None
    for facts in pages:
        same = (
            previous is not None
            and facts.section is not None
            and facts.section == previous.section
            and facts.subsection != previous.subsection
        )
        if same:
            section = sections[-1]
            if not section.parts:
                section.parts.append(section.docname)
                section.title = previous.section_label or section.title  # type: ignore[union-attr]
            section.parts.append(facts.docname)
        else:
            sections.append(Section(title=facts.title, docname=facts.docname))
        previous = facts
    for section in sections:
        docs = section.parts or [section.docname]
        section.duration = total(facts_of[doc].timing.seconds for doc in docs)
    return sections


def _objectives_digest(module: Module, pages: dict[str, PageFacts]) -> str:
    digest = hashlib.sha256()
    for doc in module.pages:
        facts = pages[doc]
        for box in facts.objectives:
            text = box.title + "".join(n.astext() for n in box.body)
            digest.update(f"{doc}\x1f{box.node_id}\x1f{facts.title}\x1f{text}\x1e".encode())
        # a lesson's key points summary rolls them up too
        keypoints = "".join(node.astext() for node in facts.keypoints)
        digest.update(f"{doc}\x1fkeypoints\x1f{keypoints}\x1e".encode())
    return digest.hexdigest()


def get_course(env: BuildEnvironment) -> Course:
    """The course as read so far (cached until a page is read or merged again)."""
    domain = get_domain(env)
    if domain._course is None:
        domain._course = build_course(env)
    return domain._course
