"""Property: no generated hostile page runs script, leaks a file, hangs or stops the build.

Hypothesis generates pages from hostile parts — URLs with control characters,
tabs, newlines and entities before their scheme, in every place a URL goes;
HTML nested hundreds of levels deep, closed or not; random Unicode (controls,
emoji, right-to-left text, U+FFFD) in titles; YAML anchors and aliases that
expand, nest or refer to themselves; paths to a secret file beside the site —
between two known words. Each page is built for real (one Sphinx application,
re-reading the rewritten page, as ``tests/test_properties.py`` does), under a
generous timer that stops a build that would hang (a guard, not a speed
assertion), and:

- the build finishes, with no traceback;
- the HTML holds no URL a browser would run as script, no event handler, no
  injected ``<script>``, no refresh to another site;
- no output file holds a byte of the secret;
- the words around the hostile parts are in the page.

A few examples go through LaTeX to a PDF. Examples are derandomised: CI builds
the same pages every time (``MENTORING_HYPOTHESIS_EXAMPLES=200`` explores more).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from typing import TYPE_CHECKING

import hostile
import pytest
from hostile import AFTER, BEFORE, SECRET, hang_guard
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

EXPLORE = int(os.environ.get("MENTORING_HYPOTHESIS_EXAMPLES", "0"))
HOSTILE_SETTINGS = settings(
    max_examples=EXPLORE or 25,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
#: Generous: a page builds in a second or two; only a hang takes this long.
HANG_AFTER = 120

# -- hostile parts ------------------------------------------------------------------------

SCHEMES = ["javascript", "JaVaScRiPt", "vbscript", "data"]
#: What browsers ignore around and inside a scheme (as raw characters or entities).
NOISE = ["\x00", "\x01", "\x08", "\x0b", "\x1f", " ", "\t", "\n", "&#1;", "&#9;", "&#x0A;", "&#32;"]


@st.composite
def script_urls(draw: st.DrawFn) -> str:
    """A URL that runs script, disguised as a browser would still run it."""
    scheme = draw(st.sampled_from(SCHEMES))
    noise = st.lists(st.sampled_from(NOISE), max_size=3).map("".join)
    inside = [draw(st.sampled_from(["", "\t", "\n", "&#9;", "&#10;"])) for _ in scheme]
    mixed = "".join(c + i for c, i in zip(scheme, inside, strict=True))
    payload = "text/html,<script>alert(pwned)</script>" if scheme == "data" else "alert(pwned)"
    return draw(noise) + mixed + ":" + payload


def _markdown_safe(url: str) -> str:
    """A URL as a Markdown link destination (no bare newline or parenthesis)."""
    return url.replace("\n", "&#10;").replace("(", "%28").replace(")", "%29").replace(" ", "%20")


@st.composite
def url_parts(draw: st.DrawFn) -> str:
    url = draw(script_urls())
    attribute = url.replace('"', "&quot;")
    return draw(
        st.sampled_from(
            [
                f'<a href="{attribute}">link words</a>',
                f'<img src="{attribute}" alt="picture words">',
                f'<iframe src="{attribute}" title="video words"></iframe>',
                f"<p>Inline <a href='{attribute.replace(chr(39), '&#39;')}'>words</a>.</p>",
                f"[link words]({_markdown_safe(url)})",
                f"![picture words]({_markdown_safe(url)})",
                f'[link words](https://example.org/){{: href="{attribute}"}}',
                f'![picture](https://example.org/a.png){{: src="{attribute}"}}',
                f'```{{raw}} html\n<a href="{attribute}">raw words</a><script>{hostile.PAYLOAD}'
                "</script>\n```",
                f"```{{video}} {url.strip() or 'x'}\n:title: video words\n```",
                f"```{{eval-rst}}\n`rst words <{url.strip() or 'x'}>`__\n```",
            ]
        )
    )


@st.composite
def nested_html(draw: st.DrawFn) -> str:
    tags = draw(
        st.lists(
            st.sampled_from(["div", "span", "b", "blockquote", "section", "i", "ul"]),
            min_size=1,
            max_size=4,
        )
    )
    depth = draw(st.integers(0, 400))
    closed = draw(st.booleans())
    separate = draw(st.booleans())  # one Markdown block per level, or one line
    joiner = "\n\n" if separate else ""
    opening = joiner.join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth))) if closed else ""
    return f"{opening}{joiner}deep words{joiner}{closing}"


@st.composite
def nested_markdown(draw: st.DrawFn) -> str:
    depth = draw(st.integers(0, 200))
    if draw(st.booleans()):
        return "> " * depth + "quoted words"
    return "\n".join("  " * i + "- listed words" for i in range(depth))


def outside_parts() -> st.SearchStrategy[str]:
    path = "../outside/secret.txt"
    return st.sampled_from(
        [
            f"```{{literalinclude}} {path}\n```",
            f"```{{include}} {path}\n```",
            f"```{{eval-rst}}\n.. include:: {path}\n```",
            "```{eval-rst}\n.. literalinclude:: /../outside/secret.txt\n```",
            f"```{{eval-rst}}\n.. raw:: html\n   :file: {path}\n```",
            f"```{{csv-table}} t\n:file: {path}\n```",
            f'<img src="{path}" alt="picture words">',
            "![picture words](../outside/secret.png)",
            f"[file words]({path}) and {{download}}`{path}`",
            "{% include ../../outside/secret.txt %}",
        ]
    )


def long_lines() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(
        ["{", "{{", "{%", "[", "*a", "<b>", "{: a:", "1", "<sup>1", "` ", "&#"]
    )
    return st.tuples(pieces, st.integers(100, 20_000)).map(lambda p: p[0] * (p[1] // len(p[0])))


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """Front matter with a random title and, maybe, YAML anchors."""
    title = draw(st.text(min_size=1, max_size=40))
    lines = [
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"module_full_name: {json.dumps(title[::-1], ensure_ascii=False)}",
    ]
    shape = draw(st.sampled_from(["plain", "bomb", "cycle", "merge", "deep", "number"]))
    if shape == "bomb":
        levels, width = draw(st.integers(2, 12)), draw(st.integers(2, 12))
        lines.append('b0: &b0 ["lol"]')
        lines += [f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * width)}]" for i in range(1, levels)]
        lines.append(f"section: *b{levels - 1}")
    elif shape == "cycle":
        lines.append("loop: &loop {again: *loop}")
    elif shape == "merge":
        lines += ["base: &base {layout: post, tags: [a, b]}", "other:", "  <<: *base"]
    elif shape == "deep":
        depth = draw(st.integers(50, 2000))
        lines.append("deep: " + "[" * depth + "1" + "]" * depth)
    elif shape == "number":
        lines.append("section: " + "9" * draw(st.integers(4000, 6000)))
    return "---\n" + "\n".join(lines) + "\n---\n"


@st.composite
def hostile_pages(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                url_parts(),
                nested_html(),
                nested_markdown(),
                outside_parts(),
                long_lines(),
                st.text(max_size=200),  # anything, controls included
            ),
            min_size=1,
            max_size=4,
        )
    )
    body = "\n\n".join(parts)
    return f"{draw(front_matter())}\nWords before: {BEFORE}.\n\n{body}\n\nWords after: {AFTER}.\n"


# -- building -----------------------------------------------------------------------------


class PageBuilder:
    """One Sphinx project whose ``page.md`` is rewritten per example, a secret beside it."""

    def __init__(self, root: Path, buildername: str) -> None:
        self.root = root
        hostile.base_site(root / "src", root / "outside")
        self.srcdir = root / "src"
        (self.srcdir / "conf.py").write_text(
            'extensions = ["sphinx_mentoring"]\nproject = "hostile"\n', encoding="utf-8"
        )
        (self.srcdir / "_includes" / "note.html").write_text("included words\n")
        (self.srcdir / "index.md").write_text("# Root\n\n```{toctree}\npage\n```\n")
        self.page = self.srcdir / "page.md"
        self.page.write_text("# start\n", encoding="utf-8")
        self.app = SphinxTestApp(buildername, srcdir=self.srcdir, builddir=root / "build")
        self.app.build()
        self.builds = 0

    def build(self, text: str) -> str:
        """Build ``text`` as the page; return the warnings."""
        self.page.write_text(text, encoding="utf-8", errors="surrogatepass")
        self.builds += 1
        future = time.time_ns() + 3600 * 10**9 + self.builds * 10**9
        os.utime(self.page, ns=(future, future))
        self.app.warning.seek(0)
        self.app.warning.truncate()
        with hang_guard(HANG_AFTER):
            self.app.build()
        return strip_colors(self.app.warning.getvalue())

    def close(self) -> None:
        self.app.cleanup()


@pytest.fixture(scope="module")
def html_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageBuilder]:
    builder = PageBuilder(tmp_path_factory.mktemp("hostile-html"), "html")
    yield builder
    builder.close()


@pytest.fixture(scope="module")
def latex_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageBuilder]:
    builder = PageBuilder(tmp_path_factory.mktemp("hostile-latex"), "latex")
    yield builder
    builder.close()


def check_finished(warnings: str, page: str) -> None:
    assert "Traceback" not in warnings and "Exception occurred" not in warnings, (
        f"{warnings}\n--- page ---\n{page[:3000]}"
    )


@HOSTILE_SETTINGS
@given(page=hostile_pages())
def test_a_hostile_page_is_harmless(html_builder: PageBuilder, page: str):
    warnings = html_builder.build(page)
    check_finished(warnings, page)
    outdir = html_builder.app.outdir  # the page lives at its Jekyll URL (/page/) or path
    output = next(p for p in (outdir / "page" / "index.html", outdir / "page.html") if p.is_file())
    html = output.read_text(encoding="utf-8")
    problems = hostile.script_problems(html)
    assert not problems, f"{problems}\n--- page ---\n{page[:3000]}"
    assert SECRET not in html
    for folder in ("_images", "_downloads", "_sources"):
        for path in (html_builder.app.outdir / folder).rglob("*"):
            assert not path.is_file() or SECRET.encode() not in path.read_bytes(), path
    assert BEFORE in html and AFTER in html, f"words lost\n--- page ---\n{page[:3000]}"


@settings(
    max_examples=EXPLORE or 4,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking LaTeX runs takes hours
)
@given(page=hostile_pages())
@pytest.mark.latex
def test_a_hostile_page_makes_a_pdf(latex_builder: PageBuilder, page: str):
    """A few examples all the way to a PDF: nothing a page holds stops LaTeX either."""
    if shutil.which("latexmk") is None:
        pytest.skip("latexmk is not installed")
    warnings = latex_builder.build(page)
    check_finished(warnings, page)
    outdir = latex_builder.app.outdir
    tex = outdir / "hostile.tex"
    assert SECRET not in tex.read_text(encoding="utf-8")
    with hang_guard(HANG_AFTER):
        result = subprocess.run(
            ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=outdir,
            capture_output=True,
            text=True,
            check=False,
        )
    log = (outdir / "hostile.log").read_text(encoding="utf-8", errors="replace").splitlines()
    errors = ["\n".join(log[i : i + 6]) for i, line in enumerate(log) if line.startswith("!")]
    assert (outdir / "hostile.pdf").is_file() and result.returncode == 0, (
        "\n".join(errors[:3]) + f"\n--- page ---\n{page[:3000]}"
    )
