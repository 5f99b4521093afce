"""Compare two built output trees file by file, ignoring what differs from build to build.

Two builds of the same sources must give the same site. What legitimately differs
between them is *normalised* (not skipped), so a real difference in the same file
still shows:

- ``?v=<hash>`` cache-busting query strings on CSS/JS links;
- the ``.buildinfo`` file (a config hash) and dot-folders (``.doctrees``);
- ``searchindex.js``: its JSON is re-serialised with sorted keys, so only its
  content counts, not the order in which parallel workers produced it; words
  mapped to no document (left by Sphinx after a page is deleted) are dropped;
- ``objects.inv``: compared decompressed;
- EPUB: the ``.epub`` archive is compared member by member (not its zip
  timestamps), and the build time in ``content.opf`` is normalised.
"""

from __future__ import annotations

import difflib
import json
import re
import zipfile
import zlib
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

#: ``?v=0a1b2c3d`` appended by Sphinx to static asset URLs.
_CACHE_BUST = re.compile(r"\?v=[0-9a-fA-F]+")
#: ``2026-11-29T19:30:05Z`` (EPUB ``dcterms:modified``) and ``2026-11-29`` (``dc:date``).
_BUILD_TIME = re.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d(?:\.\d+)?Z?)?")
_SEARCH_INDEX = re.compile(r"^Search\.setIndex\((.*)\)\s*;?\s*$", re.S)


def _normalise_search_index(text: str) -> str:
    match = _SEARCH_INDEX.match(text.strip())
    if not match:
        return text
    data = json.loads(match.group(1))
    for key in ("terms", "titleterms"):
        # Sphinx's incremental index keeps the words of a deleted page, mapped to
        # no document: the same index as one without them.
        if isinstance(data.get(key), dict):
            data[key] = {word: docs for word, docs in data[key].items() if docs != []}
    return json.dumps(_sorted_deep(data), sort_keys=True, indent=1)


def _sorted_deep(value: object) -> object:
    """Sort the lists of the search index whose order is not meaningful (doc id lists)."""
    if isinstance(value, dict):
        return {key: _sorted_deep(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_deep(item) for item in value]
        if all(isinstance(item, int) for item in items):
            return sorted(items)  # sets of document ids, order meaningless
        return items
    return value


def _normalise_inventory(data: bytes) -> str:
    head, _, body = data.partition(b"# The remainder of this file is compressed using zlib.\n")
    lines = zlib.decompress(body).decode("utf-8").splitlines() if body else []
    return head.decode("utf-8") + "\n".join(sorted(lines))


def _normalise_text(name: str, data: bytes) -> str | bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    if name == "searchindex.js":
        return _normalise_search_index(text)
    if name == "content.opf":
        text = _BUILD_TIME.sub("<build time>", text)
    return _CACHE_BUST.sub("", text)


def _normalise_epub(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        members = []
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            content = _normalise_text(Path(info.filename).name, archive.read(info))
            members.append(f"== {info.filename}\n{content!s}")
    return "\n".join(members)


def normalised(path: Path) -> str | bytes:
    """The content of one output file, with build-specific parts normalised."""
    if path.name == "objects.inv":
        return _normalise_inventory(path.read_bytes())
    if path.suffix == ".epub":
        return _normalise_epub(path)
    return _normalise_text(path.name, path.read_bytes())


def output_files(root: Path) -> dict[str, Path]:
    """Every output file under *root*, by relative path, without dot-files/folders."""
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found[relative.as_posix()] = path
    return found


def tree_differences(
    left: Path, right: Path, *, context: int = 2, stale_left: bool = False
) -> list[str]:
    """A readable list of differences between two output trees (empty when equal).

    *stale_left*: files only in *left* are allowed. Sphinx never deletes the output
    of a removed page (its HTML, its images, its redirect page), so an incremental
    build after a deletion legitimately has more files than a fresh one.
    """
    left_files, right_files = output_files(left), output_files(right)
    problems: list[str] = []
    if not stale_left:
        for name in sorted(left_files.keys() - right_files.keys()):
            problems.append(f"only in {left}: {name}")
    for name in sorted(right_files.keys() - left_files.keys()):
        problems.append(f"only in {right}: {name}")
    for name in sorted(left_files.keys() & right_files.keys()):
        a, b = normalised(left_files[name]), normalised(right_files[name])
        if a == b:
            continue
        if isinstance(a, str) and isinstance(b, str):
            diff = difflib.unified_diff(
                a.splitlines(), b.splitlines(), name, name, n=context, lineterm=""
            )
            problems.append("\n".join(list(diff)[:60]))
        else:
            problems.append(f"binary file differs: {name}")
    return problems


def assert_same_tree(left: Path, right: Path) -> None:
    problems = tree_differences(left, right)
    assert not problems, f"{len(problems)} difference(s):\n" + "\n\n".join(problems[:10])


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under *root* (dot-files included), by relative path, byte for byte."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def build_project(
    srcdir: Path,
    builddir: Path,
    buildername: str = "html",
    *,
    parallel: int = 0,
    freshenv: bool = False,
    confoverrides: dict[str, object] | None = None,
) -> SphinxTestApp:
    """Build *srcdir* into ``builddir/<buildername>`` (doctrees in ``builddir/doctrees``).

    Nothing is written inside *srcdir*. The caller reads ``app.outdir`` and
    ``app.warning``; the app is cleaned up (global state reset) before returning.
    """
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        parallel=parallel,
        freshenv=freshenv,
        confoverrides=confoverrides,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app
