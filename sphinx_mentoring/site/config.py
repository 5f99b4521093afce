"""``_config.yml`` with Jekyll 4's defaults filled in (``Jekyll::Configuration``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Jekyll's default ``markdown_ext``.
MARKDOWN_EXT = "markdown,mkdown,mkdn,mkd,md"
#: Jekyll 4's default ``exclude:`` entries (always excluded, besides the site's own).
DEFAULT_EXCLUDES = (
    ".sass-cache",
    ".jekyll-cache",
    ".ruby-lsp",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)
#: Jekyll's named permalink styles.
PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if item is not None]
    return []


@dataclass(frozen=True)
class CollectionConfig:
    """One entry of ``collections:`` (posts always among them)."""

    label: str
    output: bool = False
    permalink: str | None = None
    sort_by: str | None = None
    order: tuple[str, ...] | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteConfig:
    """The site's configuration: ``raw`` is ``_config.yml`` as written (a mapping)."""

    raw: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    @property
    def baseurl(self) -> str:
        """``baseurl`` without its trailing slash ("" for none or ``/``)."""
        return str(self.raw.get("baseurl") or "").rstrip("/")

    @property
    def markdown_exts(self) -> tuple[str, ...]:
        """Suffixes Jekyll converts as Markdown (``.md`` …), lower case, with the dot."""
        value = self.raw.get("markdown_ext")
        text = value if isinstance(value, str) and value.strip() else MARKDOWN_EXT
        return tuple(
            f".{ext.strip().lower().lstrip('.')}" for ext in text.split(",") if ext.strip()
        )

    @property
    def permalink_style(self) -> str:
        """The site's ``permalink:`` (a style name or a template); Jekyll's default is date."""
        value = self.raw.get("permalink")
        return str(value).strip() if isinstance(value, str) and value.strip() else "date"

    @property
    def collections_dir(self) -> str:
        return str(self.raw.get("collections_dir") or "").strip("/")

    @property
    def data_dir(self) -> str:
        return str(self.raw.get("data_dir") or "_data").strip("/")

    @property
    def exclude(self) -> list[str]:
        return [*DEFAULT_EXCLUDES, *_strings(self.raw.get("exclude"))]

    @property
    def include(self) -> list[str]:
        return [".htaccess", *_strings(self.raw.get("include"))]

    @property
    def future(self) -> bool:
        return self.raw.get("future") is True

    @property
    def unpublished(self) -> bool:
        return self.raw.get("unpublished") is True

    @property
    def collections(self) -> dict[str, CollectionConfig]:
        """``collections:`` as Jekyll normalises it: a list becomes a mapping, posts
        are always there (``output: true``, the site's permalink style)."""
        raw = self.raw.get("collections")
        entries: dict[str, Any] = {}
        if isinstance(raw, list):
            entries = {str(label): {} for label in raw}
        elif isinstance(raw, dict):
            entries = {str(k): (v if isinstance(v, dict) else {}) for k, v in raw.items()}
        posts = dict(entries.get("posts") or {})
        posts["output"] = True
        posts.setdefault("permalink", PERMALINK_STYLES.get(self.permalink_style))
        if posts["permalink"] is None:
            posts["permalink"] = self.permalink_style
        entries["posts"] = posts
        result: dict[str, CollectionConfig] = {}
        for label, metadata in entries.items():
            order = metadata.get("order")
            sort_by = metadata.get("sort_by")
            permalink = metadata.get("permalink")
            result[label] = CollectionConfig(
                label=label,
                output=metadata.get("output") is True,
                permalink=str(permalink) if isinstance(permalink, str) and permalink else None,
                sort_by=sort_by if isinstance(sort_by, str) else None,
                order=tuple(str(o) for o in order) if isinstance(order, list) else None,
                metadata=dict(metadata),
            )
        return result

    @property
    def titles_from_headings(self) -> dict[str, Any]:
        """jekyll-titles-from-headings' options (a GitHub Pages default plugin)."""
        value = self.raw.get("titles_from_headings")
        return value if isinstance(value, dict) else {}
