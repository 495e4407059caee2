"""IPTC IIM reading: every newsroom field, charsets (declared UTF-8, undeclared cp1252), TIFF, damage."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from desktop.core.metadata.iptc import parse_iim, read_iptc
from desktop.core.metadata.read import iim_data, read_metadata

IMAGES = Path(__file__).resolve().parents[2] / "data" / "images"


def _iptc_of(name: str):
    with Image.open(IMAGES / name) as im:
        iim = iim_data(im)
    assert iim is not None
    return read_iptc(iim)


def test_every_iptc_field() -> None:
    block = _iptc_of("full_exif_iptc_xmp.jpg")
    assert block.charset == "utf-8"
    assert block.text == {
        "caption": "IPTC caption",  # 2:120
        "headline": "IPTC headline",  # 2:105
        "byline": "IPTC Byline",  # 2:80
        "credit": "IPTC Credit",  # 2:110
        "source": "IPTC Source",  # 2:115
        "city": "IPTC City",  # 2:90
        "state": "IPTC State",  # 2:95
        "country": "IPTC Country",  # 2:101
        "country_code": "DEU",  # 2:100
        "location": "IPTC Sublocation",  # 2:92
        "title": "IPTC object name",  # 2:05
        "special_instructions": "IPTC instructions",  # 2:40
        "date_created": "2024-03-05T14:30:15+01:00",  # 2:55 + 2:60
    }
    assert block.keywords == ["iptc-one", "iptc-two"]  # 2:25, repeated
    assert block.warnings == []


def test_iptc_wins_where_xmp_is_silent() -> None:
    meta = read_metadata(IMAGES / "full_exif_iptc_xmp.jpg")
    for name, value in (
        ("headline", "IPTC headline"),
        ("byline", "IPTC Byline"),
        ("special_instructions", "IPTC instructions"),
    ):
        assert (meta.fields[name].value, meta.fields[name].origin) == (value, "iptc")


def test_cp1252_without_declaration_keeps_accents() -> None:
    meta = read_metadata(IMAGES / "iptc_cp1252.jpg")
    assert meta.get("caption") == "Café Zürich — Ångström"
    assert meta.get("byline") == "François Müller"
    assert meta.get("city") == "Zürich"
    assert meta.keywords == ("Zürich", "Ångström", "café")
    assert meta.keywords_origin == "iptc"
    assert meta.fields["caption"].origin == "iptc"
    assert _iptc_of("iptc_cp1252.jpg").charset == "undeclared"


def test_utf8_with_declaration_keeps_accents() -> None:
    meta = read_metadata(IMAGES / "iptc_utf8.jpg")
    assert meta.get("caption") == "Łódź — Kraków ✓ 東京"
    assert meta.get("byline") == "Zoë Ñúñez"
    assert meta.keywords == ("Łódź", "東京")
    assert _iptc_of("iptc_utf8.jpg").charset == "utf-8"


def test_tiff_iptc_tag_33723() -> None:
    meta = read_metadata(IMAGES / "tiff_meta.tif")
    assert meta.fields["caption"].value == "TIFF IPTC caption"
    assert meta.fields["caption"].origin == "iptc"
    assert meta.get("credit") == "TIFF Credit"


@pytest.mark.parametrize("name", ["accentué é.jpg", "with space.jpg", "hash#1.jpg"])
def test_odd_file_names(name: str) -> None:
    meta = read_metadata(IMAGES / name)
    assert meta.fields["caption"].origin == "iptc"


def _ds(record: int, dataset: int, value: bytes) -> bytes:
    return bytes([0x1C, record, dataset]) + len(value).to_bytes(2, "big") + value


def test_parse_iim_repeats_and_extended_length() -> None:
    big = b"x" * 40_000
    # Extended dataset: high bit set, then the length of the length (4 bytes).
    extended = bytes([0x1C, 2, 120, 0x80, 0x04]) + len(big).to_bytes(4, "big") + big
    data = _ds(2, 25, b"a") + _ds(2, 25, b"b") + extended + b"\x00\x00\x00"
    iim = parse_iim(data)
    assert iim[(2, 25)] == [b"a", b"b"]
    assert iim[(2, 120)] == big


def test_declared_utf8_replaces_invalid_bytes() -> None:
    block = read_iptc({(1, 90): b"\x1b%G", (2, 120): b"ok \xff"})
    assert block.text["caption"] == "ok \ufffd"


def test_unknown_charset_declaration_warns() -> None:
    block = read_iptc({(1, 90): b"\x1b-A", (2, 120): b"caf\xe9"})
    assert block.text["caption"] == "café"
    assert block.warnings


def test_truncated_block_raises_value_error() -> None:
    with pytest.raises(ValueError):
        parse_iim(_ds(2, 120, b"hello")[:-2])


@given(st.binary(max_size=300))
def test_parse_iim_only_ever_raises_value_error(data: bytes) -> None:
    try:
        iim = parse_iim(data)
    except ValueError:
        return
    read_iptc(iim)  # whatever parsed must also decode without raising
