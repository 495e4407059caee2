"""Thumbnails: reduced-scale decode, EXIF orientation applied, long edge, cache by hash, atomic writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.imaging.hashing import sha256_file
from desktop.core.imaging.thumbnails import (
    GRID_SIZE,
    cache_path,
    ensure_preview,
    ensure_thumbnail,
    render_thumbnail,
)

IMAGES = Path(__file__).resolve().parents[2] / "data" / "images"


def _is_red(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel[:3]
    return r > 200 and g < 60 and b < 60


def test_orientation_6_gives_portrait_thumb_rotated_clockwise(tmp_path: Path) -> None:
    thumb = ensure_thumbnail(IMAGES / "full_exif_iptc_xmp.jpg", tmp_path)
    with Image.open(thumb) as im:
        assert im.size == (192, 256)  # stored 320x240 landscape, shown portrait
        # The red block is stored top-left; turned 90° clockwise it sits top-right.
        assert _is_red(im.getpixel((im.width - 10, 10)))
        assert not _is_red(im.getpixel((10, 10)))


def test_tiff_orientation_8_portrait(tmp_path: Path) -> None:
    thumb = ensure_thumbnail(IMAGES / "tiff_meta.tif", tmp_path)
    with Image.open(thumb) as im:
        assert im.size == (60, 80)
        # Orientation 8 turns 90° counter-clockwise: stored top-left lands bottom-left.
        assert _is_red(im.getpixel((5, im.height - 5)))


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"), ("TIFF", ".tif")]
)
def test_long_edge_is_256(tmp_path: Path, fmt: str, suffix: str) -> None:
    src = tmp_path / f"big{suffix}"
    Image.linear_gradient("L").resize((1500, 700)).convert("RGB").save(src, fmt)
    with Image.open(ensure_thumbnail(src, tmp_path / "cache")) as im:
        assert max(im.size) == GRID_SIZE
        assert im.size == (256, 119)
        assert im.format == "JPEG" and im.mode == "RGB"


def test_jpeg_decoded_at_reduced_scale() -> None:
    src = IMAGES / "full_exif_iptc_xmp.jpg"
    with Image.open(src) as im:
        small = render_thumbnail(im, 64)
        # draft() made libjpeg decode at 1/2 scale (160x120) rather than 320x240.
        assert im.size == (160, 120)
    assert max(small.size) == 64


def test_transparent_png_flattened_on_white(tmp_path: Path) -> None:
    src = tmp_path / "alpha.png"
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(src)
    with Image.open(ensure_thumbnail(src, tmp_path / "c")) as im:
        assert im.getpixel((5, 5)) == (255, 255, 255)


def test_cached_by_hash_and_not_rewritten(tmp_path: Path) -> None:
    src = IMAGES / "no_metadata.jpg"
    digest = sha256_file(src)
    first = ensure_thumbnail(src, tmp_path)
    assert first == tmp_path / digest[:2] / f"{digest}-256.jpg"
    assert first == cache_path(tmp_path, digest, 256)
    stamp = first.stat().st_mtime_ns
    os.utime(first, ns=(stamp - 10**9, stamp - 10**9))  # make a rewrite detectable
    stamp = first.stat().st_mtime_ns
    copy = tmp_path / "copy of it.jpg"
    shutil.copy(src, copy)  # same content under another name: same cache entry
    assert ensure_thumbnail(copy, tmp_path) == first
    assert ensure_thumbnail(src, tmp_path, sha256=digest) == first
    assert first.stat().st_mtime_ns == stamp


def test_known_hash_does_not_open_the_original(tmp_path: Path) -> None:
    src = IMAGES / "no_metadata.jpg"
    digest = sha256_file(src)
    ensure_thumbnail(src, tmp_path)
    assert ensure_thumbnail(tmp_path / "gone.jpg", tmp_path, sha256=digest).exists()


def test_preview_is_lazy_and_1600(tmp_path: Path) -> None:
    src = tmp_path / "large.jpg"
    Image.linear_gradient("L").resize((3200, 2400)).convert("RGB").save(src, quality=80)
    cache = tmp_path / "cache"
    thumb = ensure_thumbnail(src, cache)
    digest = thumb.name.split("-")[0]
    assert not cache_path(cache, digest, 1600).exists()
    preview = ensure_preview(src, cache, sha256=digest, orientation=1)
    assert preview == cache_path(cache, digest, 1600)
    with Image.open(preview) as im:
        assert im.size == (1600, 1200)


def test_no_temp_files_left(tmp_path: Path) -> None:
    for name in ("no_metadata.jpg", "png_xmp.png", "webp_meta.webp"):
        ensure_thumbnail(IMAGES / name, tmp_path)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.endswith("-256.jpg")]
    assert leftovers == []


def test_original_untouched(tmp_path: Path) -> None:
    src = IMAGES / "full_exif_iptc_xmp.jpg"
    before = (sha256_file(src), src.stat().st_mtime_ns)
    ensure_thumbnail(src, tmp_path)
    ensure_preview(src, tmp_path)
    assert (sha256_file(src), src.stat().st_mtime_ns) == before
