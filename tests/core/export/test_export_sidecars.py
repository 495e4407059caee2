"""captions.json, captions.csv and wordpress.txt against the items that went in."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from export_helpers import ACCENTS, Sources

from desktop.core.progress import Outcome


def test_captions_json_matches_items(exported: tuple[Path, Outcome], sources: Sources) -> None:
    out, _ = exported
    raw = (out / "captions.json").read_bytes()
    assert ACCENTS.encode("utf-8") in raw  # ensure_ascii=False: text as is, not \u escapes
    rows = json.loads(raw.decode("utf-8"))
    assert [r["photo_id"] for r in rows] == [i.photo_id for i in sources.items]  # gallery order
    for row in rows:
        assert list(row)[:7] == ["file", "caption", "credit", "byline", "tags", "width", "height"]
        assert (out / row["file"]).is_file() and (out / row["thumb"]).is_file()
        assert row["file"] == f"images/{Path(row['file']).name}"
    first, second, third, fourth = rows
    item = sources.items[0]
    assert first["caption"] == item.caption
    assert first["credit"] == item.credit
    assert first["byline"] == item.byline
    assert first["tags"] == list(item.keywords)
    assert first["headline"] == item.headline
    assert first["copyright"] == item.copyright
    assert first["caption_line"] == f"{item.caption}. (Photo: {item.credit})"
    assert second["caption"] == "A second caption with markup & spaces"
    assert third["caption"] == "" and third["credit"] == "" and third["caption_line"] == ""
    assert third["file"] == "images/tiny-scan.jpg"  # no caption: from the original's name
    # 101 and 104 slug alike: the later one gets a suffix.
    assert first["file"] == "images/crowds-gather-in-zurich-angstrom-cafe.jpg"
    assert fourth["file"] == "images/crowds-gather-in-zurich-angstrom-cafe-2.jpg"


def test_captions_csv_is_excel_friendly(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    raw = (out / "captions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    as_json = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    assert len(rows) == len(as_json)
    for row, data in zip(rows, as_json, strict=True):
        assert row["file"] == data["file"]
        assert row["caption"] == data["caption"]
        assert row["tags"] == "; ".join(data["tags"])
        assert int(row["width"]) == data["width"]
    assert rows[0]["tags"] == "protest; Zürich; café"


def test_csv_neutralises_formulas(tmp_path: Path, sources: Sources) -> None:
    from export_helpers import run_export

    from desktop.core.export import ExportOptions

    item = sources.items[3].__class__(
        photo_id=5, source_path=str(sources.plain), caption='=HYPERLINK("http://x","y")'
    )
    run_export([item], tmp_path / "g", ExportOptions(size=200, thumb_size=100, workers=1))
    text = (tmp_path / "g" / "captions.csv").read_text(encoding="utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["caption"] == "'" + '=HYPERLINK("http://x","y")'
    data = json.loads((tmp_path / "g" / "captions.json").read_text(encoding="utf-8"))
    assert data[0]["caption"] == '=HYPERLINK("http://x","y")'  # JSON keeps the text as is


def test_wordpress_shortcodes(exported: tuple[Path, Outcome]) -> None:
    out, _ = exported
    text = (out / "wordpress.txt").read_text(encoding="utf-8")
    rows = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    blocks = [b for b in text.split("\n\n") if b.strip()]
    assert len(blocks) == len(rows)
    assert "“" not in text.replace("He said “", "") and "”" not in text
    pattern = re.compile(
        r'^\[caption id="attachment_(\d+)" align="alignnone" width="(\d+)"\]'
        r'<img src="(images/[a-z0-9-]+\.jpg)" alt="([^"]*)" width="(\d+)" height="(\d+)" /> '
        r"(.*)\[/caption\]$"
    )
    for block, row in zip(blocks, rows, strict=True):
        match = pattern.match(block.strip())
        assert match, block
        pid, width, src, _alt, img_w, img_h, body = match.groups()
        assert int(pid) == row["photo_id"] and src == row["file"]
        assert int(width) == int(img_w) == row["width"] and int(img_h) == row["height"]
        if row["credit"]:
            assert body.endswith(row["credit"])
    first = blocks[0]
    assert first.endswith(f"Crowds gather in {ACCENTS} at dawn REUTERS/Anna Müller[/caption]")
