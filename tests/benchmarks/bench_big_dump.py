"""Benchmark: a 500 MB caption dump streamed through the parser (iter_parse_file), printing peak
memory (resident set, and traced Python memory with --trace) and throughput in MB/s.

The dump is generated on the fly in a temporary folder: caption shortcodes with curly quotes and
an emoji, each followed by article paragraphs (--article-bytes; 0 for a dump of captions only).

Run: .venv/bin/python tests/benchmarks/bench_big_dump.py [--mb 500] [--article-bytes 4000] [--trace]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "reliability"))
sys.path.insert(0, str(HERE.parents[1]))

from reliability_helpers import ARTICLE, SHORTCODE, write_dump  # noqa: E402

from desktop.core.captions import iter_parse_file  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=500, help="size of the dump (default 500)")
    parser.add_argument("--article-bytes", type=int, default=4000)
    parser.add_argument("--trace", action="store_true", help="also trace Python allocations")
    args = parser.parse_args()

    per_record = len(SHORTCODE.format(n=10**5, day=10).encode()) + (
        args.article_bytes // len(ARTICLE.encode()) * len(ARTICLE.encode())
    )
    count = args.mb * 1_000_000 // per_record
    with tempfile.TemporaryDirectory(prefix="caption-desk-bigdump-") as tmp:
        dump = Path(tmp) / "big-dump.txt"
        started = time.perf_counter()
        write_dump(dump, count, article_bytes=args.article_bytes)
        size_mb = dump.stat().st_size / 1e6
        print(
            f"generated {size_mb:,.0f} MB ({count:,} captions) in {time.perf_counter() - started:.0f}s"
        )

        warnings: list = []
        rss_before = _rss_mb()
        if args.trace:
            tracemalloc.start()
        started = time.perf_counter()
        records = 0
        for _record in iter_parse_file(dump, warnings=warnings):
            records += 1
        seconds = time.perf_counter() - started
        traced = tracemalloc.get_traced_memory()[1] / 1e6 if args.trace else None
        tracemalloc.stop()
        rss_after = _rss_mb()
    ok = records == count
    print(
        f"parsed {size_mb:,.0f} MB: {records:,} captions ({'all' if ok else 'MISSING SOME'}), "
        f"{len(warnings)} warnings, {seconds:.1f}s = {size_mb / seconds:.1f} MB/s"
    )
    print(
        f"peak RSS {rss_after:.0f} MB (before parsing {rss_before:.0f} MB, growth "
        f"{rss_after - rss_before:.0f} MB)"
        + (f"; peak traced Python memory {traced:.1f} MB" if traced is not None else "")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
