"""Jekyll front matter -> Sphinx document fields.

The YAML block becomes: the document title (when the body does not start with a
top-level heading of its own), ``env.metadata`` (every key, so templates see it
as ``meta``), a typed :class:`PageInfo` for the course model, the HTML template
(``layout``), and Jekyll's ``published: false``.

The block is never handed to docutils as a field list, so keys that docutils
treats as bibliographic fields (``date``, ``author``, ``abstract`` ...) do not
render anything. Bad front matter is reported once, at its line, and its text
stays visible on the page.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.durations import CARPENTRIES_KEYS, STATED_KEYS, parse_duration
from sphinx_mentoring.report import info, warn

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from sphinx_mentoring.parser import MentoringRenderer

_ORDINAL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
ORDINALS = {word: number for number, word in enumerate(_ORDINAL_WORDS.split(" "))}

_LEADING_NUMBER = re.compile(r"^\s*(\d+)")
# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# A Jekyll post's file name: the date, then the slug.
_POST_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")

#: Keys whose value is shown as text: a list or mapping there is a slip.
TEXT_KEYS = frozenset(
    {"title", "layout", "module_name", "module_full_name", "section", "subsection", "permalink"}
)

#: Keys that state a time (:mod:`sphinx_mentoring.durations`).
TIME_KEYS = frozenset(STATED_KEYS + CARPENTRIES_KEYS)

#: Front-matter keys that mean something to Jekyll, the course template, Sphinx or
#: docutils. An unknown key close to one of these is probably a typo (``tile:``).
KNOWN_KEYS = frozenset(
    {
        # course template
        "module_name",
        "module_full_name",
        "section",
        "subsection",
        # Jekyll and its common plugins
        "title",
        "layout",
        "permalink",
        "published",
        "date",
        "category",
        "categories",
        "tags",
        "excerpt",
        "excerpt_separator",
        "description",
        "author",
        "authors",
        "lang",
        "image",
        "slug",
        "redirect_from",
        "redirect_to",
        "sitemap",
        "order",
        "nav_order",
        # time accounting (course.timing), Carpentries episodes included
        "duration",
        "time",
        "teaching",
        "exercises",
        "break",
        # Sphinx / MyST file-wide settings
        "orphan",
        "tocdepth",
        "nocomments",
        "nosearch",
        "html_meta",
        "myst",
        # docutils bibliographic fields
        "version",
        "abstract",
        "dedication",
        "copyright",
        "contact",
        "address",
        "organization",
        "status",
        "revision",
    }
)


#: libyaml's loader when PyYAML has it (its wheels do): several times faster on
#: thousands of pages, same values and error marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load``, with libyaml when available."""
    return yaml.load(text, Loader=_YAML_LOADER)  # a safe loader: plain data only


@dataclass(frozen=True)
class PageInfo:
    """The course-relevant front matter of one page, typed."""

    title: str | None = None
    layout: str | None = None
    module_name: str | None = None
    module_full_name: str | None = None
    section: int | None = None  # leading number of ``section: "1. Introduction"``
    section_label: str | None = None  # the whole ``section`` value
    subsection: int | None = None  # ``one``, ``two`` ... or a number
    permalink: str | None = None
    published: bool = True
    tags: tuple[str, ...] = ()  # ``tags: [a, b]`` or ``tags: "a b"`` (Jekyll splits on spaces)
    date: datetime.date | None = None
    description: str | None = None


def leading_number(value: Any) -> int | None:
    """``"1. Introduction"`` -> 1, ``3`` -> 3, anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    match = _LEADING_NUMBER.match(str(value)) if value is not None else None
    return int(match.group(1)) if match else None


def ordinal(value: Any) -> int | None:
    """``"two"`` -> 2, ``"2"`` -> 2, ``2`` -> 2, anything else -> None."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().lower()
    return ORDINALS.get(text, leading_number(text))


def as_text(value: Any) -> str | None:
    """A front-matter value as the text Jekyll would print (lists joined)."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (as_text(v) for v in value) if t)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def is_published(value: Any) -> bool:
    """Jekyll leaves a page out only for ``published: false`` (we also accept the text)."""
    if isinstance(value, bool):
        return value
    return not (isinstance(value, str) and value.strip().lower() in {"false", "no", "off"})


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v is not None)
    return ()


def as_date(value: Any) -> datetime.date | None:
    """A front-matter date (YAML date, datetime, or text starting ``YYYY-MM-DD``)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def page_info(metadata: Mapping[str, Any]) -> PageInfo:
    """Type the course keys of a page's metadata (its front matter)."""
    return PageInfo(
        title=as_text(metadata.get("title")),
        layout=as_text(metadata.get("layout")),
        module_name=as_text(metadata.get("module_name")),
        module_full_name=as_text(metadata.get("module_full_name")),
        section=leading_number(metadata.get("section")),
        section_label=as_text(metadata.get("section")),
        subsection=ordinal(metadata.get("subsection")),
        permalink=as_text(metadata.get("permalink")),
        published=is_published(metadata.get("published", True)),
        tags=_tags(metadata.get("tags")),
        date=as_date(metadata.get("date")),
        description=as_text(metadata.get("description")),
    )


def body_has_title(tokens: Sequence[Token]) -> bool:
    """Does the Markdown body start with its own document title (a level-1 heading)?"""
    for token in tokens:
        if token.type == "front_matter":
            continue
        return token.type == "heading_open" and token.tag == "h1"
    return False


def escape_markdown(text: str) -> str:
    return _MD_PUNCTUATION.sub(r"\\\1", text)


def title_from_filename(path: str) -> str:
    """``2001-01-01-what-is-mentoring`` -> ``What Is Mentoring`` (as Jekyll titles posts)."""
    slug = _POST_DATE.sub("", Path(path).name.rsplit(".", 1)[0] if "." in path else path)
    slug = Path(slug).name
    words = re.split(r"[-_\s]+", slug)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or slug


def key_lines(text: str) -> dict[str, int]:
    """0-based line of each top-level ``key:`` in the YAML text (first occurrence)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines()):
        match = re.match(r"""^(["']?)([^\s:#"'][^:]*?)\1\s*:(\s|$)""", line)
        if match and match.group(2) not in lines:
            lines[match.group(2)] = number
    return lines


def _raw_value(text: str, key: str) -> str | None:
    """The value of ``key:`` exactly as written (YAML would read ``1.10`` as 1.1)."""
    for line in text.splitlines():
        match = re.match(rf"^{re.escape(key)}\s*:\s*(.*?)\s*$", line)
        if match:
            value = re.sub(r"\s+#.*$", "", match.group(1))
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            return value or None
    return None


def recover_mapping(text: str) -> dict[str, str]:
    """Best-effort ``key: value`` lines of front matter that is not valid YAML.

    The usual slip is a colon in a value (``title: Mentoring: a guide``), which
    YAML refuses but Jekyll authors mean literally: keep such values as text.
    """
    data: dict[str, str] = {}
    for key in key_lines(text):
        value = _raw_value(text, key)
        if value is not None:
            data[key] = value
    return data


def suggest_key(key: str, known: frozenset[str] | set[str]) -> str | None:
    """The known key an unknown key is probably a typo of (``tile`` -> ``title``)."""
    if key in known:
        return None
    lowered = key.lower()
    if lowered in known:
        return lowered
    matches = difflib.get_close_matches(lowered, sorted(known), n=1, cutoff=0.8)
    return matches[0] if matches else None


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: the mapping, and whether the YAML was usable as written."""

    data: dict[str, Any]
    valid: bool


def parse_front_matter(text: str, location: tuple[str, int]) -> FrontMatter:
    """Parse the YAML text; ``location`` is (docname, 1-based line of its first line).

    Invalid YAML or a non-mapping is reported, and what ``key: value`` lines can
    be recovered are returned, so the title still works.
    """
    docname, first_line = location
    try:
        data = load_yaml(text) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        warn(
            f"front matter is not valid YAML ({problem}); it is shown as text on the "
            "page. Quote values that contain ': ' or start with a special character, "
            'e.g. title: "Mentoring: a guide"',
            "frontmatter",
            (docname, line),
        )
        return FrontMatter(recover_mapping(text), valid=False)
    if data is None:
        return FrontMatter({}, valid=True)
    if not isinstance(data, dict):
        warn(
            f"front matter is not a mapping of keys to values (it is a {_yaml_kind(data)}); "
            "it is shown as text on the page. Write one 'key: value' per line",
            "frontmatter",
            location,
        )
        return FrontMatter({}, valid=False)
    return FrontMatter({str(key): value for key, value in data.items()}, valid=True)


def _yaml_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "piece of text"
    return type(value).__name__


def check_values(
    data: Mapping[str, Any], text: str, docname: str, first_line: int, known: set[str]
) -> None:
    """Warn about misspelt keys and values of the wrong kind, each at its line."""
    lines = key_lines(text)
    for key, value in data.items():
        line = first_line + lines.get(key, 0)
        suggestion = suggest_key(key, known)
        if suggestion is not None and suggestion not in data:
            warn(
                f"unknown front-matter key {key!r}: did you mean {suggestion!r}?",
                "frontmatter_key",
                (docname, line),
            )
        if key in TEXT_KEYS and isinstance(value, list | dict):
            kind = "list" if isinstance(value, list) else "mapping"
            warn(
                f"front-matter key {key!r} should be text, not a {kind}; using {as_text(value)!r}",
                "frontmatter",
                (docname, line),
            )
        elif key == "published" and not isinstance(value, bool):
            warn(
                f"'published' should be true or false, not {value!r}",
                "frontmatter",
                (docname, line),
            )
        elif key in TIME_KEYS and value not in (None, "") and parse_duration(value) is None:
            warn(
                f"{key}: {value!r} is no time that adds up (write e.g. 45, '90 minutes' "
                "or '1 h 30 min'); it counts in no time total",
                "duration",
                (docname, line),
            )


def render_front_matter(renderer: MentoringRenderer, token: SyntaxTreeNode) -> None:
    """Store the front matter as metadata, and make its title the document title."""
    env = renderer.sphinx_env
    text = token.content if isinstance(token.content, str) else ""
    # token.map[0] is the line of the opening "---" (1-based here): YAML starts on the next.
    first_line = (token.map[0] if token.map else 0) + 1
    docname = env.docname if env is not None else "<document>"
    parsed = parse_front_matter(text, (docname, first_line))
    data = parsed.data
    if parsed.valid and env is not None:
        known = set(KNOWN_KEYS) | set(env.config.mentoring_front_matter_keys)
        check_values(data, text, docname, first_line, known)
    if env is not None and data:
        env.metadata[env.docname].update(data)

    if not renderer.md_env.get("mentoring_body_has_title"):
        title = _title_text(data, text) if "title" in data else None
        if title is None and env is not None and docname != env.config.root_doc:
            title = title_from_filename(str(env.doc2path(docname, False)))
            if parsed.valid:  # else the broken block was reported already
                warn(
                    f"front matter has no 'title'; using {title!r} (from the file name). "
                    "Add a line 'title: ...'",
                    "frontmatter_title",
                    (docname, first_line - 1),
                )
        if title:
            renderer.nested_render_text(f"# {escape_markdown(title)}", max(first_line - 2, 0))

    if not parsed.valid:
        # Nothing the author wrote is lost: the block stays readable, as text.
        block = nodes.literal_block(text, text, classes=["mentoring-frontmatter-invalid"])
        block.source, block.line = renderer.document["source"], first_line
        renderer.current_node.append(block)


def _title_text(data: Mapping[str, Any], text: str) -> str | None:
    """The title as written: YAML's reading of a number or date is not the author's text."""
    value = data.get("title")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        return as_text(value)
    return _raw_value(text, "title") or as_text(value)


# --- published: false -------------------------------------------------------------


def read_head(path: Path, max_lines: int = 200) -> str | None:
    """The front-matter text of a file, read without reading the whole file."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline=None) as stream:
            if stream.readline().rstrip() != "---":
                return None
            lines = []
            for _ in range(max_lines):
                line = stream.readline()
                if not line or line.rstrip() in {"---", "..."}:
                    break
                lines.append(line)
            return "".join(lines)
    except OSError:
        return None


def unpublished_sources(srcdir: Path, config: Config) -> list[tuple[str, int]]:
    """Markdown sources whose front matter says ``published: false``, with its line."""
    from sphinx.project import EXCLUDE_PATHS
    from sphinx.util.matching import get_matching_files

    suffixes = tuple(
        suffix for suffix, kind in dict(config.source_suffix).items() if kind == "markdown"
    )
    if not suffixes:
        return []
    found = []
    for relative in get_matching_files(
        srcdir,
        config.include_patterns,
        [*config.exclude_patterns, *config.templates_path, *EXCLUDE_PATHS],
    ):
        if not relative.endswith(suffixes):
            continue
        head = read_head(srcdir / relative)
        if head is None or "published" not in head:
            continue  # the cheap test keeps 5,000-page sites fast
        line = key_lines(head).get("published")
        value = _raw_value(head, "published")
        if line is not None and value is not None and not is_published(_yaml_scalar(value)):
            found.append((relative, line + 2))
    return found


def _yaml_scalar(text: str) -> Any:
    try:
        return load_yaml(text)
    except yaml.YAMLError:
        return text


def exclude_unpublished(app: Sphinx, config: Config) -> None:
    """Leave ``published: false`` pages out, as Jekyll does: no toctree/orphan warnings."""
    srcdir = Path(app.srcdir)
    unpublished = unpublished_sources(srcdir, config)
    for relative, line in unpublished:
        info(f"{srcdir / relative}:{line}: not published (published: false), left out")
    if unpublished:
        config.exclude_patterns = [*config.exclude_patterns, *(r for r, _ in unpublished)]


class EmptyPage(SphinxTransform):
    """An empty source file still gets a title (from its file name) and one warning."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        if any(not isinstance(child, nodes.system_message) for child in self.document):
            return
        docname = self.env.docname
        if set(self.env.metadata.get(docname, {})) - {"wordcount"}:  # MyST adds wordcount
            return  # front matter only: a page its layout fills (e.g. a landing page)
        title = title_from_filename(str(self.env.doc2path(docname, False)))
        warn(
            f"the page is empty; it is titled {title!r} from its file name",
            "frontmatter_title",
            (docname, 1),
        )
        section = nodes.section("", nodes.title(title, title), ids=[nodes.make_id(title)])
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.append(section)


def setup(app: Sphinx) -> None:
    app.add_transform(EmptyPage)
    # After Sphinx has normalised source_suffix (priority 800).
    app.connect("config-inited", exclude_unpublished, priority=900)
