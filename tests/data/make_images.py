"""Generates the small test images under tests/data/images/ (good and bad), deterministically.

Metadata is written with pyexiv2 (exiv2, what digiKam uses), a tool independent of our readers, so
the tests check our reading against another implementation's writing. The broken cases exiv2
refuses to make (bad EXIF offsets, hostile XMP, bombs) are built by hand, byte by byte.

Run: .venv/bin/python tests/data/make_images.py
"""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pyexiv2
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent / "images"
BAD = HERE / "bad"

CP1252_TEXT = "Café Zürich — Ångström"
UTF8_TEXT = "Łódź — Kraków ✓ 東京"


def _pattern(width: int, height: int, *, marker: bool = True) -> Image.Image:
    """A deterministic picture with detail (so JPEG data is not trivially small) and a red
    top-left block, so orientation tests can tell which stored corner ended up where."""
    im = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(im)
    for i in range(0, width, 7):
        draw.line([(i, 0), (width - i, height)], fill=(i % 256, 90, 255 - i % 256))
    if marker:
        draw.rectangle([0, 0, width // 4, height // 4], fill=(255, 0, 0))
    return im


def _jpeg(path: Path, width: int = 320, height: int = 240, quality: int = 85) -> Path:
    _pattern(width, height).save(path, "JPEG", quality=quality)
    return path


def _write(
    path: Path,
    *,
    exif: dict | None = None,
    iptc: dict | None = None,
    iptc_encoding: str = "utf-8",
    xmp: dict | None = None,
    raw_xmp: str | None = None,
) -> None:
    img = pyexiv2.Image(str(path))
    try:
        if exif:
            img.modify_exif(exif)
        if iptc:
            img.modify_iptc(iptc, encoding=iptc_encoding)
        if xmp:
            img.modify_xmp(xmp)
        if raw_xmp:
            img.modify_raw_xmp(raw_xmp)
    finally:
        img.close()


FULL_EXIF = {
    "Exif.Image.Make": "Nikon",
    "Exif.Image.Model": "D850",
    "Exif.Photo.LensModel": "AF-S 24-70mm f/2.8",
    "Exif.Photo.DateTimeOriginal": "2024:03:05 14:30:15",
    "Exif.Photo.OffsetTimeOriginal": "+01:00",
    "Exif.Photo.BodySerialNumber": "SN-0042",
    "Exif.Image.Orientation": "6",
    "Exif.Image.Artist": "Exif Artist",
    "Exif.Image.Copyright": "Exif Copyright",
    "Exif.Image.ImageDescription": "EXIF caption",
    "Exif.GPSInfo.GPSLatitudeRef": "N",
    "Exif.GPSInfo.GPSLatitude": "52/1 30/1 0/1",
    "Exif.GPSInfo.GPSLongitudeRef": "W",
    "Exif.GPSInfo.GPSLongitude": "13/1 24/1 36/1",
}

# IPTC and XMP disagree with EXIF on purpose; each is missing something so that each source wins
# at least one field: caption (XMP), byline (IPTC, XMP has no creator), copyright (EXIF only).
FULL_IPTC = {
    "Iptc.Envelope.CharacterSet": "\x1b%G",
    "Iptc.Application2.Caption": "IPTC caption",
    "Iptc.Application2.Headline": "IPTC headline",
    "Iptc.Application2.Byline": "IPTC Byline",
    "Iptc.Application2.Credit": "IPTC Credit",
    "Iptc.Application2.Source": "IPTC Source",
    "Iptc.Application2.Keywords": ["iptc-one", "iptc-two"],
    "Iptc.Application2.City": "IPTC City",
    "Iptc.Application2.ProvinceState": "IPTC State",
    "Iptc.Application2.CountryName": "IPTC Country",
    "Iptc.Application2.CountryCode": "DEU",
    "Iptc.Application2.SubLocation": "IPTC Sublocation",
    "Iptc.Application2.DateCreated": "2024-03-05",
    "Iptc.Application2.TimeCreated": "14:30:15+01:00",
    "Iptc.Application2.ObjectName": "IPTC object name",
    "Iptc.Application2.SpecialInstructions": "IPTC instructions",
}

FULL_XMP = {
    "Xmp.dc.description": {'lang="x-default"': "XMP caption"},
    "Xmp.dc.title": {'lang="x-default"': "XMP title"},
    "Xmp.dc.subject": ["xmp-one", "xmp-two", "xmp-three"],
    "Xmp.photoshop.Credit": "XMP Credit",
    "Xmp.photoshop.Source": "XMP Source",
    "Xmp.photoshop.City": "XMP City",
    "Xmp.photoshop.State": "XMP State",
    "Xmp.photoshop.Country": "XMP Country",
    "Xmp.photoshop.DateCreated": "2024-03-05T14:30:15+01:00",
    "Xmp.iptc.Location": "XMP Location",
    "Xmp.iptc.CountryCode": "DE",
    "Xmp.lr.hierarchicalSubject": ["Places|Europe|Germany", "People|Jane Doe"],
}

# Element forms, an Alt whose x-default is not first, a Bag and a Seq: the shapes other writers
# (Photo Mechanic, Lightroom) produce and exiv2 does not.
XMP_ONLY_PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    photoshop:Credit="Agence XMP"
    Iptc4xmpCore:CountryCode="FR">
   <dc:description><rdf:Alt>
     <rdf:li xml:lang="fr-FR">Légende en français</rdf:li>
     <rdf:li xml:lang="x-default">Caption in XMP only</rdf:li>
   </rdf:Alt></dc:description>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">XMP-only title</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Jeanne Photographe</rdf:li></rdf:Seq></dc:creator>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2024 Agence XMP</rdf:li></rdf:Alt></dc:rights>
   <dc:subject><rdf:Bag><rdf:li>Paris</rdf:li><rdf:li>élection</rdf:li></rdf:Bag></dc:subject>
   <photoshop:Headline>Headline as an element</photoshop:Headline>
   <photoshop:Source>XMP Source</photoshop:Source>
   <photoshop:City>Paris</photoshop:City>
   <photoshop:State>Île-de-France</photoshop:State>
   <photoshop:Country>France</photoshop:Country>
   <photoshop:DateCreated>2024-06-09</photoshop:DateCreated>
   <photoshop:Instructions>Embargo until 20:00</photoshop:Instructions>
   <Iptc4xmpCore:Location>Place de la République</Iptc4xmpCore:Location>
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|France|Paris</rdf:li></rdf:Bag></lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="&lol9;"/>
</rdf:RDF></x:xmpmeta>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>&xxe;</dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


def _insert_app1(jpeg: bytes, payload: bytes) -> bytes:
    """Put an APP1 segment right after SOI (where readers look first)."""
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def _hostile_xmp_jpeg(path: Path, packet: bytes) -> None:
    _jpeg(path, 64, 48)
    _write(
        path,
        exif={"Exif.Image.Make": "Canon", "Exif.Image.Artist": "Safe Artist"},
        iptc={"Iptc.Envelope.CharacterSet": "\x1b%G", "Iptc.Application2.Caption": "Safe IPTC"},
    )
    data = path.read_bytes()
    path.write_bytes(_insert_app1(data, b"http://ns.adobe.com/xap/1.0/\x00" + packet))


def _broken_exif_jpeg(path: Path) -> None:
    """EXIF whose IFD entries point far past the end of the segment (a classic from old
    firmware and bad editors); the pixels are fine, so it must import with a warning."""
    entries = [
        (0x0112, 3, 1, struct.pack("<HH", 1, 0)),  # Orientation = 1, valid inline
        (0x010F, 2, 40, struct.pack("<I", 0x00FFFF00)),  # Make: offset beyond the segment
        (0x8769, 4, 1, struct.pack("<I", 0x7FFFFFF0)),  # ExifIFD pointer: beyond the segment
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        ifd += struct.pack("<HHI", tag, typ, count) + value
    ifd += struct.pack("<I", 0x0EADBEEF)  # next-IFD offset: also nonsense
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd
    buf = BytesIO()
    _pattern(96, 64).save(buf, "JPEG", quality=80)
    path.write_bytes(_insert_app1(buf.getvalue(), b"Exif\x00\x00" + tiff))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _bomb_png(path: Path, width: int, height: int) -> None:
    """A PNG of a few dozen bytes whose header declares width×height pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def make_good() -> None:
    HERE.mkdir(parents=True, exist_ok=True)

    full = _jpeg(HERE / "full_exif_iptc_xmp.jpg")  # stored 320x240, orientation 6: shown 240x320
    _write(full, exif=FULL_EXIF, iptc=FULL_IPTC, xmp=FULL_XMP)

    cp = _jpeg(HERE / "iptc_cp1252.jpg", 160, 120)
    _write(
        cp,
        iptc={
            "Iptc.Application2.Caption": CP1252_TEXT,
            "Iptc.Application2.Byline": "François Müller",
            "Iptc.Application2.City": "Zürich",
            "Iptc.Application2.Keywords": ["Zürich", "Ångström", "café"],
        },
        iptc_encoding="cp1252",
    )

    u8 = _jpeg(HERE / "iptc_utf8.jpg", 160, 120)
    _write(
        u8,
        iptc={
            "Iptc.Envelope.CharacterSet": "\x1b%G",
            "Iptc.Application2.Caption": UTF8_TEXT,
            "Iptc.Application2.Byline": "Zoë Ñúñez",
            "Iptc.Application2.Keywords": ["Łódź", "東京"],
        },
    )

    xo = _jpeg(HERE / "xmp_only.jpg", 160, 120)
    _write(xo, raw_xmp=XMP_ONLY_PACKET)

    _jpeg(HERE / "no_metadata.jpg", 120, 90)

    png = HERE / "png_xmp.png"
    _pattern(120, 80).save(png, "PNG")
    _write(
        png,
        xmp={
            "Xmp.dc.description": {'lang="x-default"': "PNG caption"},
            "Xmp.photoshop.Credit": "PNG Credit",
            "Xmp.dc.subject": ["png"],
        },
    )

    webp = HERE / "webp_meta.webp"
    _pattern(120, 80).save(webp, "WEBP", quality=80)
    _write(
        webp,
        exif={"Exif.Image.Make": "Fujifilm", "Exif.Image.Artist": "WebP Artist"},
        xmp={"Xmp.dc.description": {'lang="x-default"': "WebP caption"}},
    )

    tif = HERE / "tiff_meta.tif"
    _pattern(80, 60).save(tif, "TIFF", compression="tiff_deflate")
    _write(
        tif,
        exif={"Exif.Image.Artist": "TIFF Artist", "Exif.Image.Orientation": "8"},
        iptc={
            "Iptc.Envelope.CharacterSet": "\x1b%G",
            "Iptc.Application2.Caption": "TIFF IPTC caption",
            "Iptc.Application2.Credit": "TIFF Credit",
        },
        xmp={"Xmp.photoshop.Headline": "TIFF XMP headline"},
    )

    for name, caption in (
        ("accentué é.jpg", "accented name"),
        ("with space.jpg", "spaced name"),
        ("hash#1.jpg", "hash name"),
    ):
        p = _jpeg(HERE / name, 64, 48)
        _write(p, iptc={"Iptc.Application2.Caption": caption})

    _hostile_xmp_jpeg(HERE / "xmp_billion_laughs.jpg", BILLION_LAUGHS)
    _hostile_xmp_jpeg(HERE / "xmp_external_entity.jpg", EXTERNAL_ENTITY)
    _broken_exif_jpeg(HERE / "broken_exif_offsets.jpg")


def make_bad() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    (BAD / "empty.jpg").write_bytes(b"")
    buf = BytesIO()
    _pattern(200, 150).save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    (BAD / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (BAD / "not_an_image.jpg").write_text("This is a caption list, not a picture.\n")
    limit = Image.MAX_IMAGE_PIXELS or 89_478_485
    # Past 2× the limit Pillow raises DecompressionBombError; between 1× and 2× it only warns.
    _bomb_png(BAD / "bomb.png", 20_000, 20_000)
    side = int((limit * 1.5) ** 0.5)
    _bomb_png(BAD / "bomb_warning.png", side, side)


if __name__ == "__main__":
    make_good()
    make_bad()
    for p in sorted(HERE.rglob("*")):
        if p.is_file():
            print(f"{p.stat().st_size:>8}  {p.relative_to(HERE)}")
