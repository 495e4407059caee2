"""Broken and hostile image files through the real `caption-desk import-images`: corrupt, truncated
and bomb images are rejected by name (exit 3), hostile XMP and wrong charsets lose only the bad
block (with a warning), and file names with control characters survive `list --json` and export."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyexiv2
from reliability_helpers import DATA, library_facts, make_jpegs, run_cli

IMAGES = DATA / "images"


def _jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_corrupt_truncated_and_bomb_images_are_named_and_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    shutil.copytree(IMAGES, folder)
    lib = str(tmp_path / "lib.sqlite")
    done = run_cli(lib, "import-images", str(folder), "--json")
    assert done.returncode == 3, done.stderr
    summary = json.loads(done.stdout)
    bad = sorted(p.name for p in (folder / "bad").iterdir())
    assert sorted(Path(r["path"]).name for r in summary["rejected"]) == bad
    for name in bad:  # each named on stderr, with a reason
        line = next(x for x in done.stderr.splitlines() if x.startswith("rejected:") and name in x)
        assert line.split(name, 1)[1].lstrip(": ").strip(), line
    assert "Traceback" not in done.stderr
    good = [p for p in folder.iterdir() if p.is_file()]
    assert summary["added"] == len(good)
    facts = library_facts(Path(lib))
    assert facts["integrity"] == "ok" and facts["running"] == 0 and facts["uneven"] == []
    assert facts["photos"] == len(good)
    listed = _jsonl(run_cli(lib, "list", "--json").stdout)
    assert sorted(Path(p["path"]).name for p in listed) == sorted(p.name for p in good)


def _wrong_charset_jpeg(path: Path) -> Path:
    """IPTC that declares UTF-8 (1:90 = ESC % G) but holds cp1252 bytes, as old tools wrote."""
    make_jpegs(path.parent, 1, size=(120, 90), seed=3)[0].rename(path)
    img = pyexiv2.Image(str(path))
    try:
        img.modify_iptc(
            {
                "Iptc.Envelope.CharacterSet": "\x1b%G",
                "Iptc.Application2.Caption": "Café Zürich — Ångström",
                "Iptc.Application2.Byline": "François Müller",
                "Iptc.Application2.Credit": "REUTERS",
            },
            encoding="cp1252",
        )
    finally:
        img.close()
    return path


def test_hostile_xmp_and_wrong_charsets_keep_the_good_fields(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name in ("xmp_billion_laughs.jpg", "xmp_external_entity.jpg", "iptc_cp1252.jpg"):
        shutil.copy(IMAGES / name, folder / name)
    _wrong_charset_jpeg(folder / "declared_utf8_is_cp1252.jpg")
    lib = str(tmp_path / "lib.sqlite")
    done = run_cli(lib, "import-images", str(folder), "--json")
    assert done.returncode == 0, done.stderr  # warnings, not rejections
    summary = json.loads(done.stdout)
    assert summary["added"] == 4
    warned = {Path(w["path"]).name: w["reason"] for w in summary["warnings"]}
    for name in ("xmp_billion_laughs.jpg", "xmp_external_entity.jpg"):
        assert "refused unsafe XML" in warned[name]
        assert any(name in x and "XMP" in x for x in done.stderr.splitlines() if "warning" in x)
    assert "not UTF-8" in warned["declared_utf8_is_cp1252.jpg"]

    photos = {Path(p["path"]).name: p for p in _jsonl(run_cli(lib, "list", "--json").stdout)}
    for name in ("xmp_billion_laughs.jpg", "xmp_external_entity.jpg"):
        # The IPTC block of the same file still came in; nothing of the entities did.
        assert (photos[name]["caption"], photos[name]["byline"]) == ("Safe IPTC", "Safe Artist")
    everything = json.dumps(photos)
    assert "lol" not in everything and "root:" not in everything
    assert photos["iptc_cp1252.jpg"]["caption"] == "Café Zürich — Ångström"
    wrong = photos["declared_utf8_is_cp1252.jpg"]
    # Read as declared: the ASCII fields are whole, the letters that were not UTF-8 are lost,
    # which the warning above tells the user.
    assert wrong["credit"] == "REUTERS"
    assert wrong["caption"].startswith("Caf") and "Z" in wrong["caption"]
    assert wrong["byline"].startswith("Fran") and wrong["byline"].endswith("ller")


CONTROL_NAMES = ("a\x01b\x1b[31m.jpg", "line\nbreak.jpg", "tab\there\x7f.jpg")


def test_control_characters_in_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    made = make_jpegs(folder, len(CONTROL_NAMES), size=(200, 150), seed=5)
    paths = []
    for src, name in zip(made, CONTROL_NAMES, strict=True):
        paths.append(src.rename(folder / name))
    lib = str(tmp_path / "lib.sqlite")
    done = run_cli(lib, "import-images", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == len(CONTROL_NAMES)

    listing = run_cli(lib, "list", "--json")
    assert listing.returncode == 0, listing.stderr
    rows = _jsonl(listing.stdout)  # one valid JSON object a line: no name splits a line
    assert sorted(r["path"] for r in rows) == sorted(str(p) for p in paths)  # paths intact

    out = tmp_path / "gallery"
    exported = run_cli(lib, "export", str(out), "--size", "200", "--json")
    assert exported.returncode == 0, exported.stderr
    names = [p.name for p in (out / "images").iterdir()] + [
        p.name for p in (out / "thumbs").iterdir()
    ]
    assert len(names) == 2 * len(CONTROL_NAMES)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*\.jpg", n) for n in names), names
    entries = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"[a-z0-9/._-]+", e["file"]) for e in entries), entries
