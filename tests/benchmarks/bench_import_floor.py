"""Benchmarks the analysis pipeline against its floor (draft decode + hash only, same processes).

The floor is the least any import must do: read each file, hash it and decode it at thumbnail
scale. The target is the real pipeline (metadata, thumbnail encode, cache write) within 1.3×.

Run: .venv/bin/python tests/benchmarks/bench_import_floor.py --count 200
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from io import BytesIO
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate_corpus

from desktop.core.imaging.analyse import AnalysedFile
from desktop.core.imaging.pipeline import analyse_files, pool_context


def floor_one(path: str) -> tuple[str, tuple[int, int]]:
    """Read once, hash, draft-decode to thumbnail scale: nothing else."""
    with open(path, "rb") as fh:
        data = fh.read()
    digest = hashlib.sha256(data).hexdigest()
    with Image.open(BytesIO(data)) as im:
        im.draft("RGB", (256, 256))
        im.load()
        return digest, im.size


class RssSampler(threading.Thread):
    """Peak resident memory and CPU time of this process plus all its descendants (the
    forkserver's workers are its grandchildren, so getrusage(RUSAGE_CHILDREN) would miss them).
    CPU time matters on a shared machine, where wall time swings with other people's load.
    Linux /proc only."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_total = 0
        self.peak_worker = 0
        self._cpu_first: dict[int, int] = {}
        self._cpu_last: dict[int, int] = {}
        self._halt = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK")
        self._started_with = set(self._tree())

    @staticmethod
    def _tree() -> dict[int, tuple[int, int, int]]:
        procs: dict[int, tuple[int, int, int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/statm") as fh:
                    rss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, ValueError, IndexError):
                continue
            # fields[1] is the ppid; fields[11] and [12] are utime and stime in clock ticks.
            procs[int(entry)] = (int(fields[1]), rss, int(fields[11]) + int(fields[12]))
        return procs

    @property
    def cpu_seconds(self) -> float:
        """CPU time the tree spent while sampled (processes that existed before count only
        their growth)."""
        ticks = 0
        for pid, last in self._cpu_last.items():
            base = self._cpu_first[pid] if pid in self._started_with else 0
            ticks += last - base
        return ticks / self._tick

    def sample(self) -> None:
        procs = self._tree()
        me = os.getpid()
        mine = {me}
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _, _) in procs.items():
                if ppid in mine and pid not in mine:
                    mine.add(pid)
                    grew = True
        for pid in mine & procs.keys():
            self._cpu_first.setdefault(pid, procs[pid][2])
            self._cpu_last[pid] = procs[pid][2]
        total = sum(procs[p][1] for p in mine if p in procs)
        worker = max((procs[p][1] for p in mine if p in procs and p != me), default=0)
        self.peak_total = max(self.peak_total, total)
        self.peak_worker = max(self.peak_worker, worker)

    def run(self) -> None:
        self.sample()
        while not self._halt.wait(0.02):
            self.sample()

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_floor(paths: list[str], workers: int) -> tuple[float, RssSampler]:
    sampler = RssSampler()
    sampler.start()
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
        for _ in pool.map(floor_one, paths, chunksize=1):
            pass
    elapsed = time.perf_counter() - start
    sampler.stop()
    return elapsed, sampler


def run_pipeline(paths: list[str], workers: int) -> tuple[float, RssSampler, int]:
    sampler = RssSampler()
    sampler.start()
    with tempfile.TemporaryDirectory(prefix="bench-thumbs-") as thumbs:
        start = time.perf_counter()
        ok = sum(isinstance(r, AnalysedFile) for r in analyse_files(paths, thumbs, workers=workers))
        elapsed = time.perf_counter() - start
    sampler.stop()
    return elapsed, sampler, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--dest", type=Path, default=Path(__file__).parent / "_corpus")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=3, help="best of N for each side")
    args = parser.parse_args(argv)

    paths = [str(p) for p in generate_corpus(args.dest, args.count)]
    size_mb = sum(os.path.getsize(p) for p in paths) / 1e6
    for p in paths:  # warm the page cache so neither side pays for the first read
        Path(p).read_bytes()
    print(f"{len(paths)} images, {size_mb:.0f} MB, {args.workers} worker processes")

    floor_best = pipe_best = float("inf")
    floor_rss = pipe_rss = None
    for _ in range(args.rounds):
        elapsed, rss = run_floor(paths, args.workers)
        if elapsed < floor_best:
            floor_best, floor_rss = elapsed, rss
        elapsed, rss, ok = run_pipeline(paths, args.workers)
        if ok != len(paths):
            print(f"warning: only {ok} of {len(paths)} analysed", file=sys.stderr)
        if elapsed < pipe_best:
            pipe_best, pipe_rss = elapsed, rss

    n = len(paths)
    assert floor_rss is not None and pipe_rss is not None
    for label, best, rss in (("floor", floor_best, floor_rss), ("pipeline", pipe_best, pipe_rss)):
        print(
            f"{label:<9}{n / best:7.1f} images/s  ({best:.2f} s wall, "
            f"{rss.cpu_seconds * 1000 / n:.1f} ms CPU/image)  peak RSS "
            f"{rss.peak_total / 1e6:.0f} MB total, {rss.peak_worker / 1e6:.0f} MB largest worker"
        )
    cpu_ratio = pipe_rss.cpu_seconds / floor_rss.cpu_seconds
    print(
        f"ratio    {pipe_best / floor_best:.2f}x the floor in wall time, {cpu_ratio:.2f}x in CPU time"
    )
    print("target   <= 1.30x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
