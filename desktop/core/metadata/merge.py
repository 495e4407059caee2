"""Resolves EXIF, IPTC and XMP into one PhotoMetadata, XMP > IPTC > EXIF, keeping each value's origin."""

from __future__ import annotations

from datetime import datetime

from desktop.core.metadata.exif import ExifBlock
from desktop.core.metadata.iptc import IptcBlock
from desktop.core.metadata.xmp import XmpBlock
from desktop.core.records import FieldValue, PhotoMetadata

CANONICAL_FIELDS = (
    "caption",
    "headline",
    "title",
    "byline",
    "credit",
    "source",
    "copyright",
    "city",
    "state",
    "country",
    "country_code",
    "location",
    "date_created",
    "special_instructions",
)


def _exif_date_created(exif: ExifBlock) -> str | None:
    if exif.taken_at is None:
        return None
    return exif.taken_at.isoformat() + (exif.taken_at_offset or "")


def _split_iso(value: str) -> tuple[datetime | None, str | None]:
    """An XMP/IPTC date-time as a naive wall-clock datetime plus its "+HH:MM" offset, if any.

    A bare date ("2024-06-09") gives None: midnight would claim a time nobody recorded.
    """
    if "T" not in value:
        return None, None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None, None
    offset = parsed.strftime("%z") if parsed.tzinfo else ""
    return parsed.replace(tzinfo=None), (f"{offset[:3]}:{offset[3:]}" if offset else None)


def merge_blocks(
    *,
    width: int,
    height: int,
    image_format: str,
    exif: ExifBlock | None,
    iptc: IptcBlock | None,
    xmp: XmpBlock | None,
    warnings: list[str],
) -> PhotoMetadata:
    """Pick each field from the first source that has it: XMP, then IPTC, then EXIF.

    Keywords are taken whole from one source (not unioned): a desk that cleaned up the XMP
    keywords does not want the stale IPTC ones back.
    """
    exif = exif or ExifBlock()
    iptc = iptc or IptcBlock()
    xmp = xmp or XmpBlock()
    exif_text = dict(exif.text)
    if (date := _exif_date_created(exif)) is not None:
        exif_text["date_created"] = date

    fields: dict[str, FieldValue] = {}
    for name in CANONICAL_FIELDS:
        for origin, source in (("xmp", xmp.text), ("iptc", iptc.text), ("exif", exif_text)):
            if source.get(name):
                fields[name] = FieldValue(source[name], origin)
                break
    if xmp.hierarchical_subjects:
        # PhotoMetadata has no attribute for these yet, so they travel as a field (a tuple).
        fields["hierarchical_subjects"] = FieldValue(tuple(xmp.hierarchical_subjects), "xmp")

    keywords: tuple[str, ...] = ()
    keywords_origin = None
    if xmp.keywords:
        keywords, keywords_origin = tuple(xmp.keywords), "xmp"
    elif iptc.keywords:
        keywords, keywords_origin = tuple(iptc.keywords), "iptc"

    taken_at, taken_at_offset = exif.taken_at, exif.taken_at_offset
    if taken_at is None and "date_created" in fields:
        taken_at, taken_at_offset = _split_iso(fields["date_created"].value)

    orientation = exif.orientation or 1
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return PhotoMetadata(
        width=width,
        height=height,
        format=image_format,
        fields=fields,
        keywords=keywords,
        keywords_origin=keywords_origin,
        taken_at=taken_at,
        taken_at_offset=taken_at_offset,
        camera_make=exif.camera_make,
        camera_model=exif.camera_model,
        lens=exif.lens,
        orientation=orientation,
        gps_lat=exif.gps_lat,
        gps_lon=exif.gps_lon,
        warnings=tuple(warnings),
    )
