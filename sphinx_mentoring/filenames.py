"""File names every reader and importer takes as written.

Course sites name folders and files with spaces, ``&`` and accents
(``modules/Course Selection/_posts/2019-01-02-read-&-watch.md``). Packaged
formats quote such names in one place and not in another, and importers
disagree on decoding them (Moodle decodes a cartridge's paths once, Canvas
joins them as written), so a package names its files with ASCII letters,
digits, ``-``, ``_`` and ``.`` only.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(path: str) -> str:
    """ASCII letters, digits, ``-``, ``_`` and ``.`` in each part of a ``/`` path."""
    parts = []
    for part in path.split("/"):
        ascii_part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
        parts.append(_UNSAFE.sub("-", ascii_part).strip("-") or "page")
    return "/".join(parts)


def safe_filenames(paths: Iterable[str]) -> dict[str, str]:
    """A safe name for each path, unique even where two paths make the same safe name
    (a short digest of the original is added to the later ones, in sorted order)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for path in sorted(set(paths)):
        safe = safe_filename(path)
        if safe.casefold() in used:
            digest = hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()[:8]
            stem, dot, suffix = safe.rpartition(".")
            safe = f"{stem}-{digest}.{suffix}" if dot and "/" not in suffix else f"{safe}-{digest}"
        names[path] = safe
        used.add(safe.casefold())
    return names
