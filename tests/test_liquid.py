"""Liquid in Jekyll pages: rendered before Markdown, sandboxed, line numbers kept."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from sphinx_mentoring.jekyll.liquid import has_liquid, render_page
from sphinx_mentoring.site import load_site

ROOTS = Path(__file__).parent / "roots"


def _warnings(app) -> str:
    return strip_colors(app.warning.getvalue())


def _warning_lines(app, page: str) -> list[tuple[int, str]]:
    found = []
    for line in _warnings(app).splitlines():
        match = re.search(rf"{re.escape(page)}:(\d+): WARNING: (.*)", line)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    return found


@pytest.mark.sphinx("text", testroot="liquid-site", freshenv=True)
def test_liquid_renders_site_page_and_data(app):
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Base: /course/img/x.png" in text  # baseurl without its trailing slash
    assert "Title: Liquid page and mint." in text
    assert "Data: Liquid\nCourse" in text or "Data: Liquid Course" in text
    assert "Raw: {{ kept.literally }}" in text  # {% raw %} keeps its content literally
    assert "Fresh mint." in text
    assert "Never shown" not in text
    assert "Module m1." in text
    # {% link %} and {% post_url %} give the Jekyll URL, under baseurl.
    assert "Link: /course/modules/m1/first/" in text
    assert "Post: /course/modules/m1/first/" in text
    assert "{%" not in text


@pytest.mark.sphinx("text", testroot="liquid-site", freshenv=True)
def test_front_matter_defaults_reach_page_and_metadata(app):
    app.build()
    text = (app.outdir / "modules/m1/_posts/2001-01-01-first.txt").read_text(encoding="utf-8")
    assert "Flavour from defaults: default-flavour. Layout: course_page." in text
    assert app.env.metadata["modules/m1/_posts/2001-01-01-first"]["layout"] == "course_page"
    # Outside the scope the default does not apply.
    assert "layout" not in app.env.metadata["plain"]


@pytest.mark.sphinx("text", testroot="liquid-site", freshenv=True)
def test_later_warnings_keep_source_line_numbers(app):
    app.build()
    # The Liquid above it renders to fewer lines (a false {% if %}) and more
    # (an include): the directive warning still names its own source line.
    source = (Path(app.srcdir) / "index.md").read_text(encoding="utf-8").splitlines()
    expected = next(i for i, line in enumerate(source, 1) if "nonexistent-directive" in line)
    lines = [n for n, message in _warning_lines(app, "index.md") if "nonexistent" in message]
    assert lines == [expected]


@pytest.mark.sphinx("text", testroot="liquid-site", freshenv=True)
def test_bad_liquid_keeps_the_page_and_warns_at_its_line(app):
    app.build()
    expectations = {
        "bad-syntax.md": (8, "Liquid error: missing expression"),
        "bad-tag.md": (7, "unknown tag 'frobnicate'"),
        "bad-comment.md": (8, "'{% comment %}' is never closed; the rest of the page is shown"),
        "bad-output.md": (8, "'{{' is not closed before the next tag; shown as text"),
    }
    for page, (line, message) in expectations.items():
        found = _warning_lines(app, page)
        assert len(found) == 1, found
        assert found[0][0] == line
        assert message in found[0][1]
        assert "[mentoring.liquid]" in found[0][1]
    # Only the failing tag is left out: the rest of the page is rendered.
    syntax = (app.outdir / "bad-syntax.txt").read_text()
    assert "Intro line keeps its words." in syntax
    assert "Broken  tag on line 8 of Bad syntax." in syntax
    assert "Words stay here\n\nin Bad tag." in (app.outdir / "bad-tag.txt").read_text()
    # A comment never closed hides nothing (python-liquid's lexer hid the rest).
    assert "Words after it stay, in Bad comment." in (app.outdir / "bad-comment.txt").read_text()
    # A {{ not closed before the next tag swallowed all up to the next }}: now text.
    assert "Forgot to close {{ page.title and went on: shown, then Bad output." in (
        (app.outdir / "bad-output.txt").read_text().replace("\n", " ")
    )
    # As in Jekyll, an unknown filter passes its value through, without a word.
    assert not _warning_lines(app, "bad-filter.md")
    assert "Words stay here Bad filter." in (app.outdir / "bad-filter.txt").read_text()


@pytest.mark.sphinx("text", testroot="liquid-site", freshenv=True)
def test_includes_are_sandboxed_and_undefined_renders_empty(app):
    app.build()
    found = dict(_warning_lines(app, "bad-include.md"))
    messages = _warning_lines(app, "bad-include.md")
    assert (
        6,
        "{% include nowhere.html %}: no file 'nowhere.html' in _includes/ [mentoring.liquid]",
    ) in messages
    assert "refused" in found[7] and "_includes/" in found[7]
    assert "include_relative" in found[8] and "refused" in found[8]
    assert "page's folder" in found[8]
    undefined = [m for n, m in messages if n == 9]
    assert any("page.no_such_key" in m for m in undefined)
    assert any("page.__class__" in m for m in undefined)  # no Python attribute access
    text = (app.outdir / "bad-include.txt").read_text(encoding="utf-8")
    assert "Undefined: [] and [] end." in text
    assert "title:" not in text  # _config.yml was not read into the page


@pytest.mark.sphinx("text", testroot="liquid-site", freshenv=True)
def test_pages_without_liquid_are_untouched(app):
    app.build()
    text = (app.outdir / "plain.txt").read_text(encoding="utf-8")
    assert "Braces { site.baseurl } and" in text
    assert "50% off" in text
    assert not _warning_lines(app, "plain.md")


@pytest.mark.sphinx("html", testroot="liquid-site", freshenv=True)
def test_include_output_reaches_html(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Note for Ann in Liquid Course" in html


# -- render_page, without Sphinx ---------------------------------------------------------

SITE = load_site(ROOTS / "test-liquid-site")


def _render(body: str):
    # plain.md is a page of the site: page.* is its data (title "Plain page").
    return render_page("---\ntitle: T\n---\n" + body, SITE, "plain.md")


def test_has_liquid():
    assert has_liquid("a {{ b }}") and has_liquid("{% if x %}{% endif %}")
    assert not has_liquid("a { b } {: .x} 100%")


@pytest.mark.parametrize(
    "body",
    [
        "a\n{% if false %}\nb\nc\nd\n{% endif %}\nZ\n",  # renders fewer lines: padded
        "a\n{% capture x %}\nb\nc\n{% endcapture %}\nZ\n",
        "a\n{% comment %}\nb\nc\n{% endcomment %}\nZ\n",
        "a\n{% include note.html who='x' %}\n\n\nZ\n",  # renders more: blank lines absorb it
    ],
)
def test_line_of_text_after_a_construct_is_kept(body):
    result = _render(body)
    source_line = ("---\ntitle: T\n---\n" + body).splitlines().index("Z")
    assert result.text.splitlines().index("Z") == source_line
    assert not result.failed


def test_front_matter_is_left_in_place():
    result = _render("{{ page.title }}\n")
    assert result.text.startswith("---\ntitle: T\n---\nPlain page")


def test_a_failing_tag_costs_only_itself():
    source = "---\ntitle: T\n---\nx {% if %}\n{{ page.title }} stays\n"
    result = render_page(source, SITE, "plain.md")
    assert not result.failed
    assert result.text == "---\ntitle: T\n---\nx \nPlain page stays\n"
    assert [p.line for p in result.problems] == [4]


def test_editing_site_data_rebuilds_pages_using_it(make_app, tmp_path):
    import shutil
    import time

    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-liquid-site", srcdir)
    app = make_app("text", srcdir=srcdir)
    app.build()
    assert "Data: Liquid" in (app.outdir / "index.txt").read_text(encoding="utf-8")
    time.sleep(0.01)
    data = srcdir / "_data" / "course.yml"
    data.write_text(data.read_text().replace("title: Liquid Course", "title: Renamed Course"))
    app = make_app("text", srcdir=srcdir)
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8").replace("\n", " ")
    assert "Data: Renamed Course" in text


def test_front_matter_split_keeps_every_character_and_line():
    from sphinx_mentoring.site.frontmatter import split_front_matter

    for text, front in [
        ("---\ntitle: A\n---\nBody\n", "---\ntitle: A\n---\n"),
        ("---\r\ntitle: A\r\n---\r\nBody", "---\r\ntitle: A\r\n---\r\n"),  # Windows lines
        ("\ufeff---\n---\nBody", "\ufeff---\n---\n"),  # empty, after a byte-order mark
        ("---\ntitle: A\n...\n\nBody", "---\ntitle: A\n...\n"),
        ("No front matter\n---\n", ""),
    ]:
        block, body = split_front_matter(text)
        assert (block, block + body) == (front, text)


def test_python_liquid_is_imported_only_for_pages_using_liquid(tmp_path):
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from sphinx.cmd.build import build_main\n"
        "status = build_main(['-q', '-b', 'text', sys.argv[1], sys.argv[2]])\n"
        "print(status, 'liquid' in sys.modules)\n"
    )
    for root, imported in (("test-course-seed", "False"), ("test-liquid-site", "True")):
        result = subprocess.run(
            [sys.executable, "-c", script, str(ROOTS / root), str(tmp_path / root)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.split()[-2:] == ["0", imported], (root, result.stdout)


def test_an_opening_never_closed_is_kept_as_text():
    # Jekyll stops the build here; the page keeps its text and the rest of its Liquid.
    result = render_page("---\ntitle: T\n---\n{{ page.title }} and {{ b c\n", SITE, "plain.md")
    assert result.text == "---\ntitle: T\n---\nPlain page and {{ b c\n"
    assert [
        (p.line, "never closed" in p.message or "expected '}}'" in p.message)
        for p in result.problems
    ] == [(4, True)]


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_themes_includes_are_reported_once_per_build(make_app, tmp_path, parallel):
    """A remote theme is not read: each of its includes is one warning, at its first
    use, not one per page; the variables it would set are not reported."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-liquid-theme", srcdir)
    app = make_app("text", srcdir=srcdir, parallel=parallel, freshenv=True)
    app.build()
    warnings = [line for line in _warnings(app).splitlines() if "WARNING" in line]
    liquid_warnings = [line for line in warnings if "[mentoring.liquid]" in line]
    assert len(liquid_warnings) == 2, warnings
    base, links = sorted(liquid_warnings)
    assert "_episodes/01-first.md:5: WARNING: {% include base_path.html %}" in base
    assert "(on 1 page); it may be the theme's (carpentries/carpentries-theme)" in base
    assert "_episodes/01-first.md:8: WARNING: {% include links.md %}" in links
    assert "(on 2 pages)" in links
    assert "relative_root_path" not in _warnings(app)
    first = (app.outdir / "_episodes" / "01-first.txt").read_text(encoding="utf-8")
    assert "First words, *setup*." in first  # the page goes on after the include
