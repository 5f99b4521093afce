"""The Carpentries Workbench's reader: a lesson folder -> :class:`~.model.Site`.

As sandpaper reads a lesson (its ``get_resource_list`` and ``build_site``):

- ``config.yaml`` is the configuration (``title``, ``carpentry``, ``life_cycle``
  …); its ``episodes:``, ``learners:``, ``instructors:`` and ``profiles:`` lists
  name the pages of each folder in order, and an empty list means every
  ``.md``/``.Rmd`` file of the folder in file-name order. A file of
  ``episodes/`` the list leaves out is a draft, not built;
- ``index.md`` is the landing page, titled "Summary and Setup" when its front
  matter has no title (the instructor view calls it "Summary and Schedule");
  ``CODE_OF_CONDUCT.md`` and ``LICENSE.md`` are pages too;
- every page's URL is its file name in one flat folder (``/intro.html``), and
  so are the ``fig/``, ``files/`` and ``data/`` folders beside the pages;
- everything else (``episodes/files/*.md`` included) is a file, not a page.

Plain Python, as the whole site model.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx_mentoring.site import frontmatter, names
from sphinx_mentoring.site.config import CollectionConfig, SiteConfig
from sphinx_mentoring.site.data import read_data_file
from sphinx_mentoring.site.family import Family, register_reader
from sphinx_mentoring.site.lesson import WORKBENCH_FOLDERS as FOLDERS
from sphinx_mentoring.site.model import MARKDOWN, Collection, Page, Site

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx_mentoring.site.frontmatter import Problem

#: The page suffixes sandpaper renders (R Markdown through knitr first).
SUFFIXES = (".md", ".Rmd", ".rmd")
#: Pages at the root of a lesson besides ``index.md``.
ROOT_PAGES = ("CODE_OF_CONDUCT.md", "LICENSE.md")
#: What the index is called when its front matter has no title (learner view).
INDEX_TITLE = "Summary and Setup"


def _names(config: dict[str, Any], folder: str, root: Path) -> tuple[list[str], list[str]]:
    """The folder's page files in order, and the ones its list leaves out (drafts)."""
    directory = root / folder
    present = sorted(
        entry.name
        for entry in (directory.iterdir() if directory.is_dir() else [])
        if entry.is_file() and entry.suffix in SUFFIXES and not entry.name.startswith(".")
    )
    listed = config.get(folder)
    if not isinstance(listed, list) or not listed:
        return present, []
    order = [str(name) for name in listed if name is not None]
    if folder == "learners":
        # sandpaper's provide_setup(): the setup page is always one of them, listed or not
        setup = [name for name in present if PurePosixPath(name).stem == "setup"]
        order += [name for name in setup[:1] if name not in order]
    return [name for name in order if name in present], [n for n in present if n not in order]


def _read_page(root: Path, path: str, collection: str | None) -> Page | None:
    try:
        raw = (root / path).read_bytes()
    except OSError:
        return None
    hidden = frontmatter.has_hidden_yaml_header(raw[:512])
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    block, body = frontmatter.split_front_matter(text)
    yaml_text = frontmatter.front_matter_text(text) if block else ""
    parsed = frontmatter.parse(yaml_text, first_line=2)
    problems: tuple[Problem, ...] = (parsed.problem,) if parsed.problem else ()
    if hidden:
        problems = (*problems, frontmatter.bom_problem())
    stem = PurePosixPath(path).stem
    data: dict[str, Any] = dict(parsed.data)
    title = frontmatter.raw_value(yaml_text, "title") if "title" in data else None
    front_matter = parsed.data
    if title is None and path == "index.md":
        # sandpaper titles the landing page itself: as if its front matter said so
        title = INDEX_TITLE
        front_matter = {**front_matter, "title": title}
    page = Page(
        path=path,
        collection=collection,
        front_matter=front_matter,
        defaults={},
        data=data,
        content=body,
        url="/" if path == "index.md" else f"/{stem}.html",
        markup=MARKDOWN,
        output=True,
        front_matter_text=yaml_text,
        body_line=block.count("\n") + 1,
        title=title or names.titleize_slug(stem),
        slug=stem,
        problems=problems,
    )
    data.setdefault("title", page.title)
    return page


def read_workbench(root: Path, skip: Path | Sequence[Path] = ()) -> Site:
    """Read the Workbench lesson in *root* (``skip``: build folders, never pages)."""
    problems: list[tuple[str, Problem]] = []
    config_path = root / "config.yaml"
    raw = read_data_file(config_path, problems) if config_path.is_file() else {}
    config = {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else {}
    site = Site(
        root=root,
        config=SiteConfig(config),
        family=Family.WORKBENCH,
        problems=problems,
        flat_folders=FOLDERS,
    )
    pages: set[str] = set()
    for name in ("index.md", *ROOT_PAGES):
        page = _read_page(root, name, None) if (root / name).is_file() else None
        if page is not None:
            site.pages.append(page)
            pages.add(name)
    for folder in FOLDERS:
        collection = Collection(CollectionConfig(label=folder, output=True), folder)
        order, _drafts = _names(config, folder, root)
        for name in order:
            page = _read_page(root, f"{folder}/{name}", folder)
            if page is not None:
                collection.docs.append(page)
                pages.add(page.path)
        site.collections[folder] = collection
    # The files sandpaper copies: those of the page folders (fig/, files/, data/ …).
    skipped = [folder.resolve() for folder in ([skip] if isinstance(skip, Path) else skip)]
    for folder in FOLDERS:
        for file in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            relative = file.relative_to(root).as_posix()
            if (
                file.is_file()
                and relative not in pages
                and not any(part.startswith(".") for part in PurePosixPath(relative).parts)
                and not any(file.resolve().is_relative_to(skip_) for skip_ in skipped)
            ):
                site.static_files.append(relative)
    return site


def drafts(site: Site) -> list[str]:
    """Episode files ``config.yaml`` does not list: sandpaper's drafts, not built."""
    return [f"episodes/{name}" for name in _names(site.config.raw, "episodes", site.root)[1]]


register_reader(Family.WORKBENCH, read_workbench)
