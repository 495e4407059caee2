"""Exported pixels: long edges, never enlarged, upright, colour profile kept, progressive, thumbs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_helpers import Sources, icc_profile, picture, run_export
from PIL import Image

from desktop.core.export import ExportOptions
from desktop.core.export.resize import downscale, fit_within, open_scaled, to_rgb
from desktop.core.progress import Outcome
from desktop.core.records import ExportItem


def _gallery(out: Path) -> list[dict]:
    return json.loads((out / "captions.json").read_text(encoding="utf-8"))


def test_layout_is_exactly_the_spec(exported: tuple[Path, Outcome]) -> None:
    out, outcome = exported
    assert sorted(p.name for p in out.iterdir()) == [
        "captions.csv",
        "captions.json",
        "images",
        "index.html",
        "thumbs",
        "wordpress.txt",
    ]
    names = sorted(p.name for p in (out / "images").iterdir())
    assert names == sorted(p.name for p in (out / "thumbs").iterdir())
    assert len(names) == 4 and all(n.endswith(".jpg") for n in names)
    assert outcome.counts == {"exported": 4, "rejected": 0}


def test_long_edges_and_never_upscaled(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    rows = {row["photo_id"]: row for row in _gallery(out)}
    for row in rows.values():
        with Image.open(out / row["file"]) as large, Image.open(out / row["thumb"]) as thumb:
            assert large.format == thumb.format == "JPEG"
            assert large.size == (row["width"], row["height"])
            assert thumb.size == (row["thumb_width"], row["thumb_height"])
            assert max(large.size) <= 600 and max(thumb.size) <= 200
            assert large.info.get("progressive") and thumb.info.get("progressive")
    # 1200x800 turned upright is 800x1200 -> 400x600; 1000x700 -> 600x420.
    assert (rows[101]["width"], rows[101]["height"]) == (400, 600)
    assert (rows[102]["width"], rows[102]["height"]) == (600, 420)
    assert (rows[104]["width"], rows[104]["height"]) == (600, 400)
    # The 160x120 scan is smaller than both sizes: kept as it is, never enlarged.
    assert (rows[103]["width"], rows[103]["height"]) == (160, 120)
    assert (rows[103]["thumb_width"], rows[103]["thumb_height"]) == (160, 120)
    assert (rows[101]["thumb_width"], rows[101]["thumb_height"]) == (133, 200)


def test_orientation_applied_and_reset(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    row = next(r for r in _gallery(out) if r["photo_id"] == 101)
    with Image.open(out / row["file"]) as img:
        assert img.height > img.width  # stored landscape with orientation 6: portrait now
        assert img.getexif().get(0x0112) == 1
        # Orientation 6 = rotate 90° clockwise: the red top-left corner is now top-right.
        rgb = img.convert("RGB")
        r, g, b = rgb.getpixel((img.width - 5, 5))
        assert r > 180 and g < 80 and b < 80
        r, g, b = rgb.getpixel((5, 5))
        assert r < 80 and g > 90  # green background, not red


def test_colour_profile_kept_in_image_and_thumb(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    row = next(r for r in _gallery(out) if r["photo_id"] == 101)
    for name in (row["file"], row["thumb"]):
        with Image.open(out / name) as img:
            assert img.info.get("icc_profile") == icc_profile()


def test_png_alpha_flattened_onto_white(tmp_path: Path) -> None:
    clear = tmp_path / "clear.png"
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(clear)
    item = ExportItem(photo_id=1, source_path=str(clear), caption="Clear")
    _events, outcome = run_export([item], tmp_path / "g", ExportOptions(workers=1))
    assert outcome.counts["exported"] == 1
    with Image.open(next((tmp_path / "g" / "images").iterdir())) as img:
        assert img.mode == "RGB"
        assert min(img.convert("RGB").getpixel((150, 100))) > 245


def test_jpeg_decoded_at_reduced_scale(tmp_path: Path) -> None:
    src = tmp_path / "big.jpg"
    picture((4000, 3000)).save(src, "JPEG", quality=85)
    img = open_scaled(src, 1600)
    assert img.size == (2000, 1500)  # DCT-scaled by 1/2, still covering 1600x1200
    assert open_scaled(src, 400).size == (500, 375)  # 1/8
    assert open_scaled(src, 5000).size == (4000, 3000)


@pytest.mark.parametrize(
    ("size", "edge", "expected"),
    [((3000, 2000), 600, (600, 400)), ((2000, 1500), 1600, (1600, 1200)),
     ((1999, 1333), 1600, (1600, 1067)), ((1333, 1999), 400, (267, 400)), ((1000, 10), 100, (100, 1))],
)  # fmt: skip
def test_downscale_gives_the_exact_fitted_size(
    size: tuple[int, int], edge: int, expected: tuple[int, int]
) -> None:
    assert fit_within(*size, edge) == expected
    for mode in ("RGB", "L"):
        small = downscale(picture(size).convert(mode), edge)
        assert (small.size, small.mode) == (expected, mode)


def test_downscale_never_enlarges() -> None:
    tiny = picture((100, 80))
    assert downscale(tiny, 600) is tiny


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "LA", "I;16"])
def test_odd_modes_become_jpeg_friendly(mode: str) -> None:
    img = picture((64, 48)).convert("RGB")
    img = img.convert(mode) if mode != "I;16" else img.convert("L").convert("I;16")
    converted, _icc = to_rgb(img)
    assert converted.mode in ("RGB", "L")


def test_parallel_workers_match_inline(sources: Sources, tmp_path: Path) -> None:
    """The process pool (forkserver/spawn) gives the same gallery as the in-process path."""
    options = ExportOptions(size=600, thumb_size=200, workers=2)
    _events, outcome = run_export(sources.items, tmp_path / "pooled", options)
    assert outcome.counts == {"exported": 4, "rejected": 0}
    inline = ExportOptions(size=600, thumb_size=200, workers=1)
    run_export(sources.items, tmp_path / "inline", inline)
    assert _gallery(tmp_path / "pooled") == _gallery(tmp_path / "inline")
    for row in _gallery(tmp_path / "pooled"):
        a = (tmp_path / "pooled" / row["file"]).read_bytes()
        b = (tmp_path / "inline" / row["file"]).read_bytes()
        assert a == b  # deterministic: same bytes whichever process made them


def test_downscale_is_lanczos_with_light_sharpening() -> None:
    """Close to a plain LANCZOS shrink on average, with crisper edges, but not over-sharpened."""
    from PIL import ImageChops, ImageFilter, ImageStat

    img = picture((2000, 1500))
    ours = downscale(img, 1600)
    lanczos = img.resize((1600, 1200), Image.Resampling.LANCZOS)
    strong = lanczos.filter(ImageFilter.UnsharpMask(radius=1, percent=120, threshold=0))

    def edge_energy(im: Image.Image) -> float:
        return sum(ImageStat.Stat(im.convert("L").filter(ImageFilter.FIND_EDGES)).mean)

    assert max(ImageStat.Stat(ImageChops.difference(ours, lanczos)).mean) < 2.0
    assert edge_energy(lanczos) * 1.03 < edge_energy(ours) < edge_energy(strong)
