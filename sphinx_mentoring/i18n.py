"""Message catalogs: every fixed string the extension and theme print is translatable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MESSAGE_CATALOG = "sphinx_mentoring"
LOCALE_DIR = Path(__file__).parent / "locale"

#: ``_("text")`` is translated lazily, in the language of the build.
_ = get_translation(MESSAGE_CATALOG)


def setup(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
