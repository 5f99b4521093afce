"""``_data/``: YAML, JSON, CSV and TSV files as ``site.data`` (``Jekyll::DataReader``).

``_data/course.yml`` is ``site.data.course``; a folder ``_data/people/`` is
``site.data.people`` holding its files. CSV and TSV files are lists of rows,
each a mapping from the header row.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml

from sphinx_mentoring.site.frontmatter import Problem, load_yaml

_SUFFIXES = (".yml", ".yaml", ".json", ".csv", ".tsv")


def read_data_file(path: Path, problems: list[tuple[str, Problem]]) -> Any:
    """One data file's content; a broken file is reported and reads as empty."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        suffix = path.suffix.lower()
        if suffix in (".csv", ".tsv"):
            delimiter = "\t" if suffix == ".tsv" else ","
            return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        if suffix == ".json":
            return json.loads(text)
        return load_yaml(text) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, json.JSONDecodeError, csv.Error) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else getattr(error, "lineno", 1)
        problems.append((str(path), Problem(f"cannot read {path.name}: {error}", line, "site")))
        return {}


def read_data(folder: Path, problems: list[tuple[str, Problem]]) -> dict[str, Any]:
    """Every data file under *folder*, by name (folders nest)."""
    data: dict[str, Any] = {}
    if not folder.is_dir():
        return data
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_", "#")) or entry.name.endswith("~"):
            continue
        if entry.is_dir():
            data[entry.name] = read_data(entry, problems)
        elif entry.suffix.lower() in _SUFFIXES:
            data[entry.stem] = read_data_file(entry, problems)
    return data
