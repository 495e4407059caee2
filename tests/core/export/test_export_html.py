"""index.html: escaped text, lang, alt, self-contained (no network), a theme that overrides templates."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_helpers import Sources, run_export

from desktop.core.export import ExportError, ExportOptions
from desktop.core.records import ExportItem

EVIL = "<script>alert(1)</script>"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _export_evil(sources: Sources, tmp_path: Path, **options) -> str:
    items = [
        ExportItem(
            photo_id=1,
            source_path=str(sources.plain),
            caption=f"Caption {EVIL} & “quotes” 'single'",
            credit='AP</span>"><img src=x onerror=alert(2)>',
            keywords=(EVIL, "tag"),
        ),
        *sources.items[:2],
    ]
    out = tmp_path / "g"
    run_export(items, out, ExportOptions(size=300, thumb_size=100, workers=1, **options))
    return (out / "index.html").read_text(encoding="utf-8")


def test_captions_credits_tags_are_escaped(sources: Sources, tmp_path: Path) -> None:
    page = _export_evil(sources, tmp_path)
    assert EVIL not in page and "<img src=x" not in page
    assert "Caption &lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes” &#39;single&#39;" in page
    parser = _Collector()
    parser.feed(page)
    # Only our own two script elements: the data blob and the lightbox.
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "gallery-data"}, {}]
    data = json.loads(parser.scripts[0])
    assert data[0]["caption"] == f"Caption {EVIL} & “quotes” 'single'"
    assert "<" not in parser.scripts[0]  # |tojson escapes <, > and & inside the blob
    imgs = [attrs for tag, attrs in parser.tags if tag == "img" and attrs.get("src")]
    assert imgs[0]["alt"] == f"Caption {EVIL} & “quotes” 'single'"  # alt from the caption
    assert all(not (a.get("onerror")) for _t, a in parser.tags)


def test_page_is_self_contained(sources: Sources, tmp_path: Path) -> None:
    page = _export_evil(sources, tmp_path, lang="de", title="Zürich <b>Bilder</b>")
    assert page.startswith("<!doctype html>")
    assert '<html lang="de">' in page
    assert "<title>Zürich &lt;b&gt;Bilder&lt;/b&gt;</title>" in page
    parser = _Collector()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value and value != "#gallery":
                assert re.match(r"^(images|thumbs)/[a-z0-9-]+\.jpg$", value), (tag, value)
        assert tag not in ("link", "iframe", "object", "embed", "base")
    assert not re.search(r"https?:", page)  # no URL of any kind to fetch
    for network in ("url(", "@import", "fetch(", "XMLHttpRequest", "WebSocket"):
        assert network not in page
    csp = next(
        a["content"] for t, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_page_lists_every_photo_with_its_credit(exported, sources: Sources) -> None:
    out, _ = exported
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count('class="thumb"') == 4
    assert '<span class="credit">REUTERS/Anna Müller</span>' in page
    assert "(Photo: " in page


def test_theme_dir_overrides_and_extends_default(sources: Sources, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "gallery.css").write_text(
        '{% include "!default/gallery.css" %}\nbody { --brand: #123456; }\n', encoding="utf-8"
    )
    run_export(
        sources.items[:1],
        tmp_path / "g",
        ExportOptions(size=200, thumb_size=100, workers=1, theme_dir=theme),
    )
    page = (tmp_path / "g" / "index.html").read_text(encoding="utf-8")
    assert "--brand: #123456" in page and ".lightbox-controls" in page  # theme + inherited


def test_broken_theme_is_an_export_error(sources: Sources, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "index.html.j2").write_text("{{ no_such_variable }}", encoding="utf-8")
    options = ExportOptions(size=200, thumb_size=100, workers=1, theme_dir=theme)
    with pytest.raises(ExportError, match="theme"):
        run_export(sources.items[:1], tmp_path / "g", options)
    assert not (tmp_path / "g").exists()
