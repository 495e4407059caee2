"""Helpers for the export tests: real source images, a generator driver, leftover checks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, TiffImagePlugin

from desktop.core.export import ExportOptions, export_gallery
from desktop.core.progress import Outcome, Progress
from desktop.core.records import ExportItem

ACCENTS = "Zürich, Ångström — café"
SERIAL = "SN-0042-SECRET"
LENS_SERIAL = "LENS-7781"
ORIGINAL_COPYRIGHT = "© 2024 Example Agency"


@cache
def icc_profile() -> bytes:
    """A real ICC profile (sRGB built by LittleCMS), recognisable byte for byte.

    Cached: LittleCMS stamps the creation time in the header, so two calls can differ.
    """
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def picture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """A picture whose top-left corner is red and top-right is blue, so rotation is visible."""
    img = Image.new("RGB", size, (40, 120, 40))
    draw = ImageDraw.Draw(img)
    w, h = size
    draw.rectangle([0, 0, w // 4, h // 4], fill=(230, 20, 20))
    draw.rectangle([w - w // 4, 0, w, h // 4], fill=(20, 20, 230))
    draw.ellipse([w // 3, h // 3, 2 * w // 3, 2 * h // 3], fill=(240, 240, 200))
    return img.convert(mode) if mode != "RGB" else img


def camera_exif(orientation: int = 1) -> Image.Exif:
    """EXIF like a camera writes: make/model, settings, serials, GPS, copyright."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS R5"
    exif[0x0112] = orientation
    exif[0x8298] = ORIGINAL_COPYRIGHT.encode("utf-8")
    exif[0x013B] = "Original Artist"
    exif[0x8769] = {
        0x9003: "2024:05:01 10:11:12",
        0x829A: TiffImagePlugin.IFDRational(1, 250),
        0x829D: TiffImagePlugin.IFDRational(28, 10),
        0x8827: 400,
        0xA431: SERIAL,  # BodySerialNumber
        0xA434: "RF24-70mm F2.8 L IS USM",
        0xA435: LENS_SERIAL,  # LensSerialNumber
    }
    exif[0x8825] = {
        1: "N",
        2: (
            TiffImagePlugin.IFDRational(47, 1),
            TiffImagePlugin.IFDRational(22, 1),
            TiffImagePlugin.IFDRational(3, 1),
        ),
        3: "E",
        4: (
            TiffImagePlugin.IFDRational(8, 1),
            TiffImagePlugin.IFDRational(32, 1),
            TiffImagePlugin.IFDRational(30, 1),
        ),
    }
    return exif


@dataclass(frozen=True)
class Sources:
    """The originals of one test, and their items in gallery order."""

    camera: Path  # 1200x800 JPEG stored landscape, orientation 6 (portrait when upright)
    png: Path  # 1000x700 RGBA PNG
    tiff: Path  # 160x120 TIFF: smaller than any export size
    plain: Path  # 900x600 JPEG, no metadata at all
    items: tuple[ExportItem, ...]

    def hashes(self) -> dict[Path, str]:
        return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in self.paths}

    @property
    def paths(self) -> tuple[Path, ...]:
        return (self.camera, self.png, self.tiff, self.plain)


def make_sources(tmp_path: Path) -> Sources:
    """Write the four originals under tmp_path/originals and describe them as ExportItems."""
    folder = tmp_path / "originals"
    folder.mkdir()
    camera = folder / "IMG_0001.JPG"
    picture((1200, 800)).save(
        camera, "JPEG", quality=90, exif=camera_exif(orientation=6), icc_profile=icc_profile()
    )
    png = folder / "Rückblick 2024 #3.png"
    picture((1000, 700), "RGBA").save(png)
    tiff = folder / "tiny scan.tif"
    picture((160, 120)).save(tiff, compression="tiff_lzw")
    plain = folder / "plain.jpg"
    picture((900, 600)).save(plain, "JPEG", quality=90)
    items = (
        ExportItem(
            photo_id=101,
            source_path=str(camera),
            caption=f"Crowds gather in {ACCENTS} at dawn",
            credit="REUTERS/Anna Müller",
            byline="Anna Müller",
            copyright="© 2024 Reuters",
            headline="Dawn in Zürich",
            keywords=("protest", "Zürich", "café"),
            city="Zürich",
            country="Switzerland",
            original_name="IMG_0001.JPG",
        ),
        ExportItem(
            photo_id=102,
            source_path=str(png),
            caption="A second   caption with <em>markup</em> &amp; spaces",
            credit="AP Photo/Evan Vucci",
            keywords=("politics",),
            original_name=png.name,
        ),
        ExportItem(photo_id=103, source_path=str(tiff), caption=None, credit=None),
        ExportItem(
            photo_id=104,
            source_path=str(plain),
            caption="Crowds gather in Zürich, Ångström — café at dawn",  # same slug as 101
            credit="Getty Images",
        ),
    )
    return Sources(camera=camera, png=png, tiff=tiff, plain=plain, items=items)


def run_export(
    items: tuple[ExportItem, ...] | list[ExportItem],
    out_dir: Path,
    options: ExportOptions | None = None,
    **kwargs,
) -> tuple[list[Progress], Outcome]:
    """Drive the generator to the end, returning its events and its Outcome."""
    events: list[Progress] = []
    gen = export_gallery(items, out_dir, options or ExportOptions(workers=1), **kwargs)
    while True:
        try:
            events.append(next(gen))
        except StopIteration as stop:
            return events, stop.value


def leftovers(parent: Path) -> list[str]:
    """Hidden staging or aside folders an export might have left beside its target."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))
