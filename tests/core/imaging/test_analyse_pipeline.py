"""analyse_file's reasons for every bad file, the process-pool pipeline, discovery and cancel."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.imaging.analyse import AnalysedFile, analyse_file
from desktop.core.imaging.hashing import sha256_file
from desktop.core.imaging.pipeline import analyse_files, discover_images
from desktop.core.progress import CancelToken, Rejected

REPO = Path(__file__).resolve().parents[3]
IMAGES = REPO / "tests" / "data" / "images"
BAD = IMAGES / "bad"
LIMIT = Image.MAX_IMAGE_PIXELS

EXPECTED_REASONS = {
    "empty.jpg": "empty file",
    "truncated.jpg": "truncated image data",
    "not_an_image.jpg": "not an image (unrecognised format)",
    "bomb.png": f"image too large: 400000000 pixels exceeds limit of {LIMIT}",
    "bomb_warning.png": f"image too large: {int((LIMIT * 1.5) ** 0.5) ** 2} pixels exceeds limit of {LIMIT}",
}


def _good_files() -> list[Path]:
    return sorted(p for p in IMAGES.iterdir() if p.is_file() and p.suffix != ".py")


@pytest.mark.parametrize(("name", "reason"), sorted(EXPECTED_REASONS.items()))
def test_bad_file_rejected_with_reason(tmp_path: Path, name: str, reason: str) -> None:
    result = analyse_file(str(BAD / name), str(tmp_path))
    assert result == Rejected(str(BAD / name), reason)
    assert not any(tmp_path.rglob("*.jpg"))  # no thumbnail for a rejected file


def test_truncated_images_stay_strict() -> None:
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_broken_exif_imports_with_warning(tmp_path: Path) -> None:
    result = analyse_file(str(IMAGES / "broken_exif_offsets.jpg"), str(tmp_path))
    assert isinstance(result, AnalysedFile)
    assert any(w.startswith("EXIF:") for w in result.metadata.warnings)
    assert Path(result.thumb_path).exists()


def test_analysed_file_fields(tmp_path: Path) -> None:
    src = IMAGES / "full_exif_iptc_xmp.jpg"
    result = analyse_file(str(src), str(tmp_path))
    assert isinstance(result, AnalysedFile)
    assert result.sha256 == sha256_file(src)
    assert result.size == src.stat().st_size
    assert result.mtime == src.stat().st_mtime
    assert result.thumb_path == str(tmp_path / result.sha256[:2] / f"{result.sha256}-256.jpg")
    assert (result.metadata.width, result.metadata.height) == (240, 320)
    assert pickle.loads(pickle.dumps(result)) == result


def test_directory_named_like_an_image(tmp_path: Path) -> None:
    folder = tmp_path / "folder.jpg"
    folder.mkdir()
    assert analyse_file(str(folder), str(tmp_path)).reason == "is a directory"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    assert analyse_file(str(fifo), str(tmp_path)).reason == "not a regular file"


def test_missing_file(tmp_path: Path) -> None:
    assert analyse_file(str(tmp_path / "nope.jpg"), str(tmp_path)).reason == "file not found"


def test_permission_denied() -> None:
    """chmod 000 does not stop root, so as root the read runs with the effective uid of nobody."""
    folder = Path(tempfile.mkdtemp(prefix="perm-"))
    try:
        folder.chmod(0o755)  # traversable by anyone: the file's own mode must be what stops us
        locked = folder / "locked.jpg"
        shutil.copy(IMAGES / "no_metadata.jpg", locked)
        locked.chmod(0o000)
        thumbs = str(folder / "thumbs")
        if os.geteuid() == 0:
            os.setegid(65534)
            os.seteuid(65534)
            try:
                result = analyse_file(str(locked), thumbs)
            finally:
                os.seteuid(0)
                os.setegid(0)
        else:
            result = analyse_file(str(locked), thumbs)
        assert result == Rejected(str(locked), "permission denied")
    finally:
        shutil.rmtree(folder)


def test_batch_rejects_bad_and_passes_good(tmp_path: Path) -> None:
    good = _good_files()
    bad = sorted(BAD.iterdir())
    before = {p: sha256_file(p) for p in good + bad}
    mtimes = {p: p.stat().st_mtime_ns for p in good + bad}
    results = list(analyse_files([str(p) for p in good + bad], str(tmp_path), workers=2))
    by_path = {r.path: r for r in results}
    assert len(results) == len(by_path) == len(good) + len(bad)
    for p in good:
        assert isinstance(by_path[str(p)], AnalysedFile), by_path[str(p)]
    for p in bad:
        assert by_path[str(p)] == Rejected(str(p), EXPECTED_REASONS[p.name])
    # Originals are never written to.
    assert {p: sha256_file(p) for p in good + bad} == before
    assert {p: p.stat().st_mtime_ns for p in good + bad} == mtimes


def test_inline_mode_matches(tmp_path: Path) -> None:
    paths = [str(p) for p in _good_files()[:3]] + [str(BAD / "empty.jpg")]
    inline = {r.path: type(r) for r in analyse_files(paths, str(tmp_path), workers=0)}
    pooled = {r.path: type(r) for r in analyse_files(paths, str(tmp_path / "p"), workers=1)}
    assert inline == pooled


def test_in_flight_is_bounded(tmp_path: Path) -> None:
    consumed = 0

    def source():
        nonlocal consumed
        for _ in range(100):
            consumed += 1
            yield str(IMAGES / "no_metadata.jpg")

    results = analyse_files(source(), str(tmp_path), workers=1)
    next(results)
    assert consumed <= 2 * 1 + 2 + 1  # the limit, plus the refill after the first result
    results.close()


def _many(tmp_path: Path, n: int) -> list[str]:
    src = tmp_path / "src.jpg"
    Image.linear_gradient("L").resize((1600, 1200)).convert("RGB").save(src, quality=90)
    paths = []
    for i in range(n):
        dest = tmp_path / f"img_{i:03d}.jpg"
        # Distinct content per file so no thumbnail cache hit short-cuts the work.
        dest.write_bytes(src.read_bytes() + i.to_bytes(4, "big"))
        paths.append(str(dest))
    return paths


def test_cancel_stops_early(tmp_path: Path) -> None:
    paths = _many(tmp_path, 60)
    token = CancelToken()
    seen = []
    for result in analyse_files(paths, str(tmp_path / "thumbs"), workers=1, cancel=token):
        seen.append(result)
        token.cancel()
    assert 1 <= len(seen) < 10
    made = list((tmp_path / "thumbs").rglob("*.jpg"))
    assert len(made) < 10  # queued work was dropped, not done in the background


def test_cancel_before_start_yields_nothing(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    assert list(analyse_files([str(IMAGES / "no_metadata.jpg")], str(tmp_path), cancel=token)) == []


def test_discover_images(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in (
        "b/2.JPG",
        "b/1.jpeg",
        "a/x.Tif",
        "a/y.webp",
        "z.png",
        "top.TIFF",
        "notes.txt",
        ".hidden/h.jpg",
        "a/._resource.jpg",
    ):
        (tmp_path / rel).write_bytes(b"x")
    found = [os.path.relpath(p, tmp_path) for p in discover_images([str(tmp_path)])]
    assert found == ["top.TIFF", "z.png", "a/x.Tif", "a/y.webp", "b/1.jpeg", "b/2.JPG"]
    flat = [os.path.relpath(p, tmp_path) for p in discover_images([str(tmp_path)], recursive=False)]
    assert flat == ["top.TIFF", "z.png"]


def test_explicit_files_always_yielded(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hi")
    assert list(discover_images([str(notes), str(tmp_path / "missing.jpg")])) == [
        str(notes),
        str(tmp_path / "missing.jpg"),
    ]
