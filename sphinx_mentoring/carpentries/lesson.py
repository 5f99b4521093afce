"""What a page is in a Carpentries lesson: an episode, a break, or neither.

The site model knows the lesson (:mod:`sphinx_mentoring.site.lesson`): its
episodes are the styles ``episodes`` collection, or the pages ``config.yaml``
lists under ``episodes:`` in a Workbench lesson. A page whose layout is
``episode`` or ``break`` is an episode too (a styles episode outside its
collection, or a lesson built with a hand-written ``conf.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform

from sphinx_mentoring.site.family import Family
from sphinx_mentoring.sources import get_site, page_of

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def is_workbench_folder(root: Path) -> bool:
    """A Workbench lesson folder: ``config.yaml`` beside ``episodes/`` (no ``_config.yml``)."""
    return (
        (root / "config.yaml").is_file()
        and (root / "episodes").is_dir()
        and not (root / "_config.yml").is_file()
    )


def is_workbench(env: BuildEnvironment) -> bool:
    """Is this build's site a Workbench lesson?"""
    return get_site(env).family == Family.WORKBENCH


def episode_role(env: BuildEnvironment, docname: str) -> str | None:
    """``"episode"``, ``"break"`` or None for a page of the build."""
    metadata = env.metadata.get(docname, {})
    layout = str(metadata.get("layout") or "")
    lesson = get_site(env).lesson
    page = page_of(env, docname)
    in_lesson = lesson is not None and page is not None and lesson.is_episode(page)
    if not in_lesson and layout not in ("episode", "break"):
        return None
    return "break" if layout == "break" or "break" in metadata else "episode"


class TemplatePages(SphinxTransform):
    """The styles template's own pages (all in one, not found) are built, as Jekyll
    writes them, but belong to no place of the lesson: no navigation, no book."""

    default_priority = 440

    def apply(self, **kwargs: Any) -> None:
        lesson = get_site(self.env).lesson
        page = page_of(self.env, self.env.docname)
        if lesson is not None and page is not None and page in lesson.template_pages:
            self.env.metadata[self.env.docname]["orphan"] = True


def setup(app: Sphinx) -> None:
    app.add_transform(TemplatePages)
