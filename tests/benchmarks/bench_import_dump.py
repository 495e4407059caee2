"""Benchmark importing a caption dump into a fresh library: captions/s and total seconds.

The dump holds only caption markup (every form gen_dump writes, no article text), so the count
of captions is known; the target is 100,000 captions imported in under 30 s. The user's own
data and cache folders are never touched: XDG_DATA_HOME and XDG_CACHE_HOME point into a
temporary folder before the library is opened. `--profile` prints where the time goes.

Run: .venv/bin/python tests/benchmarks/bench_import_dump.py [--captions 100000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_dump

# The caption forms of gen_dump, weighted as in its PIECES (article text and junk left out).
CAPTION_FORMS = [
    (maker, weight)
    for maker, weight in gen_dump.PIECES
    if maker.__name__ not in ("_article", "_junk")
]


def write_caption_dump(path: Path, captions: int, seed: int = 2014) -> None:
    """`captions` pieces of caption markup, one a line (a Gutenberg block takes three)."""
    rng = random.Random(seed)
    makers = [maker for maker, _ in CAPTION_FORMS]
    weights = [weight for _, weight in CAPTION_FORMS]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for attachment in range(100_001, 100_001 + captions):
            out.write(rng.choices(makers, weights)[0](rng, attachment) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--captions", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print the 30 costliest calls")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["XDG_DATA_HOME"] = str(root / "data")
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")
        # Imported only now, so nothing reads the user's folders before they are redirected.
        from desktop.services.import_dump import import_dump
        from desktop.services.library import open_library
        from desktop.services.tasks import run

        dump = root / "dump.txt"
        start = time.perf_counter()
        write_caption_dump(dump, args.captions)
        size_mb = dump.stat().st_size / 1e6
        print(
            f"generated {args.captions} captions, {size_mb:.1f} MB, in {time.perf_counter() - start:.1f} s"
        )

        with open_library(str(root / "library.sqlite")) as lib:
            profiler = cProfile.Profile() if args.profile else None
            start, cpu_start = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            outcome = run(import_dump(lib, dump))
            if profiler is not None:
                profiler.disable()
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        added = outcome.counts["added"]
        print(f"counts: {dict(outcome.counts)}, warnings: {len(outcome.warnings)}")
        print(
            f"imported {added} captions in {elapsed:.1f} s = {added / elapsed:,.0f} captions/s wall"
        )
        print(f"CPU time of this process {cpu:.1f} s (parser workers not included)")
        print("target: 100,000 captions in under 30 s")
        if profiler is not None:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
