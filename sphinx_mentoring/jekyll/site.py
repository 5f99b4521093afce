"""The Jekyll site around the pages: ``_config.yml`` and ``_data/*.yml``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sphinx_mentoring.frontmatter import load_yaml
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class JekyllSite:
    """What Jekyll knows about a site besides its pages."""

    root: Path
    config: dict[str, Any] = field(default_factory=dict)  # _config.yml
    data: dict[str, Any] = field(default_factory=dict)  # _data/<name>.yml -> site.data.<name>

    @property
    def baseurl(self) -> str:
        return str(self.config.get("baseurl") or "").rstrip("/")

    @property
    def module_order(self) -> list[str]:
        """``_data/course.yml`` ``modules:`` (falls back to ``_config.yml`` ``modules:``)."""
        course = self.data.get("course")
        modules = course.get("modules") if isinstance(course, dict) else None
        if modules is None:
            modules = self.config.get("modules")
        return [str(m) for m in modules] if isinstance(modules, list) else []

    def as_liquid_site(self) -> dict[str, Any]:
        """The ``site`` object Liquid templates see."""
        return {**self.config, "data": self.data}


def _load_yaml(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        warn(f"cannot read {path.name}: {error}", "site", (str(path), mark.line + 1 if mark else 1))
        return {}


def load_site(root: str | Path) -> JekyllSite:
    """Read ``_config.yml`` and ``_data/*.yml`` (missing files give empty values)."""
    root = Path(root)
    config_path = root / "_config.yml"
    config = _load_yaml(config_path) if config_path.is_file() else {}
    data: dict[str, Any] = {}
    data_dir = root / "_data"
    if data_dir.is_dir():
        for path in sorted([*data_dir.glob("*.yml"), *data_dir.glob("*.yaml")]):
            data[path.stem] = _load_yaml(path)
    return JekyllSite(root=root, config=config if isinstance(config, dict) else {}, data=data)


def site_root(env: BuildEnvironment) -> Path:
    """The Jekyll site folder: ``mentoring_jekyll_site`` or the source folder."""
    configured = getattr(env.config, "mentoring_jekyll_site", None)
    return Path(env.srcdir, configured) if configured else Path(env.srcdir)


def site_path(env: BuildEnvironment, docname: str) -> str:
    """A page's source file relative to the site root (posix), as Jekyll names it."""
    source = env.doc2path(docname)
    relative = os.path.relpath(source, site_root(env))
    if relative.startswith(".."):  # a page outside the site folder
        relative = os.path.relpath(source, env.srcdir)
    return Path(relative).as_posix()


def get_site(env: BuildEnvironment) -> JekyllSite:
    """The site of this build, read once per build (reset at ``builder-inited``)."""
    site = getattr(env, "mentoring_jekyll_site", None)
    if not isinstance(site, JekyllSite):
        site = load_site(site_root(env))
        env.mentoring_jekyll_site = site  # type: ignore[attr-defined]
    return site
