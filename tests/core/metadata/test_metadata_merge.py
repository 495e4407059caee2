"""Precedence XMP > IPTC > EXIF, field by field, with each winner's origin recorded."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from desktop.core.metadata.exif import ExifBlock
from desktop.core.metadata.iptc import IptcBlock
from desktop.core.metadata.merge import CANONICAL_FIELDS, merge_blocks
from desktop.core.metadata.read import read_metadata
from desktop.core.metadata.xmp import XmpBlock

IMAGES = Path(__file__).resolve().parents[2] / "data" / "images"


def _merge(exif=None, iptc=None, xmp=None):
    return merge_blocks(
        width=40,
        height=30,
        image_format="JPEG",
        exif=exif or ExifBlock(),
        iptc=iptc or IptcBlock(),
        xmp=xmp or XmpBlock(),
        warnings=[],
    )


@pytest.mark.parametrize("name", CANONICAL_FIELDS)
def test_each_field_xmp_then_iptc_then_exif(name: str) -> None:
    exif = ExifBlock(text={name: "from exif"})
    iptc = IptcBlock(text={name: "from iptc"})
    xmp = XmpBlock(text={name: "from xmp"})
    assert _merge(exif, iptc, xmp).fields[name].origin == "xmp"
    assert _merge(exif, iptc, XmpBlock()).fields[name].origin == "iptc"
    only_exif = _merge(exif, IptcBlock(), XmpBlock()).fields.get(name)
    assert only_exif is not None and only_exif.value == "from exif"


def test_empty_values_do_not_win() -> None:
    merged = _merge(
        ExifBlock(), IptcBlock(text={"caption": "real"}), XmpBlock(text={"caption": ""})
    )
    assert merged.fields["caption"].origin == "iptc"


def test_keywords_taken_whole_from_one_source() -> None:
    merged = _merge(iptc=IptcBlock(keywords=["old"]), xmp=XmpBlock(keywords=["new", "newer"]))
    assert (merged.keywords, merged.keywords_origin) == (("new", "newer"), "xmp")
    merged = _merge(iptc=IptcBlock(keywords=["old"]))
    assert (merged.keywords, merged.keywords_origin) == (("old",), "iptc")
    assert _merge().keywords_origin is None


def test_exif_date_becomes_date_created_and_taken_at() -> None:
    exif = ExifBlock(taken_at=datetime(2024, 1, 2, 3, 4, 5), taken_at_offset="-05:00")
    merged = _merge(exif)
    assert merged.fields["date_created"].value == "2024-01-02T03:04:05-05:00"
    assert merged.fields["date_created"].origin == "exif"
    assert (merged.taken_at, merged.taken_at_offset) == (exif.taken_at, "-05:00")


def test_taken_at_from_iptc_when_exif_has_none() -> None:
    merged = _merge(iptc=IptcBlock(text={"date_created": "2023-12-31T23:59:00+09:00"}))
    assert merged.taken_at == datetime(2023, 12, 31, 23, 59)
    assert merged.taken_at_offset == "+09:00"


@pytest.mark.parametrize(
    ("orientation", "size"), [(1, (40, 30)), (3, (40, 30)), (5, (30, 40)), (8, (30, 40))]
)
def test_orientation_swaps(orientation: int, size: tuple[int, int]) -> None:
    merged = _merge(ExifBlock(orientation=orientation))
    assert (merged.width, merged.height) == size


def test_real_file_precedence() -> None:
    meta = read_metadata(IMAGES / "full_exif_iptc_xmp.jpg")
    origins = {name: fv.origin for name, fv in meta.fields.items()}
    assert origins["caption"] == "xmp"  # XMP, IPTC and EXIF all have one
    assert origins["byline"] == "iptc"  # IPTC and EXIF have one
    assert origins["copyright"] == "exif"  # only EXIF has one
    assert meta.get("caption") == "XMP caption"
    assert meta.keywords_origin == "xmp"
