"""Generates a benchmark corpus of 12-megapixel press-style JPEGs with full EXIF/IPTC/XMP (via pyexiv2).

Photographic-looking enough (blurred shapes under grain) to compress to 2-5 MB at quality 92,
like a camera JPEG. Files that exist are kept, so a second run costs nothing.

Run: .venv/bin/python tests/benchmarks/gen_corpus.py --count 200 --dest tests/benchmarks/_corpus
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyexiv2
from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 4000, 3000
CITIES = [
    ("Berlin", "Berlin", "Germany", "DEU", 52.52, 13.405),
    ("Zürich", "Zürich", "Switzerland", "CHE", 47.3769, 8.5417),
    ("São Paulo", "São Paulo", "Brazil", "BRA", -23.5505, -46.6333),
    ("Kraków", "Lesser Poland", "Poland", "POL", 50.0647, 19.945),
]


def _picture(rng: random.Random) -> Image.Image:
    small = Image.new("RGB", (400, 300), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(small)
    for _ in range(60):
        x, y, r = rng.randrange(400), rng.randrange(300), rng.randrange(10, 120)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    base = small.filter(ImageFilter.GaussianBlur(6)).resize(
        (WIDTH, HEIGHT), Image.Resampling.BICUBIC
    )
    # Sensor-like grain: per-pixel noise plus a coarser layer; random bytes keep it seeded.
    grain = Image.frombytes("L", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT))
    coarse = Image.frombytes("L", (WIDTH // 2, HEIGHT // 2), rng.randbytes(WIDTH * HEIGHT // 4))
    noise = Image.blend(grain, coarse.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR), 0.5)
    return Image.blend(base, noise.convert("RGB"), rng.uniform(0.09, 0.15))


def _dms(value: float) -> str:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
    return f"{degrees}/1 {minutes}/1 {seconds}/100"


def _metadata(index: int, rng: random.Random) -> tuple[dict, dict, dict]:
    city, state, country, code, lat, lon = CITIES[index % len(CITIES)]
    caption = f"Demonstrators gather in {city} on day {index + 1} of the protests."
    byline = f"Photographer {index % 7}"
    keywords = ["protest", city, country, f"story-{index % 13}"]
    taken = f"2024:05:{1 + index % 28:02d} {8 + index % 12:02d}:{index % 60:02d}:00"
    exif = {
        "Exif.Image.Make": "Canon",
        "Exif.Image.Model": "EOS R5",
        "Exif.Photo.LensModel": "RF24-70mm F2.8 L IS USM",
        "Exif.Photo.BodySerialNumber": f"0{rng.randrange(10**11):011d}",
        "Exif.Photo.DateTimeOriginal": taken,
        "Exif.Photo.OffsetTimeOriginal": "+02:00",
        "Exif.Image.Orientation": "1",
        "Exif.Image.Artist": byline,
        "Exif.Image.Copyright": "Example Agency",
        "Exif.Image.ImageDescription": caption,
        "Exif.GPSInfo.GPSLatitudeRef": "N" if lat >= 0 else "S",
        "Exif.GPSInfo.GPSLatitude": _dms(lat),
        "Exif.GPSInfo.GPSLongitudeRef": "E" if lon >= 0 else "W",
        "Exif.GPSInfo.GPSLongitude": _dms(lon),
    }
    iptc = {
        "Iptc.Envelope.CharacterSet": "\x1b%G",
        "Iptc.Application2.Caption": caption,
        "Iptc.Application2.Headline": f"Protests in {city}",
        "Iptc.Application2.Byline": byline,
        "Iptc.Application2.Credit": "Example Agency",
        "Iptc.Application2.Source": "Example Agency",
        "Iptc.Application2.Keywords": keywords,
        "Iptc.Application2.City": city,
        "Iptc.Application2.ProvinceState": state,
        "Iptc.Application2.CountryName": country,
        "Iptc.Application2.CountryCode": code,
        "Iptc.Application2.DateCreated": taken[:10].replace(":", "-"),
    }
    xmp = {
        "Xmp.dc.description": {'lang="x-default"': caption},
        "Xmp.dc.creator": [byline],
        "Xmp.dc.subject": keywords,
        "Xmp.dc.rights": {'lang="x-default"': "© 2024 Example Agency"},
        "Xmp.photoshop.Credit": "Example Agency",
        "Xmp.photoshop.City": city,
        "Xmp.photoshop.Country": country,
        "Xmp.photoshop.Headline": f"Protests in {city}",
    }
    return exif, iptc, xmp


def _write_one(dest: Path, index: int, seed: int) -> None:
    rng = random.Random(seed * 1_000_003 + index)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".gen-", suffix=".jpg")
    os.close(fd)
    try:
        _picture(rng).save(tmp, "JPEG", quality=92)
        exif, iptc, xmp = _metadata(index, rng)
        img = pyexiv2.Image(tmp)
        try:
            img.modify_exif(exif)
            img.modify_iptc(iptc)
            img.modify_xmp(xmp)
        finally:
            img.close()
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; camera cards give ordinary files
        os.replace(tmp, dest)
    finally:
        Path(tmp).unlink(missing_ok=True)


def generate_corpus(dest: Path, count: int, *, seed: int = 0) -> list[Path]:
    """Make (or reuse) `count` images named press_SS_NNNN.jpg in `dest`; returns their paths."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    paths = [dest / f"press_{seed:02d}_{index:04d}.jpg" for index in range(count)]
    missing = [(p, i) for i, p in enumerate(paths) if not p.exists()]
    # Encoding 12 MP at quality 92 takes a second or so: use every core.
    with ProcessPoolExecutor() as pool:
        for _ in pool.map(
            _write_one, [p for p, _ in missing], [i for _, i in missing], [seed] * len(missing)
        ):
            pass
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--dest", type=Path, default=Path(__file__).parent / "_corpus")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate_corpus(args.dest, args.count, seed=args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} images in {args.dest} ({total / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
