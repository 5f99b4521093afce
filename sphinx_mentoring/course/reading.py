"""The reading order of every page: what a book (PDF, EPUB) puts where.

The course model knows its modules and their pages; a site also has pages in no
module (extras, references) and a site may have no modules at all. The reading
order is the root page, each module's pages in course order, then every other
page in navigation order (toctrees depth first from the root, then by name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_mentoring.course.model import Course, Module


def navigation_order(env: BuildEnvironment, root: str) -> list[str]:
    """Every page: the root, pages reached by toctrees depth first, then the rest by name."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    order += sorted(doc for doc in env.all_docs if doc not in seen)
    return order


def book_parts(
    env: BuildEnvironment, course: Course
) -> tuple[list[tuple[Module, list[str]]], list[str]]:
    """Pages per module (course order) and the other pages (navigation order), root aside."""
    root = course.root
    chapters = []
    for module in course.modules:
        pages = [doc for doc in module.pages if doc in env.all_docs and doc != root]
        if pages:
            chapters.append((module, pages))
    placed = {root, *(doc for _module, pages in chapters for doc in pages)}
    rest = [doc for doc in navigation_order(env, root) if doc not in placed]
    return chapters, rest


def reading_order(env: BuildEnvironment, course: Course) -> list[str]:
    """Every page once: the root, the modules' pages, then the rest."""
    chapters, rest = book_parts(env, course)
    root = [course.root] if course.root in env.all_docs else []
    return [*root, *(doc for _module, pages in chapters for doc in pages), *rest]
