"""Exporting from a real library: import real files, edit a caption, export, read the gallery back."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from desktop.services import browse, editing
from desktop.services.export import ExportRequest, export_gallery
from desktop.services.import_images import import_images
from desktop.services.library import LibraryError
from desktop.services.tasks import run

IMAGES = Path(__file__).resolve().parents[1] / "data" / "images"


@pytest.fixture
def imported(sqlite_library, tmp_path: Path):
    originals = tmp_path / "originals"
    originals.mkdir()
    for name in ("full_exif_iptc_xmp.jpg", "iptc_utf8.jpg", "png_xmp.png", "no_metadata.jpg"):
        shutil.copy(IMAGES / name, originals / name)
    run(import_images(sqlite_library, [originals]))
    return sqlite_library, originals


def test_export_matches_the_library(imported, tmp_path: Path) -> None:
    lib, originals = imported
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in originals.iterdir()}
    target = next(p for p in browse.list_photos(lib) if p.path.endswith("no_metadata.jpg"))
    editing.edit_photo(
        lib,
        target.id,
        {"caption": "Zürich <script>alert(1)</script> café", "credit": "REUTERS/Arnd Wiegmann"},
    )

    out = tmp_path / "gallery"
    outcome = run(export_gallery(lib, ExportRequest(out_dir=out, size=200, thumb_size=80)))
    assert outcome.counts["exported"] == 4

    entries = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    by_caption = {e["caption"]: e for e in entries}
    assert "Zürich <script>alert(1)</script> café" in by_caption
    assert by_caption["Zürich <script>alert(1)</script> café"]["credit"] == "REUTERS/Arnd Wiegmann"
    library_captions = {p.caption for p in browse.list_photos(lib)}
    assert {e["caption"] for e in entries} <= library_captions | {None}
    for e in entries:
        with Image.open(out / e["file"]) as im:
            assert max(im.size) <= 200
        with Image.open(out / "thumbs" / Path(e["file"]).name) as im:
            assert max(im.size) <= 80
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    rows = list(csv.DictReader((out / "captions.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 4
    assert (out / "wordpress.txt").read_text(encoding="utf-8").count("[/caption]") == 4
    assert {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in originals.iterdir()
    } == before


def test_export_of_a_query_and_refusal_of_a_full_folder(imported, tmp_path: Path) -> None:
    lib, _ = imported
    target = browse.list_photos(lib)[0]
    editing.edit_photo(lib, target.id, {"credit": "AP Photo/Evan Vucci"})
    out = tmp_path / "ap"
    outcome = run(
        export_gallery(
            lib, ExportRequest(out_dir=out, query="credit:vucci", size=120, thumb_size=60)
        )
    )
    assert outcome.counts["exported"] == 1
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(LibraryError):
        run(export_gallery(lib, ExportRequest(out_dir=tmp_path / "full", size=120, thumb_size=60)))
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"
    with pytest.raises(LibraryError, match="nothing to export"):
        run(export_gallery(lib, ExportRequest(out_dir=tmp_path / "none", query="credit:nobody")))


def test_cli_export(imported, tmp_path: Path) -> None:
    lib, _ = imported
    out = tmp_path / "cli-gallery"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--library",
            str(lib.store.sqlite_path),
            "export",
            str(out),
            "--size",
            "300",
            "--thumb-size",
            "100",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["exported"] == 4
    assert sorted(p.name for p in out.iterdir()) == [
        "captions.csv",
        "captions.json",
        "images",
        "index.html",
        "thumbs",
        "wordpress.txt",
    ]
