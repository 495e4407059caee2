"""The whole image import (analysis, database writes, matching) against its floor, the speed of
a second import of the same folder, and peak memory.

The floor is bench_import_floor's bare loop (read, hash, draft-decode to thumbnail scale) with the
same number of processes. Targets: import within 1.3x of the floor; re-import at least 10x faster
than the first; peak memory under 500 MB (run with --count 2000 for that figure).

Run: .venv/bin/python tests/benchmarks/bench_import_images.py --count 200
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import_floor import RssSampler, run_floor
from gen_corpus import generate_corpus


def with_variants(images: list[Path], count: int, dest: Path) -> list[Path]:
    """`count` files from fewer generated images: copies with a JPEG comment segment (COM) naming
    the copy, so each has its own content hash and imports as a new photo, at the decode cost of
    a real 12 MP image. Generating 2,000 distinct images takes an hour on two cores."""
    out = list(images[:count])
    dest.mkdir(parents=True, exist_ok=True)
    for n in range(len(out), count):
        target = dest / f"variant_{n:05d}.jpg"
        if not target.exists():
            data = images[n % len(images)].read_bytes()
            note = f"variant {n}".encode()
            comment = b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
            target.write_bytes(data[:2] + comment + data[2:])
        out.append(target)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--dest", type=Path, default=Path(__file__).parent / "_corpus")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--distinct", type=int, default=200, help="distinct generated images; the rest are variants"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        os.environ["XDG_DATA_HOME"] = f"{tmp}/data"
        os.environ["CAPTION_DESK_CACHE"] = f"{tmp}/cache"
        from desktop.services.import_images import import_images
        from desktop.services.library import open_library
        from desktop.services.tasks import run

        generated = generate_corpus(args.dest, min(args.count, args.distinct))
        paths = [str(p) for p in with_variants(generated, args.count, args.dest / "variants")]
        size_mb = sum(os.path.getsize(p) for p in paths) / 1e6
        for p in paths:
            Path(p).read_bytes()  # warm the page cache for both sides
        print(
            f"{len(paths)} images ({len(generated)} generated, the rest variants), {size_mb:.0f} MB, "
            f"{args.workers} worker processes"
        )

        floor, _ = run_floor(paths, args.workers)
        lib = open_library(f"{tmp}/library.sqlite")
        sampler = RssSampler()
        sampler.start()
        start = time.perf_counter()
        outcome = run(import_images(lib, paths, workers=args.workers))
        first = time.perf_counter() - start
        sampler.stop()
        start = time.perf_counter()
        again = run(import_images(lib, paths, workers=args.workers))
        second = time.perf_counter() - start
        lib.close()

    n = len(paths)
    print(f"floor     {n / floor:7.1f} images/s ({floor:.2f} s)")
    print(
        f"import    {n / first:7.1f} images/s ({first:.2f} s), added {outcome.counts['added']}, "
        f"rejected {len(outcome.rejected)}; peak RSS {sampler.peak_total / 1e6:.0f} MB "
        f"(largest worker {sampler.peak_worker / 1e6:.0f} MB)"
    )
    print(f"ratio     {first / floor:.2f}x the floor (target <= 1.30x)")
    print(
        f"re-import {second:.2f} s, added {again.counts['added']}, unchanged {again.counts['unchanged']}: "
        f"{first / second:.0f}x faster than the first (target >= 10x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
