"""Caption Desk: a photo-caption manager for newsroom picture desks."""

from __future__ import annotations

APP_ID = "io.github.captiondesk.CaptionDesk"
APP_NAME = "Caption Desk"


def __getattr__(name: str) -> str:
    # Looked up on first use: reading the installed metadata takes ~60 ms, which the parser's
    # worker processes (and anything else that imports only the core) need not pay.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("caption-desk")
    except PackageNotFoundError:  # a frozen app or a bare checkout
        value = "0.1.0"
    globals()["__version__"] = value
    return value
