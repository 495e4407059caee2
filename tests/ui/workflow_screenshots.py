"""Renders the workflow screenshots (import preview, caption review, export dialog) offscreen on
a demo library made from the UI tests' generated photos and the shared sample dump.

    .venv/bin/python tests/ui/workflow_screenshots.py [DEMO_DIR]   # default /tmp/demo

The demo library is left at DEMO_DIR/lib.sqlite, for `caption-desk --library ... gui --screenshot`.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SAMPLE = REPO.parent / "shared" / "samples" / "wp-caption-dump.txt"
OUT = REPO / "resources" / "screenshots"


def wait(app, condition, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def settle(app, window, seconds: float = 0.3) -> None:
    """Paint (which asks for thumbnails), wait for them, paint again."""
    window.grab()
    wait(app, lambda: window.thumbs.pending == 0)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def build_demo(demo: Path) -> Path:
    sys.path.insert(0, str(HERE))
    from conftest import PHOTOS, write_photo  # the UI tests' photos: captions, credits, tags

    from desktop.services.import_images import import_images
    from desktop.services.library import open_library
    from desktop.services.tasks import run

    shutil.rmtree(demo, ignore_errors=True)
    images = demo / "photos" / "soyuz-launch"
    images.mkdir(parents=True)
    for i, (name, caption, credit, byline, keywords, size) in enumerate(PHOTOS):
        write_photo(images / name, i, caption, credit, byline, keywords, size)
    path = demo / "lib.sqlite"
    with open_library(str(path)) as lib:
        run(import_images(lib, [str(images)], workers=1))
    return path


def main(argv: list[str]) -> int:
    demo = Path(argv[1]) if len(argv) > 1 else Path("/tmp/demo")
    os.environ.setdefault("CAPTION_DESK_CACHE", str(demo / "cache"))
    if not SAMPLE.is_file():
        print(f"the shared sample dump is missing: {SAMPLE}", file=sys.stderr)
        return 1
    library = build_demo(demo)

    from desktop.services import browse, review
    from desktop.services.library import open_library
    from desktop.services.tasks import run
    from desktop.ui.app import build_window, make_application
    from desktop.ui.library_sidebar import LibraryView

    app = make_application()
    lib = open_library(str(library))
    window = build_window(lib, None)
    window.resize(1400, 900)
    window.show()
    window.start()
    wait(app, lambda: window.ids_ready and window.sidebar_ready)
    settle(app, window)
    OUT.mkdir(parents=True, exist_ok=True)

    # 1. The preview of the sample dump, before anything is written.
    flow = window.workflows.import_dump
    flow.start(SAMPLE)
    wait(app, lambda: flow.preview_dialog is not None)
    dialog = flow.preview_dialog
    dialog.resize(1280, 560)
    dialog.table.resizeRowsToContents()
    settle(app, window)
    dialog.grab().save(str(OUT / "import-preview.png"))
    # Import four of them without a photo, to have captions waiting for review.
    preview = dialog.model.preview
    dialog.reject()
    choices = {i.index: (None if n < 4 else "skip") for n, i in enumerate(preview.items)}
    run(review.import_dump_selection(lib, preview, choices))

    # 2. The caption review: waiting captions, suggestions, the grid below.
    window.refresh_all()
    window.show_view(LibraryView("Unmatched captions", unmatched_captions=True))
    wait(app, lambda: window.review.loaded and window.review.suggestions_ready)
    settle(app, window, 0.6)
    window.grab().save(str(OUT / "caption-review.png"))

    # 3. The export dialog, for a gallery made from three photos.
    window.show_all_photos()
    wait(app, lambda: len(window.grid_model.ids) == 6)
    ids = [s.id for s in browse.list_photos(lib) if "soyuz" in s.file_name or "crew" in s.file_name]
    window.select_rows([window.grid_model.row_of(i) for i in ids])
    window.workflows.ask_gallery_name = lambda count: "Soyuz launch"
    window.workflows.new_gallery_from_selection()
    export = window.workflows.open_export()
    export.folder_edit.setText(str(Path.home() / "galleries" / "soyuz-launch"))
    export.use_selection.setChecked(True)
    export.resize(640, export.sizeHint().height())
    settle(app, window)
    export.grab().save(str(OUT / "export-dialog.png"))
    export.reject()

    window.runner.wait()
    window.close()
    lib.close()
    print(
        f"wrote {OUT}/{{import-preview,caption-review,export-dialog}}.png; demo library {library}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
