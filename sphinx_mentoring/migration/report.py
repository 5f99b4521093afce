"""The report of a site: its family and structure, what the detectors found, formats."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path, PurePosixPath

# The detectors register themselves when their modules are imported.
from sphinx_mentoring.migration import carpentries, jekyll, workbench  # noqa: F401
from sphinx_mentoring.migration.model import Kind, Report, detectors_for
from sphinx_mentoring.site import Family, Site, load_site

FAMILY_LABELS = {
    Family.COURSE_IN_A_BOX: "Course-in-a-Box (modules/<name>/_posts, _data/course.yml)",
    Family.CARPENTRIES_STYLES: "Carpentries styles lesson (Jekyll collections _episodes, _extras)",
    Family.WORKBENCH: "Carpentries Workbench lesson (config.yaml, episodes/, pandoc Markdown)",
    Family.JEKYLL: "plain Jekyll site",
}
#: Formats that need only Python; the PDF needs LaTeX.
PYTHON_FORMATS = ("html", "dirhtml", "singlehtml", "epub", "text")


def _structure(site: Site) -> tuple[str, list[tuple[str, int]], list[str]]:
    """(what the parts are called, [(part, pages)], listed parts without pages)."""
    if site.family is Family.COURSE_IN_A_BOX:
        counts = Counter(post.module for post in site.posts if post.output and post.module)
        listed = site.module_order
        order = [m for m in listed if m in counts] + sorted(set(counts) - set(listed))
        return "modules", [(m, counts[m]) for m in order], [m for m in listed if m not in counts]
    if site.family is Family.WORKBENCH:
        folders = Counter(PurePosixPath(page.path).parts[0] for page in site.built)
        parts = [
            (name, folders[name]) for name in ("episodes", "learners", "instructors", "profiles")
        ]
        return "folders", [(name, count) for name, count in parts if count], []
    groups = [
        (label, len([doc for doc in collection.docs if doc in site.built]))
        for label, collection in site.collections.items()
        if collection.output and collection.docs
    ]
    return "collections", groups, []


def _formats() -> dict[str, str]:
    formats = dict.fromkeys(PYTHON_FORMATS, "")
    missing = [tool for tool in ("latexmk", "pdflatex") if shutil.which(tool) is None]
    formats["pdf"] = (
        f"needs {' and '.join(missing)} (Debian/Ubuntu: apt-get install latexmk "
        "texlive-latex-extra texlive-fonts-recommended)"
        if missing
        else ""
    )
    return formats


def check_site(root: str | Path) -> Report:
    """Read the site in *root* and run every detector of its family."""
    site = load_site(Path(root), skip=[Path(root) / "_build", Path(root) / "_site"])
    name, parts, missing = _structure(site)
    report = Report(
        site=site,
        family_label=FAMILY_LABELS[site.family],
        structure=parts,
        structure_name=name,
        missing_modules=missing,
        formats=_formats(),
    )
    for detector in detectors_for(site.family):
        report.findings.extend(detector(site))
    return report


def format_report(report: Report) -> str:
    site = report.site
    lines = [
        f"site: {site.root}",
        f"family: {report.family_label}",
        f"title: {site.title}",
        f"pages: {len(site.built)} to build",
    ]
    if report.structure:
        parts = ", ".join(f"{part} ({count})" for part, count in report.structure)
        lines.append(f"{report.structure_name}: {len(report.structure)}: {parts}")
    if report.missing_modules:
        lines.append(
            f"listed in _data/course.yml but without pages: {', '.join(report.missing_modules)}"
            " (links to them warn)"
        )
    converted = Counter(f.feature for f in report.of_kind(Kind.CONVERTED))
    pages: dict[str, set[str]] = {}
    for finding in report.of_kind(Kind.CONVERTED):
        pages.setdefault(finding.feature, set()).add(finding.path)
    lines.append("")
    lines.append("converted (what the site uses, and the build turns into Sphinx's equivalent):")
    for feature, count in sorted(converted.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {feature}: {count} in {len(pages[feature])} pages")
    if not converted:
        lines.append("  nothing beyond plain Markdown")
    for kind, heading in (
        (Kind.APPROXIMATED, "approximated (kept, but not as the site's own tool shows it):"),
        (Kind.DROPPED, "left out:"),
    ):
        found = report.of_kind(kind)
        lines.append("")
        lines.append(f"{heading} {len(found)}")
        for finding in found:
            lines.append(f"  {finding.location}: {finding.feature}: {finding.message}")
    lines.append("")
    builds = [name for name, why in report.formats.items() if not why]
    lines.append(f"formats that will build here: {', '.join(builds)}")
    for name, why in report.formats.items():
        if why:
            lines.append(f"  {name}: {why}")
    return "\n".join(lines)
