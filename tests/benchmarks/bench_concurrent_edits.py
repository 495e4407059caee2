"""Load benchmark for a shared library: 4 writer processes x 1,000 caption edits on a real
PostgreSQL server (or --library LOCATION), over 20 photos so conflicts happen. Each edit names
the version it read; a conflict means re-read and retry. Prints throughput and conflicts, and
fails if a single edit was lost.

Run: .venv/bin/python tests/benchmarks/bench_concurrent_edits.py [--writers 4] [--edits 1000]
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "reliability"))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))

from edit_workers import WriterReport, edit_many  # noqa: E402
from pg_server import start_postgres  # noqa: E402

from desktop.services.library import open_library  # noqa: E402

SPAWN = multiprocessing.get_context("spawn")


def _make_photos(location: str, count: int) -> list[int]:
    import hashlib

    from desktop.core.records import FieldValue, PhotoMetadata
    from desktop.store.batches import finish_batch, start_batch
    from desktop.store.imports import NewPhoto, insert_photos

    photos = [
        NewPhoto(
            f"/desk/photo-{n}.jpg",
            f"photo-{n}.jpg",
            f"photo-{n}",
            hashlib.sha256(f"bench-{n}".encode()).hexdigest(),
            1000,
            0.0,
            PhotoMetadata(1600, 1067, "JPEG", {"caption": FieldValue(f"As filed {n}", "iptc")}),
        )
        for n in range(count)
    ]
    with open_library(location) as lib, lib.store.session() as s:
        batch = start_batch(s, kind="images", source="bench")
        ids = insert_photos(s, batch, photos)
        finish_batch(s, batch, counts={"added": len(ids)}, warnings=[])
    return ids


def _check(location: str, reports: list[WriterReport], photo_ids: list[int]) -> list[str]:
    """Zero lost edits: every successful write is a history row, the chain of each photo's
    history is unbroken, and its caption is the last write in history order."""
    from sqlalchemy import select

    from desktop.store.models import Edit, Photo

    problems = []
    writes = [w for r in reports for w in r.writes]
    with open_library(location) as lib, lib.store.session() as s:
        rows = s.execute(
            select(Edit.photo_id, Edit.old_value, Edit.new_value)
            .where(Edit.field == "caption")
            .order_by(Edit.id)
        ).all()
        captions = {pid: text for pid, text in s.execute(select(Photo.id, Photo.caption))}
    if len(rows) != len(writes):
        problems.append(f"{len(writes)} successful edits but {len(rows)} caption history rows")
    if sorted(r.new_value for r in rows) != sorted(text for _, _, text in writes):
        problems.append("history and successful writes differ")
    if len({(pid, v) for pid, v, _ in writes}) != len(writes):
        problems.append("two writes produced the same version of a photo")
    for pid in photo_ids:
        chain = [r for r in rows if r.photo_id == pid]
        if chain and captions[pid] != chain[-1].new_value:
            problems.append(f"photo {pid}: caption is not the last write")
        for before, after in itertools.pairwise(chain):
            if after.old_value != before.new_value:
                problems.append(f"photo {pid}: an edit overwrote one it had not seen")
                break
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--edits", type=int, default=1000, help="successful edits per writer")
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--library", help="a library path or URL (default: a new PostgreSQL)")
    args = parser.parse_args()

    server = None
    if args.library:
        location = args.library
    else:
        server = start_postgres()
        location = server.create_database("bench_edits")
    try:
        photo_ids = _make_photos(location, args.photos)
        manager = SPAWN.Manager()
        start = manager.Barrier(args.writers)
        began = time.perf_counter()
        with ProcessPoolExecutor(args.writers, mp_context=SPAWN) as pool:
            futures = [
                pool.submit(edit_many, location, w, photo_ids, args.edits, 1000 + w, start)
                for w in range(args.writers)
            ]
            reports = [f.result() for f in futures]
        wall = time.perf_counter() - began
        manager.shutdown()
        problems = _check(location, reports, photo_ids)
    finally:
        if server is not None:
            server.stop()
    done = sum(len(r.writes) for r in reports)
    conflicts = sum(r.conflicts for r in reports)
    busiest = max(r.seconds for r in reports)
    where = "PostgreSQL" if server is not None or "://" in location else "SQLite"
    print(
        f"{args.writers} writers x {args.edits} edits on {where}, {args.photos} photos: "
        f"{done:,} edits in {busiest:.1f}s = {done / busiest:,.0f} edits/s "
        f"({wall:.1f}s with start-up); {conflicts:,} conflicts reported and retried "
        f"({conflicts / (done + conflicts):.1%} of attempts); lost edits: "
        f"{problems or 'NONE'}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
