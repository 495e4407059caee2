"""SIGKILL in the middle of `import-images`, `import-dump` and `export --overwrite`, 20 times each at
seeded random moments: the reopened library is whole, and the gallery is the old one or the new.

Each kill hits the whole process group (the CLI, its forkserver and its workers), as a power cut
or the OOM killer would. Run with `-s` to see how many kills landed mid-way.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from reliability_helpers import REPO, cli, library_facts, make_jpegs, run_cli, write_dump

from desktop.services import editing
from desktop.services.library import open_library

KILLS = int(os.environ.get("CAPTION_DESK_KILLS", "20"))
SEED = 9_2026


def _timed_run(command: list[str]) -> float:
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO, env=env)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def _run_and_kill(
    command: list[str], delay: float, after: Callable[[], bool] | None = None
) -> bool:
    """Start `command` in its own process group, SIGKILL the group `delay` seconds after the
    start (or after `after()` first holds). True when the kill landed before the end."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=REPO,
        env=env,
    )
    try:
        while after is not None and proc.poll() is None and not after():
            time.sleep(0.005)
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        _wait_group_gone(proc.pid)
        return True


def _batch_open(lib: Path) -> Callable[[], bool]:
    def is_open() -> bool:
        try:
            with closing(sqlite3.connect(lib, timeout=0.05)) as con:
                return con.execute("SELECT count(*) FROM import_batches").fetchone()[0] > 0
        except sqlite3.Error:
            return False

    return is_open


def _wait_group_gone(pgid: int) -> None:
    """Workers die with the group; wait until none is left holding files."""
    for _ in range(200):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def _delays(rng: random.Random, startup: float, full: float, n: int) -> list[float]:
    """Moments spread over the measured run, from late in interpreter start-up to just past
    the end (a kill after the end must find the finished result)."""
    low = startup * 0.8
    return [rng.uniform(low, full * 1.25) for _ in range(n)]


def _assert_whole(path: Path) -> dict[str, object]:
    open_library(str(path)).close()  # the reopen runs recovery
    facts = library_facts(path)
    assert facts["integrity"] == "ok", facts
    assert facts["running"] == 0, facts
    assert facts["uneven"] == [], facts  # every batch whole, or gone
    assert facts["orphans"] == 0, facts
    assert facts["photos"] == facts["photos_in_done_batches"], facts
    return facts


@pytest.fixture(scope="module")
def empty_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_library(str(path)).close()
    return path


@pytest.fixture(scope="module")
def photo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("photos") / "incoming"
    make_jpegs(folder, 40)
    return folder


@pytest.mark.slow
def test_killed_image_import_leaves_whole_batches(
    empty_library: Path, photo_folder: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    probe = tmp_path / "probe.sqlite"
    shutil.copy(empty_library, probe)
    startup = _timed_run(cli(str(probe), "list"))
    full = _timed_run(cli(str(probe), "import-images", str(photo_folder)))
    mid_batch = killed = completed = 0
    for n, delay in enumerate(_delays(rng, startup, full, KILLS)):
        lib = tmp_path / f"lib-{n}.sqlite"
        shutil.copy(empty_library, lib)
        command = cli(str(lib), "import-images", str(photo_folder))
        if n % 2:
            # Every other kill waits for the import batch to be open, then strikes at a random
            # moment of the writing (a uniform delay over the run would mostly hit start-up).
            killed += _run_and_kill(command, rng.uniform(0, (full - startup) / 2), _batch_open(lib))
        else:
            killed += _run_and_kill(command, delay)
        # Before recovery: did the kill leave a running batch behind (i.e. land mid-import)?
        with closing(sqlite3.connect(lib)) as con:
            mid_batch += con.execute(
                "SELECT count(*) FROM import_batches WHERE status = 'running'"
            ).fetchone()[0]
        facts = _assert_whole(lib)
        completed += facts["photos"] == 40
        assert facts["photos"] in (0, 40), facts
        if n % 4 == 1:
            # The interrupted import can simply be run again, and then everything is there.
            again = run_cli(str(lib), "import-images", str(photo_folder), "--json")
            assert again.returncode == 0, again.stderr
            assert library_facts(lib)["photos"] == 40
    print(
        f"\nimport-images: {KILLS} SIGKILLs survived ({killed} before the end, {mid_batch} with "
        f"a running batch, {completed} found complete); run {full:.1f}s, start-up {startup:.1f}s"
    )


@pytest.mark.slow
def test_killed_dump_import_is_all_or_nothing(empty_library: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    dump = write_dump(tmp_path / "captions-dump.txt", 3000)
    probe = tmp_path / "probe.sqlite"
    shutil.copy(empty_library, probe)
    startup = _timed_run(cli(str(probe), "list"))
    full = _timed_run(cli(str(probe), "import-dump", str(dump)))
    assert library_facts(probe)["uneven"] == []
    killed = present = 0
    for n, delay in enumerate(_delays(rng, startup, full, KILLS)):
        lib = tmp_path / f"lib-{n}.sqlite"
        shutil.copy(empty_library, lib)
        killed += _run_and_kill(cli(str(lib), "import-dump", str(dump)), delay)
        _assert_whole(lib)
        with closing(sqlite3.connect(lib)) as con:
            captions = con.execute("SELECT count(*) FROM captions").fetchone()[0]
        assert captions in (0, 3000), captions  # one transaction per file
        present += captions == 3000
    print(
        f"\nimport-dump: {KILLS} SIGKILLs survived ({killed} before the end; "
        f"{present} found the whole dump, {KILLS - present} none of it); run {full:.1f}s"
    )


@pytest.mark.slow
def test_killed_export_leaves_old_or_new_gallery(
    empty_library: Path, photo_folder: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED + 2)
    lib = tmp_path / "lib.sqlite"
    shutil.copy(empty_library, lib)
    assert run_cli(str(lib), "import-images", str(photo_folder)).returncode == 0
    with open_library(str(lib)) as library:
        for pid in range(1, 9):
            editing.edit_photo(library, pid, {"caption": f"Earlier gallery picture {pid}"})
    pristine = tmp_path / "pristine-old"
    done = run_cli(str(lib), "export", str(pristine), "earlier", "--size", "640")
    assert done.returncode == 0, done.stderr
    old_json = (pristine / "captions.json").read_bytes()
    target = tmp_path / "site" / "gallery"
    target.parent.mkdir()
    command = cli(str(lib), "export", str(target), "--overwrite", "--size", "640")
    shutil.copytree(pristine, target)
    startup = _timed_run(cli(str(lib), "list"))
    full = _timed_run(command)

    killed = old_kept = new_found = leftovers = 0
    for delay in _delays(rng, startup, full, KILLS):
        shutil.rmtree(target)
        shutil.copytree(pristine, target)
        killed += _run_and_kill(command, delay)
        state = _gallery_state(target, old_json)
        assert state in ("old", "new"), state
        old_kept += state == "old"
        new_found += state == "new"
        leftovers += len(_siblings(target))
    # The next export cleans what killed ones left beside the target.
    finished = run_cli(str(lib), "export", str(target), "--overwrite", "--size", "640")
    assert finished.returncode == 0, finished.stderr
    assert _gallery_state(target, old_json) == "new"
    assert _siblings(target) == [], _siblings(target)
    print(
        f"\nexport --overwrite: {KILLS} SIGKILLs survived ({killed} before the end; "
        f"{old_kept} left the old gallery, {new_found} the new one); {leftovers} temporary "
        f"folders left beside the target, all removed by the next export; run {full:.1f}s"
    )


def _siblings(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}."))


def _gallery_state(target: Path, old_json: bytes) -> str:
    """'old' (byte-identical to the previous export), 'new' (whole), or what is wrong."""
    if not target.is_dir():
        return "missing"
    data = (target / "captions.json").read_bytes()
    if data == old_json:
        return "old"
    entries = json.loads(data)
    if len(entries) != 40:
        return f"{len(entries)} entries"
    for name in ("index.html", "captions.csv", "wordpress.txt"):
        if not (target / name).is_file():
            return f"no {name}"
    for folder in ("images", "thumbs"):
        names = {p.name for p in (target / folder).iterdir()}
        if names != {e["file"].rsplit("/", 1)[-1] for e in entries}:
            return f"{folder} do not match captions.json"
        if any((target / folder / n).stat().st_size == 0 for n in names):
            return f"an empty file in {folder}"
    return "new"
