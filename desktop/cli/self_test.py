"""`caption-desk --self-test`: proves an installation works end to end, in a throw-away folder.

Run after installing a wheel or unpacking the frozen app (and by packaging/check_bundle.sh): it
creates a temporary library (so the Alembic migrations load), imports the bundled sample photo
(worker processes, metadata readers) and sample dump (parsers, matching), exports a one-photo
gallery (Jinja2 theme, Pillow encoder) and loads Qt offscreen. One `ok:` line per step on
stderr; the first failure is printed with its step and reason, and the exit status is 1.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop import __version__
from desktop.cli.output import say
from desktop.core.resources import resource_path, resources_dir
from desktop.services.library import ENV_CACHE, Library

SAMPLE_IMAGE = "self-test.jpg"
SAMPLE_DUMP = "self-test-dump.txt"


class SelfTestFailure(Exception):
    """A step ran but its result was wrong: the message says what was expected."""


@dataclass
class _Run:
    """What the steps share: the scratch folder and the library once it is open."""

    root: Path
    library: Library | None = None
    photo_id: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def lib(self) -> Library:
        if self.library is None:
            raise SelfTestFailure("the library is not open (an earlier step failed)")
        return self.library


def _install_kind() -> str:
    if getattr(sys, "frozen", False):
        return "frozen app"
    if resources_dir().parent.name == "desktop":
        return "installed package"
    return "source checkout"


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def step_resources(run: _Run) -> str:
    for name in (SAMPLE_IMAGE, SAMPLE_DUMP):
        _expect(resource_path("samples", name).is_file(), f"missing sample {name}")
    for parts in (("credits.toml",), ("themes", "default", "index.html.j2")):
        _expect(resource_path(*parts).is_file(), f"missing resource {'/'.join(parts)}")
    return f"caption-desk {__version__} ({_install_kind()}), resources in {resources_dir()}"


def step_open_library(run: _Run) -> str:
    from desktop.services.library import open_library

    location = run.root / "library.sqlite"
    run.library = open_library(str(location))
    _expect(location.is_file(), f"no library file at {location}")
    return f"created and migrated a library at {location}"


def step_import_images(run: _Run) -> str:
    from desktop.services.import_images import import_images
    from desktop.services.tasks import run as drive

    photos = run.root / "photos"
    photos.mkdir()
    shutil.copy2(resource_path("samples", SAMPLE_IMAGE), photos / SAMPLE_IMAGE)
    # Two workers, not one per CPU: enough to go through the process pool (the part a frozen
    # app most often gets wrong) without starting a worker per core for one file.
    started = time.monotonic()
    outcome = drive(import_images(run.lib, [photos], workers=2))
    _expect(not outcome.rejected, "rejected: " + "; ".join(r.describe() for r in outcome.rejected))
    _expect(outcome.counts.get("added") == 1, f"expected 1 photo added, got {outcome.counts}")
    from desktop.services.browse import list_photos

    (photo,) = list_photos(run.lib)
    run.photo_id = photo.id
    _expect(bool(photo.caption), "the sample photo's embedded caption was not read")
    _expect(bool(photo.credit), "the sample photo's embedded credit was not read")
    elapsed = time.monotonic() - started
    return (
        f"imported {SAMPLE_IMAGE} in worker processes ({elapsed:.1f} s): "
        f"{photo.width}x{photo.height}, credit {photo.credit!r}"
    )


def step_import_dump(run: _Run) -> str:
    from desktop.services.import_dump import import_dump
    from desktop.services.tasks import run as drive

    outcome = drive(import_dump(run.lib, resource_path("samples", SAMPLE_DUMP)))
    _expect(not outcome.rejected, "rejected: " + "; ".join(r.describe() for r in outcome.rejected))
    counts = outcome.counts
    _expect(counts.get("parsed") == 2, f"expected 2 captions parsed, got {counts}")
    _expect(counts.get("matched") == 1, f"expected 1 caption matched to the photo, got {counts}")
    return f"parsed {counts['parsed']} captions from {SAMPLE_DUMP}, matched {counts['matched']}"


def step_export(run: _Run) -> str:
    from desktop.services.export import ExportRequest, export_gallery
    from desktop.services.tasks import run as drive

    out = run.root / "gallery"
    ids = [run.photo_id] if run.photo_id is not None else None
    request = ExportRequest(out_dir=out, photo_ids=ids, size=320, thumb_size=120)
    outcome = drive(export_gallery(run.lib, request))
    _expect(not outcome.rejected, "rejected: " + "; ".join(r.describe() for r in outcome.rejected))
    _expect((out / "index.html").is_file(), "no index.html")
    images = sorted((out / "images").glob("*.jpg")) if (out / "images").is_dir() else []
    _expect(len(images) == 1, f"expected 1 image in images/, found {len(images)}")
    entries = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    _expect(len(entries) == 1, f"expected 1 entry in captions.json, found {len(entries)}")
    _expect(bool(entries[0].get("caption")), "the exported caption is empty")
    return f"exported a gallery: index.html, images/{images[0].name}, captions.json (1 entry)"


def step_qt(run: _Run) -> str:
    # Loaded by name, like the GUI: the CLI never imports Qt itself (see the layering contract).
    self_check = importlib.import_module("desktop.ui.self_check")
    return self_check.check_qt(resource_path("samples", SAMPLE_IMAGE))


STEPS: list[tuple[str, Callable[[_Run], str]]] = [
    ("resources", step_resources),
    ("library", step_open_library),
    ("import-images", step_import_images),
    ("import-dump", step_import_dump),
    ("export", step_export),
    ("qt", step_qt),
]


@contextmanager
def _scratch_environment(root: Path) -> Iterator[None]:
    """Point the thumbnail cache into the scratch folder, so nothing of the user's is touched."""
    saved = os.environ.get(ENV_CACHE)
    os.environ[ENV_CACHE] = str(root / "cache")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(ENV_CACHE, None)
        else:
            os.environ[ENV_CACHE] = saved


def run_self_test() -> int:
    """Run every step in a temporary folder; 0 if all passed, 1 at the first failure."""
    started = time.monotonic()
    # ignore_cleanup_errors: on Windows a worker may still hold a file for a moment.
    with tempfile.TemporaryDirectory(
        prefix="caption-desk-self-test-", ignore_cleanup_errors=True
    ) as tmp:
        run = _Run(root=Path(tmp))
        try:
            with _scratch_environment(run.root):
                for name, step in STEPS:
                    try:
                        detail = step(run)
                    except Exception as exc:
                        reason = str(exc) if isinstance(exc, SelfTestFailure) else repr(exc)
                        say(f"FAILED: {name}: {reason}")
                        say("self-test failed")
                        return 1
                    say(f"ok: {name}: {detail}")
        finally:
            if run.library is not None:
                run.library.close()
    say(f"ok: self-test passed in {time.monotonic() - started:.1f} s")
    return 0
