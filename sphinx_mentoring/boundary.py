"""The site folder is the trust boundary: nothing outside it is read, included or published.

A page may name any path: ``{literalinclude} ../../../../etc/passwd``, an image
``../../secret.png``, a download, a symbolic link that leads out of the site.
Every such path is resolved (symbolic links followed) and must lie inside the
*trusted folders* — the source folder and, when ``mentoring_jekyll_site`` names
another one, the Jekyll site folder — and be a regular file (a FIFO or a device
would hang the build). A path that does not is one warning
(``mentoring.outside-site``) at the page's line, and nothing is read.

- :func:`scan_sources` (``config-inited``) leaves out what Sphinx must not read
  as a page: symbolic links leading out of the site or back into it (two links
  to the site's own folder would make its walk endless), FIFOs and devices;
- the directives that read files (``include``, ``literalinclude``, ``raw``,
  ``csv-table``) check their path first; ``raw`` and ``csv-table`` never fetch a
  ``:url:`` (no network in a build);
- :class:`OutsideFiles` drops images and downloads that lead out, keeping the
  image's alt text or the link's words.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Include as DocutilsInclude
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.report import file_location, info, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


# -- the check -------------------------------------------------------------------------


def trusted_folders(srcdir: str | Path, config: Config | Any) -> tuple[Path, ...]:
    """The real paths of the folders a build may read: the sources and the Jekyll site."""
    folders = [Path(srcdir).resolve()]
    site = getattr(config, "mentoring_jekyll_site", None)
    if site:
        folders.append((Path(srcdir) / site).resolve())
    return tuple(dict.fromkeys(folders))


def env_folders(env: BuildEnvironment) -> tuple[Path, ...]:
    return trusted_folders(env.srcdir, env.config)


def is_inside(path: str | Path, folders: Iterable[Path]) -> bool:
    """Does ``path`` (symbolic links followed) lie inside one of ``folders``?"""
    real = Path(path).resolve()
    return any(real.is_relative_to(folder) for folder in folders)


def refusal(path: str | Path, folders: Sequence[Path]) -> tuple[str, str] | None:
    """``(warning subtype, reason)`` when ``path`` must not be read, else None."""
    if not is_inside(path, folders):
        return "outside-site", "it lies outside the site folder (only files inside it are read)"
    real = Path(path).resolve()
    if real.exists() and not real.is_file():
        return "source", "it is not a regular file (a FIFO or a device would never end)"
    return None


def check_path(path: str | Path, what: str, folders: Sequence[Path], location: Any) -> bool:
    """True when ``path`` may be read; else one warning, and False."""
    refused = refusal(path, folders)
    if refused is None:
        return True
    subtype, reason = refused
    warn(f"{what} {str(path)!r} is left out: {reason}", subtype, location)
    return False


# -- directives that read files -------------------------------------------------------


class SafeInclude(Include):
    """``include``: only files inside the site."""

    def run(self) -> Sequence[nodes.Node]:
        argument = self.arguments[0].strip()
        if not (argument.startswith("<") and argument.endswith(">")):  # docutils' own files
            _relative, path = self.env.relfn2path(argument)
            if not check_path(
                path, "the included file", env_folders(self.env), self.get_location()
            ):
                return []
        return super().run()


class SafeLiteralInclude(LiteralInclude):
    """``literalinclude``: only files inside the site (its ``:diff:`` file too)."""

    def run(self) -> list[nodes.Node]:
        folders = env_folders(self.env)
        for argument in (self.arguments[0], self.options.get("diff")):
            if argument:
                _relative, path = self.env.relfn2path(argument)
                if not check_path(path, "the included file", folders, self.get_location()):
                    return []
        return super().run()


def _option_file(directive: Any) -> Path:
    """The path of a docutils directive's ``:file:`` option, as docutils finds it."""
    source = directive.state.document.current_source or directive.state.document["source"]
    return Path(source).absolute().parent / directive.options["file"]


class _FileOrUrl:
    """``:file:`` inside the site only, ``:url:`` never (no network in a build)."""

    def _refuse_outside(self: Any) -> bool:
        location = (self.env.docname, self.lineno) if hasattr(self, "env") else None
        if "url" in self.options:
            warn(
                f"the {self.name} directive's :url: {self.options['url']!r} is left out: "
                "a build never reads the network (save the file in the site, use :file:)",
                "outside-site",
                location,
            )
            return True
        if "file" in self.options:
            folders = env_folders(self.state.document.settings.env)
            return not check_path(_option_file(self), f"the {self.name} file", folders, location)
        return False


class SafeRaw(_FileOrUrl, Raw):
    def run(self) -> Sequence[nodes.Node]:
        return [] if self._refuse_outside() else super().run()

    @property
    def env(self) -> BuildEnvironment:
        return self.state.document.settings.env


class SafeCSVTable(_FileOrUrl, CSVTable):
    def run(self) -> Sequence[nodes.table | nodes.system_message]:
        return [] if self._refuse_outside() else super().run()

    @property
    def env(self) -> BuildEnvironment:
        return self.state.document.settings.env


def refuse_myst_include(
    env: BuildEnvironment | None, directive: type | None, argument: str, location: Any
) -> bool:
    """MyST runs ``{include}`` itself (not the directive's ``run``): check its path here."""
    if env is None or directive is None or not issubclass(directive, DocutilsInclude):
        return False
    argument = "".join(line.strip() for line in argument.splitlines())
    if not argument or (argument.startswith("<") and argument.endswith(">")):
        return False
    _relative, path = env.relfn2path(argument)
    return not check_path(path, "the included file", env_folders(env), location)


# -- images and downloads -------------------------------------------------------------


def _is_remote(uri: str) -> bool:
    return "://" in uri or uri.startswith(("data:", "//"))


class OutsideFiles(SphinxTransform):
    """Images and downloads that lead out of the site: their words stay, the file does not.

    Runs before ``doctree-read``, where Sphinx's collectors note the files to copy.
    """

    default_priority = 870  # before doctree-read, emitted by a transform at 880

    def apply(self, **kwargs: Any) -> None:
        folders = env_folders(self.env)
        docname = self.env.docname
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if not uri or _is_remote(uri):
                continue
            if not self._allowed(uri, docname, "the image", folders, image):
                alt = str(image.get("alt", ""))
                image.replace_self(nodes.inline(alt, alt, classes=["mentoring-missing-image"]))
        for download in list(self.document.findall(addnodes.download_reference)):
            target = str(download.get("reftarget", ""))
            if (
                target
                and not _is_remote(target)
                and not self._allowed(target, docname, "the linked file", folders, download)
            ):
                download.replace_self(nodes.inline("", "", *download.children))

    def _allowed(
        self, uri: str, docname: str, what: str, folders: Sequence[Path], node: nodes.Node
    ) -> bool:
        _relative, path = self.env.relfn2path(uri, docname)
        location = node if node.line else (docname, None)
        if "*" in path:  # ``picture.*``: Sphinx picks among the files it matches
            matches = Path(path).parent.glob(Path(path).name)
            return all(check_path(match, what, folders, location) for match in matches)
        return check_path(path, what, folders, location)


# -- what Sphinx reads as pages -------------------------------------------------------


def scan_sources(app: Sphinx, config: Config) -> None:
    """Leave out (with a warning) what must not be read as a page or walked as a folder."""
    from sphinx.project import EXCLUDE_PATHS
    from sphinx.util.matching import compile_matchers

    srcdir = Path(app.srcdir).resolve()
    folders = trusted_folders(srcdir, config)
    excluded = compile_matchers([*config.exclude_patterns, *EXCLUDE_PATHS])
    suffixes = tuple(str(s) for s in dict(config.source_suffix))
    found: list[str] = []
    for walked, dirs, files in os.walk(srcdir):  # Path.walk is Python 3.12+
        root = Path(walked)
        for name in sorted(dirs):
            path = root / name
            relative = path.relative_to(srcdir).as_posix()
            if any(match(relative) for match in excluded):
                dirs.remove(name)
            elif path.is_symlink():
                # Sphinx would follow it: into a loop, out of the site, or to pages it
                # reads anyway at their own path. None of the three is wanted.
                dirs.remove(name)
                found.append(relative)
                reason = _linked_folder_problem(path, root, folders)
                if reason:
                    message = f"the folder {relative!r} is left out: {reason}"
                    warn(message, "outside-site", file_location(path))
                else:
                    info(
                        f"{path}: a symbolic link to a folder of the site; its pages are read there"
                    )
        for name in files:
            if not name.endswith(suffixes):
                continue
            path = root / name
            relative = path.relative_to(srcdir).as_posix()
            if any(match(relative) for match in excluded):
                continue
            refused = refusal(path, folders)
            if refused:
                found.append(relative)
                subtype, reason = refused
                warn(
                    f"the page {relative!r} is left out: {reason}", subtype, file_location(path, 1)
                )
    if found:
        config.exclude_patterns = [*config.exclude_patterns, *map(_glob_escape, found)]


def _linked_folder_problem(path: Path, parent: Path, folders: Sequence[Path]) -> str | None:
    if not is_inside(path, folders):
        return "it is a symbolic link to a folder outside the site"
    if parent.resolve().is_relative_to(path.resolve()):
        return "it is a symbolic link to a folder that holds it (the site would never end)"
    return None


def _glob_escape(path: str) -> str:
    """A path as a Sphinx exclude pattern that matches only itself."""
    return "".join(f"[{c}]" if c in "*?[]" else c for c in path)


def setup(app: Sphinx) -> None:
    for name, directive in (
        ("include", SafeInclude),
        ("literalinclude", SafeLiteralInclude),
        ("raw", SafeRaw),
        ("csv-table", SafeCSVTable),
    ):
        app.add_directive(name, directive, override=True)
    app.add_transform(OutsideFiles)
    # Before Sphinx normalises the patterns, after its own source_suffix (800).
    app.connect("config-inited", scan_sources, priority=850)
