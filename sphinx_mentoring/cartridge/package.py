"""A Common Cartridge as plain data, and the files that describe it.

:class:`Cartridge` holds what a package says: the course's metadata, the
organization (the course's outline: one item per module, its pages as the
module's items) and the resources the items open (web pages with their files,
web links). :func:`manifest` writes ``imsmanifest.xml`` for CC 1.3 or 1.1,
:func:`weblink` a web link's own XML file, :func:`write_package` the zip.

No Sphinx here: the builder fills a :class:`Cartridge` from the course model.
The XML is written by a small serializer with fixed prefixes, so the manifest
declares the content-packaging namespace as its *default* namespace on its
first line: Moodle and Chamilo detect a cartridge by that text in its first
1024 bytes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The path token Canvas and Open edX's cc2olx read as "the package's web_resources/".
FILEBASE = "$IMS-CC-FILEBASE$"
#: Where web content lives in a package (Canvas and cc2olx look for this folder).
WEB_RESOURCES = "web_resources"


@dataclass(frozen=True)
class Version:
    """What differs between the CC versions written: namespaces, types, schema files."""

    name: str
    schemaversion: str
    cp: str  # the manifest's (default) namespace
    lom_manifest: str
    lom_resource: str
    weblink: str  # namespace of a web link's XML file
    weblink_type: str  # its resource type

    @property
    def _profile(self) -> tuple[str, str]:
        """Where 1EdTech publishes the version's schema files, and their name stem."""
        v = self.name.replace(".", "p")
        return f"http://www.imsglobal.org/profile/cc/ccv{v}", f"ccv{v}"

    @property
    def schema_location(self) -> str:
        folder, stem = self._profile
        return (
            f"{self.cp} {folder}/{stem}_imscp_v1p2_v1p0.xsd "
            f"{self.lom_manifest} {folder}/LOM/{stem}_lommanifest_v1p0.xsd "
            f"{self.lom_resource} {folder}/LOM/{stem}_lomresource_v1p0.xsd"
        )

    @property
    def weblink_location(self) -> str:
        folder, stem = self._profile
        return f"{self.weblink} {folder}/{stem}_imswl_v{self.name.replace('.', 'p')}.xsd"


def _version(name: str) -> Version:
    v = name.replace(".", "p")  # "1p3"
    return Version(
        name=name,
        schemaversion=f"{name}.0",
        cp=f"http://www.imsglobal.org/xsd/imsccv{v}/imscp_v1p1",
        lom_manifest=f"http://ltsc.ieee.org/xsd/imsccv{v}/LOM/manifest",
        lom_resource=f"http://ltsc.ieee.org/xsd/imsccv{v}/LOM/resource",
        weblink=f"http://www.imsglobal.org/xsd/imsccv{v}/imswl_v{v}",
        weblink_type=f"imswl_xmlv{v}",
    )


#: CC 1.3 for Canvas and Open edX (cc2olx); 1.1, the newest Moodle's core importer reads.
VERSIONS = {name: _version(name) for name in ("1.3", "1.1")}


@dataclass
class Metadata:
    """The course as the manifest's LOM describes it (Canvas, Moodle and cc2olx read the
    title; the rest is for catalogues and people)."""

    title: str
    language: str = "en"
    description: str = ""
    author: str = ""
    licence: str = ""


@dataclass
class Item:
    """One entry of the outline: a folder (a module, a section of several pages) or a
    leaf that opens a resource."""

    identifier: str
    title: str
    resource: str | None = None  # identifier of the resource a leaf opens
    children: list[Item] = field(default_factory=list)


@dataclass
class Resource:
    """A web page (``href`` and its file), a bundle of files, or a web link."""

    identifier: str
    kind: str  # "webcontent" or "weblink"
    href: str | None = None
    files: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)


@dataclass
class WebLink:
    """What a web link's XML file holds."""

    title: str
    url: str


@dataclass
class Cartridge:
    metadata: Metadata
    items: list[Item]  # the children of the organization's root item
    resources: list[Resource]
    weblinks: dict[str, WebLink] = field(default_factory=dict)  # XML path -> link

    def files(self) -> list[str]:
        """Every file the manifest declares, once, in declaration order."""
        return list(dict.fromkeys(f for resource in self.resources for f in resource.files))


# --- XML ---------------------------------------------------------------------------------


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attrs)
    if text is not None:
        child.text = text
    return child


def _serialize(root: ET.Element, prefixes: dict[str, str]) -> bytes:
    """``root`` as XML, with the given namespace prefixes ("" for the default one)
    declared on the root element, in order."""

    def name(tag: str) -> str:
        if tag.startswith("{"):
            namespace, local = tag[1:].split("}", 1)
            prefix = prefixes[namespace]
            return f"{prefix}:{local}" if prefix else local
        return tag

    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']

    def write(element: ET.Element, depth: int, declarations: str) -> None:
        indent = "  " * depth
        attributes = "".join(f" {name(k)}={quoteattr(v)}" for k, v in element.attrib.items())
        tag = name(element.tag)
        out.append(f"{indent}<{tag}{declarations}{attributes}")
        if not len(element) and element.text is None:
            out.append("/>\n")
            return
        if not len(element):
            out.append(f">{escape(element.text or '')}</{tag}>\n")
            return
        out.append(">\n")
        for child in element:
            write(child, depth + 1, "")
        out.append(f"{indent}</{tag}>\n")

    declarations = "".join(
        f' xmlns="{ns}"' if not prefix else f" xmlns:{prefix}={quoteattr(ns)}"
        for ns, prefix in prefixes.items()
    )
    write(root, 0, declarations)
    return "".join(out).encode("utf-8")


def _lang_string(parent: ET.Element, tag: str, text: str, language: str) -> None:
    holder = ET.SubElement(parent, tag)
    _element(holder, tag.split("}", 1)[0] + "}string", text, language=language)


def _lom(parent: ET.Element, metadata: Metadata, ns: str) -> None:
    lom = ET.SubElement(parent, f"{{{ns}}}lom")
    general = ET.SubElement(lom, f"{{{ns}}}general")
    _lang_string(general, f"{{{ns}}}title", metadata.title, metadata.language)
    _element(general, f"{{{ns}}}language", metadata.language)
    if metadata.description:
        _lang_string(general, f"{{{ns}}}description", metadata.description, metadata.language)
    if metadata.author:
        life_cycle = ET.SubElement(lom, f"{{{ns}}}lifeCycle")
        contribute = ET.SubElement(life_cycle, f"{{{ns}}}contribute")
        role = ET.SubElement(contribute, f"{{{ns}}}role")
        _element(role, f"{{{ns}}}source", "LOMv1.0")
        _element(role, f"{{{ns}}}value", "author")
        _element(contribute, f"{{{ns}}}entity", metadata.author)
    if metadata.licence:
        rights = ET.SubElement(lom, f"{{{ns}}}rights")
        restricted = ET.SubElement(rights, f"{{{ns}}}copyrightAndOtherRestrictions")
        _element(restricted, f"{{{ns}}}source", "LOMv1.0")
        _element(restricted, f"{{{ns}}}value", "yes")
        _lang_string(rights, f"{{{ns}}}description", metadata.licence, metadata.language)


def _items(parent: ET.Element, items: Iterable[Item], ns: str) -> None:
    for item in items:
        attrs = {"identifier": item.identifier}
        if item.resource is not None:
            attrs["identifierref"] = item.resource
        element = _element(parent, f"{{{ns}}}item", **attrs)
        _element(element, f"{{{ns}}}title", item.title)
        _items(element, item.children, ns)


def manifest(cartridge: Cartridge, version: Version) -> bytes:
    """``imsmanifest.xml`` of the cartridge, for ``version``."""
    cp = version.cp
    root = ET.Element(f"{{{cp}}}manifest", {"identifier": "M_course"})
    root.set(f"{{{XSI}}}schemaLocation", version.schema_location)
    metadata = ET.SubElement(root, f"{{{cp}}}metadata")
    _element(metadata, f"{{{cp}}}schema", "IMS Common Cartridge")
    _element(metadata, f"{{{cp}}}schemaversion", version.schemaversion)
    _lom(metadata, cartridge.metadata, version.lom_manifest)
    organizations = ET.SubElement(root, f"{{{cp}}}organizations")
    organization = _element(
        organizations, f"{{{cp}}}organization", identifier="O_course", structure="rooted-hierarchy"
    )
    # The root item has no title (the CC profile): its children are the modules.
    _items(_element(organization, f"{{{cp}}}item", identifier="I_root"), cartridge.items, cp)
    resources = ET.SubElement(root, f"{{{cp}}}resources")
    for resource in cartridge.resources:
        kind = "webcontent" if resource.kind == "webcontent" else version.weblink_type
        attrs = {"identifier": resource.identifier, "type": kind}
        if resource.href is not None:
            attrs["href"] = resource.href
        element = _element(resources, f"{{{cp}}}resource", **attrs)
        for file in resource.files:
            _element(element, f"{{{cp}}}file", href=file)
        for dependency in resource.dependencies:
            _element(element, f"{{{cp}}}dependency", identifierref=dependency)
    prefixes = {cp: "", version.lom_manifest: "lomimscc", version.lom_resource: "lom", XSI: "xsi"}
    return _serialize(root, prefixes)


def weblink(link: WebLink, version: Version) -> bytes:
    """A web link's XML file: Moodle reads the URL from here, never from the manifest."""
    ns = version.weblink
    root = ET.Element(f"{{{ns}}}webLink")
    root.set(f"{{{XSI}}}schemaLocation", version.weblink_location)
    _element(root, f"{{{ns}}}title", link.title)
    _element(root, f"{{{ns}}}url", href=link.url, target="_blank")
    return _serialize(root, {ns: "", XSI: "xsi"})


# --- the zip ------------------------------------------------------------------------------

#: Every entry gets this date: the same course gives the same bytes at every build.
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def write_package(target: Path, entries: dict[str, bytes | Path]) -> None:
    """The ``.imscc`` zip: ``imsmanifest.xml`` first, then the files in name order.

    ``entries`` maps a name in the zip to its bytes or to the file holding them.
    Written to a temporary name first, so an interrupted build never leaves half a
    package where the last good one was.
    """
    names = sorted(entries, key=lambda name: (name != "imsmanifest.xml", name))
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            content = entries[name]
            data = content if isinstance(content, bytes) else content.read_bytes()
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    partial.replace(target)
