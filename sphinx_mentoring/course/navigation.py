"""The navigation a theme renders: ``context["mentoring"]`` at ``html-page-context``.

Linear in the course: the entries of the modules a page is not in are shared by
every page of the same depth; only the current module is built per page. Sphinx's
own previous/next/parent links render each page title once per build.

Previous/next follow the reading order of the whole site (:func:`reading_order`),
so pages outside the modules (guides, a reference) are reached too. A root page
whose toctrees have captions is a site in *parts* (``Guides``, ``Reference``):
the header lists the parts (:func:`site_parts`) instead of the modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.osutil import relative_uri

from sphinx_mentoring.course.model import Course, Module, get_course
from sphinx_mentoring.course.timing import format_duration, iso_duration

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


def _walk(env: Any, start: str, into: dict[str, None]) -> None:
    """``start`` and every page below it, depth first, in toctree order."""
    stack = [start]
    while stack:
        doc = stack.pop()
        if doc in into or doc not in env.all_docs:
            continue
        into[doc] = None
        stack.extend(reversed(env.toctree_includes.get(doc, ())))


def reading_order(env: Any, course: Course) -> list[str]:
    """The root, then every page its toctrees reach, depth first (what Sphinx's
    own previous/next follow; the generated toctrees list each module's pages in
    course order), then the course pages no toctree reaches, in course order."""
    order: dict[str, None] = {}
    _walk(env, course.root, order)
    order.update(dict.fromkeys(doc for doc in course.order if doc in env.all_docs))
    return list(order)


@dataclass(frozen=True)
class Part:
    """A captioned toctree of the root page: one entry of the header."""

    title: str
    first: str  # the page the entry links to
    pages: frozenset[str]


def site_parts(env: Any, root: str) -> list[Part]:
    """The root page's captioned toctrees, each with the pages it reaches."""
    if root not in env.all_docs:
        return []
    parts: list[Part] = []
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        caption = toctree.get("caption")
        entries = [doc for _title, doc in toctree.get("entries", ()) if doc in env.all_docs]
        if not caption or not entries:
            continue
        pages: dict[str, None] = {}
        for doc in entries:
            _walk(env, doc, pages)
        parts.append(Part(str(caption), entries[0], frozenset(pages)))
    return parts


@dataclass
class _NavCache:
    """What every page's navigation shares, computed once per build of one course."""

    course: Course
    target_uri: dict[str, str]  # docname -> URI from the output root
    position: dict[str, int]  # docname -> index in the reading order
    module_position: dict[str, int]  # module id -> index in the course
    landings: frozenset[str]
    order: list[str]  # the reading order of the whole site
    parts: list[Part]
    # Entries of modules a page is not in depend only on how deep the page is.
    by_depth: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def for_builder(cls, builder: Any, course: Course) -> _NavCache:
        cache = getattr(builder, "_mentoring_nav_cache", None)
        if cache is None or cache.course is not course:
            env = builder.env
            order = reading_order(env, course)
            parts = site_parts(env, course.root)
            docs = {doc for module in course.modules for doc in module.pages} | {course.root}
            docs |= set(order) | {part.first for part in parts}
            cache = cls(
                course=course,
                target_uri={d: builder.get_target_uri(d) for d in docs if d in env.all_docs},
                position={doc: n for n, doc in enumerate(order)},
                module_position={m.id: n for n, m in enumerate(course.modules)},
                landings=frozenset(m.landing for m in course.modules),
                order=order,
                parts=parts,
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
            "duration": format_duration(section.duration),
            "duration_iso": iso_duration(section.duration),
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
        "docname": module.landing,
        "landing_counts": module.landing_counts,
        "duration": format_duration(module.duration),
        "duration_iso": iso_duration(module.duration),
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

    parts = [
        {"title": part.title, "url": url(part.first), "current": pagename in part.pages}
        for part in cache.parts
    ]

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
        order = cache.order
        prev_doc = order[position - 1] if position > 0 else None
        next_doc = order[position + 1] if position + 1 < len(order) else None

    if pagename in cache.landings:
        kind = "module"
    elif pagename == course.root:
        kind = "course"
    elif current_module_id is not None:
        kind = "section"
    else:
        kind = "page"
    description = course.summaries.get(pagename, "")
    if pagename == course.root:
        description = course.description or description
    return {
        "course_title": course.title,
        "course_duration": format_duration(course.duration),
        "description": description,
        "root_url": url(course.root),
        "modules": modules,
        "parts": parts,
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


def render_titles_once(app: Sphinx) -> None:
    """Render each page title once per build, not once for every page linking to it.

    For each page, Sphinx renders the titles of its previous, next and parent pages
    with ``render_partial``, which builds a docutils document and translator every
    time. The course's toctrees give every page those links (and the root is every
    page's parent): five renders a page, most of the cost the extension added to a
    build. A title node renders the same on every page, so its first rendering
    serves them all; other nodes (local tables of contents) still render each time.
    """
    builder = app.builder
    render_partial = getattr(builder, "render_partial", None)
    if render_partial is None:  # not an HTML builder
        return
    rendered: dict[int, tuple[nodes.Node, dict[str, str]]] = {}

    def render_partial_once(node: nodes.Node | None) -> dict[str, str]:
        if not isinstance(node, nodes.title):
            return render_partial(node)
        known = rendered.get(id(node))
        if known is None or known[0] is not node:  # a new node may reuse an old id
            known = rendered[id(node)] = (node, render_partial(node))
        return dict(known[1])

    builder.render_partial = render_partial_once  # type: ignore[attr-defined]
