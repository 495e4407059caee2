"""Writing for scripts and people: JSON on stdout, messages and progress on stderr."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from desktop.core.progress import Progress, Rejected


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit status 1."""


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def say(message: str) -> None:
    print(message, file=sys.stderr)


def report_rejected(items: list[Rejected], *, warning: bool = False) -> None:
    for item in items:
        say(f"{'warning' if warning else 'rejected'}: {printable(item.describe())}")


class ProgressPrinter:
    """Progress on stderr: a redrawn line on a terminal, a line every few seconds otherwise."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, event: Progress) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        final = event.total is not None and event.done >= event.total
        if not self.tty and not final and now - self._last < 2.0:
            return
        self._last = now
        total = f"/{event.total}" if event.total is not None else ""
        current = f"  {printable(event.current)}" if event.current else ""
        line = f"{event.stage}: {event.done}{total}{current}"
        if self.tty:
            sys.stderr.write("\r\x1b[2K" + line[:200])
            if final:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.tty and not self.quiet:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}


def printable(text: str | None) -> str:
    """Text safe for a terminal line: control characters in file names or captions (escape
    sequences, newlines) shown as \\xNN instead of acting on the terminal or splitting a row."""
    return (text or "").translate(_CONTROL)
