"""What the commands share: the usage error, the site folder argument, the examples."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = """\
examples:
  sphinx-mentoring check my-course
      what the tool finds in the site: family, modules, pages, what converts
  sphinx-mentoring build my-course _build
      the themed HTML site, in _build/html (open _build/html/index.html)
  sphinx-mentoring build my-course _build --format pdf
      the course PDF and one per module, in _build/latex (needs latexmk and
      LaTeX); each PDF is compiled on its own, -j N at a time, and only when
      its pages changed; a failed one is named at the end with its LaTeX error
  sphinx-mentoring build my-course _build --format epub -W
      an EPUB in _build/epub; any warning fails the build (exit code 1)
  sphinx-mentoring build my-course _build --format imscc
      a Common Cartridge to import into Canvas, Moodle or Open edX, in _build/imscc
  sphinx-mentoring build my-lesson _build/instructor --instructor
      a Carpentries lesson's instructor view: instructor notes and pages included
  sphinx-mentoring build my-course _build --serve
      live preview at http://127.0.0.1:8000, rebuilt on every save
  sphinx-mentoring init my-course
      write conf.py, Makefile, make.bat, requirements.txt and .readthedocs.yaml
      into my-course, to own the configuration (make html, Read the Docs)

exit codes: 0 success, 1 the build failed (or warnings with -W, or any PDF that
failed: the other PDFs are still written), 2 wrong usage.
The site folder is never written to by 'build' or 'check'.
"""


class UsageError(Exception):
    """A mistake in the command line or its folders; exit code 2."""


def site_folder(value: str) -> Path:
    """The SITE argument: an existing folder, resolved."""
    site = Path(value).expanduser()
    if not site.is_dir():
        raise UsageError(
            f"the site folder '{value}' does not exist (or is not a folder). "
            "Give the folder that holds the course's _config.yml and pages."
        )
    return site.resolve()
