"""All or nothing: refused targets, failures, cancels and bad originals leave no half gallery."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest
from export_helpers import Sources, leftovers, run_export

import desktop.core.export.worker as worker_module
from desktop.core.export import ExportError, ExportOptions, export_gallery
from desktop.core.progress import Cancelled, CancelToken
from desktop.core.records import ExportItem


def test_originals_untouched(sources: Sources, tmp_path: Path) -> None:
    before = sources.hashes()
    stats = {p: p.stat().st_mtime_ns for p in sources.paths}
    run_export(sources.items, tmp_path / "g", ExportOptions(size=300, thumb_size=100, workers=1))
    run_export(
        sources.items,
        tmp_path / "g2",
        ExportOptions(size=300, thumb_size=100, workers=2, keep_gps=True),
    )
    assert sources.hashes() == before
    assert {p: p.stat().st_mtime_ns for p in sources.paths} == stats


def test_progress_per_image(sources: Sources, tmp_path: Path, small_options) -> None:
    events, outcome = run_export(sources.items, tmp_path / "g", small_options)
    image_events = [e for e in events if e.stage == "export images"]
    assert [e.done for e in image_events] == [0, 1, 2, 3, 4]
    assert all(e.total == 4 for e in image_events)
    assert image_events[-1].bytes_done > 0
    assert events[-1].stage == "write page" and events[-1].done == events[-1].total
    assert outcome.counts == {"exported": 4, "rejected": 0}


def test_non_empty_target_refused(sources: Sources, tmp_path: Path, small_options) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        run_export(sources.items, target, small_options)
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert leftovers(tmp_path) == []


def test_empty_target_is_used(sources: Sources, tmp_path: Path, small_options) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    run_export(sources.items[:1], target, small_options)
    assert (target / "index.html").is_file()


def test_overwrite_replaces_a_gallery(sources: Sources, tmp_path: Path) -> None:
    target = tmp_path / "g"
    run_export(sources.items, target, ExportOptions(size=300, thumb_size=100, workers=1))
    (target / "images" / "stale.jpg").write_bytes(b"old")
    again = ExportOptions(size=300, thumb_size=100, workers=1, overwrite=True)
    run_export(sources.items[:1], target, again)
    assert len(list((target / "images").iterdir())) == 1
    assert leftovers(tmp_path) == []


def test_overwrite_refuses_a_folder_that_is_not_a_gallery(sources: Sources, tmp_path: Path) -> None:
    docs = tmp_path / "Documents"
    docs.mkdir()
    (docs / "thesis.docx").write_bytes(b"precious")
    options = ExportOptions(size=300, thumb_size=100, workers=1, overwrite=True)
    with pytest.raises(ExportError, match="not a gallery"):
        run_export(sources.items, docs, options)
    assert (docs / "thesis.docx").read_bytes() == b"precious"


def test_overwrite_refuses_a_folder_holding_originals(sources: Sources, tmp_path: Path) -> None:
    originals = sources.camera.parent
    (originals / "index.html").write_text("looks like a gallery", encoding="utf-8")
    options = ExportOptions(size=300, thumb_size=100, workers=1, overwrite=True)
    with pytest.raises(ExportError, match="original photos"):
        run_export(sources.items, originals, options)
    assert sources.camera.is_file()


def test_target_that_is_a_file(sources: Sources, tmp_path: Path, small_options) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="not a folder"):
        run_export(sources.items, tmp_path / "file", small_options)


def _fail_on_write(monkeypatch: pytest.MonkeyPatch, after: int, code: int) -> None:
    real_write = worker_module._write
    calls = {"n": 0}

    def failing(path: str, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > after:
            raise worker_module.OutputWriteError(code, os.strerror(code), path)
        real_write(path, data)

    monkeypatch.setattr(worker_module, "_write", failing)


def test_disk_full_mid_way_leaves_nothing(
    sources: Sources, tmp_path: Path, small_options, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on_write(monkeypatch, after=3, code=errno.ENOSPC)
    target = tmp_path / "new" / "deeper" / "g"
    with pytest.raises(ExportError) as info:
        run_export(sources.items, target, small_options)
    message = str(info.value)
    assert "Not enough disk space" in message and str(target) in message
    assert ".partial-" not in message  # the user sees their path, not our temp name
    assert not (tmp_path / "new").exists()  # parents we created are gone too
    assert leftovers(tmp_path) == []


def test_failure_during_overwrite_keeps_the_old_gallery(
    sources: Sources, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "g"
    run_export(sources.items, target, ExportOptions(size=300, thumb_size=100, workers=1))
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    _fail_on_write(monkeypatch, after=2, code=errno.EACCES)
    options = ExportOptions(size=300, thumb_size=100, workers=1, overwrite=True)
    with pytest.raises(ExportError, match="Permission denied"):
        run_export(sources.items, target, options)
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert leftovers(tmp_path) == []


def test_permission_denied_creating_the_folder(
    sources: Sources, tmp_path: Path, small_options, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = os.mkdir

    def denied(path, *args, **kwargs):
        if ".partial-" in str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", denied)
    with pytest.raises(ExportError, match="Permission denied"):
        run_export(sources.items, tmp_path / "g", small_options)
    assert not (tmp_path / "g").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_parent(sources: Sources, tmp_path: Path, small_options) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ExportError, match="Permission denied"):
            run_export(sources.items, parent / "g", small_options)
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_mid_way_leaves_nothing(sources: Sources, tmp_path: Path, workers: int) -> None:
    token = CancelToken()
    items = list(sources.items) * 3
    gen = export_gallery(
        items,
        tmp_path / "g",
        ExportOptions(size=300, thumb_size=100, workers=workers),
        cancel=token,
    )
    seen = 0
    with pytest.raises(Cancelled):
        for event in gen:
            if event.done >= 2:
                token.cancel()
            seen += 1
    assert seen < len(items)
    assert not (tmp_path / "g").exists()
    assert leftovers(tmp_path) == []


def test_cancel_from_another_thread(sources: Sources, tmp_path: Path) -> None:
    token = CancelToken()
    outcome: dict[str, BaseException] = {}

    def run() -> None:
        try:
            for event in export_gallery(
                list(sources.items) * 3,
                tmp_path / "g",
                ExportOptions(size=300, thumb_size=100, workers=2),
                cancel=token,
            ):
                if event.done == 1:
                    token.cancel()
        except BaseException as exc:
            outcome["exc"] = exc

    thread = threading.Thread(target=run)  # as the GUI's task runner calls it
    thread.start()
    thread.join(120)
    assert isinstance(outcome.get("exc"), Cancelled)
    assert not (tmp_path / "g").exists() and leftovers(tmp_path) == []


def test_abandoned_generator_leaves_nothing(
    sources: Sources, tmp_path: Path, small_options
) -> None:
    gen = export_gallery(sources.items, tmp_path / "g", small_options)
    next(gen)
    next(gen)
    gen.close()
    assert not (tmp_path / "g").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_originals_are_rejected_and_the_rest_goes_on(
    sources: Sources, tmp_path: Path, workers: int
) -> None:
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(sources.plain.read_bytes()[:400])  # truncated mid-stream
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"this is not an image")
    items = [
        *sources.items[:2],
        ExportItem(photo_id=201, source_path=str(tmp_path / "vanished.jpg"), caption="Gone"),
        ExportItem(photo_id=202, source_path=str(corrupt), caption="Truncated"),
        ExportItem(photo_id=203, source_path=str(junk), caption="Junk"),
    ]
    options = ExportOptions(size=300, thumb_size=100, workers=workers)
    _events, outcome = run_export(items, tmp_path / "g", options)
    assert outcome.counts == {"exported": 2, "rejected": 3}
    reasons = {Path(r.path).name: r.reason for r in outcome.rejected}
    assert reasons["vanished.jpg"] == "original not found"
    assert "corrupt" in reasons["corrupt.jpg"] or "truncated" in reasons["corrupt.jpg"]
    assert "not a readable image" in reasons["junk.jpg"]
    assert len(list((tmp_path / "g" / "images").iterdir())) == 2
    assert (tmp_path / "g" / "index.html").read_text(encoding="utf-8").count('class="thumb"') == 2


def test_gallery_is_readable_by_others(sources: Sources, tmp_path: Path, small_options) -> None:
    old = os.umask(0o022)
    try:
        run_export(sources.items[:1], tmp_path / "g", small_options)
    finally:
        os.umask(old)
    mode = (tmp_path / "g").stat().st_mode
    assert mode & stat.S_IROTH and mode & stat.S_IXOTH  # not mkdtemp's 0700: web servers read it


def test_bad_options_refused_before_anything(sources: Sources, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="quality"):
        run_export(sources.items, tmp_path / "g", ExportOptions(quality=0))
    assert not (tmp_path / "g").exists()


def test_metadata_too_big_for_jpeg_rejects_only_that_photo(
    sources: Sources, tmp_path: Path, small_options
) -> None:
    huge = ExportItem(
        photo_id=301,
        source_path=str(sources.plain),
        caption="Many keywords",
        keywords=tuple(f"keyword number {n}" for n in range(5000)),  # XMP > 64 KB
    )
    _events, outcome = run_export([huge, sources.items[1]], tmp_path / "g", small_options)
    assert outcome.counts == {"exported": 1, "rejected": 1}
    assert "cannot encode" in outcome.rejected[0].reason
