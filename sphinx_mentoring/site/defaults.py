"""Front-matter defaults: ``_config.yml`` ``defaults:`` scoped by path and type.

As Jekyll's ``FrontmatterDefaults#all``: a set applies when its ``scope.path``
is a prefix of the file's path (or, with ``*``, a prefix matched by the glob)
and its ``scope.type`` is the file's type (``pages``, ``posts``, a collection
label). Where two sets give a key, the one with the longer path wins, then the
one with a type; else the later one.
"""

from __future__ import annotations

import glob
from functools import cached_property
from pathlib import Path
from typing import Any

_DEPRECATED_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}


def _sanitize(path: Any) -> str:
    if not isinstance(path, str) or not path:
        return ""
    return path.removeprefix("/")


def _deep_merge(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class Defaults:
    """The ``defaults:`` of one site, matched against file paths."""

    def __init__(self, entries: Any, root: Path, collections_dir: str = "") -> None:
        self.root = root
        self.collections_dir = collections_dir
        self.sets: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
                continue
            scope = dict(entry["scope"]) if isinstance(entry.get("scope"), dict) else {}
            if "type" in scope:
                scope["type"] = _DEPRECATED_TYPES.get(str(scope["type"]), str(scope["type"]))
            self.sets.append((scope, entry["values"]))

    def __bool__(self) -> bool:
        return bool(self.sets)

    @cached_property
    def _globs(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for scope, _values in self.sets:
            pattern = _sanitize(scope.get("path"))
            if "*" in pattern and pattern not in found:
                matches = glob.glob(str(self.root / pattern))  # noqa: PTH207 (Ruby's Dir.glob)
                found[pattern] = [
                    self._strip_collections_dir(Path(m).relative_to(self.root).as_posix())
                    for m in matches
                ]
        return found

    def _strip_collections_dir(self, path: str) -> str:
        prefix = self.collections_dir + "/" if self.collections_dir else ""
        return path.removeprefix(prefix) if prefix else path

    def _applies(self, scope: dict[str, Any], path: str, kind: str) -> bool:
        if "type" in scope and scope["type"] != kind:
            return False
        scope_path = _sanitize(scope.get("path"))
        if not scope_path:
            return True
        if "*" in scope_path:
            return any(path.startswith(match) for match in self._globs[scope_path])
        return path.startswith(self._strip_collections_dir(scope_path))

    @staticmethod
    def _precedes(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
        if old is None:
            return True
        new_path, old_path = _sanitize(new.get("path")), _sanitize(old.get("path"))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        return "type" in new or "type" not in old

    def values_for(self, path: str, kind: str) -> dict[str, Any]:
        """Every default value for the file at *path* (relative to the site, or to
        ``collections_dir`` for a document) of type *kind*."""
        values: dict[str, Any] = {}
        old_scope: dict[str, Any] | None = None
        for scope, set_values in self.sets:
            if not self._applies(scope, path, kind):
                continue
            if self._precedes(old_scope, scope):
                values = _deep_merge(values, set_values)
                old_scope = scope
            else:
                values = _deep_merge(set_values, values)
        return values
