"""Finding image files and analysing them in a process pool: bounded memory, results as they finish, cancellable."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

from desktop.core.imaging.analyse import AnalysedFile, analyse_file
from desktop.core.progress import CancelToken, Rejected

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"})
_POLL_SECONDS = 0.1  # how long a wait may hold off noticing a cancel


def _is_image_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS


def discover_images(paths: Sequence[str], recursive: bool = True) -> Iterator[str]:
    """Yield image files under `paths` as absolute paths, folders walked in sorted order.

    Files named explicitly are always yielded, whatever their extension, so a bad file given by
    name is rejected with a reason rather than skipped in silence. Inside folders, hidden files
    and folders (".git", macOS "._IMG_0001.jpg" resource forks) are skipped, and symlinked
    folders are not followed (no loops).
    """
    for given in paths:
        root = os.path.abspath(given)
        if not os.path.isdir(root):
            yield root
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
            for name in sorted(files):
                if not name.startswith(".") and _is_image_name(name):
                    yield os.path.join(folder, name)


def pool_context() -> BaseContext:
    """forkserver where the platform has it, else spawn; never plain fork.

    The GUI calls the pipeline from a worker thread while Qt runs threads of its own. fork()
    copies the whole process, including locks other threads hold at that instant, so a child
    can deadlock on a lock nobody will release (CPython warns about fork with threads since 3.12
    and stopped defaulting to it in 3.14). The forkserver is a small single-threaded process,
    started once, that forks each worker from a clean state: as safe as spawn, and with our
    modules preloaded, workers start fast. macOS and Windows only have spawn.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # Import Pillow, exifread and defusedxml once in the server, not in every worker.
        ctx.set_forkserver_preload(["desktop.core.imaging.analyse"])
        return ctx
    return multiprocessing.get_context("spawn")


def _inline(
    paths: Iterable[str], thumb_dir: str, cancel: CancelToken | None
) -> Iterator[AnalysedFile | Rejected]:
    for path in paths:
        if cancel is not None and cancel.cancelled:
            return
        yield analyse_file(path, thumb_dir)


def analyse_files(
    paths: Iterable[str],
    thumb_dir: str,
    *,
    workers: int | None = None,
    cancel: CancelToken | None = None,
) -> Iterator[AnalysedFile | Rejected]:
    """Run analyse_file over `paths` in worker processes, yielding each result as it completes.

    At most 2×workers+2 files are in flight, so memory stays bounded however many paths come
    (`paths` is consumed lazily: a generator from discover_images is fine). `workers=None` uses
    every CPU; `workers=0` runs in this process (debugging, profiling). On cancel, nothing more
    is submitted, queued work is dropped and the pool is shut down; results already finished
    are not yielded. A file that crashes a worker (a decoder segfault) is retried once in a
    fresh pool, then rejected; the rest of the batch goes on.
    """
    if workers == 0:
        yield from _inline(paths, thumb_dir, cancel)
        return
    workers = max(1, workers or os.cpu_count() or 1)
    limit = 2 * workers + 2
    source = iter(paths)
    retry: list[str] = []  # in flight when a worker died: each gets one more try
    tried_twice: set[str] = set()
    pending: dict[Future[AnalysedFile | Rejected], str] = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())

    def cancelled() -> bool:
        return cancel is not None and cancel.cancelled

    def fill() -> None:
        while len(pending) < limit and not cancelled():
            path = retry.pop() if retry else next(source, None)
            if path is None:
                return
            pending[pool.submit(analyse_file, path, thumb_dir)] = path

    try:
        fill()
        while pending and not cancelled():
            done, _ = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                path = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken = True
                    if path in tried_twice:
                        yield Rejected(path, "could not analyse (the decoder crashed)")
                    else:
                        tried_twice.add(path)
                        retry.append(path)
                except Exception as exc:  # e.g. a result that failed to pickle
                    yield Rejected(path, f"could not analyse ({type(exc).__name__}: {exc})")
                if cancelled():
                    return
            if broken:
                # Every future of a broken pool fails: requeue what was in flight (once per
                # file, so a file that keeps crashing workers cannot loop) in a fresh pool.
                for future, path in pending.items():
                    future.cancel()
                    if path in tried_twice:
                        yield Rejected(path, "could not analyse (the decoder crashed)")
                    else:
                        tried_twice.add(path)
                        retry.append(path)
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())
            fill()
    finally:
        for future in pending:
            future.cancel()
        # wait=True: workers finish the one file each is on (a second or so), and no process
        # outlives the import; cancel_futures drops whatever was still queued.
        pool.shutdown(wait=True, cancel_futures=True)
