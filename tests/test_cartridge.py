"""The Common Cartridge builder (``-b imscc``): packages every LMS imports.

Each package is checked with the shared ``tools/cc/validate.py`` (the CC 1.3 XSDs,
their Schematron rules and checks drawn from the Canvas, Moodle and cc2olx
importers), then read back: the outline, the pages, their links and files.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from buildcompare import assert_same_tree, build_project
from conftest import SHARED

from sphinx_mentoring.cartridge.links import LinkStyle
from sphinx_mentoring.cartridge.package import (
    VERSIONS,
    Cartridge,
    Item,
    Metadata,
    Resource,
    WebLink,
    manifest,
    weblink,
    write_package,
)
from sphinx_mentoring.filenames import safe_filename, safe_filenames

VALIDATOR = SHARED / "tools" / "cc" / "validate.py"
needs_validator = pytest.mark.skipif(
    not VALIDATOR.is_file(), reason=f"the shared cartridge checker is not at {VALIDATOR}"
)
COURSE = "test-cartridge-course"
PACKAGE = "cartridge-course.imscc"


def validate(package: Path) -> dict[str, list[dict[str, str]]]:
    """validate.py's findings by severity."""
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), "--json", str(package)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)[0]["findings"]
    by_severity: dict[str, list[dict[str, str]]] = {"error": [], "warning": [], "info": []}
    for finding in findings:
        by_severity[finding["severity"]].append(finding)
    return by_severity


class Package:
    """A built cartridge, read back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.files = {name: archive.read(name) for name in archive.namelist()}
        self.manifest = ET.fromstring(self.files["imsmanifest.xml"])
        self.ns = {"cp": self.manifest.tag[1:].split("}")[0]}

    def page(self, docname: str) -> str:
        return self.files[f"web_resources/pages/{safe_filename(docname)}.html"].decode("utf-8")

    def modules(self) -> list[tuple[str, list[str]]]:
        """Top-level items (title, titles of the leaves below)."""
        root = self.manifest.find("cp:organizations/cp:organization/cp:item", self.ns)
        assert root is not None
        found = []
        for module in root.findall("cp:item", self.ns):
            leaves = [
                str(item.findtext("cp:title", namespaces=self.ns))
                for item in module.iter(f"{{{self.ns['cp']}}}item")
                if item.get("identifierref")
            ]
            found.append((str(module.findtext("cp:title", namespaces=self.ns)), leaves))
        return found

    def resource(self, title: str) -> ET.Element:
        item = next(
            i
            for i in self.manifest.iter(f"{{{self.ns['cp']}}}item")
            if i.findtext("cp:title", namespaces=self.ns) == title and i.get("identifierref")
        )
        return next(
            r
            for r in self.manifest.iter(f"{{{self.ns['cp']}}}resource")
            if r.get("identifier") == item.get("identifierref")
        )

    def declared(self) -> set[str]:
        return {str(f.get("href")) for f in self.manifest.iter(f"{{{self.ns['cp']}}}file")}


def build(app) -> Package:
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    return Package(Path(app.outdir) / PACKAGE)


# --- the package of a course -----------------------------------------------------------


@needs_validator
@pytest.mark.sphinx("imscc", testroot="cartridge-course")
def test_course_package_is_valid_and_follows_the_course(app):
    package = build(app)
    findings = validate(package.path)
    assert findings["error"] == [] and findings["warning"] == [], findings

    # One top-level item per module, in course order; sections as their items.
    assert package.modules() == [
        ("Course overview", ["Cartridge Course"]),
        ("First Steps", ["First steps", "Watch and read", "Your first activity"]),
        (
            "Practice & More",
            ["Practice and more", "Roles, part one", "Roles, part two", "Further reading"],
        ),
        # A module of one page lists it once (it is its landing page and its section).
        ("Wrap Up", ["Wrapping up"]),
        ("Appendices", ["About this course"]),
    ]
    # A section written as two pages is an item holding both.
    parts = package.manifest.find(".//cp:item[cp:title='2. Roles']", package.ns)
    assert parts is not None and len(parts.findall("cp:item", package.ns)) == 2

    # The course's metadata, as LOM.
    lom = package.files["imsmanifest.xml"].decode("utf-8")
    assert '<lomimscc:string language="en">Cartridge Course</lomimscc:string>' in lom
    assert "goes into every learning management system" in lom
    assert "CC BY-SA 4.0" in lom
    # The CP namespace as default namespace, early (Moodle and Chamilo sniff for it).
    assert (
        b'xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"'
        in package.files["imsmanifest.xml"][:1024]
    )

    # Every page, the image and the linked handout are files of the package.
    names = set(package.files)
    for docname in app.env.all_docs:
        assert f"web_resources/pages/{safe_filename(docname)}.html" in names
    assert "web_resources/images/ladder.png" in package.declared()
    assert "web_resources/files/files/handout.pdf" in package.declared()
    # Safe names only: no space, no '&' from "modules/Practice & More".
    assert all(re.fullmatch(r"[A-Za-z0-9._/-]+", name) for name in names)


@pytest.mark.sphinx("imscc", testroot="cartridge-course")
def test_pages_are_self_contained_with_every_component_visible(app):
    package = build(app)
    for name, data in package.files.items():
        if name.endswith(".html"):
            text = data.decode("utf-8")
            assert "<script" not in text, name
            assert text.count('rel="stylesheet"') == 1, name
            assert 'class="mentoring-page"' in text, name
            assert "sidebar" not in text and "navbar" not in text, name
    overview = package.page("modules/first-steps/_posts/2000-01-01-overview")
    assert 'class="mentoring-objectives' in overview and "Find your way around" in overview
    assert 'role="doc-footnote"' in overview and "Stand by Me" in overview
    watch = package.page("modules/first-steps/_posts/2000-01-02-watch")
    # The player where the LMS allows it, and always the link to the video under it.
    assert "youtube-nocookie.com/embed/abc123XYZ_0" in watch
    assert 'href="https://www.youtube.com/watch?v=abc123XYZ_0"' in watch
    activity = package.page("modules/first-steps/_posts/2000-01-03-activity")
    assert "mentoring-callout-activity" in activity and "plan a meeting" in activity
    assert "<details" in activity and "A possible answer" in activity
    # One stylesheet, declared, styling the boxes; code colours scoped to the page.
    css = package.files["web_resources/styles/mentoring-cartridge.css"].decode("utf-8")
    assert ".mentoring-page .mentoring-callout-activity" in css
    assert ".mentoring-page .highlight" in css
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", rules) for s in block.split(",")]
    assert selectors and all(s.startswith(".mentoring-page") for s in selectors if s), selectors


@pytest.mark.sphinx("imscc", testroot="cartridge-course")
def test_links_work_in_the_package_and_lead_out_to_the_published_site(app):
    package = build(app)
    watch = package.page("modules/first-steps/_posts/2000-01-02-watch")
    # CC 1.3: $IMS-CC-FILEBASE$ paths (Canvas Pages, cc2olx), to the page (Canvas looks
    # the file up with the #place and would leave the link broken).
    assert (
        'href="$IMS-CC-FILEBASE$/pages/modules/first-steps/_posts/2000-01-01-overview.html"'
        in watch
    )
    assert 'src="$IMS-CC-FILEBASE$/images/ladder.png"' in watch
    assert 'href="$IMS-CC-FILEBASE$/files/files/handout.pdf"' in watch
    activity = package.page("modules/first-steps/_posts/2000-01-03-activity")
    # A module the course lists but does not hold: its address on the published site.
    assert 'href="https://courses.example.org/cart/modules/missing-module/"' in activity
    assert "mailto:" in activity
    start = package.page("modules/Practice & More/_posts/2001-01-01-start")
    assert "$IMS-CC-FILEBASE$/pages/modules/first-steps/_posts/2000-01-01-overview.html" in start

    # A page that only sends readers to another site is a web link in its module.
    link = package.resource("Further reading")
    assert link.get("type") == "imswl_xmlv1p3"
    xml_file = link.find("cp:file", package.ns)
    assert xml_file is not None
    assert b'href="https://example.org/reading-list"' in package.files[str(xml_file.get("href"))]


@pytest.mark.sphinx("imscc", testroot="cartridge-course", confoverrides={"html_baseurl": ""})
def test_links_out_of_the_package_keep_their_text_without_a_published_site(app):
    package = build(app)
    activity = package.page("modules/first-steps/_posts/2000-01-03-activity")
    assert "missing-module" not in activity
    assert "civic engagement module" in activity


@needs_validator
@pytest.mark.sphinx(
    "imscc", testroot="cartridge-course", confoverrides={"mentoring_imscc_version": "1.1"}
)
def test_moodle_variant_is_cc_1_1_with_relative_links(app):
    package = build(app)
    findings = validate(package.path)
    assert findings["error"] == [], findings
    assert package.ns["cp"] == "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    assert package.resource("Further reading").get("type") == "imswl_xmlv1p1"
    watch = package.page("modules/first-steps/_posts/2000-01-02-watch")
    assert "$IMS-CC-FILEBASE$" not in watch
    assert 'src="../../../../images/ladder.png"' in watch
    # Moodle rewrites a link only when it finds its file on disk: no #anchor to another page.
    assert 'href="../../../../pages/modules/first-steps/_posts/2000-01-01-overview.html"' in watch
    assert 'href="../../../../styles/mentoring-cartridge.css"' in watch


@needs_validator
@pytest.mark.sphinx(
    "imscc", testroot="cartridge-course", confoverrides={"mentoring_imscc_links": "relative"}
)
def test_cc_1_3_with_relative_links_for_canvas_course_files(app):
    package = build(app)
    assert validate(package.path)["error"] == []
    watch = package.page("modules/first-steps/_posts/2000-01-02-watch")
    assert "$IMS-CC-FILEBASE$" not in watch
    assert "2000-01-01-overview.html#before-you-start" in watch  # anchors kept in 1.3


@pytest.mark.sphinx("imscc", testroot="cartridge-course")
def test_second_build_gives_the_same_package(app):
    app.build()
    first = Path(app.outdir, PACKAGE).read_bytes()
    app.build()  # incremental: nothing to write, the package is made again
    assert Path(app.outdir, PACKAGE).read_bytes() == first


def test_parallel_build_equals_serial_build(rootdir, tmp_path):
    serial = build_project(rootdir / COURSE, tmp_path / "j1", "imscc", parallel=1, freshenv=True)
    parallel = build_project(rootdir / COURSE, tmp_path / "j2", "imscc", parallel=2, freshenv=True)
    assert sorted(serial.warning.getvalue().splitlines()) == sorted(
        parallel.warning.getvalue().splitlines()
    )
    assert_same_tree(serial.outdir, parallel.outdir)


def test_files_no_page_uses_leave_the_package(rootdir, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(rootdir / COURSE, source)
    first = build_project(source, tmp_path / "out", "imscc", freshenv=True)
    assert "web_resources/images/ladder.png" in Package(Path(first.outdir) / PACKAGE).files
    watch = source / "modules/first-steps/_posts/2000-01-02-watch.md"
    watch.write_text("---\ntitle: Watch and read\n---\n\nNo picture any more.\n")
    second = build_project(source, tmp_path / "out", "imscc")  # incremental
    package = Package(Path(second.outdir) / PACKAGE)
    assert "No picture any more" in package.page("modules/first-steps/_posts/2000-01-02-watch")
    assert "web_resources/images/ladder.png" not in package.files
    assert not (Path(second.outdir) / "cartridge-course/web_resources/images/ladder.png").exists()
    # Pages the incremental build did not rewrite keep what they link to.
    assert "web_resources/styles/mentoring-cartridge.css" in package.files
    assert len([n for n in package.files if n.startswith("web_resources/pages/")]) == 10


# --- the pieces -------------------------------------------------------------------------


@needs_validator
@pytest.mark.parametrize("version", ["1.3", "1.1"])
def test_manifest_of_a_plain_cartridge_is_valid(tmp_path, version):
    cartridge = Cartridge(
        Metadata("Plain & simple", "fr", "Un cours", "Équipe", "CC0"),
        [Item("I_m", "Module", children=[Item("I_p", "Page", "R_p"), Item("I_w", "Lien", "R_w")])],
        [
            Resource("R_p", "webcontent", "web_resources/p.html", ["web_resources/p.html"]),
            Resource("R_w", "weblink", files=["weblinks/R_w.xml"]),
        ],
        {"weblinks/R_w.xml": WebLink("Lien", "https://example.org/")},
    )
    target = tmp_path / "plain.imscc"
    write_package(
        target,
        {
            "imsmanifest.xml": manifest(cartridge, VERSIONS[version]),
            "web_resources/p.html": b"<!DOCTYPE html><title>p</title><p>page</p>",
            "weblinks/R_w.xml": weblink(cartridge.weblinks["weblinks/R_w.xml"], VERSIONS[version]),
        },
    )
    findings = validate(target)
    assert findings["error"] == []
    if version == "1.3":
        assert findings["warning"] == []
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"


def test_link_styles():
    filebase = LinkStyle(filebase=True, page_anchors=True)
    assert filebase.href("images/x.png", "pages/a/b.html") == "$IMS-CC-FILEBASE$/images/x.png"
    relative = LinkStyle(filebase=False, page_anchors=False)
    assert relative.href("images/x.png", "pages/a/b.html") == "../../images/x.png"
    assert (
        relative.link("pages/c.html", "top", "pages/a/b.html", to_page=True) == "../../pages/c.html"
    )
    assert relative.link("files/x.pdf", "p2", "pages/b.html", to_page=False) == "../files/x.pdf#p2"
    # A link to the page itself stays on the page (cc2olx would send it to a copy).
    assert filebase.link("pages/a/b.html", "top", "pages/a/b.html", to_page=True) == "#top"


def test_safe_file_names_are_unique():
    names = safe_filenames(["modules/Course Selection/a & b", "modules/Course-Selection/a-b", "x"])
    assert names["modules/Course Selection/a & b"] == "modules/Course-Selection/a-b"
    assert names["modules/Course-Selection/a-b"].startswith("modules/Course-Selection/a-b-")
    assert safe_filename("modules/Café/ünïcode.md") == "modules/Cafe/unicode.md"
    assert len(set(names.values())) == 3


@needs_validator
@pytest.mark.sphinx("imscc", testroot="workbench-lesson")
def test_workbench_lesson_package(app):
    """Episodes in config.yaml order; a file the Workbench serves flattened (episodes/data/
    as data/) is in the package, where the page's link leads."""
    app.build()
    (path,) = Path(app.outdir).glob("*.imscc")
    package = Package(path)
    findings = validate(package.path)
    assert findings["error"] == [] and findings["warning"] == [], findings
    titles = [title for title, _pages in package.modules()]
    assert titles[1:3] == ["First Steps", "Advanced Things"] and titles[-1] == "Appendices"
    assert "web_resources/files/data/records.csv" in package.declared()
    assert "$IMS-CC-FILEBASE$/files/data/records.csv" in package.page("learners/setup")


def test_cli_builds_the_package(tmp_path):
    from sphinx_mentoring import cli

    site = Path(__file__).parent / "roots" / "test-cli-site"
    out = tmp_path / "out"
    assert cli.main(["build", str(site), str(out), "--format", "imscc", "-q"]) == 0
    packages = list((out / "imscc").glob("*.imscc"))
    assert [p.name for p in packages] == ["cli-course.imscc"]


# --- whole courses ----------------------------------------------------------------------


def _recall_tool():
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location(
        "cartridge_recall", REPO / "tools" / "cartridge_recall.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus(name: str, tmp_path: Path) -> Path:
    source = SHARED / "corpus" / name
    if not source.is_dir():
        pytest.skip(f"shared corpus not found at {source}")
    target = tmp_path / name
    shutil.copytree(source, target)
    return target


def _build_imscc(site: Path, out: Path, *options: str) -> Package:
    from sphinx_mentoring import cli

    assert cli.main(["build", str(site), str(out), "--format", "imscc", "-q", *options]) == 0
    (package,) = (out / "imscc").glob("*.imscc")
    return Package(package)


def test_recall_counts_what_a_reader_sees(tmp_path):
    """The text build's own labels are no author's words; a browser's list numbers are."""
    text = tmp_path / "text"
    text.mkdir()
    (text / "page.txt").write_text(
        "Steps\n\n**C**ascading width: 300px\n\n1. Open the file\n\n"
        "2. Save it [image: the Save\nbutton][image]\n\n"
        "[Image: a remote logo (https://example.org/\nlogo.png)]\n\n"
        "Video: Video: Saving (1:00) <https://example.org/a-very-long-addr\n   ess>\n",
        encoding="utf-8",
    )
    page = (
        "<html><head><title>Steps</title></head><body><h1>Steps</h1><p><strong>C</strong>ascading "
        '<code><span class="k">width</span>:<span class="mi">300</span><span>px</span></code></p>'
        "<ol><li>Open the file</li>"
        '<li>Save it <img src="x.png" alt="the Save button"></li></ol>'
        '<p><img src="https://example.org/logo.png" alt="a remote logo"></p>'
        '<figure class="mentoring-video"><figcaption><a href="https://example.org/a-very-long-'
        'address">Video: Saving (1:00)</a></figcaption></figure></body></html>'
    )
    package = tmp_path / "course.imscc"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("web_resources/pages/page.html", page)
    recall = _recall_tool().recall
    assert recall(text, package)["recall"] == 1.0

    # A word the package lost counts, and so does a list number the browser would not draw.
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("web_resources/pages/page.html", page.replace("<ol>", "<ul>"))
    report = recall(text, package)
    assert report["recall"] < 1.0 and report["pages"][0]["missing"] == ["1", "2"]


@pytest.mark.slow
@needs_validator
def test_connectedlib_package(tmp_path):
    from sphinx_mentoring import cli

    site = _corpus("connectedlib", tmp_path)
    package = _build_imscc(site, tmp_path / "out")
    findings = validate(package.path)
    assert findings["error"] == [] and findings["warning"] == [], findings
    # One top-level item per module, in _data/course.yml order (the corpus has three).
    titles = [title for title, _pages in package.modules()]
    assert titles == [
        "Course overview",
        "Introducing the Toolkit",
        "The Connected Learning Mindset",
        "Mentoring",
        "Appendices",
    ]
    assert len(dict(package.modules())["The Connected Learning Mindset"]) == 12
    # Every page and both images are in the package.
    pages = [n for n in package.files if n.startswith("web_resources/pages/")]
    assert len(pages) == 30
    assert {
        "web_resources/images/ladder_of_participation.png",
        "web_resources/images/mentoring_issues_sample.png",
    } <= package.declared()
    # >= 99 % of the words of the course's text build are in the package's pages.
    assert cli.main(["build", str(site), str(tmp_path / "out"), "--format", "text", "-q"]) == 0
    report = _recall_tool().recall(tmp_path / "out" / "text", package.path)
    assert report["recall"] >= 0.99, [p for p in report["pages"] if p["recall"] < 0.99]
    assert all(page["in_package"] for page in report["pages"])

    # The variant for Moodle: CC 1.1, no errors.
    moodle = _build_imscc(site, tmp_path / "moodle", "-D", "mentoring_imscc_version=1.1")
    assert validate(moodle.path)["error"] == []
    assert moodle.modules() == package.modules()


@pytest.mark.slow
@needs_validator
@pytest.mark.parametrize(
    ("lesson", "episodes", "images"),
    [
        ("lc-python-intro", ("Getting Started", 17, "Feedback"), 4),
        ("lc-marcedit", ("Introduction to MarcEdit", 10, "Regular Expressions"), 14),
    ],
)
def test_lesson_packages(lesson, episodes, images, tmp_path):
    from sphinx_mentoring import cli

    site = _corpus(lesson, tmp_path)
    package = _build_imscc(site, tmp_path / "out")
    findings = validate(package.path)
    assert findings["error"] == [] and findings["warning"] == [], findings
    # One top-level item per episode, in lesson order, holding the episode's page;
    # the lesson's other pages after them.
    modules = package.modules()
    first, count, last = episodes
    titles = [title for title, _pages in modules]
    assert titles[0] == "Course overview" and titles[-1] == "Appendices"
    assert len(titles) == count + 2 and (titles[1], titles[-2]) == (first, last)
    assert all(pages == [title] for title, pages in modules[1:-1])
    pages = [n for n in package.files if n.startswith("web_resources/pages/")]
    leaves = [page for _title, module in modules for page in module]
    assert len(pages) >= len(leaves) > 10
    # Every picture the lesson's pages show (as many as its HTML build has), declared.
    shown = {n for n in package.declared() if n.startswith("web_resources/images/")}
    assert len(shown) == images
    # Every page of the text build is in the package, with >= 99 % of its words.
    assert cli.main(["build", str(site), str(tmp_path / "out"), "--format", "text", "-q"]) == 0
    report = _recall_tool().recall(tmp_path / "out" / "text", package.path)
    assert report["recall"] >= 0.99, [p for p in report["pages"] if p["recall"] < 0.99]
    assert all(page["in_package"] for page in report["pages"])
    # The variant for Moodle and Blackboard: CC 1.1, no errors.
    older = _build_imscc(site, tmp_path / "cc11", "-D", "mentoring_imscc_version=1.1")
    assert validate(older.path)["error"] == []
