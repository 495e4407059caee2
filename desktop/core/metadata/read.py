"""Reads EXIF, IPTC and XMP from an opened image, each block under its own guard, into PhotoMetadata."""

from __future__ import annotations

import os
from collections.abc import Callable
from io import BytesIO
from typing import TypeVar

from PIL import Image, IptcImagePlugin

from desktop.core.imaging.decode import JPEG_FORMATS, open_image
from desktop.core.metadata.exif import ExifBlock, read_exif
from desktop.core.metadata.iptc import IimData, IptcBlock, parse_iim
from desktop.core.metadata.iptc import read_iptc as _decode_iptc
from desktop.core.metadata.merge import merge_blocks
from desktop.core.metadata.xmp import XmpBlock, read_xmp
from desktop.core.records import PhotoMetadata

T = TypeVar("T")
_IPTC_RESOURCE = 0x0404  # Photoshop image resource holding the IIM block


def exif_payload(im: Image.Image, data: bytes | None) -> bytes | None:
    """The EXIF TIFF structure: the whole file for TIFF, else the APP1/eXIf/EXIF chunk."""
    if im.format == "TIFF":
        return data
    raw = im.info.get("exif")
    if not raw:
        return None
    return raw[6:] if raw.startswith(b"Exif\x00\x00") else raw


def iim_data(im: Image.Image) -> IimData | None:
    """Raw IIM datasets: JPEG APP13 (Photoshop IRB 0x0404) or TIFF tag 33723."""
    if im.format in JPEG_FORMATS:
        block = (im.info.get("photoshop") or {}).get(_IPTC_RESOURCE)
        return parse_iim(block) if block else None
    if im.format == "TIFF":
        return IptcImagePlugin.getiptcinfo(im)  # type: ignore[arg-type]
    return None


def xmp_packet(im: Image.Image) -> bytes | str | None:
    """JPEG APP1, PNG iTXt XML:com.adobe.xmp, TIFF tag 700 and WebP XMP chunk all land here."""
    return im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")


def stored_size(im: Image.Image) -> tuple[int, int]:
    """Width and height of the pixels as stored, before any orientation.

    Newer Pillow already reports a TIFF's size with its orientation applied; undo that so the
    merge applies orientation exactly once, whatever Pillow version is installed.
    """
    if im.format == "TIFF":
        tags = im.tag_v2  # type: ignore[attr-defined]
        width, height = tags.get(256), tags.get(257)
        if isinstance(width, int) and isinstance(height, int):
            return width, height
    return im.width, im.height


def _guarded(label: str, warnings: list[str], read: Callable[[], T | None]) -> T | None:
    """Run one block's reader; a failure costs that block only, and says so."""
    try:
        return read()
    except Exception as exc:
        warnings.append(f"{label}: unreadable ({type(exc).__name__}: {exc})")
        return None


def _exif(im: Image.Image, data: bytes | None) -> ExifBlock | None:
    payload = exif_payload(im, data)
    return read_exif(payload) if payload else None


def _iptc(im: Image.Image) -> IptcBlock | None:
    iim = iim_data(im)
    return _decode_iptc(iim) if iim else None


def _xmp(im: Image.Image) -> XmpBlock | None:
    packet = xmp_packet(im)
    return read_xmp(packet) if packet else None


def read_image_metadata(im: Image.Image, data: bytes | None = None) -> PhotoMetadata:
    """Metadata of an opened (not necessarily decoded) image; `data` is the file's bytes,
    needed for TIFF, whose EXIF is the file itself. Never raises for bad metadata."""
    warnings: list[str] = []
    exif = _guarded("EXIF", warnings, lambda: _exif(im, data))
    iptc = _guarded("IPTC", warnings, lambda: _iptc(im))
    xmp = _guarded("XMP", warnings, lambda: _xmp(im))
    for block in (exif, iptc, xmp):
        if block is not None:
            warnings.extend(block.warnings)
    width, height = stored_size(im)
    return merge_blocks(
        width=width,
        height=height,
        image_format=im.format or "unknown",
        exif=exif,
        iptc=iptc,
        xmp=xmp,
        warnings=warnings,
    )


def read_metadata(path: str | os.PathLike[str]) -> PhotoMetadata:
    """Metadata of an image file (opened read-only). Raises ImageRejected for non-images."""
    with open(path, "rb") as fh:
        data = fh.read()
    with open_image(BytesIO(data)) as im:
        return read_image_metadata(im, data)
