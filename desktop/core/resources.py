"""Where runtime assets (credit lists, gallery themes, icons) live, for a checkout, a wheel and a frozen app alike."""

from __future__ import annotations

import sys
from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The `resources/` folder: packaged as `desktop/_resources` in a wheel or frozen app,
    the top-level folder in a checkout."""
    packaged = Path(str(files("desktop"))) / "_resources"
    if packaged.is_dir():
        return packaged
    frozen = Path(getattr(sys, "_MEIPASS", "")) / "desktop" / "_resources"
    if frozen.is_dir():
        return frozen
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
