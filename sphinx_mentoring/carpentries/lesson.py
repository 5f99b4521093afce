"""What a page is in a Carpentries lesson: an episode, a break, or neither.

styles: the ``_episodes/`` (and knitr's ``_episodes_rmd/``) collection, or a page
whose layout is ``episode`` or ``break``. Workbench: the ``episodes/`` folder of a
lesson with a ``config.yaml``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sphinx_mentoring.sources import site_path, site_root

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

STYLES_EPISODE_FOLDERS = ("_episodes", "_episodes_rmd")
WORKBENCH_EPISODE_FOLDER = "episodes"


def is_workbench(root: Path) -> bool:
    """A Workbench lesson: ``config.yaml`` beside an ``episodes/`` folder."""
    return (root / "config.yaml").is_file() and (root / WORKBENCH_EPISODE_FOLDER).is_dir()


def episode_role(env: BuildEnvironment, docname: str) -> str | None:
    """``"episode"``, ``"break"`` or None for a page of the build."""
    metadata = env.metadata.get(docname, {})
    layout = str(metadata.get("layout") or "")
    parts = PurePosixPath(site_path(env, docname)).parts
    folder = parts[0] if len(parts) > 1 else ""
    is_episode = (
        layout in ("episode", "break")
        or folder in STYLES_EPISODE_FOLDERS
        or (folder == WORKBENCH_EPISODE_FOLDER and is_workbench(site_root(env)))
    )
    if not is_episode:
        return None
    return "break" if layout == "break" or "break" in metadata else "episode"
