"""export_gallery: plan the names, run the image workers, write the page and sidecars, then swap the
finished folder into place — so a failure or a cancel never leaves half a gallery behind.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import re
import secrets
import shutil
import socket
import sys
import zlib
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from desktop.core.progress import CancelToken, Outcome, Progress, Rejected
from desktop.core.records import ExportItem

from .caption_line import caption_line_parts, clean_credit, clean_text
from .embed import EmbedFields
from .entry import GalleryEntry
from .html import render_index
from .options import ExportError, ExportOptions
from .sidecars import captions_csv, captions_json, wordpress_shortcodes
from .slugs import base_slug, unique_slugs
from .worker import ImageJob, ImageResult, export_image

STAGE_IMAGES = "export images"
STAGE_PAGE = "write page"
# Files whose presence shows an existing folder is a gallery we may replace with --overwrite.
_GALLERY_MARKERS = ("index.html", "captions.json")
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def _clean_keywords(keywords: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for keyword in keywords:
        text = clean_text(keyword)
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())


def _fields(item: ExportItem, options: ExportOptions) -> EmbedFields:
    return EmbedFields(
        caption=clean_text(item.caption) or None,
        credit=clean_credit(item.credit) or None,
        byline=clean_text(item.byline) or None,
        copyright=clean_text(item.copyright) or None,
        headline=clean_text(item.headline) or None,
        keywords=_clean_keywords(item.keywords),
        # City and country are location data: they travel only when the user keeps GPS.
        city=(clean_text(item.city) or None) if options.keep_gps else None,
        country=(clean_text(item.country) or None) if options.keep_gps else None,
        taken_at=item.taken_at,
    )


def _describe_write_error(exc: OSError, out_dir: Path, staging: Path) -> str:
    name = exc.filename
    if isinstance(name, str) and name.startswith(str(staging)):
        name = str(out_dir / os.path.relpath(name, staging))
    where = name or out_dir
    if exc.errno in _NO_SPACE:
        return f"Not enough disk space to write the gallery to {out_dir} (writing {where})."
    if exc.errno in _NO_PERMISSION:
        return f"Permission denied: cannot write the gallery to {out_dir} (writing {where})."
    return f"Cannot write the gallery to {out_dir}: {exc.strerror or exc} ({where})."


def _check_target(out_dir: Path, items: Sequence[ExportItem], options: ExportOptions) -> bool:
    """Refuse targets we must not touch; True when an existing folder will be replaced."""
    if out_dir.parent == out_dir or not out_dir.name:
        raise ExportError(f"Refusing to export into the root folder {out_dir}.")
    if out_dir.is_symlink():
        raise ExportError(f"{out_dir} is a symbolic link; give the folder it points to instead.")
    if not out_dir.exists():
        return False
    if not out_dir.is_dir():
        raise ExportError(f"{out_dir} exists and is not a folder.")
    try:
        contents = {p.name for p in out_dir.iterdir()}
    except OSError as exc:
        raise ExportError(f"Cannot read the target folder {out_dir}: {exc.strerror}.") from exc
    if not contents:
        return True
    if not options.overwrite:
        raise ExportError(f"{out_dir} is not empty; choose another folder or allow overwriting.")
    if not contents.intersection(_GALLERY_MARKERS):
        # --overwrite deletes the old folder: only ever a gallery, never someone's documents.
        raise ExportError(
            f"{out_dir} is not a gallery made by Caption Desk; refusing to replace it."
        )
    real_target = out_dir.resolve()
    for item in items:
        if Path(item.source_path).resolve().is_relative_to(real_target):
            raise ExportError(
                f"{out_dir} holds original photos ({item.source_path}); refusing to replace it."
            )
    return True


def _host_tag() -> str:
    return f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')):08x}"


def _make_sibling(out_dir: Path, tag: str) -> Path:
    """A hidden, unique folder beside the target: same file system, so the final rename is atomic.

    Its name carries this machine and process (`.NAME.partial-HOST-PID-RANDOM`), so that a later
    export can tell a folder left by a killed export from one another export is still writing."""
    owner = f"{_host_tag()}-{os.getpid()}"
    for _ in range(100):
        candidate = out_dir.with_name(f".{out_dir.name}.{tag}-{owner}-{secrets.token_hex(4)}")
        try:
            # os.mkdir honours the umask (mkdtemp would make it 0700, unreadable on a web server).
            os.mkdir(candidate)
            return candidate
        except FileExistsError:
            continue
    raise ExportError(f"Cannot create a temporary folder beside {out_dir}.")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _recover_abandoned(out_dir: Path) -> None:
    """Tidy what an export killed outright (SIGKILL, power cut) left beside the target: remove
    its staging folder, and put back the previous gallery if the kill fell between the two
    renames of the swap. Only folders of this machine whose process is gone are touched."""
    pattern = re.compile(
        rf"\.{re.escape(out_dir.name)}\.(partial|old)-{_host_tag()}-(\d+)-[0-9a-f]{{8}}"
    )
    try:
        entries = sorted(out_dir.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None or entry.is_symlink() or not entry.is_dir():
            continue
        pid = int(found[2])
        if pid == os.getpid() or _process_alive(pid):
            continue
        try:
            if found[1] == "old" and not os.path.lexists(out_dir):
                os.rename(entry, out_dir)
            else:
                shutil.rmtree(entry)
        except OSError:
            continue  # not ours to fight over: the export itself goes on


def _make_parents(out_dir: Path) -> list[Path]:
    """Create missing parent folders; return them (deepest first) so a failure can remove them."""
    missing = [p for p in out_dir.parents if not p.exists()]
    for parent in reversed(missing):
        parent.mkdir()
    return missing


def _swap_into_place(staging: Path, out_dir: Path, replace_existing: bool) -> None:
    if not replace_existing:
        os.rename(staging, out_dir)  # fails (never merges) if someone created it meanwhile
        return
    if not any(out_dir.iterdir()):
        out_dir.rmdir()
        os.rename(staging, out_dir)
        return
    old = _make_sibling(out_dir, "old")
    old.rmdir()
    os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except OSError:
        os.rename(old, out_dir)  # put the previous gallery back as it was
        raise
    shutil.rmtree(old, ignore_errors=True)


def _pool_context() -> multiprocessing.context.BaseContext:
    # Never fork: the GUI calls us from a thread, and forking a threaded Qt process can deadlock.
    # A frozen app cannot start a forkserver; spawn works there once freeze_support() has run.
    methods = multiprocessing.get_all_start_methods()
    frozen = getattr(sys, "frozen", False)
    use_forkserver = "forkserver" in methods and not frozen
    return multiprocessing.get_context("forkserver" if use_forkserver else "spawn")


def _worker_count(options: ExportOptions, jobs: int) -> int:
    wanted = options.workers or min(os.cpu_count() or 1, 8)
    return max(1, min(wanted, jobs))


def _run_jobs(
    jobs: Sequence[ImageJob], workers: int, cancel: CancelToken | None
) -> Iterator[ImageResult]:
    """Yield results as they finish; cancel is honoured between images."""
    if workers <= 1:
        for job in jobs:
            if cancel is not None:
                cancel.raise_if_cancelled()
            yield export_image(job)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
    pending: set[Future[ImageResult]] = set()
    queue = iter(jobs)
    try:
        # A bounded window of work keeps memory flat for thousands of photos and makes a
        # cancel take effect after at most a couple of images per worker.
        for job in queue:
            pending.add(pool.submit(export_image, job))
            if len(pending) >= workers * 2:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
            if cancel is not None:
                cancel.raise_if_cancelled()
            for job in queue:
                pending.add(pool.submit(export_image, job))
                if len(pending) >= workers * 2:
                    break
    except BrokenProcessPool as exc:
        raise ExportError("An image worker process stopped unexpectedly (out of memory?).") from exc
    finally:
        # Running images finish (they write into the staging folder, removed afterwards).
        pool.shutdown(wait=True, cancel_futures=True)


def export_gallery(
    items: Sequence[ExportItem],
    out_dir: Path,
    options: ExportOptions,
    *,
    cancel: CancelToken | None = None,
) -> Generator[Progress, None, Outcome]:
    """Export `items` as a static gallery folder at `out_dir`, yielding progress per image.

    Returns (as StopIteration.value) an Outcome with counts and the originals that could not be
    read. Raises Cancelled or ExportError; in both cases nothing is left at `out_dir` that was
    not there before, and no temporary folder remains.
    """
    options.validate()
    out_dir = Path(os.path.abspath(out_dir))
    _recover_abandoned(out_dir)
    replace_existing = _check_target(out_dir, items, options)
    created: list[Path] = []
    staging: Path | None = None
    if cancel is not None:
        cancel.raise_if_cancelled()
    try:
        created = _make_parents(out_dir)
        staging = _make_sibling(out_dir, "partial")
        (staging / "images").mkdir()
        (staging / "thumbs").mkdir()

        slugs = unique_slugs(
            base_slug(i.caption, i.original_name, i.source_path, i.photo_id) for i in items
        )
        jobs = [
            ImageJob(
                index=n,
                source=str(item.source_path),
                image_path=str(staging / "images" / f"{slug}.jpg"),
                thumb_path=str(staging / "thumbs" / f"{slug}.jpg"),
                size=options.size,
                thumb_size=options.thumb_size,
                quality=options.quality,
                keep_gps=options.keep_gps,
                fields=_fields(item, options),
            )
            for n, (item, slug) in enumerate(zip(items, slugs, strict=True))
        ]
        total = len(jobs)
        yield Progress(stage=STAGE_IMAGES, done=0, total=total)
        results: dict[int, ImageResult] = {}
        bytes_done = 0
        runner = _run_jobs(jobs, _worker_count(options, total), cancel)
        try:
            for result in runner:
                results[result.index] = result
                bytes_done += result.bytes_written
                yield Progress(
                    stage=STAGE_IMAGES,
                    done=len(results),
                    total=total,
                    current=items[result.index].original_name
                    or Path(jobs[result.index].source).name,
                    bytes_done=bytes_done,
                    message=result.rejected,
                )
        finally:
            # Stop the pool (letting running images finish) before the staging folder goes.
            runner.close()
        if cancel is not None:
            cancel.raise_if_cancelled()

        entries: list[GalleryEntry] = []
        rejected: list[Rejected] = []
        for job, slug in zip(jobs, slugs, strict=True):
            result = results[job.index]
            if result.rejected:
                rejected.append(Rejected(path=job.source, reason=result.rejected))
                continue
            entries.append(_entry(items[job.index], job.fields, slug, result, options))

        yield Progress(stage=STAGE_PAGE, done=0, total=4, current="index.html")
        for n, (name, text, encoding) in enumerate(
            (
                ("index.html", render_index(entries, options), "utf-8"),
                ("captions.json", captions_json(entries), "utf-8"),
                ("captions.csv", captions_csv(entries), "utf-8-sig"),  # BOM: Excel reads UTF-8
                ("wordpress.txt", wordpress_shortcodes(entries), "utf-8"),
            ),
            start=1,
        ):
            with open(staging / name, "x", encoding=encoding, newline="") as f:
                f.write(text)
            yield Progress(stage=STAGE_PAGE, done=n, total=4, current=name)
        if cancel is not None:
            cancel.raise_if_cancelled()

        _swap_into_place(staging, out_dir, replace_existing)
        staging = None
    except BaseException as exc:  # including Cancelled, GeneratorExit and KeyboardInterrupt
        _clean_up(staging, created)
        if isinstance(exc, OSError):
            raise ExportError(_describe_write_error(exc, out_dir, staging or out_dir)) from exc
        raise

    return Outcome(
        counts={"exported": len(entries), "rejected": len(rejected)},
        rejected=rejected,
        details={"out_dir": str(out_dir), "files": [e.file for e in entries]},
    )


def _entry(
    item: ExportItem, fields: EmbedFields, slug: str, result: ImageResult, options: ExportOptions
) -> GalleryEntry:
    caption = fields.caption or ""
    credit = fields.credit or ""
    parts = tuple(caption_line_parts(caption, credit, options.house_style))
    alt = caption or fields.headline or (f"Photo: {credit}" if credit else f"Photo {item.photo_id}")
    return GalleryEntry(
        photo_id=item.photo_id,
        name=slug,
        caption=caption,
        credit=credit,
        byline=fields.byline or "",
        copyright=fields.copyright or result.copyright or "",
        headline=fields.headline or "",
        tags=fields.keywords,
        caption_line="".join(piece for _kind, piece in parts),
        parts=parts,
        alt=alt,
        width=result.width,
        height=result.height,
        thumb_width=result.thumb_width,
        thumb_height=result.thumb_height,
    )


def _clean_up(staging: Path | None, created: list[Path]) -> None:
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
    for parent in created:  # deepest first; only folders we made, and only if still empty
        try:
            parent.rmdir()
        except OSError:
            break
