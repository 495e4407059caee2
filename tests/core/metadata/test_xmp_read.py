"""XMP reading: attribute and element forms, Alt/Seq/Bag, every container format, hostile XML refused."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.core.metadata.read import read_metadata
from desktop.core.metadata.xmp import read_xmp

IMAGES = Path(__file__).resolve().parents[2] / "data" / "images"
sys.path.insert(0, str(IMAGES.parent))

from make_images import BILLION_LAUGHS, EXTERNAL_ENTITY, XMP_ONLY_PACKET  # noqa: E402


def test_xmp_fields_written_by_exiv2() -> None:
    meta = read_metadata(IMAGES / "full_exif_iptc_xmp.jpg")
    expected = {
        "caption": "XMP caption",  # dc:description, rdf:Alt
        "title": "XMP title",  # dc:title
        "credit": "XMP Credit",  # photoshop:Credit, attribute form
        "source": "XMP Source",
        "city": "XMP City",
        "state": "XMP State",
        "country": "XMP Country",
        "location": "XMP Location",  # Iptc4xmpCore:Location
        "country_code": "DE",  # Iptc4xmpCore:CountryCode
        "date_created": "2024-03-05T14:30:15+01:00",
    }
    for name, value in expected.items():
        assert (meta.fields[name].value, meta.fields[name].origin) == (value, "xmp"), name
    assert meta.keywords == ("xmp-one", "xmp-two", "xmp-three")
    assert meta.keywords_origin == "xmp"
    assert meta.fields["hierarchical_subjects"].value == (
        "Places|Europe|Germany",
        "People|Jane Doe",
    )


def test_xmp_only_element_forms() -> None:
    meta = read_metadata(IMAGES / "xmp_only.jpg")
    got = {name: fv.value for name, fv in meta.fields.items() if fv.origin == "xmp"}
    assert got == {
        "caption": "Caption in XMP only",  # x-default chosen though fr-FR comes first
        "title": "XMP-only title",
        "byline": "Jeanne Photographe",  # dc:creator rdf:Seq
        "copyright": "© 2024 Agence XMP",
        "headline": "Headline as an element",
        "credit": "Agence XMP",  # attribute form
        "source": "XMP Source",
        "city": "Paris",
        "state": "Île-de-France",
        "country": "France",
        "country_code": "FR",
        "location": "Place de la République",
        "date_created": "2024-06-09",
        "special_instructions": "Embargo until 20:00",
        "hierarchical_subjects": ("Places|France|Paris",),
    }
    assert meta.keywords == ("Paris", "élection")  # rdf:Bag
    assert meta.taken_at is None  # a bare date is not a time of day


def test_png_itxt_xmp() -> None:
    meta = read_metadata(IMAGES / "png_xmp.png")
    assert meta.format == "PNG"
    assert meta.get("caption") == "PNG caption"
    assert meta.get("credit") == "PNG Credit"
    assert meta.keywords == ("png",)


def test_webp_xmp_chunk() -> None:
    meta = read_metadata(IMAGES / "webp_meta.webp")
    assert (meta.get("caption"), meta.fields["caption"].origin) == ("WebP caption", "xmp")


def test_tiff_tag_700() -> None:
    meta = read_metadata(IMAGES / "tiff_meta.tif")
    assert (meta.get("headline"), meta.fields["headline"].origin) == ("TIFF XMP headline", "xmp")


@pytest.mark.parametrize("name", ["xmp_billion_laughs.jpg", "xmp_external_entity.jpg"])
def test_hostile_xmp_refused_other_blocks_still_read(name: str) -> None:
    meta = read_metadata(IMAGES / name)
    assert any(w.startswith("XMP: refused unsafe XML") for w in meta.warnings)
    assert (meta.get("caption"), meta.fields["caption"].origin) == ("Safe IPTC", "iptc")
    assert (meta.get("byline"), meta.fields["byline"].origin) == ("Safe Artist", "exif")
    assert meta.camera_make == "Canon"
    assert not any("root:" in str(fv.value) for fv in meta.fields.values())


@pytest.mark.parametrize("packet", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_read_xmp_refuses_dtds(packet: bytes) -> None:
    block = read_xmp(packet)
    assert block.text == {} and block.keywords == []
    assert block.warnings and "refused" in block.warnings[0]


def test_internal_entity_without_dtd_name_is_still_refused() -> None:
    packet = b'<!DOCTYPE x [<!ENTITY a "boom">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&a;</x:xmpmeta>'
    assert read_xmp(packet).warnings


def test_malformed_xml_warns() -> None:
    block = read_xmp(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><unclosed>")
    assert block.warnings and block.warnings[0].startswith("XMP: malformed")


def test_str_packet_and_nul_padding() -> None:
    block = read_xmp(XMP_ONLY_PACKET + "\x00\x00")
    assert block.text["caption"] == "Caption in XMP only"
    assert block.warnings == []
