"""The course as an IMS Common Cartridge, the package every LMS imports.

- :mod:`.package`: a cartridge as plain data; the manifest, web link files, zip;
- :mod:`.outline`: the course model as the cartridge's organization;
- :mod:`.links`: links that work once Canvas, Moodle or Open edX imported it;
- :mod:`.builder`: ``sphinx-build -b imscc``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_mentoring.cartridge.builder import CommonCartridgeBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    app.add_builder(CommonCartridgeBuilder)
