"""Parse a large markup dump's chunks in worker processes, with exactly the in-process result.

Building a record (cleaning, credit split, people, tags) is pure Python, so one core caps a
large dump's speed. Chunks end at line breaks and the scanner carries nothing across most of
them, so each worker scans and builds one chunk from a clean start. The parent keeps the real
scanner state and takes a worker's answer whole when that state says the chunk does start
clean (nothing carried, lines counted the same). When markup was carried in (a Gutenberg block
cut by the chunk's end), the parent reads on only until it reaches an opener the worker also
read from, and takes the worker's answer from there; when the pool breaks, it parses the chunk
itself. Records, their order, line numbers and warnings (replayed through the one warning sink,
so its caps behave the same) are those of the sequential parse.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from desktop.core.captions.assemble import RecordProblem, build_events
from desktop.core.captions.raw import RawCaption
from desktop.core.captions.scanner import MarkupScanner
from desktop.core.records import CaptionRecord

# Below this a file parses in about a second in-process; starting workers would cost more.
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
_MAX_WORKERS = 4
Warn = Callable[[int, str, str], None]


def worker_count() -> int:
    """Worker processes worth starting here: the CPUs this process may use, at most four."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cpus = os.cpu_count() or 1
    return min(cpus, _MAX_WORKERS)


@dataclass
class ChunkResult:
    """A worker's reading of one chunk, each piece tagged with the offset it comes from so that
    the parent can take only the part after a given point: the scanner's warnings (offset of
    the opener they concern), the built events in order (offset of their caption), the openers
    the scanner read from, and the scanner state it ended in."""

    warnings: list[tuple[int, int, str, str]]  # (opener offset, line, kind, message)
    positions: list[int]  # of each event's caption (two lists: fewer objects to pickle)
    events: list[CaptionRecord | RecordProblem]
    openers: list[int]
    state: tuple[str, int]


def scan_chunk_pickled(text: str, first_line: int, source: str) -> bytes:
    """scan_chunk's result, pickled here in the worker: the parent unpickles it itself (see
    _unpickled) rather than in the pool's result thread."""
    return pickle.dumps(scan_chunk(text, first_line, source), pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> ChunkResult:
    # Unpickling a chunk makes a few thousand records at once, and the cyclic collector would
    # re-walk them as they come (a third of the time); it is paused for these few
    # milliseconds only, since nothing else runs in between.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result: ChunkResult = pickle.loads(data)
    finally:
        if collecting:
            gc.enable()
    return result


def scan_chunk(text: str, first_line: int, source: str) -> ChunkResult:
    """Scan and build one chunk as if no markup were carried into it (runs in a worker)."""
    # The cyclic garbage collector is paused while the chunk's records are built: the parser
    # makes no reference cycles, so reference counting frees everything as before, and the
    # collector would only re-walk the thousands of records being built (~8% of the work).
    # It runs again, if it was on, before the worker takes its next chunk.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _scan_chunk(text, first_line, source)
    finally:
        if collecting:
            gc.enable()


def _scan_chunk(text: str, first_line: int, source: str) -> ChunkResult:
    warnings: list[tuple[int, int, str, str]] = []
    scanner = MarkupScanner(
        lambda line, kind, message: warnings.append((openers[-1], line, kind, message)),
        first_line,
    )
    openers: list[int] = []
    scanner.openers = openers
    raws = scanner.feed(text)
    raws.sort(key=lambda raw: raw.line)  # as build_events orders them: one event per caption
    events = list(build_events(raws, source))
    return ChunkResult(warnings, [raw.pos for raw in raws], events, openers, scanner.state)


def _context() -> multiprocessing.context.BaseContext:
    # Never `fork`: the GUI parses in a worker thread, and forking a threaded process can
    # deadlock. The forkserver imports the parser once and forks ready workers from it.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["desktop.core.captions.preload"])
        return context
    return multiprocessing.get_context("spawn")


def parallel_records(
    chunks: Iterator[str], source: str, warn: Warn, workers: int
) -> Iterator[CaptionRecord]:
    """The records of a markup file's chunks, read by `workers` processes; see the module doc.

    The pool starts in the background (a fresh interpreter importing the parser takes a few
    tenths of a second); until it answers, the parent reads the chunks itself, in order, so the
    first records come at once. A chunk no worker has begun when it is needed is read here too.
    """
    scanner = MarkupScanner(warn)
    pool = _PoolStarter(workers)
    in_flight: deque[_Pending] = deque()
    # Bounded read-ahead: memory holds a few chunks and their records, whatever the file size.
    limit = 2 * workers + 1
    line = 1
    try:
        while True:
            executor = pool.executor()
            while len(in_flight) < (limit if executor is not None else 1):
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending = _Pending(chunk, line)
                if executor is not None:
                    try:
                        pending.future = executor.submit(scan_chunk_pickled, chunk, line, source)
                    except (BrokenProcessPool, RuntimeError):
                        pool.broken()
                        executor = None
                in_flight.append(pending)
                line += chunk.count("\n")
            if not in_flight:
                break
            head = in_flight.popleft()
            result = None
            if head.future is not None and head.future.cancel():
                head.future = None  # no worker has begun it: read it here, in order
            if head.future is not None and pool.executor() is not None:
                try:
                    result = _unpickled(head.future.result())
                except BrokenProcessPool:  # a worker died (killed, out of memory): go on here
                    pool.broken()
            chunk, first_line = head.chunk, head.line
            if result is None:  # read before the pool started, or without one: in order
                yield from _dispatch(build_events(scanner.feed(chunk), source), warn)
            elif scanner.state == ("", first_line):  # the usual case: the chunk starts clean
                yield from _take(result, 0, [], source, warn)
                scanner.restore(result.state)
            else:
                # Markup carried in from the previous chunk: read on here until this scanner
                # reaches an opener the worker read from; from there the worker's reading holds.
                raws, synced = scanner.feed_until(chunk, frozenset(result.openers))
                if synced is None:
                    yield from _dispatch(build_events(raws, source), warn)
                else:
                    yield from _take(result, synced, raws, source, warn)
                    scanner.restore(result.state)
        yield from _dispatch(build_events(scanner.feed("", final=True), source), warn)
    finally:
        pool.close()


class _PoolStarter:
    """A process pool started in the background: until its first worker answers, `executor()`
    is None and the parent reads on by itself."""

    def __init__(self, workers: int) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self.started = threading.Event()  # set once the pool is up, or known not to be
        self._closed = False
        threading.Thread(target=self._start, args=(workers,), daemon=True).start()

    def _start(self, workers: int) -> None:
        pool = None
        try:
            pool = ProcessPoolExecutor(workers, mp_context=_context())
            pool.submit(int).result()  # the forkserver has loaded the parser and forked a worker
        except Exception:  # no process support here (or none left): the parent reads it all
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        with self._lock:
            self.started.set()
            if self._closed:  # the reader stopped before the pool was up
                if pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
            else:
                self._pool = pool

    def executor(self) -> ProcessPoolExecutor | None:
        return self._pool

    def broken(self) -> None:
        """Stop using the pool (a worker died): what is left is read here."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


@dataclass
class _Pending:
    """A chunk on its way: sent to a worker (`future`), or to be read here (None)."""

    chunk: str
    line: int
    future: Future[bytes] | None = None


def _take(
    result: ChunkResult, start: int, before: list[RawCaption], source: str, warn: Warn
) -> Iterator[CaptionRecord]:
    """The worker's reading from offset `start` on, after the captions read here before it, in
    the order a single scanner would give: all scan warnings of the chunk, then its records."""
    for opener, line, kind, message in result.warnings:
        if opener >= start:
            warn(line, kind, message)
    yield from _dispatch(build_events(before, source), warn)
    events = result.events
    if start:  # carried markup was read here up to `start`: only what the worker read after it
        pairs = zip(result.positions, events, strict=True)
        events = [event for pos, event in pairs if pos >= start]
    for event in events:  # written out: this loop runs for every record
        if isinstance(event, CaptionRecord):
            yield event
        else:
            warn(*event)


def _dispatch(
    events: Iterator[CaptionRecord | RecordProblem], warn: Warn
) -> Iterator[CaptionRecord]:
    for event in events:
        if isinstance(event, CaptionRecord):
            yield event
        else:
            warn(*event)
