"""Embedded metadata read back with exiv2 (pyexiv2) and Pillow: caption, credit, keywords, accents,
GPS and serials gone, copyright kept, and the IPTC block where readers look for it."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pyexiv2
import pytest
from export_helpers import (
    ACCENTS,
    LENS_SERIAL,
    ORIGINAL_COPYRIGHT,
    SERIAL,
    Sources,
    run_export,
)
from PIL import Image, IptcImagePlugin

from desktop.core.export import ExportOptions
from desktop.core.export.embed import EmbedFields, build_xmp, splice_app13
from desktop.core.progress import Outcome

CAPTION_101 = f"Crowds gather in {ACCENTS} at dawn"


def _files(out: Path, photo_id: int) -> tuple[Path, Path]:
    rows = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    row = next(r for r in rows if r["photo_id"] == photo_id)
    return out / row["file"], out / row["thumb"]


def _exiv2(path: Path) -> tuple[dict, dict, dict]:
    img = pyexiv2.Image(str(path))
    try:
        return img.read_exif(), img.read_iptc(), img.read_xmp()
    finally:
        img.close()


def test_exiv2_reads_caption_credit_keywords(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    exif, iptc, xmp = _exiv2(_files(out, 101)[0])
    assert iptc["Iptc.Envelope.CharacterSet"] == "\x1b%G"
    assert iptc["Iptc.Application2.Caption"] == CAPTION_101
    assert iptc["Iptc.Application2.Credit"] == "REUTERS/Anna Müller"
    assert iptc["Iptc.Application2.Byline"] == ["Anna Müller"]
    assert iptc["Iptc.Application2.Copyright"] == "© 2024 Reuters"
    assert iptc["Iptc.Application2.Headline"] == "Dawn in Zürich"
    assert iptc["Iptc.Application2.Keywords"] == ["protest", "Zürich", "café"]
    assert xmp["Xmp.dc.description"] == {'lang="x-default"': CAPTION_101}
    assert xmp["Xmp.dc.creator"] == ["Anna Müller"]
    assert xmp["Xmp.dc.rights"] == {'lang="x-default"': "© 2024 Reuters"}
    assert xmp["Xmp.dc.subject"] == ["protest", "Zürich", "café"]
    assert xmp["Xmp.photoshop.Credit"] == "REUTERS/Anna Müller"
    assert xmp["Xmp.photoshop.Headline"] == "Dawn in Zürich"
    assert exif["Exif.Image.ImageDescription"] == CAPTION_101
    assert exif["Exif.Image.Artist"] == "Anna Müller"
    assert exif["Exif.Image.Copyright"] == "© 2024 Reuters"
    assert exif["Exif.Image.Orientation"] == "1"


def test_pillow_reads_iptc_xmp_exif(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    with Image.open(_files(out, 101)[0]) as img:
        iptc = IptcImagePlugin.getiptcinfo(img)
        assert iptc is not None
        assert iptc[(1, 90)] == b"\x1b%G"
        # Accents survive as UTF-8 bytes, exactly.
        assert iptc[(2, 120)].decode("utf-8") == CAPTION_101
        assert ACCENTS.encode("utf-8") in iptc[(2, 120)]
        assert iptc[(2, 110)].decode("utf-8") == "REUTERS/Anna Müller"
        assert [k.decode("utf-8") for k in iptc[(2, 25)]] == ["protest", "Zürich", "café"]
        xmp = img.getxmp()["xmpmeta"]["RDF"]["Description"]
        assert xmp["description"]["Alt"]["li"]["text"] == CAPTION_101
        assert xmp["Credit"] == "REUTERS/Anna Müller"
        assert xmp["subject"]["Bag"]["li"] == ["protest", "Zürich", "café"]
        exif = img.getexif()
        # EXIF's type is ASCII: Pillow hands the bytes back as Latin-1; they are UTF-8.
        assert exif[0x010E].encode("latin-1").decode("utf-8") == CAPTION_101
        assert exif[0x8298].encode("latin-1").decode("utf-8") == "© 2024 Reuters"


def test_gps_serials_and_location_removed(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    for path in _files(out, 101):
        raw = path.read_bytes()
        assert SERIAL.encode() not in raw and LENS_SERIAL.encode() not in raw
        exif, iptc, xmp = _exiv2(path)
        assert not [k for k in exif if k.startswith("Exif.GPSInfo")]
        assert "Exif.Photo.BodySerialNumber" not in exif
        assert "Exif.Photo.LensSerialNumber" not in exif
        assert "Iptc.Application2.City" not in iptc and "Xmp.photoshop.City" not in xmp
        with Image.open(path) as img:
            assert not img.getexif().get_ifd(0x8825)
    # The allow-listed camera facts are kept on the large image.
    exif, _iptc, _xmp = _exiv2(_files(out, 101)[0])
    assert exif["Exif.Image.Make"] == "Canon"
    assert exif["Exif.Photo.LensModel"] == "RF24-70mm F2.8 L IS USM"
    assert exif["Exif.Photo.DateTimeOriginal"] == "2024:05:01 10:11:12"
    assert exif["Exif.Photo.ISOSpeedRatings"] == "400"


def test_keep_gps_copies_gps_and_location(sources: Sources, tmp_path: Path) -> None:
    options = ExportOptions(size=600, thumb_size=200, workers=1, keep_gps=True)
    run_export(sources.items[:1], tmp_path / "g", options)
    large, thumb = _files(tmp_path / "g", 101)
    exif, iptc, xmp = _exiv2(large)
    assert exif["Exif.GPSInfo.GPSLatitudeRef"] == "N"
    assert exif["Exif.GPSInfo.GPSLatitude"] == "47/1 22/1 3/1"
    assert exif["Exif.GPSInfo.GPSLongitude"] == "8/1 32/1 30/1"
    assert iptc["Iptc.Application2.City"] == "Zürich"
    assert xmp["Xmp.photoshop.Country"] == "Switzerland"
    assert "Exif.Photo.BodySerialNumber" not in exif  # serials go regardless
    thumb_exif, _, _ = _exiv2(thumb)
    assert not [k for k in thumb_exif if k.startswith("Exif.GPSInfo")]


def test_original_copyright_kept_when_item_has_none(sources: Sources, tmp_path: Path) -> None:
    item = sources.items[0]
    bare = item.__class__(photo_id=1, source_path=item.source_path, caption="No copyright here")
    run_export([bare], tmp_path / "g", ExportOptions(size=300, thumb_size=100, workers=1))
    large, thumb = _files(tmp_path / "g", 1)
    for path in (large, thumb):
        exif, iptc, xmp = _exiv2(path)
        assert exif["Exif.Image.Copyright"] == ORIGINAL_COPYRIGHT
        assert iptc["Iptc.Application2.Copyright"] == ORIGINAL_COPYRIGHT
        assert xmp["Xmp.dc.rights"] == {'lang="x-default"': ORIGINAL_COPYRIGHT}
    row = json.loads((tmp_path / "g" / "captions.json").read_text(encoding="utf-8"))[0]
    assert row["copyright"] == ORIGINAL_COPYRIGHT
    # The original's Artist is not ours to repeat: only our byline goes in.
    exif, _, _ = _exiv2(large)
    assert "Exif.Image.Artist" not in exif


def test_thumbnails_carry_credit_and_copyright_only(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    exif, iptc, xmp = _exiv2(_files(out, 101)[1])
    assert iptc["Iptc.Application2.Credit"] == "REUTERS/Anna Müller"
    assert iptc["Iptc.Application2.Copyright"] == "© 2024 Reuters"
    assert xmp["Xmp.photoshop.Credit"] == "REUTERS/Anna Müller"
    assert exif["Exif.Image.Copyright"] == "© 2024 Reuters"
    assert "Iptc.Application2.Caption" not in iptc


def test_clean_caption_embedded_not_the_markup(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    _exif, iptc, xmp = _exiv2(_files(out, 102)[0])
    assert iptc["Iptc.Application2.Caption"] == "A second caption with markup & spaces"
    assert xmp["Xmp.photoshop.Credit"] == "AP Photo/Evan Vucci"


def test_no_metadata_item_still_has_clean_blocks(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    exif, iptc, xmp = _exiv2(_files(out, 103)[0])
    assert "Iptc.Application2.Caption" not in iptc
    assert "Xmp.dc.description" not in xmp
    assert exif["Exif.Image.Orientation"] == "1"


def test_app13_follows_the_app_segments(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    data = _files(out, 101)[0].read_bytes()
    markers = []
    pos = 2
    while data[pos] == 0xFF and data[pos + 1] != 0xDA:
        markers.append(data[pos + 1])
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    app = [m for m in markers if 0xE0 <= m <= 0xEF]
    assert app[0] == 0xE0 and app[-1] == 0xED  # JFIF first, IPTC after Exif/XMP/ICC
    assert markers[: len(app)] == app  # all APPn before the tables
    assert markers.count(0xED) == 1


def test_xmp_escapes_markup_characters() -> None:
    packet = build_xmp(EmbedFields(caption='Tom & Jerry <b> "x"\x07', keywords=("a<b",)))
    text = packet.decode("utf-8")
    assert "Tom &amp; Jerry &lt;b&gt;" in text and "a&lt;b" in text and "\x07" not in text
    from defusedxml import ElementTree

    body = text[text.index("<x:xmpmeta") : text.index("<?xpacket end")]
    ElementTree.fromstring(body)  # well-formed


def test_splice_refuses_non_jpeg() -> None:
    with pytest.raises(ValueError):
        splice_app13(b"GIF89a", b"\xff\xed\x00\x02")


def test_long_caption_cut_on_character_boundary(sources: Sources, tmp_path: Path) -> None:
    item = sources.items[3]
    long_item = item.__class__(
        photo_id=9, source_path=item.source_path, caption="é" * 1500, credit="X"
    )
    run_export([long_item], tmp_path / "g", ExportOptions(size=300, thumb_size=100, workers=1))
    large, _ = _files(tmp_path / "g", 9)
    _exif, iptc, xmp = _exiv2(large)
    assert iptc["Iptc.Application2.Caption"] == "é" * 1000  # IIM's 2000-byte limit
    assert xmp["Xmp.dc.description"] == {'lang="x-default"': "é" * 1500}
