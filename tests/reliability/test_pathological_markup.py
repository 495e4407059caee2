"""Pathological markup (1 MB of `[caption`, of `<figure>`, of nested `<a>`, of curly quotes, on one
line) parses in linear time: a complexity check, not a speed budget.

Each input is parsed whole and at a quarter of its size. Linear work makes the whole cost about
4x the quarter, quadratic work 16x; the bound of 10x sits between the two with room for a busy
machine. Times are the best of three runs, and tiny ones are floored, so noise cannot decide.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from desktop.core.captions import parse_bytes

MB = 1_000_000
FLOOR = 0.02  # seconds: below this a timer measures the machine, not the parser


def _nested(open_tag: bytes, inner: bytes, close_tag: bytes) -> Callable[[int], bytes]:
    def make(size: int) -> bytes:
        depth = size // (len(open_tag) + len(close_tag))
        return open_tag * depth + inner + close_tag * depth

    return make


CASES: dict[str, Callable[[int], bytes]] = {
    "caption openers": lambda n: b"[caption" * (n // 8),
    "caption openers with attributes": lambda n: b'[caption id="attachment_1" ' * (n // 27),
    "figure openers": lambda n: b"<figure>" * (n // 8),
    "nested figures": _nested(b"<figure>", b"<figcaption>A caption.</figcaption>", b"</figure>"),
    "nested links in a caption": lambda n: (
        b"[caption]" + _nested(b"<a>", b"Text REUTERS", b"</a>")(n) + b"[/caption]"
    ),
    "curly quotes": lambda n: "“".encode() * (n // 3),
    "curly quotes in a caption": lambda n: (
        b"[caption]" + "“”".encode() * (n // 6) + b" REUTERS/Name[/caption]"
    ),
    "gutenberg openers": lambda n: b"<!-- wp:image {" * (n // 15),
    "entities": lambda n: b"&#8220;&amp" * (n // 11),
}


def _best_time(data: bytes) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        result = parse_bytes(data, "hostile.txt")
        best = min(best, time.perf_counter() - started)
    # Bounded output whatever the input: warnings are capped per kind.
    assert len(result.warnings) <= 60 * 8
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_one_megabyte_of_hostile_markup_is_linear(name: str) -> None:
    make = CASES[name]
    quarter = max(_best_time(make(MB // 4)), FLOOR)
    whole = _best_time(make(MB))
    assert whole < 10 * quarter, f"{name}: {whole:.3f}s for 1 MB vs {quarter:.3f}s for 250 kB"
