"""Exporting captions that carry HTML/JS payloads, template syntax and path-traversal names: nothing
is written outside OUT_DIR, the page shows the payloads only escaped, the JSON keeps the text,
and the WordPress shortcodes escape their attributes."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from reliability_helpers import make_jpegs, run_cli

from desktop.core.records import FieldValue, PhotoMetadata
from desktop.services import editing
from desktop.services.library import open_library
from desktop.store.batches import finish_batch, start_batch
from desktop.store.imports import NewPhoto, insert_photos

PAYLOADS = (
    ("Fans <img src=x onerror=alert(1)> wait.", "AP Photo/<b onmouseover=alert(2)>Evan</b>"),
    ("Fans &lt;img src=x onerror=alert(1)&gt; typed as text.", "AFP"),
    ("</script><script>alert(1)</script> Fans celebrate.", "REUTERS"),
    ('Click <a href="javascript:alert(3)">here</a> " onload="alert(4)', "javascript:alert(5)"),
    ("{{ 7*7 }} {% raw %}{{ config }}{% endraw %} ${7*7}", "Getty Images"),
    ("../../etc/passwd caption with a dotted start", "../../credit"),
    ('Quote " apostrophe \' ampersand & [/caption] [caption id="x"]', "EPA"),
)
ORIGINAL_NAMES = (
    "../../etc/passwd.jpg",
    "..\\..\\windows\\win.ini.jpg",
    "/absolute/evil.jpg",
    "CON.jpg",
    ".hidden.jpg",
    "normal.jpg",
    "../escaped.jpg",
)


def _library_with_payloads(tmp_path: Path) -> str:
    location = str(tmp_path / "lib.sqlite")
    sources = make_jpegs(tmp_path / "originals", len(PAYLOADS), size=(240, 180), seed=9)
    with open_library(location) as lib:
        with lib.store.session() as s:
            batch = start_batch(s, kind="images", source="originals")
            ids = insert_photos(
                s,
                batch,
                [
                    NewPhoto(
                        str(src),
                        name,  # the original's name as another tool recorded it
                        name.lower(),
                        hashlib.sha256(src.read_bytes()).hexdigest(),
                        src.stat().st_size,
                        src.stat().st_mtime,
                        PhotoMetadata(240, 180, "JPEG", {"headline": FieldValue("x", "iptc")}),
                    )
                    for src, name in zip(sources, ORIGINAL_NAMES, strict=True)
                ],
            )
            finish_batch(s, batch, counts={"added": len(ids)}, warnings=[])
        for pid, (caption, credit) in zip(ids, PAYLOADS, strict=True):
            editing.edit_photo(
                lib,
                pid,
                {"caption": caption, "credit": credit, "byline": '"><svg onload=alert(6)>'},
                add_tags=[("keyword", "<script>alert(7)</script>")],
            )
    return location


def _all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def test_payloads_stay_text_and_inside_the_gallery(tmp_path: Path) -> None:
    location = _library_with_payloads(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    before = _all_files(tmp_path)
    out = work / "gallery"
    done = run_cli(location, "export", str(out), "--size", "240", "--json")
    assert done.returncode == 0, done.stderr
    # Nothing was written anywhere but OUT_DIR (the library's WAL files aside).
    new = {p for p in _all_files(tmp_path) - before if not p.name.startswith("lib.sqlite")}
    assert all(p == out or out in p.parents for p in new), sorted(map(str, new - {out}))
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
        assert not path.is_symlink()
    names = sorted(p.name for p in (out / "images").iterdir())
    assert len(names) == len(PAYLOADS)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*\.jpg", n) for n in names), names
    assert not any(n.startswith(("passwd", "con.")) for n in names), names

    page = (out / "index.html").read_text(encoding="utf-8")
    for raw in (
        "<img src=x onerror",
        "<script>alert",
        "</script><script>",
        "<b onmouseover",
        "<svg onload",
        '" onload="alert(4)',
        'href="javascript:',
    ):
        assert raw not in page, raw
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", page, re.I)
    # Formatting tags in a caption are dropped from the export; text that reads as a tag
    # (the entity-encoded one) is kept, and the page shows it escaped.
    assert "Fans wait." in page
    assert "Fans &lt;img src=x onerror=alert(1)&gt; typed as text." in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in page  # the tag
    assert "{{ 7*7 }}" in page and "${7*7}" in page  # shown as typed, never evaluated
    # The page's own scripts hold no payload; its JSON data block holds them as data that
    # cannot close the element (no "<" at all) and parses back to the same captions.
    for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S | re.I):
        if "application/json" in attrs:
            assert "<" not in body
            data = json.loads(body)
            assert "</script><script>alert(1)</script> Fans celebrate." in {
                d["caption"] for d in data
            }
        else:
            assert "alert(" not in body

    entries = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    texts = {e["caption"] for e in entries}
    # The data keeps the words as written (unescaped: JSON is not HTML).
    assert "Fans <img src=x onerror=alert(1)> typed as text." in texts
    assert "</script><script>alert(1)</script> Fans celebrate." in texts
    assert "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} ${7*7}" in texts
    assert {e["byline"] for e in entries} == {'"><svg onload=alert(6)>'}
    assert all(e["tags"] == ["<script>alert(7)</script>"] for e in entries)
    assert any(t.startswith("../../etc/passwd") for t in texts)
    assert all(not os.path.isabs(e["file"]) and ".." not in e["file"] for e in entries)

    shortcodes = (out / "wordpress.txt").read_text(encoding="utf-8")
    tags = re.findall(r"<img\b[^>]*>", shortcodes)
    assert len(tags) == len(PAYLOADS)
    for tag in tags:
        # Every attribute quoted, no quote or bracket inside a value, only the attributes we
        # write: a payload cannot add an event handler or close the tag.
        assert re.fullmatch(r'<img(?: [a-z]+="[^"<>]*")* />', tag), tag
        assert {a for a in re.findall(r' ([a-z]+)="', tag)} <= {"src", "alt", "width", "height"}
    for opener in re.findall(r"\[caption\b[^\]]*\]", shortcodes):
        assert '"' not in re.sub(r'\b[a-z]+="[^"]*"', "", opener), opener
    assert shortcodes.count("[/caption]") == len(PAYLOADS)  # a payload cannot close one early
    assert "<script>" not in shortcodes and "<img src=x" not in shortcodes
