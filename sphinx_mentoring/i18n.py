"""Message catalogs: every fixed string the extension and theme print is translatable.

Python code uses :data:`_` (catalog ``sphinx_mentoring``, in
``sphinx_mentoring/locale/<lang>/LC_MESSAGES``). HTML templates call ``_()``,
which Sphinx binds to its own catalog only; :func:`install_template_translations`
makes templates look in ours first, then in Sphinx's. The catalogs are kept up
to date with ``python tools/update-translations.py``.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation, get_translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MESSAGE_CATALOG = "sphinx_mentoring"
LOCALE_DIR = Path(__file__).parent / "locale"


#: ``_("text")`` is translated lazily, in the language of the build.
_ = get_translation(MESSAGE_CATALOG)


class TemplateTranslations(gettext.NullTranslations):
    """Our catalog first, then Sphinx's (for "Search", "Next" ... it already has)."""

    def __init__(self, ours: gettext.NullTranslations, sphinx: gettext.NullTranslations):
        super().__init__()
        self.ours, self.sphinx = ours, sphinx

    def gettext(self, message: str) -> str:
        translated = self.ours.gettext(message)
        return translated if translated != message else self.sphinx.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        translated = self.ours.ngettext(singular, plural, n)
        if translated not in (singular, plural):
            return translated
        return self.sphinx.ngettext(singular, plural, n)


def install_template_translations(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or not hasattr(environment, "install_gettext_translations"):
        return
    merged = TemplateTranslations(get_translator(MESSAGE_CATALOG), app.translator)
    environment.install_gettext_translations(merged, newstyle=False)


def setup(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("builder-inited", install_template_translations)
