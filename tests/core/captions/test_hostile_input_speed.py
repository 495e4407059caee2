"""Hostile single-line inputs parse in linear time and leave bounded warnings."""

from __future__ import annotations

import time

import pytest

from desktop.core.captions import parse_bytes


def _seconds(data: bytes) -> float:
    start = time.perf_counter()
    result = parse_bytes(data, "hostile.txt")
    elapsed = time.perf_counter() - start
    assert len(result.warnings) <= 60 * 4  # capped per kind, plus one summary each
    return elapsed


@pytest.mark.parametrize(
    "unit",
    [
        "[caption",
        "[caption ",
        "[caption]",
        '[caption id="',
        "[[caption]",
        '<div class="wp-caption">',
        "<figure>",
        "<!-- wp:image {} -->",
        "aBc",
        "&amp;",
    ],
)
def test_one_megabyte_line_is_linear(unit: str) -> None:
    small = _seconds(unit.encode() * (250_000 // len(unit)))
    large = _seconds(unit.encode() * (1_000_000 // len(unit)))
    assert large < 6.0
    # Four times the input may cost a little over four times the time, never sixteen.
    assert large < max(small, 0.05) * 8
