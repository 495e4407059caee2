"""Progress events and the cancel token that every long use case shares with the CLI and the GUI.

A use case is a generator that yields `Progress` events and checks a `CancelToken`; the CLI prints
the events, the GUI's task runner turns them into signals. Neither the core nor the services know
which one is listening.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


class Cancelled(Exception):
    """Raised inside a use case when its token was cancelled; the use case rolls back first."""


class CancelToken:
    """A thread-safe flag that a GUI button or a signal handler sets and a worker polls."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


@dataclass(frozen=True)
class Progress:
    """One step of long work: `done` of `total` units (files, captions), with the current item."""

    stage: str
    done: int
    total: int | None = None
    current: str | None = None
    bytes_done: int = 0
    bytes_total: int | None = None
    message: str | None = None


@dataclass(frozen=True)
class Rejected:
    """An input that was refused, with the reason a user can act on; the batch goes on."""

    path: str
    reason: str
    line: int | None = None

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass
class Outcome:
    """What a finished use case reports: counts, rejects and anything else worth a line."""

    counts: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[Rejected] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)
