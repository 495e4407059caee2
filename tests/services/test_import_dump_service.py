"""Importing caption dumps into a library (SQLite and PostgreSQL): one batch per file, nothing
added twice, matches to photos by attachment id, file name and caption text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.services import browse
from desktop.services.import_dump import import_dump
from desktop.services.tasks import run

SHORTCODE = '[caption id="attachment_{id}" align="alignnone" width="800"]<img src="https://example.org/wp-content/uploads/2013/11/{name}-300x225.jpg" alt="" width="800" height="600" /> {text} REUTERS/Shamil Zhumatov[/caption]\n'


def write_dump(path: Path, entries: list[tuple[int, str, str]]) -> Path:
    path.write_text(
        "".join(SHORTCODE.format(id=i, name=n, text=t) for i, n, t in entries), encoding="utf-8"
    )
    return path


def test_sample_dump_imports_six_unmatched_captions(library, samples_dir: Path) -> None:
    outcome = run(import_dump(library, samples_dir / "wp-caption-dump.txt"))
    assert outcome.counts["parsed"] == 6
    assert outcome.counts["added"] == 6
    caps = browse.list_captions(library, unmatched=True)
    assert [c.attachment_id for c in caps] == [1216379, 1216381, 1216383, 1216387, 1216389, 1216391]
    assert {c.credit for c in caps} == {"REUTERS"}
    assert all(c.source == "wp-caption-dump.txt" and c.line == 1 for c in caps)
    assert "“spectacular”" in caps[1].text
    assert not caps[1].text.endswith("REUTERS")


def test_same_dump_twice_adds_nothing(library, samples_dir: Path) -> None:
    run(import_dump(library, samples_dir / "wp-caption-dump.txt"))
    again = run(import_dump(library, samples_dir / "wp-caption-dump.txt"))
    assert again.counts["added"] == 0
    assert again.counts["already_known"] == 6
    assert len(browse.list_captions(library)) == 6


def test_changed_dump_adds_only_new_captions(library, tmp_path: Path) -> None:
    first = write_dump(
        tmp_path / "dump.txt",
        [(1, "soyuz-launch", "The Soyuz rocket blasts off."), (2, "crew-wave", "The crew waves.")],
    )
    run(import_dump(library, first))
    changed = write_dump(
        tmp_path / "dump.txt",
        [
            (3, "torch", "The Olympic torch on board."),
            (1, "soyuz-launch", "The Soyuz rocket blasts off."),
            (2, "crew-wave", "The crew waves."),
        ],
    )
    outcome = run(import_dump(library, changed))
    assert (outcome.counts["added"], outcome.counts["already_known"]) == (1, 2)
    assert sorted(c.attachment_id for c in browse.list_captions(library)) == [1, 2, 3]


def test_dry_run_changes_nothing(library, samples_dir: Path) -> None:
    outcome = run(import_dump(library, samples_dir / "wp-caption-dump.txt", dry_run=True))
    assert outcome.counts["added"] == 6
    assert browse.list_captions(library) == []
    real = run(import_dump(library, samples_dir / "wp-caption-dump.txt"))
    assert real.counts["added"] == 6  # the dry run left no batch behind


def test_captions_match_photos_by_file_name_and_text(library, make_photo, tmp_path: Path) -> None:
    by_name = make_photo(library, name="soyuz-launch.jpg")
    by_text = make_photo(
        library,
        name="IMG_0042.jpg",
        caption="The crew waves before the launch at the Baikonur cosmodrome in Kazakhstan",
    )
    other = make_photo(library, name="unrelated.jpg", caption="A football match in Paris")
    dump = write_dump(
        tmp_path / "dump.txt",
        [
            (10, "soyuz-launch", "The Soyuz rocket blasts off."),
            (
                11,
                "something-else",
                "The crew waves before the launch at the Baikonur cosmodrome, Kazakhstan",
            ),
            (12, "nothing", "A caption no photo has."),
        ],
    )
    outcome = run(import_dump(library, dump))
    assert outcome.counts["matched"] == 2
    caps = {c.attachment_id: c for c in browse.list_captions(library)}
    assert caps[10].photo_id == by_name
    assert caps[11].photo_id == by_text
    assert caps[12].photo_id is None
    # A photo without a caption takes the dump's text and credit; one with its own keeps it.
    named = browse.photo_detail(library, by_name)
    assert named.summary.caption == "The Soyuz rocket blasts off."
    assert named.summary.credit == "REUTERS/Shamil Zhumatov"
    assert named.caption_origin == "dump"
    assert named.caption_source == "dump.txt:1"
    assert browse.photo_detail(library, by_text).summary.caption.startswith("The crew waves before")
    assert browse.photo_detail(library, other).summary.caption == "A football match in Paris"
    assert [c.attachment_id for c in browse.list_captions(library, unmatched=True)] == [12]


def test_people_become_suggested_tags_not_accepted(library, make_photo, tmp_path: Path) -> None:
    pid = make_photo(library, name="crew.jpg")
    dump = write_dump(
        tmp_path / "d.txt",
        [
            (
                5,
                "crew",
                "Japanese astronaut Koichi Wakata (L) and Russian cosmonaut Mikhail Tyurin (C) wave.",
            )
        ],
    )
    run(import_dump(library, dump))
    suggested = set(browse.suggested_tags(library, pid))
    assert ("person", "Koichi Wakata") in suggested
    assert ("person", "Mikhail Tyurin") in suggested
    assert browse.photo_summaries(library, [pid])[0].tags == ()


def test_cli_import_dump_and_unmatched_listing(tmp_path: Path, samples_dir: Path) -> None:
    lib = str(tmp_path / "lib.sqlite")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--library",
            lib,
            "import-dump",
            str(samples_dir / "wp-caption-dump.txt"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["added"] == 6
    listing = subprocess.run(
        [sys.executable, "-m", "desktop", "--library", lib, "captions", "--unmatched", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    records = [json.loads(line) for line in listing.stdout.splitlines()]
    assert [r["attachment_id"] for r in records] == [
        1216379,
        1216381,
        1216383,
        1216387,
        1216389,
        1216391,
    ]
    assert all(
        r["photo_id"] is None and r["width"] == 940 and r["credit"] == "REUTERS" for r in records
    )


def test_missing_dump_is_rejected_with_exit_3(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--library",
            str(tmp_path / "l.sqlite"),
            "import-dump",
            str(tmp_path / "nope.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3
    assert "nope.txt: no such file" in result.stderr
