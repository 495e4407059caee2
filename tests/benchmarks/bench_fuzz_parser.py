"""Fuzzing benchmark for the caption-markup parser: ≥100,000 seeded fragment documents (and a
coverage-guided atheris run when atheris is installed), printing inputs, crashes and speed.

A crash is an exception out of parse_bytes, an internal error it swallowed into a warning, or
a malformed record (see tests/reliability/markup_fuzz.py). Crashing inputs are saved to
fuzz-crashes/ for a regression test.

Run: .venv/bin/python tests/benchmarks/bench_fuzz_parser.py [--inputs N] [--atheris-runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "reliability"))
sys.path.insert(0, str(HERE.parents[1]))

CRASH_DIR = Path("fuzz-crashes")


def _save(data: bytes) -> Path:
    CRASH_DIR.mkdir(exist_ok=True)
    path = CRASH_DIR / f"crash-{hashlib.sha256(data).hexdigest()[:16]}.bin"
    path.write_bytes(data)
    return path


def run_seeded(inputs: int, seed: int) -> tuple[int, int, float, int]:
    from markup_fuzz import check_parse, random_document

    rng = random.Random(seed)
    crashes = 0
    total_bytes = 0
    started = time.perf_counter()
    for n in range(inputs):
        data = random_document(rng, max_pieces=120)
        total_bytes += len(data)
        try:
            check_parse(data)
        except Exception:
            crashes += 1
            if crashes <= 5:
                print(f"crash on input {n} (saved to {_save(data)}):", file=sys.stderr)
                traceback.print_exc()
    return inputs, crashes, time.perf_counter() - started, total_bytes


def run_atheris(runs: int) -> None:
    """Inside a child process: libFuzzer exits the process when it is done."""
    import atheris

    # Instrument the parser before anything imports it, so libFuzzer sees its branches.
    with atheris.instrument_imports(include=["desktop.core.captions"]):
        import desktop.core.captions  # noqa: F401
    from markup_fuzz import check_parse

    def one_input(data: bytes) -> None:
        try:
            check_parse(data)
        except AssertionError:
            _save(data)
            raise

    atheris.Setup([sys.argv[0], f"-runs={runs}", "-max_len=4096", "-seed=1"], one_input)
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--atheris-runs", type=int, default=50_000)
    parser.add_argument("--atheris-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.atheris_child:
        run_atheris(args.atheris_runs)
        return 0

    inputs, crashes, seconds, size = run_seeded(args.inputs, args.seed)
    print(
        f"seeded fragment fuzzing: {inputs:,} inputs ({size / 1e6:.1f} MB), {crashes} crashes, "
        f"{seconds:.1f}s ({inputs / seconds:,.0f} inputs/s)"
    )
    status = 1 if crashes else 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris: not installed (pip install atheris), coverage-guided run skipped")
        return status
    if args.atheris_runs:
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, __file__, "--atheris-child", "--atheris-runs", str(args.atheris_runs)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        seconds = time.perf_counter() - started
        summary = [line for line in child.stderr.splitlines() if line.startswith("Done")]
        crashed = child.returncode != 0
        print(
            f"atheris (libFuzzer, coverage-guided): {args.atheris_runs:,} runs, "
            f"{'a CRASH' if crashed else '0 crashes'}, {seconds:.1f}s "
            f"{summary[-1] if summary else ''}"
        )
        if crashed:
            print(child.stderr[-4000:], file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
