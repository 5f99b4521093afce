"""Images in every format: converted where the format needs it, a placeholder where it cannot.

Course sites hold animated GIFs, WebP, SVG, icons, ``.JPG`` and images on other
servers. HTML shows all of them; LaTeX takes PDF, PNG and JPEG only, EPUB no
remote file and no WebP. Here, in the order the build meets them:

- reading: a Markdown image written as Jekyll writes paths
  (``{{ site.baseurl }}/img/x.png``) is found like an HTML ``<img>``; a local
  image that does not exist keeps its alt text, with a ``mentoring.image`` warning;
- writing, for formats that cannot hold a remote file (LaTeX, EPUB, text, man):
  a remote image becomes a framed placeholder with its alt text and URL, before
  Sphinx would download it (a build never uses the network);
- conversion: :class:`ImageConverter`, Sphinx's own ``sphinx.ext.imgconverter``
  (ImageMagick's ``convert``: the first frame of a GIF, WebP, SVG, ICO, BMP,
  TIFF to PNG), kept because it is Sphinx's, maintained with it, and handles
  every raster format and SVG through one tool; here it also reuses a conversion
  made by an earlier build and turns a failed conversion into a warning;
- last: an image the format still cannot show (no ImageMagick, a broken file)
  becomes the placeholder with a ``mentoring.image`` warning, never a failed
  build; an upper-case extension (``.PNG``, which LaTeX's graphics drivers do
  not know) is copied under a lower-case name.
"""

from __future__ import annotations

import mimetypes
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.ext.imgconverter import ImagemagickConverter
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.images import get_image_size, guess_mimetype
from sphinx.util.osutil import ensuredir

from sphinx_mentoring.html import urls
from sphinx_mentoring.i18n import _
from sphinx_mentoring.report import warn

if TYPE_CHECKING:
    import os

    from sphinx.application import Sphinx
    from sphinx.builders import Builder


class image_placeholder(nodes.General, nodes.Inline, nodes.Element):
    """An image this format cannot show: ``alt`` text, ``uri`` where it lives, ``block``."""


def _is_remote(uri: str) -> bool:
    return "://" in uri or uri.startswith("//")


def make_placeholder(image: nodes.image, uri: str) -> image_placeholder:
    alt = str(image.get("alt") or "").strip()
    node = image_placeholder(alt=alt, uri=uri, block=_is_block(image))
    node.source, node.line = image.source, image.line
    return node


def _is_block(image: nodes.Element) -> bool:
    """An image alone in its paragraph (or link), or outside any paragraph."""
    node: nodes.Element = image
    while isinstance(node.parent, nodes.reference) and len(node.parent.children) == 1:
        node = node.parent
    parent = node.parent
    if isinstance(parent, nodes.paragraph):
        return all(c is node or not c.astext().strip() for c in parent.children)
    return not isinstance(parent, nodes.TextElement)


def _replace(image: nodes.image, placeholder: image_placeholder) -> None:
    """The image (or the paragraph it fills, for a block placeholder) gives way."""
    node: nodes.Element = image
    while isinstance(node.parent, nodes.reference) and len(node.parent.children) == 1:
        node = node.parent
    if placeholder["block"] and isinstance(node.parent, nodes.paragraph):
        node = node.parent
    node.replace_self(placeholder)


# --- reading ----------------------------------------------------------------------------


class ResolveImagePaths(SphinxTransform):
    """Markdown images find their file like HTML ``<img>``; a missing one keeps its alt text."""

    # Before Sphinx's image collector (doctree-read) records the files.
    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        from sphinx_mentoring import url_policy
        from sphinx_mentoring.html.state import jekyll_site_roots

        env = self.env
        docname = env.current_document.docname
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if not uri or "*" in uri or urls.is_remote(uri):
                continue
            if url_policy.scheme_of(uri):
                continue  # javascript:, data: ...: the URL policy decides (ReadUrls)
            _rel, path = env.relfn2path(uri, docname)
            if Path(path).is_file():
                continue
            resolved = urls.resolve_image(uri, docname, Path(env.srcdir), jekyll_site_roots(env))
            if resolved is not None:
                image["uri"] = resolved
                continue
            alt = str(image.get("alt") or "")
            warn(f"image file not found: {uri}; its alt text is kept", "image", image)
            image.replace_self(nodes.inline(alt, alt, classes=["mentoring-missing-image"]))


# --- writing ----------------------------------------------------------------------------


def _web_builder(builder: type[Builder]) -> bool:
    """HTML pages on the web: browsers fetch remote images and show every format."""
    return bool(builder.supported_remote_images)


class RemoteImagePlaceholders(SphinxPostTransform):
    """Remote images, in formats that cannot hold them, become placeholders (never fetched)."""

    # Before Sphinx's ImageDownloader (100), which would fetch them.
    default_priority = 90

    def run(self, **kwargs: Any) -> None:
        if _web_builder(self.env._builder_cls):
            return
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if _is_remote(uri):
                url = "https:" + uri if uri.startswith("//") else uri
                _replace(image, make_placeholder(image, url))


class ImageConverter(ImagemagickConverter):
    """Sphinx's ImageMagick converter, for the formats a course site holds.

    Not for web builders (browsers show GIF animations and WebP as they are); an
    image converted by an earlier build is reused; a file ImageMagick cannot read
    is left unconverted, and :class:`ImageFallback` shows its placeholder.
    """

    conversion_rules = [
        *ImagemagickConverter.conversion_rules,
        ("image/x-icon", "image/png"),
        ("image/vnd.microsoft.icon", "image/png"),
        ("image/bmp", "image/png"),
        ("image/tiff", "image/png"),
    ]

    def match(self, node: nodes.image) -> bool:
        return not _web_builder(self.env._builder_cls) and super().match(node)

    def guess_mimetypes(self, node: nodes.image) -> list[str]:
        guessed = list(super().guess_mimetypes(node))
        if not guessed and "*" in node["candidates"]:
            # Sphinx's own table lacks icons, BMP and TIFF; Python's knows them.
            mimetype = mimetypes.guess_type(node["uri"])[0]
            guessed = [mimetype] if mimetype else []
        return guessed

    def is_available(self) -> bool:
        # Quietly: without ImageMagick, ImageFallback names each image it cannot show.
        return shutil.which(self.config.image_converter) is not None and super().is_available()

    def convert(self, _from: str | os.PathLike[str], _to: str | os.PathLike[str]) -> bool:
        source, target = Path(_from), Path(_to)
        if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
            return True
        args = [self.config.image_converter, *self.config.image_converter_args]
        try:
            subprocess.run(
                [*args, f"{source}[0]", str(target)], capture_output=True, check=True, timeout=120
            )
        except (OSError, subprocess.SubprocessError):
            target.unlink(missing_ok=True)
            return False
        return target.is_file()


def _readable(path: Path, mimetype: str) -> bool:
    """The file exists and, for a bitmap, its header gives a size (LaTeX stops on a bad one)."""
    if not path.is_file():
        return False
    return mimetype not in BITMAPS or get_image_size(path) is not None


BITMAPS = frozenset({"image/png", "image/jpeg", "image/gif"})
#: The file name endings LaTeX's graphics drivers and EPUB readers know, per type.
SUFFIXES = {
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/svg+xml": (".svg",),
    "application/pdf": (".pdf",),
}


class ImageFallback(SphinxPostTransform):
    """What the format still cannot show becomes a placeholder, with a warning."""

    # After the converters (200).
    default_priority = 250

    def run(self, **kwargs: Any) -> None:
        builder = self.env._builder_cls
        supported = list(builder.supported_image_types)
        if _web_builder(self.env._builder_cls) or not supported:
            return
        for image in list(self.document.findall(nodes.image)):
            candidates: dict[str, str] = image.get("candidates", {})
            if "?" in candidates or _is_remote(str(image.get("uri", ""))):
                continue
            path = self._usable_file(image, supported)
            if path is None:
                self._fall_back(image, builder.name)
            elif path.suffix not in SUFFIXES.get(guess_mimetype(path) or "", (path.suffix,)):
                self._copy_with_suffix(image, path)

    def _usable_file(self, image: nodes.image, supported: list[str]) -> Path | None:
        candidates: dict[str, str] = image.get("candidates", {})
        srcdir = Path(self.env.srcdir)
        if "*" in candidates:
            path = srcdir / candidates["*"]
            mimetype = guess_mimetype(path)
            return path if mimetype in supported and _readable(path, mimetype) else None
        for mimetype in supported:
            if mimetype in candidates and _readable(srcdir / candidates[mimetype], mimetype):
                return srcdir / candidates[mimetype]
        return None

    def _fall_back(self, image: nodes.image, builder: str) -> None:
        uri = str(image.get("uri", ""))
        known = self.env.original_image_uri.items()
        original = next((str(value) for key, value in known if str(key) == uri), uri)
        mimetype = (
            guess_mimetype(Path(self.env.srcdir) / uri)
            or mimetypes.guess_type(uri)[0]
            or "an unknown type"
        )
        how = (
            "install ImageMagick (Debian: apt install imagemagick) to convert it"
            if ImageConverter.available is False
            else "it could not be converted"
        )
        warn(
            f"image {original} ({mimetype}) cannot be shown in the {builder} output: {how}; "
            "its alt text is printed in a frame instead",
            "image",
            image,
        )
        _replace(image, make_placeholder(image, ""))

    def _copy_with_suffix(self, image: nodes.image, path: Path) -> None:
        """``photo.PNG`` as ``photo.png``, a PNG named ``favicon.ico`` as ``favicon.png``.

        LaTeX's graphics drivers and EPUB media types go by the file name's ending.
        """
        imagedir = Path(self.env.doctreedir) / "images" / "renamed"
        ensuredir(imagedir)
        # the name Sphinx gave the file is unique across the project
        unique = self.env.images[str(image["uri"])][1] if image["uri"] in self.env.images else None
        name = Path(unique or path.name)
        mimetype = guess_mimetype(path) or ""
        target = imagedir / (name.stem + SUFFIXES.get(mimetype, (name.suffix.lower(),))[0])
        if not target.is_file() or target.stat().st_mtime < path.stat().st_mtime:
            shutil.copyfile(path, target)
        for key, value in list(image["candidates"].items()):
            if Path(self.env.srcdir, value) == path:
                image["candidates"][key] = str(target)
        image["uri"] = str(target)
        self.env.images.add_file(self.env.current_document.docname, str(target))


# --- the placeholder in each writer -----------------------------------------------------


def placeholder_text(node: image_placeholder) -> str:
    alt = node.get("alt") or _("no description")
    uri = node.get("uri", "")
    return f"[{_('Image')}: {alt}" + (f" ({uri})" if uri else "") + "]"


def _visit_html(self: Any, node: image_placeholder) -> None:
    tag = "div" if node.get("block") else "span"
    alt = self.encode(node.get("alt") or _("no description"))
    self.body.append(
        f'<{tag} class="mentoring-image-placeholder" role="img" aria-label="{alt}">'
        f'<span class="mentoring-image-placeholder-label">{self.encode(_("Image"))}:</span> {alt}'
    )
    uri = node.get("uri", "")
    if uri:
        self.body.append(f' <a class="reference external" href="{self.attval(uri)}">')
        self.body.append(f"{self.encode(uri)}</a>")
    self.body.append(f"</{tag}>")
    raise nodes.SkipNode


def _visit_latex(self: Any, node: image_placeholder) -> None:
    alt = self.encode(node.get("alt") or _("no description"))
    uri = node.get("uri", "")
    link = f"\\sphinxhref{{{self.encode_uri(uri)}}}{{\\sphinxnolinkurl{{{self.encode_uri(uri)}}}}}"
    macro = "sphinxmentoringimage" if node.get("block") else "sphinxmentoringimageinline"
    self.body.append(f"\\{macro}{{{self.encode(_('Image'))}}}{{{alt}}}{{{link if uri else ''}}}")
    if node.get("block"):
        self.body.append("\n")
    raise nodes.SkipNode


def _visit_text(self: Any, node: image_placeholder) -> None:
    if node.get("block"):
        self.new_state(0)
        self.add_text(placeholder_text(node))
        self.end_state()
    else:
        self.add_text(placeholder_text(node))
    raise nodes.SkipNode


def _visit_man(self: Any, node: image_placeholder) -> None:
    if node.get("block"):
        self.ensure_eol()
        self.body.append(".sp\n")
    self.body.append(self.deunicode(placeholder_text(node).replace("\\", "\\e")))
    raise nodes.SkipNode


def _visit_texinfo(self: Any, node: image_placeholder) -> None:
    self.body.append(self.escape(placeholder_text(node)))
    raise nodes.SkipNode


def _depart(self: Any, node: nodes.Node) -> None:
    pass


def setup(app: Sphinx) -> None:
    if "image_converter" not in app.config:  # unless sphinx.ext.imgconverter is loaded
        app.add_config_value("image_converter", "convert", "env", types=frozenset({str}))
        app.add_config_value("image_converter_args", [], "env", types=frozenset({list, tuple}))
    app.add_node(
        image_placeholder,
        html=(_visit_html, _depart),
        latex=(_visit_latex, _depart),
        text=(_visit_text, _depart),
        man=(_visit_man, _depart),
        texinfo=(_visit_texinfo, _depart),
    )
    app.add_transform(ResolveImagePaths)
    app.add_post_transform(RemoteImagePlaceholders)
    app.add_post_transform(ImageConverter)
    app.add_post_transform(ImageFallback)
