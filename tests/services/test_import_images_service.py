"""Importing real image files: metadata in, bad files named and skipped, originals untouched,
duplicates and moves recognised, a second import reads nothing again."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.progress import Cancelled, CancelToken
from desktop.services import browse
from desktop.services.import_images import import_images
from desktop.services.tasks import run

IMAGES = Path(__file__).resolve().parents[1] / "data" / "images"


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def images(tmp_path: Path) -> Path:
    dest = tmp_path / "originals"
    shutil.copytree(IMAGES, dest)
    return dest


def good_files(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in {".jpg", ".png", ".tif", ".webp"}
    ]


def test_import_folder_reads_metadata_and_rejects_bad_files(library, images: Path) -> None:
    before = hashes(images)
    outcome = run(import_images(library, [images]))
    rejected = {Path(r.path).name: r.reason for r in outcome.rejected}
    assert set(rejected) == {p.name for p in (images / "bad").iterdir()}, rejected
    assert rejected["empty.jpg"] == "empty file"
    assert outcome.counts["added"] == len(good_files(images))
    assert hashes(images) == before  # originals untouched, byte for byte

    photos = {Path(p.path).name: p for p in browse.list_photos(library)}
    assert "accentué é.jpg" in photos and "hash#1.jpg" in photos and "with space.jpg" in photos
    full = photos["full_exif_iptc_xmp.jpg"]
    assert full.caption and full.credit and full.byline
    detail = browse.photo_detail(library, full.id)
    assert detail.field_origins["caption"] == "xmp"  # XMP wins over IPTC and EXIF
    assert full.tags  # keywords became tags
    assert full.height > full.width or full.width > 0


def test_second_import_reads_nothing_again(library, images: Path) -> None:
    first = run(import_images(library, [images]))
    second = run(import_images(library, [images]))
    assert second.counts["added"] == 0
    assert second.counts["unchanged"] == first.counts["added"]
    assert len(browse.list_photos(library)) == first.counts["added"]


def test_moved_file_is_followed_and_copy_is_a_duplicate(
    library, images: Path, tmp_path: Path
) -> None:
    src = images / "xmp_only.jpg"
    run(import_images(library, [src]))
    moved = tmp_path / "elsewhere" / "renamed.jpg"
    moved.parent.mkdir()
    shutil.move(src, moved)
    outcome = run(import_images(library, [moved]))
    assert outcome.counts["moved"] == 1 and outcome.counts["added"] == 0
    assert [p.path for p in browse.list_photos(library)] == [str(moved)]
    copy = tmp_path / "copy.jpg"
    shutil.copy(moved, copy)
    again = run(import_images(library, [copy]))
    assert again.counts["duplicates"] == 1 and again.counts["added"] == 0


def test_cancelled_import_leaves_library_as_it_was(sqlite_library, images: Path) -> None:
    token = CancelToken()
    gen = import_images(sqlite_library, [images], cancel=token)
    with pytest.raises(Cancelled):
        for i, _event in enumerate(gen):
            if i == 3:
                token.cancel()
    assert browse.list_photos(sqlite_library) == []
    assert browse.recent_batches(sqlite_library) == []


def test_cli_import_images_exit_3_and_json(tmp_path: Path, images: Path) -> None:
    lib = str(tmp_path / "lib.sqlite")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--library", lib, "import-images", str(images), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 3, result.stderr
    summary = json.loads(result.stdout)
    assert summary["added"] == len(good_files(images))
    assert all(r["path"] in result.stderr for r in summary["rejected"])
    listing = subprocess.run(
        [sys.executable, "-m", "desktop", "--library", lib, "list", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    rows = [json.loads(x) for x in listing.stdout.splitlines()]
    assert len(rows) == summary["added"]
    assert set(rows[0]) >= {
        "id",
        "path",
        "width",
        "height",
        "taken_at",
        "caption",
        "credit",
        "byline",
        "tags",
    }
