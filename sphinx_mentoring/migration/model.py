"""Findings, the detectors that make them, and the report that gathers them."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sphinx_mentoring.site import Family, Site


class Kind(enum.StrEnum):
    """What the build will do with something a site uses."""

    CONVERTED = "converted"  # a Jekyll feature the build turns into its Sphinx equivalent
    APPROXIMATED = "approximated"  # kept, but not as the site's own tool shows it
    DROPPED = "left out"  # not in the build (as the site's own tool leaves it out, or not)


@dataclass(frozen=True)
class Finding:
    kind: Kind
    feature: str  # short name, the same for every occurrence: "Liquid {{ }}"
    message: str = ""  # what happens, for this occurrence (approximated, left out)
    path: str = ""  # site-relative file
    line: int | None = None

    @property
    def location(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Report:
    site: Site
    family_label: str
    structure: list[tuple[str, int]]  # (module or episode group, pages)
    structure_name: str  # "modules", "episodes" ...
    missing_modules: list[str]
    findings: list[Finding] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # format -> "" (builds) or why not

    def of_kind(self, kind: Kind) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind is kind]


#: A detector: the findings of one concern in a site.
Detector = Callable[[Site], Iterable[Finding]]
_DETECTORS: dict[Family | None, list[Detector]] = {}


def register_detector(detector: Detector, family: Family | None = None) -> Detector:
    """Run *detector* on the sites of *family* (None: on every site)."""
    _DETECTORS.setdefault(family, []).append(detector)
    return detector


def detectors_for(family: Family) -> list[Detector]:
    return [*_DETECTORS.get(None, ()), *_DETECTORS.get(family, ())]
