"""Benchmark the streaming caption parser: MB/s and peak memory on a generated 50 MB dump.

The file is parsed twice: in-process (its CPU time is the honest cost per MB on a shared
machine) and as iter_parse_file does by default, with worker processes for large files (only
wall time counts there: the parent's CPU and memory figures leave the workers out).

Run: python tests/benchmarks/bench_parse.py [--mb 50]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_dump import write_dump

from desktop.core.captions import iter_parse_file, parse_bytes
from desktop.core.records import ParseWarning


def _maxrss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def bench_stream(path: Path, workers: int | None) -> None:
    size_mb = path.stat().st_size / 1e6
    warnings: list[ParseWarning] = []
    rss_before = _maxrss_mb()
    print("in-process:" if workers == 0 else "default (worker processes for large files):")
    start, cpu_start = time.perf_counter(), time.process_time()
    count = sum(1 for _ in iter_parse_file(path, warnings=warnings, workers=workers))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"streamed {size_mb:.1f} MB in {elapsed:.2f} s = {size_mb / elapsed:.1f} MB/s wall")
    print(
        f"CPU time {cpu:.2f} s = {size_mb / cpu:.1f} MB/s of CPU, {1000 * cpu / size_mb:.0f} ms/MB"
        " (a busy machine slows wall time)"
    )
    print(f"records: {count}, warnings kept: {len(warnings)}")
    print(f"max RSS growth while parsing: {_maxrss_mb() - rss_before:.1f} MB")
    tracemalloc.start()
    sum(1 for _ in iter_parse_file(path, workers=workers))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"tracemalloc peak (second pass): {peak / 1e6:.1f} MB")


def bench_hostile() -> None:
    for unit in ("[caption", "[caption]", '[caption id="attachment_1"]text '):
        data = unit.encode() * (1_000_000 // len(unit))
        start = time.perf_counter()
        result = parse_bytes(data, "hostile.txt")
        elapsed = time.perf_counter() - start
        print(
            f"1 MB single line of {unit!r}: {elapsed:.2f} s, "
            f"{len(result.records)} records, {len(result.warnings)} warnings"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dump.txt"
        start = time.perf_counter()
        write_dump(path, args.mb)
        print(
            f"generated {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s"
        )
        bench_stream(path, workers=0)
        bench_stream(path, workers=None)
    bench_hostile()


if __name__ == "__main__":
    main()
