"""Jekyll front matter -> Sphinx document fields.

The YAML block becomes: the document title (when the body does not start with a
top-level heading of its own), ``env.metadata`` (every key, so templates see it
as ``meta``), a typed :class:`PageInfo` for the course model and the HTML
template (``layout``). The site model (:mod:`sphinx_mentoring.site`) has parsed
the block when it read the site; it is not parsed again here. Pages that are
not published are left out of the sources (:mod:`sphinx_mentoring.sources`).

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
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_mentoring.durations import CARPENTRIES_KEYS, STATED_KEYS, parse_duration
from sphinx_mentoring.report import warn
from sphinx_mentoring.site.frontmatter import key_lines, parse, raw_value
from sphinx_mentoring.site.names import title_from_path
from sphinx_mentoring.site.titles import plain_text
from sphinx_mentoring.sources import get_site, page_of

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ORDINAL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
ORDINALS = {word: number for number, word in enumerate(_ORDINAL_WORDS.split(" "))}

_LEADING_NUMBER = re.compile(r"^\s*+([0-9]{1,9})(?![0-9])")  # int() refuses 4,300 digits
# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

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


@dataclass(frozen=True)
class TitlePlan:
    """How a page's title reaches its doctree (decided once all tokens are known).

    The front-matter title is the document title: inserted as a level-1 heading,
    unless the body opens with a heading of the same text, which is then shown
    once, as the title. Any other level-1 heading of the body stays, one level
    down, under the title.
    """

    insert: str | None  # the title to insert as the first heading (None: nothing)
    promoted: Token | None = None  # the body's opening heading, shown as the title
    demote: bool = False  # other headings one level down (the body has a level-1 one)
    written: str | None = None  # the front-matter title: shown as written, whatever shows it


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def plan_title(
    tokens: Sequence[Token], title: str | None, fallback: str, *, written: bool = False
) -> TitlePlan:
    """Where the document title comes from, given the page's title (None: it has none;
    *written*: the author wrote it in the front matter)."""
    headings = [
        (index, token)
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.level == 0
    ]
    body = [token for token in tokens if token.type != "front_matter"]
    opens_with_heading = bool(headings and body and body[0] is headings[0][1])
    if title is None:
        if opens_with_heading:  # Sphinx's own: the heading the page opens with
            return TitlePlan(None)
        title = fallback
    promoted = None
    if opens_with_heading:
        index, opening = headings[0]
        if index + 1 < len(tokens) and _same_text(
            plain_text(tokens[index + 1].content), plain_text(title)
        ):
            promoted = opening
    demote = any(token.tag == "h1" and token is not promoted for _index, token in headings)
    return TitlePlan(
        None if promoted is not None else title, promoted, demote, title if written else None
    )


def finish_title(document: nodes.document, plan: TitlePlan | None) -> None:
    """The title as the author wrote it, shown once (when the page is parsed).

    A front-matter title reaches every output as written: Jekyll's layouts print
    ``{{ page.title }}`` untouched, so Sphinx's smart quotes leave it alone. An
    HTML ``<h1>`` that repeats the inserted title (the heading an HTML page is
    titled by) is not shown a second time.
    """
    sections = [child for child in document.children if isinstance(child, nodes.section)]
    if plan is None or not sections or not isinstance(sections[0][0], nodes.title):
        return
    section, title = sections[0], sections[0][0]
    if plan.insert is None and plan.promoted is None:
        return  # the body's own heading: kramdown makes its quotes typographic too
    title["support_smartquotes"] = False
    if plan.written and title.astext() != plan.written:
        # a heading of the same words in other letters ("What Are Variables?" under
        # title: What are variables?): the author's title is the one shown
        title[:] = [nodes.Text(plan.written)]
    if plan.insert is None:
        return
    first_h1 = next(
        (
            rubric
            for rubric in section.findall(nodes.rubric)
            if "mentoring-html-h1" in rubric["classes"]
        ),
        None,
    )
    if first_h1 is not None and _same_text(first_h1.astext(), plan.insert):
        section["ids"].extend(i for i in first_h1["ids"] if i not in section["ids"])
        parent = first_h1.parent
        parent.remove(first_h1)
        if isinstance(parent, nodes.container) and not parent.children:
            parent.parent.remove(parent)  # the <div> that only held the heading


def heading_shift(md_env: Mapping[str, Any], token: Token) -> int:
    """Levels to move a body heading by, under the page's title plan."""
    plan = md_env.get("mentoring_title_plan")
    if not isinstance(plan, TitlePlan):
        return 0
    level = int(token.tag[1])
    if token is plan.promoted:
        return 1 - level
    return 1 if plan.demote and level < 6 else 0


def escape_markdown(text: str) -> str:
    return _MD_PUNCTUATION.sub(r"\\\1", text)


def title_from_filename(path: str) -> str:
    """``2001-01-01-what-is-mentoring`` -> ``What Is Mentoring`` (as Jekyll titles posts)."""
    return title_from_path(path)


def suggest_key(key: str, known: frozenset[str] | set[str]) -> str | None:
    """The known key an unknown key is probably a typo of (``tile`` -> ``title``)."""
    if key in known:
        return None
    lowered = key.lower()
    if lowered in known:
        return lowered
    matches = difflib.get_close_matches(lowered, sorted(known), n=1, cutoff=0.8)
    return matches[0] if matches else None


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


def render_front_matter(renderer: SphinxRenderer, token: SyntaxTreeNode) -> None:
    """Store the front matter as metadata, and make its title the document title."""
    env = renderer.sphinx_env
    text = token.content if isinstance(token.content, str) else ""
    # token.map[0] is the line of the opening "---" (1-based here): YAML starts on the next.
    first_line = (token.map[0] if token.map else 0) + 1
    docname = env.docname if env is not None else "<document>"
    page = page_of(env, docname) if env is not None else None
    if page is not None and page.front_matter_text.strip() == text.strip():
        # The site model parsed it when it read the site: never twice.
        problems = page.problems
        data, valid = page.front_matter, not [p for p in problems if p.subtype == "frontmatter"]
    else:
        parsed = parse(text, first_line)
        data, valid = parsed.data, parsed.valid
        problems = (parsed.problem,) if parsed.problem else ()
    for problem in problems:
        warn(problem.message, problem.subtype, (docname, problem.line))
    if valid and env is not None:
        known = set(KNOWN_KEYS) | set(env.config.mentoring_front_matter_keys)
        check_values(data, text, docname, first_line, known)
    if env is not None and data:
        env.metadata[env.docname].update(data)

    if env is not None:
        if page is not None:
            title = page.title
            written = title is not None and str(page.metadata.get("title") or "").strip() != ""
        else:
            title = _title_text(data, text) if "title" in data else None
            written = title is not None
        tokens = renderer.md_env.get("mentoring_tokens", ())
        plan = plan_title(tokens, title, _fallback_title(env, docname), written=written)
        if plan.insert:
            line = max(first_line - 2, 0)
            renderer.nested_render_text(f"# {escape_markdown(plan.insert)}", line)
        # Only now: the inserted title itself is never shifted.
        renderer.md_env["mentoring_title_plan"] = plan

    if not valid:
        # Nothing the author wrote is lost: the block stays readable, as text.
        block = nodes.literal_block(text, text, classes=["mentoring-frontmatter-invalid"])
        block.source, block.line = renderer.document["source"], first_line
        renderer.current_node.append(block)


def _fallback_title(env: BuildEnvironment, docname: str) -> str:
    """The title of a page that has none, nor a heading: as GitHub Pages shows the
    landing page (the site's title); any other page by its file name."""
    if docname == env.config.root_doc:
        return get_site(env).title
    folder, _, name = docname.rpartition("/")
    # a folder's landing page (its index, or its README under jekyll-readme-index):
    # the folder's name
    if name in ("index", "README", "readme") and folder:
        return title_from_filename(folder.rpartition("/")[2])
    return title_from_filename(str(env.doc2path(docname, False)))


def _title_text(data: Mapping[str, Any], text: str) -> str | None:
    """The title as written: YAML's reading of a number or date is not the author's text."""
    value = data.get("title")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        return as_text(value)
    return raw_value(text, "title") or as_text(value)


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
