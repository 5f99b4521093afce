"""Site families: which kind of course a folder holds, and which reader reads it.

Every family becomes the same :class:`~sphinx_mentoring.site.model.Site`; a
family is only a reader (its files -> pages) plus what the course model makes
of its structure. Jekyll families (Course-in-a-Box, Carpentries styles, any
other Jekyll site) share Jekyll's reader; a family with its own file layout (the
Carpentries Workbench) registers its own reader with :func:`register_reader`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_mentoring.site.model import Family

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from sphinx_mentoring.site.model import Site

__all__ = ["Family", "detect", "reader_for", "register_reader"]


#: Readers of the families that are not Jekyll sites: (site folder, build folders
#: inside it to skip) -> the site.
_READERS: dict[Family, Callable[[Path, Path | Sequence[Path]], Site]] = {}


def register_reader(family: Family, reader: Callable[[Path, Path | Sequence[Path]], Site]) -> None:
    """Let *reader* read the sites of *family* (Jekyll's reader reads the others)."""
    _READERS[family] = reader


def reader_for(family: Family) -> Callable[[Path, Path | Sequence[Path]], Site] | None:
    return _READERS.get(family)


def detect(root: Path, config: dict[str, Any]) -> Family:
    """The family of the site in *root*, from its configuration and folders."""
    if (
        not (root / "_config.yml").is_file()
        and (root / "config.yaml").is_file()
        and (root / "episodes").is_dir()
    ):
        return Family.WORKBENCH
    collections = config.get("collections")
    labels = set(collections) if isinstance(collections, dict | list) else set()
    if "carpentry" in config or "episodes" in labels:
        return Family.CARPENTRIES_STYLES
    if (root / "_data" / "course.yml").is_file() or any((root / "modules").glob("*/_posts")):
        return Family.COURSE_IN_A_BOX
    return Family.JEKYLL
