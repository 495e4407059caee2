"""A 20 MB dump streams through the parser in bounded memory: a memory bound, not a time budget.

The dump holds curly quotes and an emoji, so a parser that read the whole file into one string
would need 20 MB of bytes plus 80 MB of text: well over the 64 MB bound this test sets.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from reliability_helpers import write_dump

from desktop.core.captions import iter_parse_file
from desktop.core.records import ParseWarning

LIMIT_MB = 64
RECORDS = 5_000
ARTICLE_BYTES = 4_000  # ~21 MB in all


@pytest.mark.slow
def test_twenty_megabyte_dump_streams_in_bounded_memory(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "big-dump.txt", RECORDS, article_bytes=ARTICLE_BYTES)
    assert dump.stat().st_size > 20e6
    warnings: list[ParseWarning] = []
    count = 0
    last = None
    tracemalloc.start()
    try:
        for record in iter_parse_file(dump, warnings=warnings):
            count += 1
            last = record
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == RECORDS  # nothing lost on the way
    assert warnings == []
    assert last is not None and last.text.startswith(f"Delegates arrive for session {RECORDS - 1}")
    assert last.credit == "REUTERS/Denis Balibouse"
    assert peak < LIMIT_MB * 1e6, f"peak traced memory {peak / 1e6:.1f} MB"
