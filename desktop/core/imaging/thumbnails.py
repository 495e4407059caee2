"""Grid thumbnails and lazy previews, decoded at reduced scale, oriented, cached by content hash."""

from __future__ import annotations

import os
import tempfile
from io import BytesIO
from pathlib import Path

from PIL import Image

from desktop.core.imaging.decode import JPEG_FORMATS, open_image
from desktop.core.imaging.hashing import sha256_bytes
from desktop.core.imaging.orientation import UPRIGHT_TRANSPOSE

GRID_SIZE = 256
PREVIEW_SIZE = 1600
THUMB_QUALITY = 85


def cache_path(cache_dir: str | os.PathLike[str], sha256: str, size: int) -> Path:
    """`<cache>/<hash[:2]>/<hash>-<size>.jpg`: two-character fan-out keeps folders small."""
    return Path(cache_dir) / sha256[:2] / f"{sha256}-{size}.jpg"


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        # 16-bit and float images: scale into 8 bits instead of clipping to white.
        return im.point(lambda v: v / 256).convert("L").convert("RGB")
    return im.convert("RGB")


def render_thumbnail(im: Image.Image, size: int, orientation: int = 1) -> Image.Image:
    """Decode `im` at the smallest scale that still covers `size`, orient it, fit the long edge.

    For JPEG, draft() makes libjpeg decode at 1/2, 1/4 or 1/8 scale, far faster than a full
    decode; other formats are decoded fully and shrunk with reduce() (box filter, cheap) before
    the final Lanczos resize. Must be called before anything has loaded the pixels.
    """
    if im.format in JPEG_FORMATS:
        im.draft("RGB", (size, size))
    im.load()  # raises OSError on truncated data: LOAD_TRUNCATED_IMAGES stays False
    if im.format == "TIFF" and 0x0112 not in im.tag_v2:  # type: ignore[attr-defined]
        # Newer Pillow applies a TIFF's orientation while loading and drops the tag.
        orientation = 1
    factor = min(im.width // size, im.height // size)
    if factor > 1 and im.format not in JPEG_FORMATS:
        im = im.reduce(factor)
    im = _to_rgb(im)
    if orientation in UPRIGHT_TRANSPOSE:
        im = im.transpose(UPRIGHT_TRANSPOSE[orientation])
    if max(im.size) > size:
        scale = size / max(im.size)
        fitted = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
        im = im.resize(fitted, Image.Resampling.LANCZOS)  # a new image: the caller's is untouched
    return im


def save_jpeg_atomic(im: Image.Image, dest: Path, quality: int = THUMB_QUALITY) -> None:
    """Write to a temp file beside `dest`, then rename: readers never see half a thumbnail, and
    two workers making the same thumbnail both end with a whole file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            im.save(fh, "JPEG", quality=quality, optimize=False)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _orientation_from_pillow(im: Image.Image) -> int:
    try:
        value = im.getexif().get(0x0112, 1)
    except Exception:  # broken EXIF: show the pixels as stored
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def ensure_thumbnail(
    source: str | os.PathLike[str],
    cache_dir: str | os.PathLike[str],
    *,
    size: int = GRID_SIZE,
    sha256: str | None = None,
    orientation: int | None = None,
) -> Path:
    """Return the cached thumbnail of `source` at `size`, making it if it is not there yet.

    With `sha256` known (the library has it) a cached thumbnail is found without touching the
    original. `orientation` comes from the library's metadata; if None, the EXIF tag is read.
    The original is opened read-only and never written.
    """
    if sha256 is not None:
        dest = cache_path(cache_dir, sha256, size)
        if dest.exists():
            return dest
    with open(source, "rb") as fh:
        data = fh.read()
    digest = sha256 or sha256_bytes(data)
    dest = cache_path(cache_dir, digest, size)
    if dest.exists():
        return dest
    with open_image(BytesIO(data)) as im:
        if orientation is None:
            orientation = _orientation_from_pillow(im)
        thumb = render_thumbnail(im, size, orientation)
    save_jpeg_atomic(thumb, dest)
    return dest


def ensure_preview(
    source: str | os.PathLike[str],
    cache_dir: str | os.PathLike[str],
    *,
    sha256: str | None = None,
    orientation: int | None = None,
) -> Path:
    """The 1600 px preview, made on first request (the import only makes grid thumbnails)."""
    return ensure_thumbnail(
        source, cache_dir, size=PREVIEW_SIZE, sha256=sha256, orientation=orientation
    )
