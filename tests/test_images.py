"""Images in every format: GIF, WebP, SVG, ICO, .JPG, remote, broken, missing."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

needs_imagemagick = pytest.mark.skipif(
    not shutil.which("convert"), reason="needs ImageMagick (tools/system-deps.sh)"
)


@needs_imagemagick
@pytest.mark.sphinx("latex", testroot="images", freshenv=True)
def test_latex_gets_png_jpeg_and_placeholders(app) -> None:
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    tex = (Path(app.outdir) / "images.tex").read_text(encoding="utf-8")
    graphics = [line for line in tex.splitlines() if "sphinxincludegraphics" in line]
    # GIF (first frame), WebP, SVG, ICO and the HTML <img> GIF became PNGs; .JPG -> .jpg
    assert len(graphics) == 7, graphics
    assert all(".gif" not in g and ".webp" not in g and ".svg" not in g for g in graphics)
    assert all(".JPG" not in g and ".ico" not in g for g in graphics)
    for name in ("anim.png", "pic.png", "drawing.png", "favicon.png", "photo.jpg"):
        assert (Path(app.outdir) / name).is_file(), name
    # remote images: framed placeholders with the alt text and the URL, never fetched
    assert r"\sphinxmentoringimage{Image}{A picture on another server}" in tex
    assert "https://example.org/images/remote-picture.png" in tex
    assert r"\sphinxmentoringimageinline{Image}{build passing}" in tex
    assert "Could not fetch remote image" not in warnings
    # broken and missing files: alt text, a warning naming file and line
    assert r"\sphinxmentoringimage{Image}{A broken GIF}" in tex
    assert r"\sphinxmentoringimage{Image}{A broken PNG}" in tex
    assert "Nowhere to be found" in tex
    assert "index.md:21: WARNING: image img/broken.gif" in warnings
    assert "index.md:23: WARNING: image img/broken.png" in warnings
    assert "index.md:25: WARNING: image file not found: img/missing.png" in warnings
    if shutil.which("latexmk") and shutil.which("pdftotext"):
        from test_pdf import compile_pdf, pdf_text, squash

        text = squash(pdf_text(compile_pdf(Path(app.outdir), "images.tex")))
        for alt in ("A picture on another server", "build passing", "A broken GIF"):
            assert squash(alt) in text, alt


@needs_imagemagick
@pytest.mark.sphinx("epub", testroot="images", freshenv=True)
def test_epub_images_are_core_media_types(app) -> None:
    from test_epub import epubcheck

    app.build()
    epubcheck(Path(app.outdir))
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        page = archive.read("index.xhtml").decode("utf-8")
    images = [n for n in names if n.startswith("_images/")]
    assert not [n for n in images if n.endswith((".webp", ".ico", ".JPG"))], images
    assert 'class="mentoring-image-placeholder"' in page
    assert "https://example.org/images/remote-picture.png" in page
    assert "<img" in page and "example.org/images" not in page.split("<img", 1)[1][:200]


@pytest.mark.sphinx("html", testroot="images", freshenv=True)
def test_html_keeps_every_image_as_it_is(app) -> None:
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'src="_images/anim.gif"' in page and 'src="_images/pic.webp"' in page
    assert 'src="https://example.org/images/remote-picture.png"' in page
    assert "mentoring-image-placeholder" not in page


@pytest.mark.sphinx("text", testroot="images", freshenv=True)
def test_text_names_remote_images(app) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8").replace("\n", "")
    url = "https://example.org/images/remote-picture.png"
    assert f"[Image: A picture on another server ({url})]" in text
