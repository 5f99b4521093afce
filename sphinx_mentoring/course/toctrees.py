"""Generated toctrees: each module's landing page lists its sections.

The structure needs all pages, so it is known only after reading. At
``env-updated`` each *host* page (a module's landing page, the page with
``course-contents``) gets its generated toctree written into its stored doctree,
and Sphinx's toctree bookkeeping for that one page is redone. Only hosts whose
toctree changed are touched; when the course structure changes, every page is
rewritten (navigation shows on all of them), but none is re-read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

from sphinx_mentoring.course.model import EMPTY, Course, HostState, get_course, get_domain
from sphinx_mentoring.module import (
    module_card,
    objectives_rollup,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


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
        # The modules, then a lesson's other pages (setup, extras, glossary …).
        listed = [module.landing for module in course.modules] + course.appendices
        entries = tuple(
            (None, landing)
            for landing in dict.fromkeys(listed)
            if landing not in manually_included and landing != doc
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
    for rollup_node in list(doctree.findall(objectives_rollup)):
        if rollup_node.get("mentoring_auto"):
            rollup_node.parent.remove(rollup_node)

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
