"""Hypothesis strategies: course pages built from the idioms sphinx-mentoring supports.

A generated :class:`Page` knows, besides its text, the *author's words* it holds:
the words a reader of the Jekyll site sees. They are computed from the generated
parts, never from a build, so a test can check that each one reaches the output.

Words come from a made-up vocabulary that no template, title or label of the
package uses, so finding one in the output proves it came from the page.
Numbers are never author words here: footnote labels and list numbers are
renumbered legitimately.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field

from hypothesis import strategies as st

# fmt: off
VOCABULARY = (
    "zorbal", "quenty", "plimsock", "vardle", "tronkish", "mibbet", "glorp", "snarvel",
    "quixby", "dwemble", "frumple", "yazzle", "brontic", "wuggle", "pindrat", "skovel",
    "thrimble", "nargle", "blixen", "cromble", "ploddy", "zinther", "kwamble", "fribbet",
    "gruntle", "voxley", "spindrel", "morvik", "tazzle", "yomper",
)
# fmt: on

#: A few words with letters beyond ASCII (they must survive LaTeX and EPUB too).
UNICODE_WORDS = ("café", "niño", "über", "façade", "ångström", "łódź", "żółw")
#: Characters special in LaTeX, HTML or YAML that authors type in running text.
PUNCTUATION = (
    " & ",
    " % ",
    " $ ",
    " ~ ",
    " ^ ",
    " { ",
    " } ",
    " | ",
    ' "',
    "' ",
    " < ",
    " > ",
    " # ",
)

WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


@dataclass
class Part:
    """One block of a page: its Markdown, and the author's words a reader sees in it."""

    text: str
    words: list[str] = field(default_factory=list)
    #: Footnote definitions this part needs at the end of the page (number -> words).
    footnotes: dict[int, list[str]] = field(default_factory=dict)
    kind: str = ""


@dataclass
class Page:
    text: str
    words: list[str]
    kinds: list[str]

    def expected(self) -> collections.Counter[str]:
        counts = collections.Counter(self.words)
        # A body that opens with a heading repeating the front-matter title shows it
        # once, as the title (docs/reference/frontmatter.md).
        title, heading = _title_and_opening_heading(self.text)
        if title and heading and title.casefold().split() == heading.casefold().split():
            counts.subtract(title.split())
        return counts


_FRONT_BLOCK = re.compile(r"\A\ufeff?---\r?\n(.*?)^---\r?$\n?(.*)", re.S | re.M)


def _title_and_opening_heading(text: str) -> tuple[str | None, str | None]:
    match = _FRONT_BLOCK.match(text)
    title_line = re.search(r"^title:\s*(.*?)\s*$", match.group(1), re.M) if match else None
    if match is None or title_line is None:
        return None, None
    title = title_line.group(1).strip('"')
    first = next((line for line in match.group(2).splitlines() if line.strip()), "")
    heading = re.match(r"^#{1,6}\s+(.*?)\s*$", first)
    return title, heading.group(1) if heading else None


word = st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(UNICODE_WORDS))


def phrase(min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[str]]:
    return st.lists(word, min_size=min_size, max_size=max_size)


# -- front matter ---------------------------------------------------------------------


@st.composite
def front_matter(draw: st.DrawFn) -> Part:
    """Valid, broken, non-mapping, title-less or misspelt front matter."""
    title = draw(phrase(1, 4))
    title_text = " ".join(title)
    variant = draw(
        st.sampled_from(["valid", "seed", "broken", "list", "no-title", "misspelt", "empty"])
    )
    if variant == "valid":
        quoted = draw(st.booleans())
        value = f'"{title_text}"' if quoted else title_text
        return Part(f"---\ntitle: {value}\nlayout: page\n---\n", title, kind="fm-valid")
    if variant == "seed":
        return Part(
            "---\nlayout: module\n"
            f"title: 1. {title_text}\n"
            "module_name: robust\nmodule_full_name: Robust module\n"
            f"section: 1. {title_text}\nsubsection: one\n---\n",
            title,
            kind="fm-seed",
        )
    if variant == "broken":
        # An unclosed flow sequence: not YAML. The block is shown as text (a
        # warning says so), so its words are the author's words on the page.
        return Part(f"---\ntitle: [{title_text}\nlayout: page\n---\n", title, kind="fm-broken")
    if variant == "list":
        return Part(f"---\n- {title_text}\n- page\n---\n", title, kind="fm-list")
    if variant == "no-title":
        return Part("---\nlayout: page\ntags: ['sectionHead']\n---\n", kind="fm-no-title")
    if variant == "misspelt":
        # ``tile:`` is not ``title:``: no title, a suggestion; words not required.
        return Part(f"---\ntile: {title_text}\nlayout: page\n---\n", kind="fm-misspelt")
    return Part("", kind="fm-none")


# -- body parts -----------------------------------------------------------------------


@st.composite
def paragraph(draw: st.DrawFn) -> Part:
    chunks: list[str] = []
    words: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        ws = draw(phrase(1, 4))
        words += ws
        text = " ".join(ws)
        style = draw(st.sampled_from(["plain", "em", "strong", "link", "code-free"]))
        if style == "em":
            text = f"_{text}_"
        elif style == "strong":
            text = f"**{text}**"
        elif style == "link":
            text = f"[{text}](https://example.org/{ws[0]})"
        chunks.append(text)
    separators = [" "] * 4 + list(PUNCTUATION)
    text = chunks[0]
    for chunk in chunks[1:]:
        text += draw(st.sampled_from(separators)) + chunk
    return Part(text + ".", words, kind="paragraph")


@st.composite
def heading(draw: st.DrawFn) -> Part:
    ws = draw(phrase(1, 4))
    level = draw(st.integers(2, 3))
    return Part("#" * level + " " + " ".join(ws), ws, kind="heading")


@st.composite
def objectives_html(draw: st.DrawFn) -> Part:
    """The seed's raw-HTML box, and its broken forms (no items, only a title, unclosed)."""
    intro = draw(phrase(1, 5))
    items = draw(st.lists(phrase(1, 5), min_size=0, max_size=4))
    variant = draw(st.sampled_from(["seed", "seed", "no-items", "title-only", "unclosed"]))
    lines = ['<div class="objectives">']
    words = list(intro)
    if variant != "no-items":
        lines.append(f"\t<p>{' '.join(intro)}</p>")
    else:
        words = []
    if variant not in ("title-only", "no-items") and items:
        lines.append("\t<ul>")
        for item in items:
            lines.append(f"  <li>{' '.join(item)}</li>")
            words += item
        lines.append("</ul>")
    if variant != "unclosed":
        lines.append("</div>")
    if variant == "seed" and not items:
        variant = "title-only"  # what it is, whatever it was meant to be
    return Part("\n".join(lines), words, kind=f"objectives-html-{variant}")


@st.composite
def objectives_directive(draw: st.DrawFn) -> Part:
    items = draw(st.lists(phrase(1, 5), min_size=1, max_size=4))
    body = "\n".join(f"- {' '.join(item)}" for item in items)
    return Part(
        f"```{{objectives}}\n{body}\n```",
        [w for item in items for w in item],
        kind="objectives-directive",
    )


@st.composite
def callout(draw: st.DrawFn) -> Part:
    """A Course-in-a-Box ``markdown="1"`` box holding a heading, a paragraph and a list."""
    kind = draw(st.sampled_from(["activity", "videos", "case_study", "info", "objectives"]))
    order = draw(st.booleans())
    classes = f"callout {kind}" if order else f"{kind} callout"
    title = draw(phrase(1, 3))
    body = draw(phrase(1, 8))
    items = draw(st.lists(phrase(1, 4), max_size=3))
    blank = "\n" if draw(st.booleans()) else ""
    lines = [f'<div class="{classes}" markdown="1">{blank}', f"## {' '.join(title)}", ""]
    lines.append(" ".join(body))
    if items:
        lines.append("")
        lines += [f"* {' '.join(item)}" for item in items]
    lines += ["", "</div>"]
    words = title + body + [w for item in items for w in item]
    return Part("\n".join(lines), words, kind=f"callout-{kind}")


@st.composite
def footnoted_paragraph(draw: st.DrawFn) -> Part:
    """A paragraph with seed-style anchor marks; definitions are added at the page end.

    Numbers are placeholders (``{n}``) renumbered when the page is assembled.
    """
    before = draw(phrase(1, 5))
    after = draw(phrase(0, 4))
    count = draw(st.integers(1, 3))
    variant = draw(st.sampled_from(["matched", "matched", "no-definition", "outside-sup"]))
    notes = {i: draw(phrase(1, 6)) for i in range(count)}
    marks = ", ".join(f'<a name="{{n{i}}}" href="#fn{{n{i}}}">{{n{i}}}</a>' for i in notes)
    marks = marks if variant == "outside-sup" else f"<sup>{marks}</sup>"
    text = f"{' '.join(before)}.{marks} {' '.join(after)}".rstrip()
    footnotes = {} if variant == "no-definition" else notes
    return Part(text, before + after, footnotes=footnotes, kind=f"footnote-{variant}")


@st.composite
def orphan_definition(draw: st.DrawFn) -> Part:
    """A definition no mark points to (its words must still be shown)."""
    return Part("", footnotes={0: draw(phrase(1, 6))}, kind="footnote-orphan")


@st.composite
def liquid(draw: st.DrawFn) -> Part:
    """Valid Liquid (its output is author words) and broken forms (the text around survives)."""
    ws = draw(phrase(1, 4))
    text = " ".join(ws)
    variant = draw(
        st.sampled_from(
            ["if", "string", "comment", "undefined", "syntax", "unknown-tag", "filter", "include"]
        )
    )
    if variant == "if":
        return Part(f"{{% if true %}}{text}{{% endif %}} done.", ws, kind="liquid-if")
    if variant == "string":
        return Part(f'Say {{{{ "{text}" }}}} now.', ws, kind="liquid-string")
    if variant == "comment":
        return Part(f"{text} {{% comment %}}hidden{{% endcomment %}}", ws, kind="liquid-comment")
    if variant == "undefined":
        return Part(f"{text} {{{{ page.no_such_key }}}} end.", ws, kind="liquid-undefined")
    if variant == "syntax":
        return Part(f"{text} {{% if %}} tail.", ws, kind="liquid-syntax")
    if variant == "unknown-tag":
        return Part(f"{text} {{% nosuchtag x %}} tail.", ws, kind="liquid-unknown-tag")
    if variant == "filter":
        return Part(f"{text} {{{{ 'x' | nosuchfilter }}}} tail.", ws, kind="liquid-filter")
    return Part(f"{text} {{% include no-such-file.html %}} tail.", ws, kind="liquid-include")


@st.composite
def kramdown_ial(draw: st.DrawFn) -> Part:
    ws = draw(phrase(1, 4))
    more = draw(phrase(1, 4))
    variant = draw(st.sampled_from(["span", "block", "both"]))
    link = f"[{' '.join(ws)}](https://example.org/x)"
    if variant == "span":
        return Part(f'{link}{{:target="_blank"}} {" ".join(more)}', ws + more, kind="ial-span")
    if variant == "block":
        return Part(f"{' '.join(ws)} {' '.join(more)}\n{{: .note}}", ws + more, kind="ial-block")
    return Part(
        f'{link}{{:target="_blank"}} {" ".join(more)}\n{{: #ID .note}}',
        ws + more,
        kind="ial-both",
    )


@st.composite
def iframe(draw: st.DrawFn) -> Part:
    """A video iframe (with or without the ``videotime``) and broken forms."""
    variant = draw(st.sampled_from(["youtube", "youtube", "no-src", "javascript"]))
    src = {
        "youtube": ' src="https://www.youtube.com/embed/HacgaDN971Y"',
        "no-src": "",
        "javascript": ' src="javascript:alert(1)"',
    }[variant]
    after = draw(phrase(1, 4))
    lines = [f'<iframe{src} frameborder="0" allowfullscreen></iframe>']
    if draw(st.booleans()):
        lines.append('<div class="videotime">3:00</div>')
    return Part("\n".join(lines) + "\n\n" + " ".join(after), after, kind=f"iframe-{variant}")


@st.composite
def broken_html(draw: st.DrawFn) -> Part:
    ws = draw(phrase(1, 5))
    text = " ".join(ws)
    variant = draw(st.sampled_from(["unclosed-div", "stray-close", "mismatched"]))
    if variant == "unclosed-div":
        return Part(f"<div>\n<p>{text}</p>", ws, kind="html-unclosed-div")
    if variant == "stray-close":
        return Part(f"{text}\n\n</div>", ws, kind="html-stray-close")
    return Part(f"<div><p><b>{text}</p></b></div>", ws, kind="html-mismatched")


@st.composite
def inline_html(draw: st.DrawFn) -> Part:
    """Inline tags authors type in Markdown paragraphs (and in the corpus)."""
    chunks: list[str] = []
    words: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        ws = draw(phrase(1, 3))
        words += ws
        text = " ".join(ws)
        tag = draw(st.sampled_from(["b", "strong", "i", "em", "span", "code", "sub", "sup", "br"]))
        if tag == "span":
            chunks.append(f'<span class="highlight">{text}</span>')
        elif tag == "br":
            chunks.append(f"{text}<br/>")
        else:
            chunks.append(f"<{tag}>{text}</{tag}>")
    return Part(" ".join(chunks), words, kind="inline-html")


@st.composite
def html_table(draw: st.DrawFn) -> Part:
    rows = draw(st.lists(st.tuples(phrase(1, 2), phrase(1, 5)), min_size=1, max_size=3))
    lines = ['<table class="updatedcolor">']
    for head, cell in rows:
        lines.append(f"\t<tr><th>{' '.join(head)}</th><td>{' '.join(cell)}</td></tr>")
    lines.append("</table>")
    return Part("\n".join(lines), [w for h, c in rows for w in h + c], kind="html-table")


@st.composite
def quote(draw: st.DrawFn) -> Part:
    said = draw(phrase(2, 8))
    who = draw(phrase(1, 3))
    return Part(
        f"> \u201c{' '.join(said)}\u201d<br/>\n\u2013 {' '.join(who)}", said + who, kind="quote"
    )


@st.composite
def details_references(draw: st.DrawFn) -> Part:
    """The ConnectedLib variant: plain ``<sup>N</sup>`` marks and a References block."""
    before = draw(phrase(1, 5))
    notes = draw(st.lists(phrase(1, 5), min_size=1, max_size=3))
    marks = "".join(f"<sup>{n}</sup>" for n in range(1, len(notes) + 1))
    lines = [f"{' '.join(before)}.{marks}", "", "<details><summary>References</summary>", ""]
    lines += [f"{n}: {' '.join(note)}" for n, note in enumerate(notes, start=1)]
    lines += ["", "</details>"]
    return Part(
        "\n".join(lines), before + [w for note in notes for w in note], kind="details-references"
    )


@st.composite
def callout_with_parts(draw: st.DrawFn) -> Part:
    """A ``markdown="1"`` box holding other idioms: video, IAL link, marks, lists."""
    kind = draw(st.sampled_from(["activity", "videos", "case_study", "info"]))
    title = draw(phrase(1, 3))
    inner = draw(
        st.lists(
            st.one_of(paragraph(), iframe(), kramdown_ial(), inline_html(), footnoted_paragraph()),
            min_size=1,
            max_size=3,
        )
    )
    lines = [f'<div class="callout {kind}" markdown="1">', f"## {' '.join(title)}", ""]
    footnotes: dict[int, list[str]] = {}
    for index, part in enumerate(inner):
        # Footnote placeholders {nK} of each inner part are shifted to stay unique.
        offset = 10 * index
        lines += [re.sub(r"\{n(\d+)\}", lambda m, o=offset: f"{{n{o + int(m[1])}}}", part.text), ""]
        footnotes.update({offset + local: note for local, note in part.footnotes.items()})
    lines.append("</div>")
    text = "\n".join(lines)
    words = title + [w for part in inner for w in part.words]
    return Part(
        text, words, footnotes=footnotes, kind=f"callout-with-{'+'.join(p.kind for p in inner)}"
    )


body_part = st.one_of(
    paragraph(),
    heading(),
    objectives_html(),
    objectives_directive(),
    callout(),
    footnoted_paragraph(),
    orphan_definition(),
    liquid(),
    kramdown_ial(),
    iframe(),
    broken_html(),
    inline_html(),
    html_table(),
    quote(),
    details_references(),
    callout_with_parts(),
)


def _number_footnotes(parts: list[Part]) -> tuple[list[Part], list[str], list[str]]:
    """Give every footnote a page-unique number; return the definitions block and words."""
    numbered: list[Part] = []
    definitions: list[str] = []
    words: list[str] = []
    counter = 0
    for part in parts:
        mapping: dict[str, str] = {}
        for local in sorted(
            set(re.findall(r"\{n(\d+)\}", part.text)) | set(map(str, part.footnotes))
        ):
            counter += 1
            mapping[local] = str(counter)
        text = re.sub(r"\{n(\d+)\}", lambda m, mp=mapping: mp[m.group(1)], part.text)
        numbered.append(Part(text, part.words, kind=part.kind))
        for local, note in part.footnotes.items():
            n = mapping[str(local)]
            definitions.append(f'<a name="fn{n}" href="#{n}">{n}</a>: {" ".join(note)}')
            words += note
    return numbered, definitions, words


#: Parts of a kind containing one of these are slips (a warning is expected).
SLIPS = (
    "broken", "list", "no-title", "misspelt", "fm-none", "no-items", "title-only", "unclosed",
    "no-definition", "outside-sup", "orphan", "undefined", "syntax", "unknown-tag", "filter",
    "include", "no-src", "javascript", "stray", "mismatched",
)  # fmt: skip


def is_valid(part: Part) -> bool:
    """Is this part written as the idiom is meant to be written (no slip)?"""
    return not any(slip in part.kind for slip in SLIPS)


@st.composite
def pages(draw: st.DrawFn, valid_only: bool = False) -> Page:
    """A whole page: front matter, body parts, footnote definitions; maybe BOM and CRLF.

    With *valid_only*, every part is a correct use of its idiom: such a page must
    build without a single warning and without markup leaking into the text.
    """
    head = draw(front_matter().filter(is_valid) if valid_only else front_matter())
    part = body_part.filter(is_valid) if valid_only else body_part
    parts = draw(
        st.lists(part, min_size=1, max_size=6).filter(
            # One References block per page: a second one, numbered from 1 again,
            # is ambiguous (which marks are its own?) and rightly warned about.
            lambda ps: not valid_only or sum(p.kind == "details-references" for p in ps) <= 1
        )
    )
    parts, definitions, note_words = _number_footnotes(parts)
    # Element ids (``{: #ID}``) are unique on a page, as HTML requires.
    ids = iter(range(1, 10**6))
    blocks = [re.sub(r"#ID\b", lambda _: f"#anchor-{next(ids)}", p.text) for p in parts if p.text]
    if definitions:
        blocks.append("<hr/>\n" + "\n\n".join(definitions))
    text = head.text + "\n" + "\n\n".join(blocks) + "\n"
    kinds = [head.kind] + [p.kind for p in parts]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
        kinds.append("crlf")
    if draw(st.integers(0, 4)) == 0:
        text = "\ufeff" + text
        kinds.append("bom")
    words = head.words + [w for p in parts for w in p.words] + note_words
    return Page(text, words, kinds)
