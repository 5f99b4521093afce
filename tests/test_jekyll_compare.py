"""tools/jekyll_compare.py: our build of a Jekyll site against Debian's jekyll, page by page."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

TOOL = REPO / "tools" / "jekyll_compare.py"
ROOT = Path(__file__).parent / "roots" / "test-jekyll-compare"

needs_jekyll = pytest.mark.skipif(
    shutil.which("jekyll") is None, reason="needs Debian's jekyll (tools/system-deps.sh)"
)


def _tool():
    spec = importlib.util.spec_from_file_location("jekyll_compare", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["jekyll_compare"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _run(site: Path, tmp_path: Path, *options: str) -> tuple[subprocess.CompletedProcess, dict]:
    report = tmp_path / "report.json"
    command = [sys.executable, str(TOOL), str(site), "--work", str(tmp_path / "work")]
    result = subprocess.run(
        [*command, "--json", str(report), *options],
        capture_output=True,
        text=True,
        check=False,
    )
    data = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else [{}]
    return result, data[0]


def test_visible_words_and_leaks_of_html():
    tool = _tool()
    digest = tool.digest_html(
        "<p>Shown <!-- hidden --> words</p><script>var hidden;</script>"
        "<blockquote class='challenge'><blockquote class='solution'><p>x</p></blockquote>"
        "</blockquote><div class='challenge'><div class='challenge'>y</div></div>"
    )
    assert tool.words(" ".join(digest.text)) == {"shown": 1, "words": 1, "x": 1, "y": 1}
    counts = tool.structure(digest, {"challenge", "solution"})
    assert counts["blockquote"] == 2
    assert counts["blockquote.challenge"] == 1 and counts["blockquote.solution"] == 1
    assert counts["box.challenge"] == 2  # outermost only: the nested div is not a second box
    assert tool.leak_counts("{: .x} {{ a }} {% b %} $$ <div class='k'> </span> a < b") == {
        "{:": 1,
        "{{": 1,
        "{%": 1,
        "$$": 1,
        "html tag": 2,
    }


def test_main_content_only_in_our_pages():
    tool = _tool()
    page = (
        "<nav><table><tr><td>menu</td></tr></table></nav>"
        "<main role='main'><p>Body</p><table><tr><td>cell</td></tr></table></main>"
        "<footer>foot</footer>"
    )
    digest = tool.digest_html(page, main_only=True)
    assert digest.text == ["Body", "cell"]
    assert digest.tags["table"] == 1
    # A page without a main element is counted whole.
    assert tool.digest_html("<p>all</p>", main_only=True).text == ["all"]


def test_a_numbered_code_block_counts_once():
    tool = _tool()
    rouge = (
        '<figure class="highlight"><pre><code><table class="rouge-table"><tbody><tr>'
        '<td class="gutter gl"><pre class="lineno">1\n2</pre></td>'
        '<td class="code"><pre>a\nb</pre></td></tr></tbody></table></code></pre></figure>'
    )
    pygments = (
        '<div class="highlight"><table class="highlighttable"><tr><td class="linenos">'
        '<div class="linenodiv"><pre>1\n2</pre></div></td><td class="code"><div><pre>a\nb'
        "</pre></div></td></tr></table></div><pre>plain</pre>"
    )
    assert tool.digest_html(rouge).tags["pre"] == 1
    assert tool.digest_html(pygments).tags["pre"] == 2  # the numbered block and a plain one
    assert tool.digest_html(rouge).tags["table"] == tool.digest_html(pygments).tags["table"] == 1


def test_our_page_found_by_its_document_name(tmp_path):
    """A page matched by its source file may live at another URL than Jekyll's."""
    tool = _tool()
    page = tmp_path / "13-looping" / "index.html"
    page.parent.mkdir()
    page.write_text('<body class="x" data-mentoring-page="_episodes/13-looping"><pre>a</pre>')
    (tmp_path / "other.html").write_text("<body><p>no name</p></body>")
    assert tool.files_by_document(tmp_path) == {"_episodes/13-looping": "13-looping/index.html"}


def test_formulas_and_dead_in_page_links():
    tool = _tool()
    theirs = tool.digest_html(
        "<p>\\(x^2\\) and \\[y\\]</p><pre><code>\\(code\\)</code></pre>"
        '<h2 id="a">A</h2><a href="#a">to a</a><a href="#b">to b</a><a href="#gone">gone</a>'
        '<dl><dt id="b">b</dt><dd>d</dd></dl>'
    )
    text, formulas = tool.jekyll_math(theirs)
    # kramdown writes formulas into the text: counted, and left out of the words
    assert formulas == 2
    assert tool.words(text)["x"] == 0 and tool.words(text)["code"] == 1
    mine = tool.digest_html(
        '<nav><a href="#b">menu</a></nav><main><span class="math">\\(x^2\\)</span>'
        '<div class="math">\\[y\\]</div><section id="a"><a href="#a">to a</a>'
        '<a href="#b">to b</a><a href="#gone">gone</a></section>'
        '<dl class="field-list"><dt>Field</dt><dd>value</dd></dl></main>',
        main_only=True,
    )
    assert mine.math == 2
    assert mine.tags["dt"] == 0  # a field list's names are not definition terms
    # #b lands on Jekyll's page and not on ours; #gone is dead on both
    assert tool.dead_links(theirs, mine) == ["b"]
    # a working link of Jekyll's that our page lost is dead too
    lost = tool.digest_html('<main><section id="a"><p>no links</p></section></main>')
    assert sorted(tool.dead_links(theirs, lost)) == ["a", "b"]


def test_jekyll_urls_are_looked_up_through_our_redirects(tmp_path):
    tool = _tool()
    (tmp_path / "old" / "place").mkdir(parents=True)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "page.html").write_text("<p>here</p>")
    (tmp_path / "old" / "place" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../../new/page.html#top">'
    )
    (tmp_path / "away.html").write_text(
        '<meta http-equiv="refresh" content="0; url=https://example.org/">'
    )
    assert tool.our_document(tmp_path, "new/page.html") == ("new/page", "url")
    assert tool.our_document(tmp_path, "old/place/index.html") == ("new/page", "redirect")
    assert tool.our_document(tmp_path, "old/place") == ("new/page", "redirect")
    assert tool.our_document(tmp_path, "gone/index.html") == (None, "missing")
    assert tool.our_document(tmp_path, "away.html") == (None, "external redirect")


@needs_jekyll
def test_compares_a_site_with_a_gem_theme(tmp_path):
    result, report = _run(ROOT, tmp_path, "--ignore", "SOURCE.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["ok"], report["error"]
    # What Jekyll cannot load offline is taken out of its copy, and said so.
    stripped = " ".join(report["stripped_for_jekyll"])
    assert "theme: minima" in stripped and "remote_theme" in stripped
    assert "jekyll-no-such-plugin" in stripped and "_plugins/" in stripped
    assert "markdown: redcarpet" in stripped  # kramdown used, as Jekyll 4 does
    assert "_includes/theme-footer.html" in stripped  # the theme's include, left empty
    assert "jekyll-feed" in report["jekyll_plugins"]
    assert "jekyll-titles-from-headings" in report["jekyll_plugins"]
    assert not list(ROOT.rglob("jekyll-out"))  # nothing written into the site

    pages = {row["source"]: row for row in report["pages"]}
    assert set(pages) == {"index.md", "moved.md", "heading.md"}  # no SOURCE.md, no NOTES.md
    index = pages["index.md"]
    # The layout is reduced to the content: its words are not Jekyll's page words.
    shown = (
        "Welcome to the comparison course A word only in a comment stays hidden Term one "
        "Its definition Name Value a 1 b 2 Try this challenge shown literally"
    )
    assert index["jekyll_words"] == len(shown.split(" "))
    assert index["structure_jekyll"] == {
        "dt": 1,
        "table": 1,
        "tr": 3,
        "pre": 1,
        "blockquote": 1,
        "blockquote.challenge": 1,
        "box.challenge": 1,
        "math": 0,
    }
    assert set(index["structure_ours"]) == set(index["structure_jekyll"])
    assert index["structure_ours"]["table"] == 1 and index["structure_ours"]["tr"] == 3
    # {{ shown.literally }} is shown by Jekyll too: not a leak.
    assert index["leaks"] == {}
    assert index["title_jekyll"] == index["title_ours"] == "Front Title"
    # Matched by URL: the page lives at Jekyll's /elsewhere/ (its permalink).
    assert pages["moved.md"]["matched_by"] == "url"
    assert pages["moved.md"]["ours"] == "moved"
    # GitHub Pages' jekyll-titles-from-headings titles a page by its first heading.
    assert pages["heading.md"]["title_jekyll"] == "Heading Title"
    summary = report["summary"]
    assert summary["jekyll_pages"] == 3 and summary["missing_in_ours"] == 0
    assert summary["missing_in_jekyll"] == 0
    assert summary["our_pages"] == 3
    assert "/elsewhere/" in result.stdout and "Front Title" in result.stdout


@needs_jekyll
def test_a_build_that_cannot_run_is_the_only_failure(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("collections: [unclosed\n")
    (site / "index.md").write_text("---\ntitle: x\n---\nx\n")
    result, report = _run(site, tmp_path)
    assert result.returncode == 1
    assert not report["ok"] and report["error"]


@needs_jekyll
@pytest.mark.slow
def test_connectedlib_against_jekyll(corpus_copy, tmp_path):
    """The counts that matter on the ConnectedLib corpus (SOURCE.md is the corpus's note)."""
    result, report = _run(corpus_copy, tmp_path, "--ignore", "SOURCE.md")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = report["summary"]
    assert summary["jekyll_pages"] == 29  # index + 28 posts
    assert summary["missing_in_ours"] == 0 and summary["missing_in_jekyll"] == 0
    assert summary["served_at_jekyll_url"] == 29
    assert summary["word_recall"] >= 0.999
    assert summary["min_page_recall"] >= 0.99
    assert summary["leaks"] == {}
    # Every title Jekyll shows is ours too.
    differing = [
        (row["url"], row["title_jekyll"], row["title_ours"])
        for row in report["pages"]
        if row["title_jekyll"] is not None and not row["title_match"]
    ]
    assert differing == []
    jekyll, ours = summary["structure_jekyll"], summary["structure_ours"]
    for key in ("table", "tr", "blockquote", "pre"):
        assert ours[key] == jekyll[key], key
    assert jekyll["table"] == 2 and jekyll["tr"] == 6 and jekyll["blockquote"] == 28
