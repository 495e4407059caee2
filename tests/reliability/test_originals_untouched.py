"""Every command of the CLI, run over a folder of originals, leaves each original byte-identical with
its modification time, and adds no file beside them (no sidecar, no thumbnail, no temp file)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from reliability_helpers import DATA, run_cli


def _snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Path -> (sha256, size, mtime in ns) of every file under `folder`."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out[str(path.relative_to(folder))] = (digest, st.st_size, st.st_mtime_ns)
    return out


def _dump_for(originals: Path, path: Path) -> Path:
    """A dump whose captions point at the originals by name, so the import matches them."""
    lines = []
    for n, image in enumerate(sorted(p for p in originals.iterdir() if p.is_file())):
        lines.append(
            f'[caption id="attachment_{100 + n}" align="alignnone" width="640"]'
            f'<img src="https://news.example.com/wp-content/uploads/2024/03/{image.name}" '
            f'alt="" width="640" height="480" /> Picture {n} from the desk in Zürich, '
            f"March 5, 2024. REUTERS/Arnd Wiegmann[/caption]\n"
        )
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_every_command_leaves_the_originals_as_they_were(tmp_path: Path) -> None:
    originals = tmp_path / "originals"
    shutil.copytree(DATA / "images", originals)
    dump = _dump_for(originals, tmp_path / "dump.txt")
    lib = str(tmp_path / "library.sqlite")
    before = _snapshot(originals)

    def ok(*args: str, codes: tuple[int, ...] = (0,)) -> str:
        done = run_cli(lib, *args)
        assert done.returncode in codes, (args, done.returncode, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        return done.stdout

    ok("import-images", str(originals), codes=(3,))  # the bad/ files are rejected by name
    ok("import-dump", str(dump))
    ok("parse", str(dump), "--json")
    photos = [json.loads(x) for x in ok("list", "--json").splitlines()]
    assert photos and all(Path(p["path"]).is_relative_to(originals) for p in photos)
    ok("list", "credit:reuters")
    ok("captions", "--json")
    ok("captions", "--unmatched")
    first = photos[0]["id"]
    ok("edit", str(first), "--caption", "Edited caption.", "--credit", "AP Photo/Evan Vucci",
       "--add-tag", "person:Koichi Wakata", "--add-tag", "space")  # fmt: skip
    ok("history", str(first))
    ok("export", str(tmp_path / "gallery"), "--size", "300", "--thumb-size", "100", "--keep-gps")
    ok("export", str(tmp_path / "gallery"), "--overwrite", "--quality", "50")
    ok("backup", str(tmp_path / "backup.sqlite"))
    ok("edit", str(first), "--caption", "Edited again.")
    ok("restore", str(tmp_path / "backup.sqlite"))
    ok("import-images", str(originals), codes=(3,))  # a second import reads them again

    after = _snapshot(originals)
    assert after.keys() == before.keys()  # no file added beside the originals, none removed
    changed = [name for name in before if after[name] != before[name]]
    assert changed == [], changed  # bytes, size and mtime: all the same
    restored = [json.loads(x) for x in ok("list", "--json").splitlines()]
    assert next(p for p in restored if p["id"] == first)["caption"] == "Edited caption."
