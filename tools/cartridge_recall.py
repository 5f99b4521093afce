#!/usr/bin/env python3
"""How many of the words of a course's text build a Common Cartridge's pages hold.

Reference: the Sphinx *text* build of the course (``sphinx-mentoring build SITE
OUT --format text``), one ``.txt`` per page. Package: the ``.imscc`` of the same
course (``--format imscc``); each page is ``web_resources/pages/<safe name>.html``,
named as the builder names it (:func:`sphinx_mentoring.filenames.safe_filenames`).
A page's words are what a reader sees in it: its text (no ``<title>``, styles or
scripts), the numbers a browser draws before the items of a numbered list,
image descriptions (``alt``) and, for a video, the address the text build
prints beside its title. The text build's own labels are not the author's words
and are left out of the reference: ``[image: alt]`` and ``[image]`` keep only
the alt text, a video's ``Video:`` label goes, and an address the text writer
broke over two lines is joined again. Recall = share of the reference's words
(as a multiset, case-folded) found in the package page; pages missing from the
package count as zero.

    python tools/cartridge_recall.py _build/text _build/imscc/my-course.imscc --min 0.99

Output: a table of the pages below 1.0 and the course's recall (``--json FILE``:
everything, ``-`` for stdout). Exit status 0, or 1 when the recall is below ``--min``.
"""

from __future__ import annotations

import argparse
import collections
import html.parser
import json
import re
import sys
import zipfile
from pathlib import Path

from sphinx_mentoring.filenames import safe_filenames

WORD = re.compile(r"\w+")
# What Sphinx's text writer adds around the author's words (sphinx/writers/text.py,
# sphinx_mentoring.nodes.video_link_text): image labels, a video's label, and
# addresses longer than a line, which it breaks without a hyphen.
# Sphinx's [image: alt] and sphinx_mentoring.images' [Image: alt (address)] of a picture
# the text cannot show (the package's page shows the picture itself).
IMAGE_LABEL = re.compile(r"\[image(?::\s([^\]]*?))?(?:\s\((?:[^()\s]|\n)+\))?\]", re.IGNORECASE)
VIDEO_LABEL = re.compile(r"\bVideo: ([^<]*?<https?)")  # once: a title may say "Video:" too
# Its inline markup inside a word (**C**ascading, "s"tring) is no word boundary on the page.
INLINE_MARKUP = re.compile(r'(?<!\w)(\*\*|\*|")(\w+)\1(?=\w)|(?<=\w)(\*\*|\*|")(\w+)\3')
ADDRESS = re.compile(r"<https?[^>\s]*(?:\n[ \t]*[^>\s]+)+>")


# Elements that run inside a line of text: they never end a word (highlighted code is
# <span>300</span><span>px</span>, which a reader sees as "300px").
INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    ]
)


class _Visible(html.parser.HTMLParser):
    """What a reader sees of a page: text, alt text, a video's address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._video = 0
        self._lists: list[int | None] = []  # the next number of each open list (None: <ul>)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag not in INLINE:
            self.parts.append(" ")
        if tag in ("title", "style", "script"):
            self._hidden += 1
        elif tag in ("ol", "ul"):
            start = values.get("start") or "1"
            self._lists.append(int(start) if tag == "ol" and start.isdigit() else None)
        elif tag == "li" and self._lists and self._lists[-1] is not None:
            self.parts.append(f" {self._lists[-1]} ")  # the marker the browser draws
            self._lists[-1] += 1
        elif tag == "img" and values.get("alt"):
            self.parts.append(f" {values['alt']} ")
        elif tag == "figure" and "mentoring-video" in (values.get("class") or ""):
            self._video += 1
        elif tag == "a" and self._video and values.get("href"):
            self.parts.append(f" {values['href']} ")  # the text build prints "Title <url>"

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.parts.append(" ")
        if tag in ("title", "style", "script") and self._hidden:
            self._hidden -= 1
        elif tag == "figure" and self._video:
            self._video -= 1
        elif tag in ("ol", "ul") and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(word.casefold() for word in WORD.findall(text))


def text_words(text: str) -> collections.Counter[str]:
    """The author's words of a page of the text build (without the writer's labels)."""
    text = ADDRESS.sub(lambda match: re.sub(r"\n\s*", "", match.group()), text)
    text = IMAGE_LABEL.sub(lambda match: f" {match.group(1) or ''} ", text)
    text = INLINE_MARKUP.sub(lambda match: match.group(2) or match.group(4), text)
    return words(VIDEO_LABEL.sub(r"\1", text))


def page_words(html_text: str) -> collections.Counter[str]:
    parser = _Visible()
    parser.feed(html_text)
    parser.close()
    return words("".join(parser.parts))


def recall(text_dir: Path, package: Path) -> dict:
    texts = {
        path.relative_to(text_dir).with_suffix("").as_posix(): path
        for path in sorted(text_dir.rglob("*.txt"))
    }
    names = safe_filenames(texts)
    with zipfile.ZipFile(package) as archive:
        held = set(archive.namelist())
        pages = []
        total = found = 0
        for docname, path in texts.items():
            reference = text_words(path.read_text(encoding="utf-8"))
            entry = f"web_resources/pages/{names[docname]}.html"
            ours = (
                page_words(archive.read(entry).decode("utf-8"))
                if entry in held
                else collections.Counter()
            )
            common = sum(min(count, ours[word]) for word, count in reference.items())
            size = sum(reference.values())
            missing = reference - ours
            pages.append(
                {
                    "page": docname,
                    "in_package": entry in held,
                    "words": size,
                    "recall": common / size if size else 1.0,
                    "missing": sorted(missing.elements())[:20],
                }
            )
            total += size
            found += common
    return {"recall": found / total if total else 1.0, "words": total, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text_dir", type=Path, help="the course's text build")
    parser.add_argument("package", type=Path, help="the course's .imscc")
    parser.add_argument("--json", metavar="FILE", help="write the whole report ('-': stdout)")
    parser.add_argument("--min", type=float, default=0.0, help="exit 1 below this recall")
    args = parser.parse_args(argv)
    if not args.text_dir.is_dir() or not args.package.is_file():
        parser.error("give the text build's folder and the .imscc file")
    report = recall(args.text_dir, args.package)
    if args.json:
        text = json.dumps(report, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text, encoding="utf-8")
    if args.json != "-":
        for page in report["pages"]:
            if page["recall"] < 1.0:
                print(f"{page['recall']:.3f}  {page['page']}  missing: {' '.join(page['missing'])}")
        pages = len(report["pages"])
        print(f"recall {report['recall']:.4f} of {report['words']} words, {pages} pages")
    return 1 if report["recall"] < args.min else 0


if __name__ == "__main__":
    sys.exit(main())
