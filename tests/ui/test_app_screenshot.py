"""`caption-desk gui --screenshot FILE`: the composition root renders the window and exits."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from desktop.ui.app import run


def test_screenshot_writes_a_1400x900_png_with_thumbnails(qapp, lib, tmp_path: Path) -> None:
    location = lib.location
    lib.close()  # run() opens the library itself, as the CLI does
    png = tmp_path / "shot.png"
    assert run(library=location, screenshot=str(png)) == 0
    with Image.open(png) as im:
        assert im.format == "PNG"
        assert im.size == (1400, 900)
        # The thumbnails are in: the grid area holds the photos' warm gradient colours, not
        # just the flat greys of placeholders.
        colours = im.convert("RGB").crop((260, 60, 1000, 600)).getcolors(1 << 20)
        saturated = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 60)
        assert saturated > 20_000


def test_a_library_that_cannot_be_opened_fails_with_one_line(qapp, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    assert run(library=str(folder), screenshot=str(tmp_path / "x.png")) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot open the library" in err[0]
    assert not (tmp_path / "x.png").exists()
