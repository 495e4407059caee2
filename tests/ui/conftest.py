"""GUI test set-up: a real library imported from generated JPEGs (with XMP captions, credits and
keywords), copied fresh for each test, and the real main window driven offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything loads Qt

import sqlite3
from contextlib import closing
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PIL import Image, ImageDraw

# (file name, caption, credit, byline, keywords, size)
PHOTOS = [
    (
        "soyuz-launch.jpg",
        "The Soyuz TMA-11M spacecraft blasts off from the launch pad at the Baikonur cosmodrome.",
        "REUTERS",
        None,
        ("space", "olympics"),
        (640, 427),
    ),
    (
        "iss-crew.jpg",
        "International Space Station crew members are seen in the capsule of the Soyuz rocket.",
        "REUTERS",
        None,
        ("space",),
        (600, 400),
    ),
    (
        "crew-wave.jpg",
        "Koichi Wakata, Mikhail Tyurin and Rick Mastracchio wave before the blast off.",
        "REUTERS",
        None,
        ("astronauts", "space"),
        (400, 600),
    ),
    (
        "white-house.jpg",
        "President Barack Obama speaks in the East Room of the White House.",
        "AP Photo/Evan Vucci",
        "Evan Vucci",
        ("politics",),
        (720, 480),
    ),
    (
        "press-room.jpg",
        "Reporters wait for the briefing in the press room.",
        "AP Photo/Evan Vucci",
        "Evan Vucci",
        (),
        (500, 500),
    ),
    (
        "torch.jpg",
        "The Olympic torch on the launch pad at dawn.",
        None,
        None,
        ("olympics",),
        (800, 533),
    ),
]

XMP = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
{credit}{byline}<dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


def write_photo(path: Path, index: int, caption, credit, byline, keywords, size) -> None:
    w, h = size
    im = Image.new("RGB", size)
    draw = ImageDraw.Draw(im)
    top, bottom = (30 + 30 * index, 60, 160), (240, 140 + 15 * index, 60)
    for y in range(h):
        t = y / h
        draw.line(
            [(0, y), (w, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    xmp = XMP.format(
        caption=escape(caption),
        credit=f"<photoshop:Credit>{escape(credit)}</photoshop:Credit>" if credit else "",
        byline=f"<dc:creator><rdf:Seq><rdf:li>{escape(byline)}</rdf:li></rdf:Seq></dc:creator>"
        if byline
        else "",
        keywords="".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in keywords),
    )
    im.save(path, quality=85, xmp=xmp.encode())


@pytest.fixture(scope="session")
def template_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Imported once per session through the real image import; tests get copies."""
    from desktop.services import browse
    from desktop.services.import_images import import_images
    from desktop.services.library import open_library
    from desktop.services.tasks import run

    root = tmp_path_factory.mktemp("ui-photos")
    os.environ["CAPTION_DESK_CACHE"] = str(root / "cache")
    images = root / "images"
    images.mkdir()
    for i, (name, caption, credit, byline, keywords, size) in enumerate(PHOTOS):
        write_photo(images / name, i, caption, credit, byline, keywords, size)
    path = root / "template.sqlite"
    lib = open_library(str(path))
    try:
        outcome = run(import_images(lib, [str(images)], workers=1))
        assert outcome.counts["added"] == len(PHOTOS), outcome
        by_name = {s.file_name: s for s in browse.list_photos(lib)}
        assert by_name["white-house.jpg"].credit == "AP Photo/Evan Vucci"
        assert by_name["torch.jpg"].credit is None
    finally:
        lib.close()
    return path


@pytest.fixture
def lib(template_library: Path, tmp_path: Path):
    from desktop.services.library import open_library

    dest = tmp_path / "lib.sqlite"
    with closing(sqlite3.connect(template_library)) as src, closing(sqlite3.connect(dest)) as dst:
        src.backup(dst)
    library = open_library(str(dest))
    yield library
    library.close()


@pytest.fixture
def photo_ids(lib) -> dict[str, int]:
    from desktop.services import browse

    return {s.file_name: s.id for s in browse.list_photos(lib)}


@pytest.fixture
def window(qtbot, lib):
    """The real main window on a fresh library, shown, with its first load finished."""
    from desktop.ui.app import build_window, make_application

    make_application()
    win = build_window(lib, settings=None)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.start()
    qtbot.waitUntil(lambda: win.ids_ready and win.sidebar_ready, timeout=5000)
    yield win
    win.runner.wait(5000)


@pytest.fixture
def select(window, photo_ids):
    """select("a.jpg", "b.jpg"): select those photos in the grid, as a click and Ctrl+clicks do."""

    def select_names(*names: str) -> None:
        window.select_rows([window.grid_model.row_of(photo_ids[n]) for n in names])

    return select_names
