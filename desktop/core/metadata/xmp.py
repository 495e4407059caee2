"""XMP reading: parses the raw packet with defusedxml (hostile DTDs refused) into canonical fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
LIGHTROOM = "http://ns.adobe.com/lightroom/1.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Clark-notation property -> canonical field name.
XMP_FIELDS: dict[str, str] = {
    f"{{{DC}}}description": "caption",
    f"{{{DC}}}title": "title",
    f"{{{DC}}}creator": "byline",
    f"{{{DC}}}rights": "copyright",
    f"{{{PHOTOSHOP}}}Headline": "headline",
    f"{{{PHOTOSHOP}}}Credit": "credit",
    f"{{{PHOTOSHOP}}}Source": "source",
    f"{{{PHOTOSHOP}}}City": "city",
    f"{{{PHOTOSHOP}}}State": "state",
    f"{{{PHOTOSHOP}}}Country": "country",
    f"{{{PHOTOSHOP}}}DateCreated": "date_created",
    f"{{{PHOTOSHOP}}}Instructions": "special_instructions",
    f"{{{IPTC_CORE}}}Location": "location",
    f"{{{IPTC_CORE}}}CountryCode": "country_code",
}
_SUBJECT = f"{{{DC}}}subject"
_HIERARCHICAL = f"{{{LIGHTROOM}}}hierarchicalSubject"
_DESCRIPTION = f"{{{RDF}}}Description"
_LI = f"{{{RDF}}}li"
_CONTAINERS = {f"{{{RDF}}}{k}" for k in ("Alt", "Seq", "Bag")}


@dataclass
class XmpBlock:
    text: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    hierarchical_subjects: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return (text or "").strip()


def _property_values(elem: Element) -> list[str]:
    """The values of one property element: a simple value, or the items of Alt/Seq/Bag.

    For an rdf:Alt the x-default item comes first, so callers taking values[0] get it.
    """
    for container in elem:
        if container.tag in _CONTAINERS:
            items = [li for li in container if li.tag == _LI]
            if container.tag == f"{{{RDF}}}Alt":
                items.sort(key=lambda li: li.get(XML_LANG) != "x-default")
            return [v for v in (_clean(li.text) for li in items) if v]
    # rdf:resource or a nested struct is not a text value we use.
    if len(elem) == 0:
        value = _clean(elem.text)
        return [value] if value else []
    return []


def _properties(root: Element) -> dict[str, list[str]]:
    """Every property of every rdf:Description, in attribute or element form."""
    props: dict[str, list[str]] = {}
    for desc in root.iter(_DESCRIPTION):
        for name, value in desc.attrib.items():
            if not name.startswith(f"{{{RDF}}}") and _clean(value):
                props.setdefault(name, [_clean(value)])
        for child in desc:
            values = _property_values(child)
            if values:
                props.setdefault(child.tag, values)
    return props


def _strip_packet(packet: bytes | str) -> bytes:
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    # Some writers leave NUL padding after the packet; expat treats it as junk after the document.
    return packet.rstrip(b"\x00 \r\n\t")


def read_xmp(packet: bytes | str) -> XmpBlock:
    """Parse an XMP packet. Hostile or malformed XML gives a warning and an empty block."""
    block = XmpBlock()
    try:
        # defusedxml refuses entity declarations (billion laughs) and external entities/DTDs.
        root = fromstring(_strip_packet(packet), forbid_dtd=True)
    except DefusedXmlException as exc:
        block.warnings.append(f"XMP: refused unsafe XML ({type(exc).__name__})")
        return block
    except (ParseError, ValueError) as exc:
        block.warnings.append(f"XMP: malformed packet ({exc})")
        return block

    props = _properties(root)
    for prop, name in XMP_FIELDS.items():
        values = props.get(prop)
        if not values:
            continue
        # dc:creator is an ordered list of people: keep them all. Alt: the x-default text.
        block.text[name] = "; ".join(values) if prop == f"{{{DC}}}creator" else values[0]
    block.keywords = props.get(_SUBJECT, [])
    block.hierarchical_subjects = props.get(_HIERARCHICAL, [])
    return block
