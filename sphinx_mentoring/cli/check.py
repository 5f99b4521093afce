"""``sphinx-mentoring check SITE``: what the tool finds in a site, before any build.

The report is :mod:`sphinx_mentoring.migration`'s; nothing is written, Sphinx does
not run.
"""

from __future__ import annotations

import argparse
from typing import Any

from sphinx_mentoring.cli.common import site_folder


def add_parser(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="report what the tool finds in SITE before building it",
        description="Read SITE as the build would and report its family (Course-in-a-Box, "
        "Carpentries styles, Carpentries Workbench, plain Jekyll), modules and pages, the "
        "Jekyll features its pages use, what will be converted, what will only be "
        "approximated or left out (with file:line), and which formats will build here. "
        "Writes nothing.",
    )
    check.add_argument("site", metavar="SITE", help="the site folder")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sphinx_mentoring.migration import check_site, format_report

    print(format_report(check_site(site_folder(args.site))))
    return 0
