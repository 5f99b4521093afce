#!/usr/bin/env python
"""Keep the message catalogs of sphinx-mentoring up to date.

Extracts every ``_("...")`` string from the package's Python code and every
``{{ _('...') }}`` from the theme templates into
``sphinx_mentoring/locale/sphinx_mentoring.pot``, merges it into each
language's ``.po`` file (new strings arrive untranslated, vanished ones become
obsolete), and compiles the ``.mo`` files Sphinx loads.

    python tools/update-translations.py            # extract, update, compile
    python tools/update-translations.py --check    # exit 1 if anything is stale
    python tools/update-translations.py --add it   # start a new language

Translators edit only the ``.po`` files, then run the script again.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "sphinx_mentoring"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_mentoring"
LANGUAGES = ("de", "es", "fr")

METHOD_MAP = [
    ("**/locale/**", "ignore"),
    ("**.py", "python"),
    ("theme/**.html", "jinja2.ext:babel_extract"),
]


def extract() -> Catalog:
    """The template catalog: every translatable string of the package and theme."""
    catalog = Catalog(project="sphinx-mentoring", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, METHOD_MAP, keywords={"_": None}, comment_tags=("Translators:",)
    ):
        catalog.add(
            message,
            None,
            [(f"sphinx_mentoring/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def serialise_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=88, omit_header=False, sort_output=True, include_lineno=False)
    return buffer.getvalue()


def serialise_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def read_catalog(path: Path, language: str) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def translations(catalog: Catalog) -> dict[str, str]:
    """msgid -> msgstr of the translated, non-fuzzy messages (what a .mo holds)."""
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }


def mo_translations(path: Path) -> dict[str, str]:
    with path.open("rb") as stream:
        catalog = read_mo(stream)
    return {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str)}


def updated_po(template: Catalog, language: str) -> Catalog:
    path = po_path(language)
    if path.exists():
        catalog = read_catalog(path, language)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, project="sphinx-mentoring")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.fuzzy = False  # a fuzzy header would drop the charset from the .mo
    catalog.obsolete.clear()  # history lives in git, not in the catalog
    return catalog


def stale_files(template: Catalog) -> list[str]:
    """Which files would change: .po missing new strings, .mo not matching its .po."""
    stale = []
    for language in LANGUAGES:
        path = po_path(language)
        if not path.exists():
            stale.append(str(path))
            continue
        current = read_catalog(path, language)
        wanted = {str(m.id) for m in template if m.id}
        present = {str(m.id) for m in current if m.id}
        if wanted != present:
            stale.append(f"{path} (strings added or removed in the code)")
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo_translations(mo) != translations(current):
            stale.append(f"{mo} (not compiled from the current .po)")
    return stale


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(
        line for line in data.splitlines() if not line.startswith(b'"POT-Creation-Date')
    )


def write_if_changed(path: Path, data: bytes) -> None:
    """Only real changes reach git (the creation date alone does not count)."""
    if path.exists() and _without_dates(path.read_bytes()) == _without_dates(data):
        return
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale files, change nothing")
    parser.add_argument("--add", metavar="LANG", action="append", default=[], help="new language")
    args = parser.parse_args(argv)

    template = extract()
    if args.check:
        stale = stale_files(template)
        for line in stale:
            print(f"stale: {line}", file=sys.stderr)
        if stale:
            print("run: python tools/update-translations.py", file=sys.stderr)
        return 1 if stale else 0

    LOCALE.mkdir(parents=True, exist_ok=True)
    write_if_changed(LOCALE / f"{DOMAIN}.pot", serialise_po(template))
    for language in sorted({*LANGUAGES, *args.add}):
        catalog = updated_po(template, language)
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(path, serialise_po(catalog))
        write_if_changed(path.with_suffix(".mo"), serialise_mo(catalog))
        done = len(translations(catalog))
        print(f"{language}: {done}/{len(template)} strings translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
