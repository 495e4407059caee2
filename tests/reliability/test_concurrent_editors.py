"""Two (and four) editors writing the same library at once, on SQLite and PostgreSQL: a stale write
is refused with a conflict, never applied over someone else's, and no edit is ever lost."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sqlite3
import subprocess
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing

import pytest
from edit_workers import edit_many, edit_once
from reliability_helpers import REPO, cli

from desktop.services import browse
from desktop.services.library import open_library

SPAWN = multiprocessing.get_context("spawn")


def test_two_editors_same_version_one_wins(library_location: str, make_photo) -> None:
    with open_library(library_location) as lib:
        pid = make_photo(lib, caption="As filed")
        version = browse.photo_summaries(lib, [pid])[0].version
    manager = SPAWN.Manager()
    barrier = manager.Barrier(2)
    with ProcessPoolExecutor(2, mp_context=SPAWN) as pool:
        futures = [
            pool.submit(edit_once, library_location, pid, f"Caption from desk {d}", barrier)
            for d in "AB"
        ]
        results = [f.result(timeout=120) for f in futures]
    manager.shutdown()
    assert sorted(r.split(":")[0] for r in results) == ["conflict", "ok"], results
    assert "changed by someone else" in next(r for r in results if r != "ok")
    winner = "AB"[results.index("ok")]
    with open_library(library_location) as lib:
        photo = browse.photo_summaries(lib, [pid])[0]
        history = browse.edit_history(lib, pid)
    assert photo.caption == f"Caption from desk {winner}"
    assert photo.version == version + 1
    assert [(h.old_value, h.new_value) for h in history] == [
        ("As filed", f"Caption from desk {winner}")
    ]


def test_cli_stale_edit_exits_1_and_says_why(library_location: str, make_photo) -> None:
    with open_library(library_location) as lib:
        pid = make_photo(lib, caption="As filed")
        version = browse.photo_summaries(lib, [pid])[0].version
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # Both desks start together with the version they read; the server decides who was first.
    procs = [
        subprocess.Popen(
            cli(
                library_location,
                "edit",
                str(pid),
                "--caption",
                f"From desk {d}",
                "--expect-version",
                str(version),
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        for d in "AB"
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    assert sorted(codes) == [0, 1], outs
    loser = codes.index(1)
    assert "changed by someone else" in outs[loser][1]
    assert "Traceback" not in outs[loser][1]
    with open_library(library_location) as lib:
        photo = browse.photo_summaries(lib, [pid])[0]
    assert photo.caption == f"From desk {'AB'[codes.index(0)]}"


def _assert_nothing_lost(location: str, reports: list, photo_ids: list[int]) -> None:
    writes = [w for r in reports for w in r.writes]
    with open_library(location) as lib:
        summaries = {p.id: p for p in browse.photo_summaries(lib, photo_ids)}
        history = {
            pid: sorted(
                (h for h in browse.edit_history(lib, pid) if h.field == "caption"),
                key=lambda h: h.id,
            )
            for pid in photo_ids
        }
    caption_rows = [h for rows in history.values() for h in rows]
    # Every successful write is in the history exactly once, and nothing else is.
    assert len(caption_rows) == len(writes)
    assert sorted(h.new_value for h in caption_rows) == sorted(text for _, _, text in writes)
    # No two writers ever moved the same photo to the same version (no write was overwritten).
    assert len({(pid, v) for pid, v, _ in writes}) == len(writes)
    for pid in photo_ids:
        rows = history[pid]
        if rows:
            assert summaries[pid].caption == rows[-1].new_value
            # Each edit started from what the previous one wrote: a chain, no lost update.
            for before, after in itertools.pairwise(rows):
                assert after.old_value == before.new_value


def run_writers(location: str, photo_ids: list[int], writers: int, edits: int, seed: int):
    manager = SPAWN.Manager()
    start = manager.Barrier(writers)
    with ProcessPoolExecutor(writers, mp_context=SPAWN) as pool:
        futures = [
            pool.submit(edit_many, location, w, photo_ids, edits, seed + w, start)
            for w in range(writers)
        ]
        reports = [f.result(timeout=600) for f in futures]
    manager.shutdown()
    return reports


@pytest.mark.slow
def test_four_writers_lose_no_edit(library_location: str, make_photo) -> None:
    with open_library(library_location) as lib:
        photo_ids = [make_photo(lib, caption=f"Photo {n} as filed") for n in range(20)]
    reports = run_writers(library_location, photo_ids, writers=4, edits=50, seed=11)
    assert sum(len(r.writes) for r in reports) == 200
    _assert_nothing_lost(library_location, reports, photo_ids)
    if not library_location.startswith("postgresql"):
        with closing(sqlite3.connect(library_location)) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conflicts = sum(r.conflicts for r in reports)
    seconds = max(r.seconds for r in reports)
    print(f"\n4 writers x 50 edits: {200 / seconds:.0f} edits/s, {conflicts} conflicts")
