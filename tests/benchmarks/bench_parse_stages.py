"""Benchmark each stage of the caption parser separately, in µs per caption, on one process.

bench_parse.py gives the end-to-end MB/s; this says where the time goes: decoding, scanning the
markup, and each step of building a record (cleaning, credit split, people, tags, the record).
CPU time is measured (process_time), so a busy machine disturbs it less than wall time.

Run: python tests/benchmarks/bench_parse_stages.py [--mb 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_dump import write_dump

from desktop.core.captions import assemble
from desktop.core.captions.cleaning import clean_text, collapse_space, repair_mojibake
from desktop.core.captions.credits import split_credit
from desktop.core.captions.decoding import ChunkDecoder
from desktop.core.captions.people import find_people
from desktop.core.captions.raw import RawCaption
from desktop.core.captions.scanner import MarkupScanner
from desktop.core.captions.tags import suggest_tags


def _quiet(*_args: object) -> None:
    pass


def _best(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _scan(chunks: list[str]) -> list[RawCaption]:
    scanner = MarkupScanner(_quiet)
    raws: list[RawCaption] = []
    for chunk in chunks:
        raws += scanner.feed(chunk)
    return raws + scanner.feed("", final=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dump.txt"
        write_dump(path, args.mb)
        data = path.read_bytes()
    mb = len(data) / 1e6

    def decode() -> list[str]:
        import io

        return list(ChunkDecoder(io.BytesIO(data), _quiet))

    chunks = decode()
    raws = _scan(chunks)
    texts = [
        collapse_space(repair_mojibake(r.text_html)) if r.plain else clean_text(r.text_html)
        for r in raws
    ]
    splits = [split_credit(t) for t in texts]
    people = [find_people(s.text) for s in splits]
    stages: list[tuple[str, Callable[[], object]]] = [
        ("decode", decode),
        ("scan", lambda: _scan(chunks)),
        ("clean", lambda: [clean_text(r.text_html) for r in raws]),
        ("credit", lambda: [split_credit(t) for t in texts]),
        ("people", lambda: [find_people(s.text) for s in splits]),
        ("tags", lambda: [suggest_tags(s.text, p) for s, p in zip(splits, people, strict=True)]),
        ("build (all)", lambda: list(assemble.build_events(list(raws), "dump.txt"))),
    ]
    print(f"{mb:.1f} MB, {len(raws)} captions ({len(data) / len(raws):.0f} bytes each)")
    total = 0.0
    for name, run in stages:
        seconds = _best(args.repeat, run)
        if name in ("decode", "scan", "build (all)"):
            total += seconds
        print(f"{name:>12}: {1e6 * seconds / len(raws):6.1f} µs/caption  {mb / seconds:6.1f} MB/s")
    print(f"{'one core':>12}: {1e6 * total / len(raws):6.1f} µs/caption  {mb / total:6.1f} MB/s")


if __name__ == "__main__":
    main()
