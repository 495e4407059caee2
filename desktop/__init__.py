"""Caption Desk: a photo-caption manager for newsroom picture desks."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

APP_ID = "io.github.captiondesk.CaptionDesk"
APP_NAME = "Caption Desk"

try:
    __version__ = version("caption-desk")
except PackageNotFoundError:  # a frozen app or a bare checkout
    __version__ = "0.1.0"
