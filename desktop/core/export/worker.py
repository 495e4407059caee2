"""The per-image export work that runs in a worker process: decode, resize, embed, write two JPEGs.

Everything here is picklable and import-light so a spawn/forkserver pool starts quickly.
"""

from __future__ import annotations

import io
import os
import struct
from dataclasses import dataclass, replace

from PIL import Image

from .embed import (
    TAG_COPYRIGHT,
    EmbedFields,
    build_app13,
    build_exif,
    build_iptc,
    build_xmp,
    splice_app13,
)
from .resize import downscale, load_upright


@dataclass(frozen=True)
class ImageJob:
    """One image to make: where to read it, where to write its two sizes and what to embed."""

    index: int
    source: str
    image_path: str
    thumb_path: str
    size: int
    thumb_size: int
    quality: int
    keep_gps: bool
    fields: EmbedFields


@dataclass(frozen=True)
class ImageResult:
    """What a worker made (sizes, bytes written), or why it could not read the original."""

    index: int
    width: int = 0
    height: int = 0
    thumb_width: int = 0
    thumb_height: int = 0
    bytes_written: int = 0
    rejected: str | None = None
    copyright: str | None = None


class OutputWriteError(OSError):
    """Writing into the gallery failed: fatal for the export, unlike a bad original."""


def _encode(
    img: Image.Image, *, quality: int, icc: bytes | None, exif: Image.Exif, fields: EmbedFields
) -> bytes:
    buf = io.BytesIO()
    img.info = {}  # carry nothing implicit from the original (comments, XMP, Photoshop blocks)
    options: dict[str, object] = {
        "quality": quality,
        "progressive": True,  # progressive mode also makes libjpeg optimise its Huffman tables
        "exif": exif,
        "xmp": build_xmp(fields),
    }
    if icc:
        options["icc_profile"] = icc
    img.save(buf, "JPEG", **options)
    return splice_app13(buf.getvalue(), build_app13(build_iptc(fields)))


def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "xb") as f:  # "x": never overwrite something we did not just create
            f.write(data)
    except OSError as exc:
        raise OutputWriteError(exc.errno, exc.strerror, path) from exc


def _exif_string(value: object) -> str | None:
    """An EXIF ASCII value as text: Pillow hands it back as Latin-1, cameras and tools write UTF-8."""
    if isinstance(value, str):
        try:
            value = value.encode("latin-1")
        except UnicodeEncodeError:
            return value.strip("\x00 ") or None
    if isinstance(value, bytes):
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            text = value.decode("latin-1")
        return text.strip("\x00 ") or None
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "original not found"
    if isinstance(exc, PermissionError):
        return "original not readable (permission denied)"
    if isinstance(exc, Image.DecompressionBombError):
        return "image too large to process safely"
    if isinstance(exc, Image.UnidentifiedImageError):
        return "not a readable image (unknown or corrupt format)"
    return f"unreadable or corrupt image ({type(exc).__name__}: {exc})"


def export_image(job: ImageJob) -> ImageResult:
    """Make images/NAME.jpg and thumbs/NAME.jpg for one original.

    A problem with the original becomes a rejection (the batch goes on); a problem writing the
    output raises OutputWriteError (the export stops).
    """
    try:
        img, source_exif, icc = load_upright(job.source, job.size)
        large = downscale(img, job.size)
        # The thumbnail comes from the already-small image: no second decode of the original.
        thumb = downscale(large, job.thumb_size)
    except Exception as exc:
        return ImageResult(index=job.index, rejected=_reason(exc))

    fields = job.fields
    original_copyright = None
    if source_exif is not None and not fields.copyright:
        # The copyright notice always survives, even when the library had none recorded.
        value = _exif_string(source_exif.get(TAG_COPYRIGHT))
        if value:
            original_copyright = value
            fields = replace(fields, copyright=original_copyright)

    thumb_fields = fields.for_thumbnail()
    try:
        large_bytes = _encode(
            large,
            quality=job.quality,
            icc=icc,
            exif=build_exif(source_exif, fields, keep_gps=job.keep_gps, size=large.size),
            fields=fields,
        )
        thumb_bytes = _encode(
            thumb,
            quality=job.quality,
            icc=icc,
            exif=build_exif(None, thumb_fields, keep_gps=False, size=thumb.size),
            fields=thumb_fields,
        )
    except (ValueError, OSError, struct.error) as exc:
        # Encoding happens in memory: a failure here is this photo's (a metadata block over
        # JPEG's 64 KB segment limit, an odd EXIF value), not the disk's.
        return ImageResult(index=job.index, rejected=f"cannot encode the export ({exc})")
    _write(job.image_path, large_bytes)
    _write(job.thumb_path, thumb_bytes)
    return ImageResult(
        index=job.index,
        width=large.width,
        height=large.height,
        thumb_width=thumb.width,
        thumb_height=thumb.height,
        bytes_written=len(large_bytes) + len(thumb_bytes),
        copyright=original_copyright,
    )


def warm_up() -> int:
    """Run once per worker so Pillow's plugins load before the first real image is timed."""
    Image.init()
    return os.getpid()
