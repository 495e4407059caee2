"""Running a use case: a generator that yields Progress and returns its result."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TypeVar

from desktop.core.progress import Progress

T = TypeVar("T")

UseCase = Generator[Progress, None, T]


def run(use_case: UseCase[T], on_progress: Callable[[Progress], None] | None = None) -> T:
    """Drive a use case to its end, handing each progress event to `on_progress`."""
    while True:
        try:
            event = next(use_case)
        except StopIteration as stop:
            return stop.value
        if on_progress is not None:
            on_progress(event)
