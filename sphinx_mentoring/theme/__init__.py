"""The ``sphinx_mentoring`` HTML theme (also the ``sphinx.html_themes`` entry point).

The templates live in ``sphinx_mentoring/`` beside this file. This module adds
what templates cannot do on their own, at ``html-page-context``:

- (the layout template of a page is chosen by :mod:`sphinx_mentoring.layouts`,
  among them this theme's ``layouts/*.html``);
- validates theme options that end up in CSS or links (accent colours, the
  repository URL) and derives the "edit this page" URL and the canonical URL
  from Read the Docs' ``READTHEDOCS_CANONICAL_URL``;
- counts each module's pages once per build for the progress display;
- keeps the CSS a page loads small: the extension's generic component styles
  (``mentoring-components.css``, for other themes) are part of ``mentoring.css``,
  and ``pygments.css`` is only linked from pages that show highlighted code.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes as docutils_nodes
from sphinx.locale import is_translator_registered

from sphinx_mentoring.i18n import LOCALE_DIR, MESSAGE_CATALOG, install_template_translations
from sphinx_mentoring.report import warn
from sphinx_mentoring.theme import landing

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

THEME_NAME = "sphinx_mentoring"
THEME_DIR = Path(__file__).parent / THEME_NAME

#: Colours that are safe to write into a ``<style>`` element.
_CSS_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}"
    r"|(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([0-9.,%/ a-z+-]{1,60}\))$"
)


def valid_colour(value: str) -> bool:
    return bool(_CSS_COLOUR.match(value.strip()))


def accent_css(light: str, dark: str) -> str:
    """CSS custom properties for the accent options (values already validated)."""
    rules = []
    if light:
        rules.append(f":root{{--mentoring-accent:{light}}}")
    if dark:
        rules.append(f":root[data-theme=dark]{{--mentoring-accent:{dark}}}")
        rules.append(
            "@media (prefers-color-scheme:dark){:root:not([data-theme=light])"
            f"{{--mentoring-accent:{dark}}}}}"
        )
    return "".join(rules)


def page_names(sections: Iterable[Mapping[str, Any]], into: set[str]) -> set[str]:
    """Every page of a module (a section's parts may repeat the section's own page)."""
    for section in sections:
        into.add(str(section.get("docname") or section.get("url")))
        page_names(section.get("children") or (), into)
    return into


def trail_to_current(
    sections: Iterable[Mapping[str, Any]],
) -> list[Mapping[str, Any]] | None:
    """The sections above the current one (its parents), or None if it is not below."""
    for section in sections:
        if section.get("current"):
            return []
        below = trail_to_current(section.get("children") or ())
        if below is not None:
            return [section, *below]
    return None


def has_code(doctree: nodes.document | None) -> bool:
    if doctree is None:
        return False
    return any(True for _ in doctree.findall(is_code_node))


def is_code_node(node: nodes.Node) -> bool:
    return isinstance(node, (docutils_nodes.literal_block, docutils_nodes.doctest_block)) or (
        isinstance(node, docutils_nodes.literal) and "code" in node.get("classes", ())
    )


def unneeded_css(css: Any, doctree: nodes.document | None) -> bool:
    name = posixpath.basename(str(getattr(css, "filename", css)).split("?")[0])
    if name == "mentoring-components.css":
        return True
    return name == "pygments.css" and not has_code(doctree)


#: Sphinx's scripts only the search page needs up front; another page loads them
#: (mentoring.js) only when a search led to it, to highlight the words searched for.
SEARCH_SCRIPTS = ("doctools.js", "translations.js", "sphinx_highlight.js")


def script_name(script: Any) -> str:
    return posixpath.basename(str(getattr(script, "filename", script)).split("?")[0])


def is_ours(context: Mapping[str, Any]) -> bool:
    """Is the page rendered by this theme (or a theme inheriting it)?"""
    return "theme_progress_tracking" in context


def module_totals(builder: StandaloneHTMLBuilder, modules: list[Mapping[str, Any]]) -> dict:
    """Pages per module, counted once per build (the model is the same for every page)."""
    key = tuple(str(module.get("id")) for module in modules)
    cached = builder.__dict__.get("_mentoring_totals")
    if cached is None or cached[0] != key:
        totals = {
            str(m.get("id")): len(page_names(m.get("sections") or (), set())) for m in modules
        }
        cached = (key, totals)
        builder.__dict__["_mentoring_totals"] = cached
    return cached[1]


def edit_url(context: Mapping[str, Any], repository: str) -> str | None:
    sourcename = context.get("sourcename")
    pagename = context.get("pagename")
    suffix = context.get("page_source_suffix")
    if not (repository and sourcename and pagename and suffix):
        return None
    branch = str(context.get("theme_repository_branch") or "main").strip("/")
    folder = str(context.get("theme_repository_path") or "").strip("/")
    path = posixpath.join(folder, f"{pagename}{suffix}") if folder else f"{pagename}{suffix}"
    return f"{repository.rstrip('/')}/edit/{branch}/{path}"


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    if not is_ours(context):
        return

    pathto = context["pathto"]
    mentoring = context.get("mentoring") or None
    if builder.name == "singlehtml":
        context["hasdoc"] = single_page_hasdoc(context["hasdoc"])

    context["css_files"] = [
        css for css in context.get("css_files", []) if not unneeded_css(css, doctree)
    ]
    if pagename != "search":
        scripts = context.get("script_files", [])
        later = [js for js in scripts if script_name(js) in SEARCH_SCRIPTS]
        context["script_files"] = [js for js in scripts if js not in later]
        context["mentoring_highlight_scripts"] = " ".join(
            pathto(f"_static/{script_name(js)}", resource=True)
            for name in SEARCH_SCRIPTS
            for js in later
            if script_name(js) == name
        )
    context["mentoring_favicon_url"] = pathto("_static/mentoring-favicon.svg", resource=True)
    logo = str(context.get("theme_logo") or "")
    if logo and not re.match(r"^https?://", logo):
        logo = pathto(f"_static/{logo}", resource=True)
    context["mentoring_logo_url"] = logo or context.get("logo_url") or ""

    light = str(context.get("theme_accent_color") or "")
    dark = str(context.get("theme_accent_color_dark") or "")
    context["mentoring_accent_css"] = accent_css(
        light if valid_colour(light) else "", dark if valid_colour(dark) else ""
    )

    repository = str(context.get("theme_repository_url") or "")
    if not re.match(r"^https?://[^\s\"'<>]+$", repository):
        repository = ""
    context["mentoring_repository_url"] = repository
    context["mentoring_edit_url"] = edit_url(context, repository)

    canonical_root = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    if not context.get("pageurl") and canonical_root.startswith(("http://", "https://")):
        context["pageurl"] = posixpath.join(canonical_root, builder.get_target_uri(pagename))

    context["mentoring_description"] = str((mentoring or {}).get("description") or "")
    context["mentoring_license"] = str(getattr(app.config, "mentoring_license", None) or "")
    context["mentoring_print_header"] = print_header(mentoring, context)
    context["mentoring_localtoc"] = localtoc_mode(app.env.tocs.get(pagename))

    modules = (mentoring or {}).get("modules") or []
    context["mentoring_module_totals"] = module_totals(builder, modules)
    current = (mentoring or {}).get("module")
    number = next((n for n, module in enumerate(modules, 1) if module.get("current")), 0)
    context["mentoring_module_number"] = number
    shown = module_window(modules, number, _int_option(context, "module_list_limit", 12))
    context["mentoring_modules_shown"] = shown
    context["mentoring_modules_hidden"] = len(modules) - len(shown)
    trail = trail_to_current((current or {}).get("sections") or ()) if current else None
    context["mentoring_trail"] = trail or []

    # Pages outside the course get the root toctree's first level: a walk much
    # smaller than the global sidebar, and never made for course pages.
    fallback = ""
    if (not current and mentoring_page_kind(mentoring) in {"page", ""}) and str(
        context.get("theme_fallback_toctree", "true")
    ).lower() in {"true", "1", "yes"}:
        toctree = context.get("toctree")
        if callable(toctree):
            fallback = toctree(maxdepth=1, collapse=True, titles_only=True, includehidden=False)
    context["mentoring_fallback_toc"] = fallback


def single_page_hasdoc(hasdoc: Any) -> Any:
    """singlehtml writes no search page and no index, though Sphinx's ``hasdoc``
    says it has them: no header search box or ``<link>`` to a missing page."""

    def has(name: str) -> bool:
        return name not in {"search", "genindex"} and bool(hasdoc(name))

    return has


def css_string(text: str) -> str:
    """*text* as a CSS string literal (safe inside ``<style>``: no quote, backslash,
    line break or ``<`` gets through unescaped)."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,;:!?()'-_/&" else f"\\{ord(ch):x} " for ch in text
    )
    return f'"{escaped}"'


def print_header(mentoring: Mapping[str, Any] | None, context: Mapping[str, Any]) -> str:
    """The running header of a printed page: the course, and the module it is in."""
    course = str((mentoring or {}).get("course_title") or context.get("project") or "")
    module = (mentoring or {}).get("module") or {}
    parts = [part for part in (course, str(module.get("title") or "")) if part]
    return css_string(" \u2014 ".join(parts)) if parts else ""


def localtoc_mode(toc: nodes.Node | None) -> str:
    """How "On this page" shows a page's headings: "nested" (what is under the one
    page title), "flat" (several top-level headings), or "" (nothing to show)."""
    if toc is None or not toc.children:
        return ""
    top = [item for item in toc.children if isinstance(item, docutils_nodes.list_item)]
    if len(top) > 1:
        return "flat"
    if top and any(isinstance(child, docutils_nodes.bullet_list) for child in top[0].children):
        return "nested"
    return ""


def module_window(
    modules: list[Mapping[str, Any]], number: int, limit: int
) -> list[Mapping[str, Any]]:
    """At most ``limit`` modules, centred on the current one (1-based ``number``)."""
    if limit <= 0 or len(modules) <= limit:
        return modules
    start = min(max(number - 1 - limit // 2, 0), len(modules) - limit)
    return modules[start : start + limit]


def _int_option(context: Mapping[str, Any], name: str, default: int) -> int:
    try:
        return int(str(context.get(f"theme_{name}", default)))
    except ValueError:
        return default


def mentoring_page_kind(mentoring: Mapping[str, Any] | None) -> str:
    return str((mentoring or {}).get("page_kind") or "")


def check_options(app: Sphinx) -> None:
    """Warn once per build about theme options the theme has to ignore."""
    theme = getattr(app.builder, "theme", None)
    if theme is None or not hasattr(theme, "get_options"):
        return
    try:
        options = theme.get_options(getattr(app.builder, "theme_options", {}) or {})
    except Exception:  # a theme error is Sphinx's to report
        return
    if "progress_tracking" not in options:
        return
    for name in ("accent_color", "accent_color_dark"):
        value = str(options.get(name) or "")
        if value and not valid_colour(value):
            warn(
                f"html_theme_options[{name!r}] = {value!r} is not a CSS colour "
                "(use e.g. '#1f6f8b'); the theme's colour is used",
                "theme",
                None,
            )
    repository = str(options.get("repository_url") or "")
    if repository and not re.match(r"^https?://[^\s\"'<>]+$", repository):
        warn(
            f"html_theme_options['repository_url'] = {repository!r} is not an http(s) URL; "
            "no edit links are shown",
            "theme",
            None,
        )


#: The theme's own files, written minified into the output (the sources stay readable),
#: and Sphinx's Pygments stylesheet (a comment on every line: 4.8 KB -> 2.8 KB).
MINIFIED = {
    "mentoring.css": "css",
    "mentoring.js": "js",
    "mentoring-search.js": "js",
    "pygments.css": "css",
}


def minify_assets(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: our stylesheet and scripts as small as they can be (rcssmin,
    rjsmin), so a section page stays well under its 40 KB of CSS and JavaScript."""
    import rcssmin
    import rjsmin

    builder = app.builder
    if exception is not None or builder.format != "html" or builder.name.startswith("epub"):
        return
    if not Path(builder.outdir, "_static", "mentoring.css").is_file():
        return  # another theme's files are its own
    for name, kind in MINIFIED.items():
        path = Path(builder.outdir, "_static", name)
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text) if kind == "css" else rjsmin.jsmin(text)
        if small != text:
            path.write_text(small, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_theme(THEME_NAME, str(THEME_DIR))
    # Loaded on its own (``html_theme`` only, through the entry point), the theme
    # still needs the extension's message catalog, and templates must look in it
    # (installing the merged catalog twice, with the extension, is harmless).
    if not is_translator_registered(MESSAGE_CATALOG):
        app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("builder-inited", install_template_translations)
    # After the course model (priority 500) has put ``mentoring`` in the context.
    app.connect("html-page-context", page_context, priority=600)
    app.connect("builder-inited", check_options)
    app.connect("build-finished", minify_assets)
    landing.setup(app)  # the course landing's module cards
    return {"parallel_read_safe": True, "parallel_write_safe": True}
