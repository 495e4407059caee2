"""What a killed export leaves beside its target, and how the next export deals with it: a dead
export's staging folder is removed, a live one's is left alone, and a gallery a kill caught
half-way through the final swap is put back before anything else happens."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from reliability_helpers import make_jpegs, run_cli

HOST = f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')):08x}"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def library(tmp_path: Path) -> str:
    location = str(tmp_path / "lib.sqlite")
    make_jpegs(tmp_path / "originals", 3, size=(200, 150), seed=21)
    assert run_cli(location, "import-images", str(tmp_path / "originals")).returncode == 0
    return location


def test_dead_staging_is_removed_and_live_staging_kept(library: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    dead = site / f".gallery.partial-{HOST}-{_dead_pid()}-0123abcd"
    (dead / "images").mkdir(parents=True)
    (dead / "images" / "half.jpg").write_bytes(b"\xff\xd8half")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = site / f".gallery.partial-{HOST}-{sleeper.pid}-4567cdef"
        live.mkdir()
        other_host = site / f".gallery.partial-00000000-{_dead_pid()}-89abcdef"
        other_host.mkdir()
        unrelated = site / ".gallery.partial-notours"
        unrelated.mkdir()
        done = run_cli(library, "export", str(site / "gallery"), "--size", "200")
        assert done.returncode == 0, done.stderr
        left = sorted(p.name for p in site.iterdir())
    finally:
        sleeper.kill()
        sleeper.wait()
    # Another export still running here, one from another machine sharing the folder, and
    # anything not named like ours are not touched.
    assert left == sorted(["gallery", live.name, other_host.name, unrelated.name])


def test_gallery_caught_mid_swap_is_put_back(library: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = run_cli(library, "export", str(site / "gallery"), "--size", "200")
    assert first.returncode == 0, first.stderr
    old_json = (site / "gallery" / "captions.json").read_bytes()
    # A kill between the two renames of the swap: the old gallery renamed aside, the new one
    # not yet in place.
    aside = site / f".gallery.old-{HOST}-{_dead_pid()}-0badf00d"
    (site / "gallery").rename(aside)
    staging = site / f".gallery.partial-{HOST}-{_dead_pid()}-0badcafe"
    shutil.copytree(aside, staging)

    # Without --overwrite the export refuses: the user's gallery is back, and not replaced.
    refused = run_cli(library, "export", str(site / "gallery"), "--size", "200")
    assert refused.returncode == 1
    assert "not empty" in refused.stderr
    assert (site / "gallery" / "captions.json").read_bytes() == old_json
    assert sorted(p.name for p in site.iterdir()) == ["gallery"]

    again = run_cli(library, "export", str(site / "gallery"), "--overwrite", "--size", "200")
    assert again.returncode == 0, again.stderr
    assert len(json.loads((site / "gallery" / "captions.json").read_bytes())) == 3
    assert sorted(p.name for p in site.iterdir()) == ["gallery"]
