"""Editor processes for the concurrency tests and the load benchmark: each opens the library on
its own, as a second desk would, and edits captions with the version it read."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any

from desktop.services import browse, editing
from desktop.services.library import ConflictError, open_library


def edit_once(location: str, photo_id: int, caption: str, barrier: Any) -> str:
    """Read the photo, wait for the other editor to have read it too, write with that version."""
    with open_library(location) as lib:
        version = browse.photo_summaries(lib, [photo_id])[0].version
        barrier.wait(timeout=60)
        try:
            editing.edit_photo(lib, photo_id, {"caption": caption}, expected_version=version)
        except ConflictError as exc:
            return f"conflict: {exc}"
        return "ok"


@dataclass
class WriterReport:
    worker: int
    writes: list[tuple[int, int, str]] = field(default_factory=list)  # photo, new version, text
    conflicts: int = 0
    seconds: float = 0.0


def edit_many(
    location: str, worker: int, photo_ids: list[int], edits: int, seed: int, start: Any
) -> WriterReport:
    """`edits` successful caption edits on random photos; a conflict means re-read and retry."""
    rng = random.Random(seed)
    report = WriterReport(worker)
    with open_library(location) as lib:
        start.wait(timeout=120)
        began = time.monotonic()
        for n in range(edits):
            photo_id = rng.choice(photo_ids)
            text = f"caption by writer {worker}, edit {n}"
            while True:
                version = browse.photo_summaries(lib, [photo_id])[0].version
                try:
                    outcome = editing.edit_photo(
                        lib, photo_id, {"caption": text}, expected_version=version
                    )
                except ConflictError:
                    report.conflicts += 1
                    continue
                report.writes.append((photo_id, outcome.versions[photo_id], text))
                break
        report.seconds = time.monotonic() - began
    return report
