"""Fixtures for the export tests: the originals, small export options, a finished gallery."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_helpers import Sources, make_sources, run_export

from desktop.core.export import ExportOptions
from desktop.core.progress import Outcome


@pytest.fixture
def sources(tmp_path: Path) -> Sources:
    return make_sources(tmp_path)


@pytest.fixture
def small_options() -> ExportOptions:
    """Small sizes keep the tests fast; one worker keeps them in-process (monkeypatchable)."""
    return ExportOptions(size=600, thumb_size=200, workers=1)


@pytest.fixture
def exported(
    sources: Sources, tmp_path: Path, small_options: ExportOptions
) -> Iterator[tuple[Path, Outcome]]:
    out = tmp_path / "gallery"
    _events, outcome = run_export(sources.items, out, small_options)
    yield out, outcome
