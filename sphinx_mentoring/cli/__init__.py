"""The ``sphinx-mentoring`` command: a Jekyll course folder built, set up, checked.

- ``build`` (:mod:`.build`): the site as Sphinx builds it, with no ``conf.py``;
  nothing is ever written into the site folder.
- ``init`` (:mod:`.init`): the files of a Sphinx project written into the site
  (``conf.py``, ``Makefile``, ``make.bat``, ``requirements.txt``,
  ``.readthedocs.yaml``), only those that do not exist yet.
- ``check`` (:mod:`.check`): what the tool found in the site, before any build.

Exit codes: 0 success; 1 the build failed, whatever stopped it (or warnings with
``-W``); 2 a usage error, one line that says what to do.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from sphinx_mentoring import __version__
from sphinx_mentoring.cli import build, check, init
from sphinx_mentoring.cli.common import EXAMPLES, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["UsageError", "main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-mentoring",
        description="Build a Jekyll course site (Course-in-a-Box and the like) with Sphinx: "
        "HTML site, PDF, EPUB, live preview. No conf.py needed, no page edited.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (build, init, check):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"sphinx-mentoring: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 2
