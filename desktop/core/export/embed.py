"""Caption metadata written into exported JPEGs: an XMP packet, an IPTC IIM block and a clean EXIF.

Built by hand rather than through a metadata library so the export needs only Pillow, and so
exactly what we choose — and nothing the camera or the original carried — reaches the web.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from PIL import Image, TiffImagePlugin

# EXIF tags copied from the original: enough to credit the picture technically, nothing that
# identifies a camera body, a lens or a place (serial numbers and maker notes are never copied).
_IFD0_KEEP = {0x010F: "Make", 0x0110: "Model", 0x8298: "Copyright"}
_EXIF_KEEP = {
    0x9003: "DateTimeOriginal",
    0x9011: "OffsetTimeOriginal",
    0x829A: "ExposureTime",
    0x829D: "FNumber",
    0x8827: "ISOSpeedRatings",
    0x920A: "FocalLength",
    0xA434: "LensModel",
    0xA001: "ColorSpace",
}
# Required by EXIF 2.32 for a JPEG (72 dpi is the spec's own default; 0x0100 = version 1.0).
_REQUIRED_IFD0 = {
    0x011A: TiffImagePlugin.IFDRational(72, 1),  # XResolution
    0x011B: TiffImagePlugin.IFDRational(72, 1),  # YResolution
    0x0128: 2,  # ResolutionUnit: inches
    0x0213: 1,  # YCbCrPositioning: centred (libjpeg's)
}
_REQUIRED_EXIF = {
    0x9000: b"0232",  # ExifVersion
    0x9101: b"\x01\x02\x03\x00",  # ComponentsConfiguration: Y Cb Cr
    0xA000: b"0100",  # FlashpixVersion
    0xA001: 1,  # ColorSpace: sRGB, unless the original says otherwise
}
IFD_EXIF = 0x8769
IFD_GPS = 0x8825
TAG_ORIENTATION = 0x0112
TAG_IMAGE_DESCRIPTION = 0x010E
TAG_ARTIST = 0x013B
TAG_COPYRIGHT = 0x8298

# Characters XML 1.0 forbids; a packet containing one is rejected whole by exiv2 and exiftool.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# IIM: 1:90 "ESC % G" declares UTF-8; without it readers assume Latin-1 and mangle accents.
_IPTC_UTF8 = b"\x1b%G"
# Dataset limits are in bytes; longer values are cut on a character boundary (the XMP keeps all).
_IPTC_MAX = {25: 64, 80: 32, 90: 32, 101: 64, 105: 256, 110: 32, 116: 128, 120: 2000}


@dataclass(frozen=True)
class EmbedFields:
    """The text that goes into one exported file; None or empty means "leave the field out"."""

    caption: str | None = None
    credit: str | None = None
    byline: str | None = None
    copyright: str | None = None
    headline: str | None = None
    keywords: tuple[str, ...] = ()
    city: str | None = None
    country: str | None = None
    taken_at: datetime | None = None

    def for_thumbnail(self) -> EmbedFields:
        """A thumbnail only carries who to credit: it travels without its caption."""
        return EmbedFields(credit=self.credit, byline=self.byline, copyright=self.copyright)


def _xml(value: str) -> str:
    return escape(_XML_INVALID_RE.sub("", value))


def _alt(value: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{_xml(value)}</rdf:li></rdf:Alt>'


def build_xmp(fields: EmbedFields) -> bytes:
    """An XMP packet with dc:description/creator/rights/subject and photoshop:Credit/Headline."""
    props: list[str] = []
    if fields.caption:
        props.append(f"<dc:description>{_alt(fields.caption)}</dc:description>")
    if fields.byline:
        props.append(
            f"<dc:creator><rdf:Seq><rdf:li>{_xml(fields.byline)}</rdf:li></rdf:Seq></dc:creator>"
        )
    if fields.copyright:
        props.append(f"<dc:rights>{_alt(fields.copyright)}</dc:rights>")
    if fields.keywords:
        items = "".join(f"<rdf:li>{_xml(k)}</rdf:li>" for k in fields.keywords)
        props.append(f"<dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>")
    for name, value in (
        ("Credit", fields.credit),
        ("Headline", fields.headline),
        ("City", fields.city),
        ("Country", fields.country),
    ):
        if value:
            props.append(f"<photoshop:{name}>{_xml(value)}</photoshop:{name}>")
    if fields.taken_at is not None:
        props.append(
            f"<photoshop:DateCreated>{fields.taken_at.isoformat()}</photoshop:DateCreated>"
        )
    body = "\n    ".join(props)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">\n'
        f"    {body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def _truncate_utf8(value: str, limit: int) -> bytes:
    data = value.encode("utf-8")
    if len(data) <= limit:
        return data
    return data[:limit].decode("utf-8", "ignore").encode("utf-8")


def _dataset(record: int, number: int, data: bytes) -> bytes:
    return struct.pack(">BBBH", 0x1C, record, number, len(data)) + data


def build_iptc(fields: EmbedFields) -> bytes:
    """IPTC IIM datasets (record 1 envelope declaring UTF-8, then record 2), as raw bytes."""
    out = [
        _dataset(1, 0, struct.pack(">H", 4)),
        _dataset(1, 90, _IPTC_UTF8),
        _dataset(2, 0, struct.pack(">H", 4)),
    ]

    def text(number: int, value: str | None) -> None:
        if value:
            out.append(_dataset(2, number, _truncate_utf8(value, _IPTC_MAX[number])))

    for keyword in fields.keywords:
        text(25, keyword)
    if fields.taken_at is not None:
        out.append(_dataset(2, 55, fields.taken_at.strftime("%Y%m%d").encode("ascii")))
        offset = fields.taken_at.strftime("%z") or "+0000"
        out.append(_dataset(2, 60, (fields.taken_at.strftime("%H%M%S") + offset).encode("ascii")))
    text(80, fields.byline)
    text(90, fields.city)
    text(101, fields.country)
    text(105, fields.headline)
    text(110, fields.credit)
    text(116, fields.copyright)
    text(120, fields.caption)
    return b"".join(out)


def build_app13(iptc: bytes) -> bytes:
    """A complete APP13 segment: "Photoshop 3.0" and one 8BIM resource 0x0404 holding the IIM."""
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    resource += iptc + (b"\x00" if len(iptc) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("IPTC block too large for one APP13 segment")
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def splice_app13(jpeg: bytes, app13: bytes) -> bytes:
    """Insert the APP13 segment after the leading APPn segments (JFIF, Exif, XMP, ICC).

    That is where Photoshop and exiftool put it, and where readers that stop at the first
    non-APP marker still find it.
    """
    if jpeg[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG stream")
    pos = 2
    while pos + 4 <= len(jpeg) and jpeg[pos] == 0xFF and 0xE0 <= jpeg[pos + 1] <= 0xEF:
        (length,) = struct.unpack(">H", jpeg[pos + 2 : pos + 4])
        pos += 2 + length
    return jpeg[:pos] + app13 + jpeg[pos:]


def _exif_text(value: str) -> bytes:
    # EXIF says ASCII; UTF-8 is what exiftool, exiv2 and browsers assume in practice, and the
    # same text is in XMP and IPTC for readers that insist.
    return _XML_INVALID_RE.sub("", value).encode("utf-8")


def build_exif(
    source: Image.Exif | None,
    fields: EmbedFields,
    *,
    keep_gps: bool,
    size: tuple[int, int],
) -> Image.Exif:
    """A fresh EXIF from an allow-list of the original's tags plus our text fields.

    Starting from scratch (instead of deleting tags) means serial numbers, maker notes, owner
    names and any tag we have never heard of cannot leak. Orientation is 1: pixels are upright.
    The tags EXIF 2.32 requires are set too, so `exiftool -validate` has nothing to report.
    """
    exif = Image.Exif()
    exif[TAG_ORIENTATION] = 1
    for tag, value in _REQUIRED_IFD0.items():
        exif[tag] = value
    sub_ifd: dict[int, object] = dict(_REQUIRED_EXIF)
    sub_ifd[0xA002], sub_ifd[0xA003] = size  # PixelXDimension, PixelYDimension
    exif[IFD_EXIF] = sub_ifd
    if source is not None:
        for tag in _IFD0_KEEP:
            if tag in source:
                exif[tag] = source[tag]
        try:
            source_ifd = source.get_ifd(IFD_EXIF)
        except Exception:  # a broken sub-IFD costs us the camera settings, not the export
            source_ifd = {}
        sub_ifd.update({tag: source_ifd[tag] for tag in _EXIF_KEEP if tag in source_ifd})
        if keep_gps:
            try:
                gps = dict(source.get_ifd(IFD_GPS))
            except Exception:
                gps = {}
            if gps:
                exif[IFD_GPS] = gps
    if fields.caption:
        exif[TAG_IMAGE_DESCRIPTION] = _exif_text(fields.caption)
    if fields.byline:
        exif[TAG_ARTIST] = _exif_text(fields.byline)
    if fields.copyright:  # otherwise the original's copyright, copied above, stays
        exif[TAG_COPYRIGHT] = _exif_text(fields.copyright)
    return exif
