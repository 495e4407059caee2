"""EXIF reading: camera, lens, date and offset, orientation, GPS and text tags, and broken blocks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.metadata.exif import find_offset_problems, read_exif
from desktop.core.metadata.read import read_metadata

IMAGES = Path(__file__).resolve().parents[2] / "data" / "images"


def test_full_exif_fields() -> None:
    meta = read_metadata(IMAGES / "full_exif_iptc_xmp.jpg")
    assert meta.format == "JPEG"
    assert (meta.camera_make, meta.camera_model) == ("Nikon", "D850")
    assert meta.lens == "AF-S 24-70mm f/2.8"
    assert meta.taken_at == datetime(2024, 3, 5, 14, 30, 15)
    assert meta.taken_at_offset == "+01:00"
    assert meta.orientation == 6
    assert meta.gps_lat == pytest.approx(52.5)
    assert meta.gps_lon == pytest.approx(-(13 + 24 / 60 + 36 / 3600))  # W is negative
    assert meta.warnings == ()


def test_orientation_swaps_dimensions() -> None:
    meta = read_metadata(IMAGES / "full_exif_iptc_xmp.jpg")  # stored 320x240, orientation 6
    assert (meta.width, meta.height) == (240, 320)


def test_exif_text_tags_when_alone() -> None:
    with Image.open(IMAGES / "full_exif_iptc_xmp.jpg") as im:
        block = read_exif(im.info["exif"][6:])
    assert block.text == {
        "caption": "EXIF caption",
        "byline": "Exif Artist",
        "copyright": "Exif Copyright",
    }
    assert block.warnings == []


def test_copyright_falls_through_to_exif_with_origin() -> None:
    meta = read_metadata(IMAGES / "full_exif_iptc_xmp.jpg")
    field = meta.fields["copyright"]
    assert (field.value, field.origin) == ("Exif Copyright", "exif")


def test_webp_exif_read() -> None:
    meta = read_metadata(IMAGES / "webp_meta.webp")
    assert meta.format == "WEBP"
    assert meta.camera_make == "Fujifilm"
    assert meta.fields["byline"].value == "WebP Artist"
    assert meta.fields["byline"].origin == "exif"


def test_tiff_exif_and_orientation_8() -> None:
    meta = read_metadata(IMAGES / "tiff_meta.tif")  # stored 80x60, orientation 8
    assert meta.orientation == 8
    assert (meta.width, meta.height) == (60, 80)
    assert meta.fields["byline"].value == "TIFF Artist"


def test_broken_offsets_warn_but_keep_what_is_valid() -> None:
    meta = read_metadata(IMAGES / "broken_exif_offsets.jpg")
    assert any(w.startswith("EXIF:") and "beyond" in w for w in meta.warnings)
    assert meta.orientation == 1
    assert meta.camera_make is None  # the out-of-range Make is dropped, not garbage
    assert (meta.width, meta.height) == (96, 64)


def test_no_metadata_at_all() -> None:
    meta = read_metadata(IMAGES / "no_metadata.jpg")
    assert meta.fields == {}
    assert meta.keywords == ()
    assert meta.warnings == ()
    assert meta.taken_at is None and meta.gps_lat is None and meta.orientation == 1


@pytest.mark.parametrize(
    "blob",
    [b"", b"junk", b"II*\x00\xff\xff\xff\xff", b"MM\x00*\x00\x00\x00\x08\xff\xff"],
)
def test_offset_checker_never_raises(blob: bytes) -> None:
    assert find_offset_problems(blob)


def test_agrees_with_exiv2() -> None:
    """Cross-check against an independent reader (exiv2 through pyexiv2)."""
    pyexiv2 = pytest.importorskip("pyexiv2")
    img = pyexiv2.Image(str(IMAGES / "full_exif_iptc_xmp.jpg"))
    try:
        theirs = img.read_exif()
    finally:
        img.close()
    meta = read_metadata(IMAGES / "full_exif_iptc_xmp.jpg")
    assert theirs["Exif.Image.Make"] == meta.camera_make
    assert theirs["Exif.Photo.LensModel"] == meta.lens
    assert theirs["Exif.Photo.OffsetTimeOriginal"] == meta.taken_at_offset
