"""The course model: modules, their sections in reading order, and what follows from it.

Authors write no toctrees. While Sphinx reads the pages, :func:`collect_page` notes
each page's course facts (module, date, section, title, URL, objectives) in the
``mentoring`` domain, which purges and merges them like any domain, so ``-j`` and
incremental builds see exactly what a fresh serial build sees. :func:`get_course`
derives the course from those facts: modules in ``_data/course.yml`` order, pages
in Jekyll order.

The structure needs all pages, so it is known only after reading. At
``env-updated`` each *host* page (a module's landing page, the page with
``course-contents``) gets its generated toctree written into its stored doctree,
and Sphinx's toctree bookkeeping for that one page is redone. Only hosts whose
toctree changed are touched; when the course structure changes, every page is
rewritten (navigation shows on all of them), but none is re-read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from sphinx_mentoring import nodes as mentoring_nodes
from sphinx_mentoring.frontmatter import page_info
from sphinx_mentoring.jekyll.site import get_site, site_root
from sphinx_mentoring.jekyll.urls import normalise_url, page_date, page_url, source_path
from sphinx_mentoring.module import (
    ModuleDirective,
    ModuleOrPythonModule,
    module_card,
    objectives_rollup,
)
from sphinx_mentoring.report import info

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.jekyll.site import JekyllSite

DOMAIN = "mentoring"
#: Front-matter keys that make a page declare its module (like the ``module`` directive).
_NEVER = dt.date.max


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


@dataclass
class Module:
    id: str
    title: str
    url: str
    pages: list[str]  # reading order; the landing page first
    landing: str
    landing_is_section: bool
    sections: list[Section]


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

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def signature(self) -> str:
        """Changes whenever navigation shown on any page would change."""
        parts: list[str] = [self.title, self.root]
        for module in self.modules:
            parts += ["M", module.id, module.title, module.landing, *module.pages]
            for section in module.sections:
                parts += ["S", section.title, section.docname, *section.parts]
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
    data_version = 1
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


def jekyll_docname(env: BuildEnvironment, docname: str) -> str:
    """The docname as a path relative to the Jekyll site root (what Jekyll sees)."""
    path = Path(env.srcdir, docname)
    try:
        return path.relative_to(site_root(env)).as_posix()
    except ValueError:
        return docname


# --------------------------------------------------------------------------- reading


def collect_page(app: Sphinx, doctree: nodes.document) -> None:
    """Note the page's course facts (``doctree-read``, after the title collector)."""
    env = app.env
    docname = env.docname
    metadata = env.metadata.get(docname, {})
    facts_info = page_info(metadata)
    jekyll_name = jekyll_docname(env, docname)
    source = source_path(jekyll_name)
    title_node = env.titles.get(docname)
    title = title_node.astext() if title_node is not None else ""
    if not title or title == "<no title>":
        title = facts_info.title or source.slug

    module = facts_info.module_name
    module_title = facts_info.module_full_name
    if not module and source.is_post and source.categories:
        module = source.categories[-1]
    declares = False
    for card in doctree.findall(module_card):
        if card.get("module_id"):
            module = card["module_id"]
            declares = True
            module_title = card.get("module_title") or module_title
            break

    manual: list[str] = []
    for toctree in doctree.findall(addnodes.toctree):
        if not toctree.get("mentoring_auto"):
            manual.extend(toctree.get("includefiles", []))
    rollups = tuple(
        node.get("module") or (module or "") for node in doctree.findall(objectives_rollup)
    )
    facts = PageFacts(
        docname=docname,
        title=title,
        url=page_url(jekyll_name, metadata, get_site(env)),
        module=module,
        module_title=module_title,
        declares_module=declares,
        date=page_date(jekyll_name, metadata) if source.is_post else None,
        section=facts_info.section,
        section_label=facts_info.section_label,
        subsection=facts_info.subsection,
        manual_includes=tuple(manual),
        course_contents=any(True for _ in doctree.findall(course_contents)),
        rollups=rollups,
        objectives=_collect_objectives(doctree, docname),
    )
    get_domain(env).pages[docname] = facts
    get_domain(env).forget_course()
    site_config = get_site(env).root / "_config.yml"
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
                body.append(child.deepcopy())
        boxes.append(ObjectivesBox(box["ids"][0], title, body))
    return boxes


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


def _module_entries(site: JekyllSite) -> list[tuple[str, str | None]]:
    """``_data/course.yml`` ``modules:`` as (id, title) pairs; entries may be mappings."""
    course = site.data.get("course")
    raw = course.get("modules") if isinstance(course, dict) else None
    if raw is None:
        raw = site.config.get("modules")
    entries: list[tuple[str, str | None]] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            key = item.get("id") or item.get("name") or item.get("slug")
            if key:
                title = item.get("title")
                entries.append((str(key), str(title) if title else None))
        elif item is not None:
            entries.append((str(item), None))
    return entries


def build_course(env: BuildEnvironment) -> Course:
    """Derive the course from the page facts (linear in the number of pages)."""
    pages = get_domain(env).pages
    site = get_site(env)
    root = env.config.root_doc
    members: dict[str, list[PageFacts]] = {}
    for facts in pages.values():
        if facts.module and facts.docname in env.all_docs:
            members.setdefault(facts.module, []).append(facts)

    listed = _module_entries(site)
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
        title = (
            next(
                (f.module_title for f in module_pages if f.declares_module and f.module_title), None
            )
            or next((f.module_title for f in module_pages if f.module_title), None)
            or listed_titles.get(key)
            or (module_pages[0].title if module_pages else None)
            or key
        )
        landing_is_section = landing_facts.module == key and landing_facts.is_section
        section_pages = [f for f in module_pages if f.docname != landing or landing_is_section]
        if landing_is_section:
            section_pages.sort(key=lambda f: f.docname != landing)
        modules.append(
            Module(
                id=key,
                title=title,
                url=_module_url(key, site),
                pages=docs,
                landing=landing,
                landing_is_section=landing_is_section,
                sections=_group_sections(section_pages),
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
    reading = [root] + [doc for module in modules for doc in module.pages if doc != root]
    return Course(
        title=str(site.config.get("title") or env.config.project or ""),
        root=root,
        modules=modules,
        module_of=module_of,
        order=list(dict.fromkeys(reading)),
        titles={doc: facts.title for doc, facts in pages.items()},
        urls=urls,
        objectives_signature={m.id: _objectives_digest(m, pages) for m in modules},
    )


def _module_url(key: str, site: JekyllSite) -> str:
    return f"{site.baseurl}/modules/{key}/"


def _choose_landing(
    key: str,
    module_pages: list[PageFacts],
    pages: dict[str, PageFacts],
    included_by: dict[str, str],
    site: JekyllSite,
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


def _group_sections(pages: list[PageFacts]) -> list[Section]:
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
    return sections


def _objectives_digest(module: Module, pages: dict[str, PageFacts]) -> str:
    digest = hashlib.sha256()
    for doc in module.pages:
        facts = pages[doc]
        for box in facts.objectives:
            text = box.title + "".join(n.astext() for n in box.body)
            digest.update(f"{doc}\x1f{box.node_id}\x1f{facts.title}\x1f{text}\x1e".encode())
    return digest.hexdigest()


def get_course(env: BuildEnvironment) -> Course:
    """The course as read so far (cached until a page is read or merged again)."""
    domain = get_domain(env)
    if domain._course is None:
        domain._course = build_course(env)
    return domain._course


# --------------------------------------------------------------------------- toctrees


def desired_hosts(env: BuildEnvironment, course: Course) -> dict[str, HostState]:
    """Which pages get a generated toctree (and roll-up), and with what entries."""
    pages = get_domain(env).pages
    manually_included = {doc for facts in pages.values() for doc in facts.manual_includes}
    landings = {module.landing for module in course.modules}
    hosts: dict[str, HostState] = {}
    auto = env.config.mentoring_course_toctree

    for module in course.modules:
        landing = pages[module.landing]
        entries: tuple[tuple[str | None, str], ...] = ()
        if auto and not landing.manual_includes:
            entries = tuple(
                (None, doc)
                for doc in module.pages
                if doc != module.landing and doc not in manually_included and doc not in landings
            )
        rollup = None
        # The landing's own box already shows its objectives: roll up only when
        # other pages of the module have some.
        if (
            env.config.mentoring_module_objectives
            and module.id not in landing.rollups
            and any(pages[doc].objectives for doc in module.pages if doc != module.landing)
        ):
            rollup = module.id
        if entries or rollup:
            hosts[module.landing] = HostState(entries, module.landing_is_section, rollup)

    contents_pages = sorted(doc for doc, facts in pages.items() if facts.course_contents)
    if not contents_pages and auto and course.modules and course.root in env.all_docs:
        contents_pages = [course.root]
    for doc in contents_pages:
        entries = tuple(
            (None, module.landing)
            for module in course.modules
            if module.landing not in manually_included and module.landing != doc
        )
        if entries:
            previous = hosts.get(doc, EMPTY)
            hosts[doc] = HostState(previous.entries + entries, True, previous.rollup)
    return hosts


def _make_toctree(docname: str, state: HostState) -> addnodes.toctree:
    toctree = addnodes.toctree()
    toctree["parent"] = docname
    toctree["entries"] = list(state.entries)
    toctree["includefiles"] = [doc for _title, doc in state.entries]
    toctree["maxdepth"] = 1
    toctree["caption"] = None
    toctree["glob"] = False
    toctree["hidden"] = state.hidden
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = False
    toctree["mentoring_auto"] = True
    return toctree


def _content_end(doctree: nodes.document) -> nodes.Element:
    """Where generated content goes: the end of the page's (last) top-level section,
    so that in LaTeX the included pages nest under it."""
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    return sections[-1] if sections else doctree


def apply_host_state(docname: str, doctree: nodes.document, state: HostState) -> None:
    """Replace whatever was generated before in *doctree* with *state*."""
    for node in list(doctree.findall(addnodes.toctree)):
        if node.get("mentoring_auto"):
            wrapper = node.parent
            if isinstance(wrapper, nodes.compound) and len(wrapper.children) == 1:
                wrapper.parent.remove(wrapper)
            else:
                wrapper.remove(node)
    for node in list(doctree.findall(objectives_rollup)):
        if node.get("mentoring_auto"):
            node.parent.remove(node)

    end = _content_end(doctree)
    if state.rollup:
        rollup = objectives_rollup(module=state.rollup, scope="module", mentoring_auto=True)
        card = next(iter(doctree.findall(module_card)), None)
        if card is not None:
            card.parent.insert(card.parent.index(card) + 1, rollup)
        else:
            end.append(rollup)
    if state.entries:
        wrapper = nodes.compound(classes=["toctree-wrapper", "mentoring-module-toctree"])
        wrapper.append(_make_toctree(docname, state))
        end.append(wrapper)


def _recollect_toc(
    app: Sphinx, env: BuildEnvironment, docname: str, doctree: nodes.document
) -> None:
    """Redo Sphinx's toctree bookkeeping (tocs, toctree_includes, files_to_rebuild)."""
    collector = TocTreeCollector()
    collector.clear_doc(app, env, docname)
    saved = env.current_document
    env.prepare_settings(docname)
    try:
        collector.process_doc(app, doctree)
    finally:
        env.current_document = saved


def update_hosts(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: write generated toctrees into host doctrees; say what to rewrite."""
    domain = get_domain(env)
    domain.forget_course()
    course = get_course(env)
    filled: dict[str, HostState] = domain.data["filled"]
    wanted = desired_hosts(env, course)
    rewrite: set[str] = set()
    for docname in sorted(set(wanted) | set(filled)):
        if docname not in env.all_docs:
            filled.pop(docname, None)
            continue
        state = wanted.get(docname, EMPTY)
        if filled.get(docname, EMPTY) == state:
            continue
        doctree = env.get_doctree(docname)
        apply_host_state(docname, doctree, state)
        _recollect_toc(app, env, docname, doctree)
        env._pickled_doctree_cache.pop(docname, None)
        app.builder.write_doctree(docname, doctree)
        env.__dict__.pop("master_doctree", None)
        filled[docname] = state
        rewrite.add(docname)

    # Navigation (theme context, prev/next, course-contents) shows the structure on
    # every page: when it changes, rewrite them all — rewriting is not re-reading.
    signature = course.signature()
    if domain.data["signature"] != signature:
        domain.data["signature"] = signature
        rewrite.update(env.all_docs)
    old_objectives = domain.data["objectives"]
    changed_modules = {
        key
        for key, digest in course.objectives_signature.items()
        if old_objectives.get(key) != digest
    } | (set(old_objectives) - set(course.objectives_signature))
    if changed_modules:
        for facts in domain.pages.values():
            if any(key in changed_modules or key == "*" for key in facts.rollups):
                rewrite.add(facts.docname)
        for docname, state in filled.items():
            if state.rollup in changed_modules:
                rewrite.add(docname)
    domain.data["objectives"] = dict(course.objectives_signature)
    return sorted(rewrite)


# --------------------------------------------------------------------------- course-contents


class course_contents(nodes.General, nodes.Element):
    """Placeholder for the course's table of contents, filled when written."""


class CourseContentsDirective(SphinxDirective):
    """``course-contents``: the course's modules and their sections, in order."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "maxdepth": directives.nonnegative_int,
        "hidden": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        node = course_contents(
            maxdepth=self.options.get("maxdepth", 2),
            hidden="hidden" in self.options,
            classes=["mentoring-course-contents", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        return [node]


def _entry(builder: Builder, fromdoc: str, todoc: str, title: str) -> nodes.paragraph:
    reference = make_refnode(builder, fromdoc, todoc, "", nodes.Text(title))
    return addnodes.compact_paragraph("", "", reference)


def course_contents_list(
    builder: Builder, env: BuildEnvironment, fromdoc: str, maxdepth: int
) -> nodes.bullet_list:
    course = get_course(env)
    top = nodes.bullet_list(classes=["mentoring-course-modules"])
    for module in course.modules:
        item = nodes.list_item(classes=["mentoring-course-module"])
        item += _entry(builder, fromdoc, module.landing, module.title)
        if maxdepth != 1 and module.sections:
            sections = nodes.bullet_list(classes=["mentoring-module-sections"])
            for section in module.sections:
                entry = nodes.list_item()
                entry += _entry(builder, fromdoc, section.docname, section.title)
                if section.parts and (maxdepth == 0 or maxdepth > 2):
                    parts = nodes.bullet_list()
                    for part in section.parts:
                        parts += nodes.list_item(
                            "", _entry(builder, fromdoc, part, course.titles.get(part, part))
                        )
                    entry += parts
                sections += entry
            item += sections
        top += item
    return top


class ResolveCourseContents(SphinxPostTransform):
    """Turn ``course-contents`` placeholders into the current course's contents list."""

    default_priority = 4  # before links and references are resolved

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(course_contents)):
            if node.get("hidden") or self.env._app.builder.format == "latex":
                # LaTeX prints its own table of contents.
                node.parent.remove(node)
                continue
            container = nodes.container(classes=node["classes"])
            container += course_contents_list(
                self.env._app.builder, self.env, self.env.docname, node.get("maxdepth", 2)
            )
            node.replace_self(container)


# --------------------------------------------------------------------------- LaTeX


def wrap_module_chapters(doctree: nodes.Node, env: BuildEnvironment) -> None:
    """In an assembled LaTeX tree, make each module a chapter titled by the module.

    A module whose landing page is its first section (Course-in-a-Box) would give a
    chapter titled by that section, with the other sections nested under it. Here the
    landing's own section and the included sections become siblings under a new
    section titled by the module: chapter = module, section = section.
    """
    course = get_course(env)
    by_landing = {m.landing: m for m in course.modules if m.landing_is_section}
    for start in list(doctree.findall(addnodes.start_of_file)):
        module = by_landing.get(start.get("docname"))
        if module is None or start.parent is None:
            continue
        sections = [child for child in start.children if isinstance(child, nodes.section)]
        if len(sections) != 1:
            continue
        landing_section = sections[0]
        included = [
            node
            for node in landing_section.findall(addnodes.start_of_file)
            if _nearest_container(node) is landing_section
        ]
        chapter = nodes.section(ids=[f"mentoring-module-{nodes.make_id(module.id)}"])
        chapter += nodes.title(module.title, module.title)
        parent = start.parent
        parent.replace(start, chapter)
        chapter += start
        for child in included:
            child.parent.remove(child)
            chapter += child


def _nearest_container(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section | addnodes.start_of_file):
        parent = parent.parent
    return parent


def _latex_chapters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "latex" and any(True for _ in doctree.findall(addnodes.start_of_file)):
        wrap_module_chapters(doctree, app.env)


# --------------------------------------------------------------------------- HTML context


@dataclass
class _NavCache:
    """What every page's navigation shares, computed once per build of one course."""

    course: Course
    target_uri: dict[str, str]  # docname -> URI from the output root
    position: dict[str, int]  # docname -> index in the reading order
    module_position: dict[str, int]  # module id -> index in the course
    # Entries of modules a page is not in depend only on how deep the page is.
    by_depth: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def for_builder(cls, builder: Any, course: Course) -> _NavCache:
        cache = getattr(builder, "_mentoring_nav_cache", None)
        if cache is None or cache.course is not course:
            env = builder.env
            docs = {doc for module in course.modules for doc in module.pages} | {course.root}
            cache = cls(
                course=course,
                target_uri={d: builder.get_target_uri(d) for d in docs if d in env.all_docs},
                position={doc: n for n, doc in enumerate(course.order)},
                module_position={m.id: n for n, m in enumerate(course.modules)},
            )
            builder._mentoring_nav_cache = cache
        return cache

    def other_modules(self, up: str) -> list[dict[str, Any]]:
        """All modules as seen from a page ``up`` levels deep, none of them current.

        A URL up to the root and down again is as relative as the shortest one, so
        one list serves every page at that depth: linear in the course, not square.
        Shared between pages: read-only for templates.
        """
        if up not in self.by_depth:

            def url(doc: str) -> str:
                return up + self.target_uri[doc] if doc in self.target_uri else ""

            self.by_depth[up] = [
                _module_entry(self.course, module, "", url, current=False)
                for module in self.course.modules
            ]
        return self.by_depth[up]


def _module_entry(
    course: Course, module: Module, pagename: str, url: Callable[[str], str], *, current: bool
) -> dict[str, Any]:
    sections = [
        {
            "title": section.title,
            "url": url(section.docname),
            "docname": section.docname,
            "current": pagename == section.docname or pagename in section.parts,
            "children": [
                {
                    "title": course.titles.get(part, part),
                    "url": url(part),
                    "docname": part,
                    "current": part == pagename,
                    "children": [],
                }
                for part in section.parts
            ],
        }
        for section in module.sections
    ]
    return {
        "id": module.id,
        "title": module.title,
        "url": url(module.landing),
        "current": current,
        "sections": sections,
    }


def _nav_context(cache: _NavCache, pagename: str, base: str) -> dict[str, Any]:
    course, target_uri = cache.course, cache.target_uri

    def url(doc: str) -> str:
        return relative_uri(base, target_uri[doc]) if doc in target_uri else ""

    def link(doc: str | None) -> dict[str, str] | None:
        if doc is None or doc not in target_uri:
            return None
        return {"title": course.titles.get(doc, doc), "url": url(doc)}

    current_module_id = course.module_of.get(pagename)
    modules = list(cache.other_modules("../" * base.count("/")))
    current: dict[str, Any] | None = None
    section_index: int | None = None
    next_module = None
    if current_module_id is not None:
        index = cache.module_position[current_module_id]
        module = course.modules[index]
        current = _module_entry(course, module, pagename, url, current=True)
        modules[index] = current
        section_index = next(
            (n for n, section in enumerate(current["sections"]) if section["current"]), None
        )
        if index + 1 < len(course.modules):
            following = course.modules[index + 1]
            next_module = {"title": following.title, "url": url(following.landing)}

    prev_doc = next_doc = None
    position = cache.position.get(pagename)
    if position is not None:
        prev_doc = course.order[position - 1] if position > 0 else None
        next_doc = course.order[position + 1] if position + 1 < len(course.order) else None

    landings = {m.landing for m in course.modules}
    if pagename in landings:
        kind = "module"
    elif pagename == course.root:
        kind = "course"
    elif current_module_id is not None:
        kind = "section"
    else:
        kind = "page"
    return {
        "course_title": course.title,
        "root_url": url(course.root),
        "modules": modules,
        "module": current,
        "section_index": section_index,
        "section_count": len(current["sections"]) if current else 0,
        "prev": link(prev_doc),
        "next": link(next_doc),
        "next_module": next_module,
        "page_kind": kind,
    }


def html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give the theme ``mentoring``: the course navigation of this page (see contracts)."""
    builder = app.builder
    cache = _NavCache.for_builder(builder, get_course(app.env))
    context["mentoring"] = _nav_context(cache, pagename, builder.get_target_uri(pagename))


# --------------------------------------------------------------------------- setup


def setup(app: Sphinx) -> None:
    app.add_domain(MentoringDomain)
    app.add_directive_to_domain(DOMAIN, "module", ModuleDirective)
    # Sphinx finds a bare ``module`` in the default (Python) domain first.
    app.add_directive_to_domain("py", "module", ModuleOrPythonModule, override=True)
    app.add_node(course_contents)
    app.add_directive("course-contents", CourseContentsDirective)
    app.connect("doctree-read", collect_page, priority=600)
    app.connect("env-updated", update_hosts)
    app.add_post_transform(ResolveCourseContents)
    app.connect("doctree-resolved", _latex_chapters, priority=400)
    app.connect("html-page-context", html_page_context)
