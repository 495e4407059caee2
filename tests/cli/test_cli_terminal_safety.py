"""Plain (non-JSON) CLI output never passes control characters from file names to the terminal."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

IMAGES = Path(__file__).resolve().parents[1] / "data" / "images"


def test_control_characters_are_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = folder / "evil\x1b[31mred\nline.jpg"
    shutil.copy(IMAGES / "xmp_only.jpg", odd)
    lib = str(tmp_path / "lib.sqlite")
    cmd = [sys.executable, "-m", "desktop", "--library", lib]
    imported = subprocess.run(
        [*cmd, "import-images", str(folder)], capture_output=True, text=True, timeout=300
    )
    assert imported.returncode == 0, imported.stderr
    assert "\x1b" not in imported.stderr

    listing = subprocess.run([*cmd, "list"], capture_output=True, text=True, timeout=120)
    assert listing.returncode == 0
    assert "\x1b" not in listing.stdout
    assert len(listing.stdout.splitlines()) == 1  # the newline in the name does not split the row
    assert "evil\\x1b[31mred\\x0aline.jpg" in listing.stdout

    as_json = subprocess.run([*cmd, "list", "--json"], capture_output=True, text=True, timeout=120)
    assert json.loads(as_json.stdout)["path"] == str(odd)  # JSON keeps the real name
