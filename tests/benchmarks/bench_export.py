"""Benchmark: our gallery export vs sigal vs a bare draft-decode/resize/save loop on 12-megapixel JPEGs.

All three make a 1600-px image and a 400-px thumbnail per photo with the same number of processes.
Targets: at least 2x faster than sigal, within 1.3x of the bare loop.

Run: .venv/bin/python tests/benchmarks/bench_export.py --count 200 --workers 2
"""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, when run as a script
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate_corpus
from PIL import Image

from desktop.core.export import ExportOptions, export_gallery
from desktop.core.records import ExportItem

SIZE, THUMB, QUALITY = 1600, 400, 85

SIGAL_CONF = """\
source = {source!r}
destination = {destination!r}
img_size = ({size}, {size})
thumb_size = ({thumb}, {thumb})
thumb_fit = False  # long-edge thumbnails, like ours
jpg_options = {{"quality": {quality}, "progressive": True}}
use_orig = False
keep_orig = False
write_html_on_save = False
plugins = []
"""


def bare_one(job: tuple[str, str]) -> None:
    """The floor: reduced-scale decode, LANCZOS resize, save; thumbnail from the resized image."""
    source, dest = job
    with Image.open(source) as img:
        img.draft("RGB", _fit(img.size, SIZE))
        large = (
            img.copy()
            if max(img.size) <= SIZE
            else img.resize(_fit(img.size, SIZE), Image.Resampling.LANCZOS)
        )
    large.save(dest + ".jpg", "JPEG", quality=QUALITY, progressive=True)
    thumb = large.resize(_fit(large.size, THUMB), Image.Resampling.LANCZOS)
    thumb.save(dest + ".thumb.jpg", "JPEG", quality=QUALITY, progressive=True)


def _fit(size: tuple[int, int], edge: int) -> tuple[int, int]:
    w, h = size
    scale = edge / max(w, h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def run_bare(paths: list[Path], out: Path, workers: int) -> float:
    out.mkdir()
    jobs = [(str(p), str(out / p.stem)) for p in paths]
    start = time.perf_counter()
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        list(pool.map(bare_one, jobs, chunksize=1))
    return time.perf_counter() - start


def run_ours(paths: list[Path], out: Path, workers: int) -> float:
    items = [
        ExportItem(
            photo_id=n + 1,
            source_path=str(p),
            caption=f"Demonstrators gather in Zürich on day {n + 1} of the protests",
            credit="Example Agency",
            byline="Photographer",
            copyright="© 2024 Example Agency",
            keywords=("protest", "Zürich"),
            original_name=p.name,
        )
        for n, p in enumerate(paths)
    ]
    options = ExportOptions(size=SIZE, thumb_size=THUMB, quality=QUALITY, workers=workers)
    start = time.perf_counter()
    gen = export_gallery(items, out, options)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        outcome = stop.value
    elapsed = time.perf_counter() - start
    if outcome.counts["exported"] != len(paths):
        raise SystemExit(f"export rejected images: {outcome.rejected}")
    return elapsed


def run_sigal(paths: list[Path], work: Path, workers: int) -> float:
    source = work / "sigal-src"
    source.mkdir()
    for p in paths:
        (source / p.name).symlink_to(p.resolve())
    conf = work / "sigal.conf.py"
    conf.write_text(
        SIGAL_CONF.format(
            source=str(source),
            destination=str(work / "sigal-out"),
            size=SIZE,
            thumb=THUMB,
            quality=QUALITY,
        ),
        encoding="utf-8",
    )
    sigal = Path(sys.executable).with_name("sigal")
    cmd = [str(sigal), "build", "-c", str(conf), "-n", str(workers), "--quiet"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=work)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="processes for all three")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "_corpus")
    parser.add_argument("--skip-sigal", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each; the best is kept (shared machines)"
    )
    args = parser.parse_args(argv)

    paths = generate_corpus(args.corpus, args.count)
    for p in paths:  # warm the page cache so no contender pays for the first disk read
        p.read_bytes()
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} images ({mb:.0f} MB, 12 MP), {args.workers} processes, "
          f"{SIZE}px + {THUMB}px thumbs, quality {QUALITY}")  # fmt: skip

    results: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
            work = Path(tmp)
            runs = {
                "bare loop": run_bare(paths, work / "bare", args.workers),
                "caption desk": run_ours(paths, work / "ours", args.workers),
            }
            if not args.skip_sigal:
                runs["sigal"] = run_sigal(paths, work, args.workers)
        for name, seconds in runs.items():
            results[name] = min(seconds, results.get(name, seconds))

    for name, seconds in results.items():
        print(f"{name:>13}: {seconds:7.2f} s  {len(paths) / seconds:6.2f} images/s")
    ours = results["caption desk"]
    print(f"caption desk vs bare loop: {ours / results['bare loop']:.2f}x the time (target <= 1.3)")
    if "sigal" in results:
        print(f"caption desk vs sigal: {results['sigal'] / ours:.2f}x faster (target >= 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
