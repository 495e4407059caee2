"""EXIF reading with exifread: camera, lens, date taken, orientation, GPS and the text tags."""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

import exifread

from desktop.core.metadata.text import decode_text

# IFD pointers we follow when checking that offsets stay inside the block.
_SUB_IFD_POINTERS = {0x8769: "Exif", 0x8825: "GPS", 0xA005: "Interop"}
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}


@dataclass
class ExifBlock:
    """What we take from EXIF; `text` holds canonical field names (caption, byline, copyright)."""

    text: dict[str, str] = field(default_factory=dict)
    camera_make: str | None = None
    camera_model: str | None = None
    lens: str | None = None
    taken_at: datetime | None = None
    taken_at_offset: str | None = None
    orientation: int | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keeps exifread's warnings (corrupted fields, overflows) so they reach the user."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _value(tags: dict[str, Any], name: str) -> Any:
    tag = tags.get(name)
    return None if tag is None else tag.values


def _text(tags: dict[str, Any], name: str) -> str | None:
    raw = _value(tags, name)
    if raw is None or isinstance(raw, list):
        return None
    text = decode_text(raw)
    return text or None


def _dms(values: Any, ref: str | None) -> float | None:
    if not isinstance(values, list) or len(values) != 3:
        return None
    try:
        deg = float(values[0]) + float(values[1]) / 60 + float(values[2]) / 3600
    except (ZeroDivisionError, ValueError, TypeError):
        return None
    return -deg if (ref or "").strip().upper() in ("S", "W") else deg


def _offset(raw: str | None) -> str | None:
    """Accept "+01:00" (EXIF 2.31); anything else is ignored rather than guessed."""
    if raw and len(raw) == 6 and raw[0] in "+-" and raw[3] == ":":
        return raw
    return None


def find_offset_problems(tiff: bytes, limit: int = 3) -> list[str]:
    """Walk the IFDs and name entries whose data or sub-IFD lies outside the block.

    exifread silently reads nothing past the end, so a damaged block would otherwise look merely
    empty; the user should know the file's EXIF is broken.
    """
    problems: list[str] = []
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return ["EXIF: not a TIFF structure"]
    end = "<" if tiff[:2] == b"II" else ">"
    size = len(tiff)
    todo = [("IFD0", struct.unpack(end + "I", tiff[4:8])[0])]
    seen: set[int] = set()
    while todo and len(problems) < limit:
        name, pos = todo.pop()
        if pos in seen:
            continue
        seen.add(pos)
        if pos + 2 > size:
            problems.append(f"EXIF: {name} offset {pos} is beyond the block ({size} bytes)")
            continue
        (count,) = struct.unpack(end + "H", tiff[pos : pos + 2])
        if pos + 2 + 12 * count + 4 > size:
            problems.append(f"EXIF: {name} with {count} entries runs past the block")
            continue
        for i in range(count):
            entry = pos + 2 + 12 * i
            tag, typ, n = struct.unpack(end + "HHI", tiff[entry : entry + 8])
            (ptr,) = struct.unpack(end + "I", tiff[entry + 8 : entry + 12])
            if tag in _SUB_IFD_POINTERS:
                todo.append((_SUB_IFD_POINTERS[tag], ptr))
            elif _TYPE_SIZES.get(typ, 1) * n > 4 and ptr + _TYPE_SIZES.get(typ, 1) * n > size:
                problems.append(f"EXIF: tag 0x{tag:04X} in {name} points beyond the block")
        (nxt,) = struct.unpack(end + "I", tiff[pos + 2 + 12 * count : pos + 6 + 12 * count])
        if name == "IFD0" and nxt:
            todo.append(("IFD1", nxt))
    return problems[:limit]


def read_exif(tiff: bytes) -> ExifBlock:
    """Read an EXIF block (a TIFF structure: a whole TIFF file or a JPEG/PNG/WebP EXIF payload)."""
    block = ExifBlock()
    block.warnings.extend(find_offset_problems(tiff))
    collect = _Collect()
    log = logging.getLogger("exifread")
    log.addHandler(collect)
    try:
        # details=False skips MakerNotes and sub-IFDs we do not use: the slow part of exifread.
        tags = exifread.process_file(BytesIO(tiff), details=False, extract_thumbnail=False)
    finally:
        log.removeHandler(collect)
    block.warnings.extend(f"EXIF: {m}" for m in collect.messages[:3])

    for canonical, tag in (
        ("caption", "Image ImageDescription"),
        ("byline", "Image Artist"),
        ("copyright", "Image Copyright"),
    ):
        text = _text(tags, tag)
        if text:
            block.text[canonical] = text

    block.camera_make = _text(tags, "Image Make")
    block.camera_model = _text(tags, "Image Model")
    block.lens = _text(tags, "EXIF LensModel")

    orientation = _value(tags, "Image Orientation")
    if isinstance(orientation, list) and orientation and orientation[0] in range(1, 9):
        block.orientation = int(orientation[0])

    taken = _text(tags, "EXIF DateTimeOriginal")
    if taken:
        try:
            block.taken_at = datetime.strptime(taken[:19], "%Y:%m:%d %H:%M:%S")
        except ValueError:
            block.warnings.append(f"EXIF: unreadable DateTimeOriginal {taken!r}")
    block.taken_at_offset = _offset(_text(tags, "EXIF OffsetTimeOriginal"))

    block.gps_lat = _dms(_value(tags, "GPS GPSLatitude"), _text(tags, "GPS GPSLatitudeRef"))
    block.gps_lon = _dms(_value(tags, "GPS GPSLongitude"), _text(tags, "GPS GPSLongitudeRef"))
    return block
