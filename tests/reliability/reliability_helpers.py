"""Shared pieces of the reliability tests: generated images and dumps, running the real CLI, and
the consistency checks a user (or an admin with sqlite3) would make on a library."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


def cli(library: str, *args: str) -> list[str]:
    """The command line of `caption-desk --library LIBRARY ARGS...` run from this checkout."""
    return [sys.executable, "-m", "desktop", "--library", library, *args]


def run_cli(library: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        cli(library, *args), capture_output=True, text=True, timeout=timeout, cwd=REPO, env=env
    )


def make_jpegs(folder: Path, count: int, *, size: tuple[int, int] = (960, 720), seed: int = 7):
    """`count` distinct real JPEGs (noise plus lines, so they compress like photos)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        im = Image.effect_noise(size, 40 + n % 30).convert("RGB")
        draw = ImageDraw.Draw(im)
        for _ in range(12):
            xy = [(rng.randrange(size[0]), rng.randrange(size[1])) for _ in range(2)]
            draw.line(xy, fill=(rng.randrange(256), rng.randrange(256), 0), width=5)
        path = folder / f"press_{n:03d}.jpg"
        im.save(path, "JPEG", quality=85)
        paths.append(path)
    return paths


SHORTCODE = (
    '[caption id="attachment_{n}" align="alignnone" width="640"]<img class="size-full" '
    'src="https://news.example.com/wp-content/uploads/2024/03/press_{n:05d}.jpg" alt="📸" '
    'width="640" height="427" /> Delegates arrive for session {n} of the “summit” in Genève, '
    "Switzerland, March {day}, 2024. REUTERS/Denis Balibouse[/caption]\n"
    "<p>Article paragraph {n} with some text around the picture.</p>\n"
)


ARTICLE = (
    "<p>The talks, the third round this year, are expected to run late into the night as "
    "delegations from “both sides” weigh a draft text on prisoners, fuel and border crossings. "
    "Officials said a statement could follow on Friday — or not at all. 📸</p>\n"
)


def write_dump(path: Path, count: int, *, article_bytes: int = 0) -> Path:
    """A WordPress dump of `count` distinct caption shortcodes, each followed by about
    `article_bytes` of article paragraphs (what a real export holds between captions)."""
    paragraphs = ARTICLE * (article_bytes // len(ARTICLE.encode()))
    with path.open("w", encoding="utf-8") as f:
        for n in range(count):
            f.write(SHORTCODE.format(n=n, day=1 + n % 28))
            f.write(paragraphs)
    return path


def library_facts(path: Path) -> dict[str, object]:
    """What a crash must never break, read with plain sqlite3 after the library was reopened."""
    con = sqlite3.connect(path)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        running = con.execute("SELECT count(*) FROM import_batches WHERE status != 'done'")
        running_count = running.fetchone()[0]
        batches = con.execute("SELECT id, kind, counts FROM import_batches").fetchall()
        photos = con.execute("SELECT count(*) FROM photos").fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM photos WHERE batch_id IS NULL OR batch_id NOT IN "
            "(SELECT id FROM import_batches)"
        ).fetchone()[0]
        uneven = []
        added_photos = 0
        for batch_id, kind, counts_text in batches:
            counts = json.loads(counts_text) if counts_text else {}
            table = "photos" if kind == "images" else "captions"
            held = con.execute(
                f"SELECT count(*) FROM {table} WHERE batch_id = ?", (batch_id,)
            ).fetchone()[0]
            if kind == "images":
                added_photos += counts.get("added", 0)
            if held != counts.get("added"):
                uneven.append((batch_id, kind, counts.get("added"), held))
    finally:
        con.close()
    return {
        "integrity": integrity,
        "running": running_count,
        "batches": len(batches),
        "uneven": uneven,
        "photos": photos,
        "photos_in_done_batches": added_photos,
        "orphans": orphans,
    }
