"""The one way the GUI runs slow work: a QRunnable per call on a QThreadPool, results by signal.

A worker runs a plain function or drives a use-case generator (yielding Progress) and reports
back through queued signals, so results always arrive on the GUI thread; no worker ever touches
a widget. Cancelling sets the task's CancelToken, which use cases poll.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.core.progress import Cancelled, CancelToken, Progress

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Lives on the GUI thread; emitted from the worker, delivered queued to GUI-thread slots."""

    progress = Signal(object)  # Progress
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception
    done = Signal()  # after finished or failed: lets the runner forget the task


class TaskCallbacks(QObject):
    """The caller's callbacks as slots of a QObject made on the GUI thread.

    A signal connected to a bare Python callable is delivered by PySide's shared receiver, whose
    thread is not ours to choose; connected to a slot of this object, a signal emitted in a worker
    is always queued to the GUI thread, so callbacks never run in a worker.
    """

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[Progress], None] | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self.on_ended: Callable[[], None] | None = None

    @Slot(object)
    def finished(self, result: Any) -> None:
        if self._on_done is not None:
            self._on_done(result)

    @Slot(object)
    def failed(self, exc: BaseException) -> None:
        self._on_error(exc)

    @Slot()
    def ended(self) -> None:
        if self.on_ended is not None:
            self.on_ended()

    @Slot(object)
    def progress(self, event: Progress) -> None:
        if self._on_progress is not None:
            self._on_progress(event)


class Task(QRunnable):
    """One call of `fn(*args, cancel=token?)`; a generator result is driven to its end."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], pass_cancel: bool) -> None:
        super().__init__()
        # Deleted by Python, not by the pool: the runner holds it until `done`, so a late
        # cancel() never reaches a freed object.
        self.setAutoDelete(False)
        self.fn = fn
        self.args = args
        self.pass_cancel = pass_cancel
        self.cancel_token = CancelToken()
        self.signals = TaskSignals()
        self.callbacks: TaskCallbacks | None = None  # set by the runner, kept alive with the task

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:
        signals = self.signals
        try:
            kwargs = {"cancel": self.cancel_token} if self.pass_cancel else {}
            result = self.fn(*self.args, **kwargs)
            if isinstance(result, Generator):
                result = self._drive(result)
            if self.cancel_token.cancelled:
                raise Cancelled()
        except Exception as exc:  # handed to the GUI, which decides what a user sees
            if not isinstance(exc, Cancelled):
                log.debug("task %s failed:\n%s", self.fn, traceback.format_exc())
            signals.failed.emit(exc)
        else:
            signals.finished.emit(result)
        signals.done.emit()

    def _drive(self, gen: Generator[Progress, None, Any]) -> Any:
        try:
            while True:
                self.cancel_token.raise_if_cancelled()
                try:
                    event = next(gen)
                except StopIteration as stop:
                    return stop.value
                self.signals.progress.emit(event)
        finally:
            # A use case stopped between two events (cancelled here, or failed) cleans up now,
            # in this worker, before `failed` is sent: not later, on whatever thread collects
            # the generator. So a cancelled import has discarded its batch when the GUI hears.
            gen.close()


class TaskRunner(QObject):
    """Submits tasks to a thread pool and counts what is running (for the status bar)."""

    busy_changed = Signal(int)  # number of tasks under way

    def __init__(self, max_threads: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()
        self._alive: set[Task] = set()

    @property
    def running(self) -> int:
        return len(self._running)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        pass_cancel: bool = False,
        track: bool = True,
        priority: int = 0,
    ) -> Task:
        """Run `fn(*args)` in a worker; callbacks run on the GUI thread. `track=False` keeps
        small, frequent jobs (thumbnails) out of the busy count; a higher `priority` runs
        before queued lower ones (a search before thumbnails)."""
        task = Task(fn, args, pass_cancel)
        # Both objects are made here, on the GUI thread: emissions from the worker are queued
        # to the callbacks' slots, which run on the GUI thread.
        # Owned by the runner: when the window (and so the runner) is destroyed with a task still
        # running, the callbacks go with it and a late result is dropped by Qt instead of
        # reaching views that no longer exist.
        task.callbacks = TaskCallbacks(
            on_done, on_error or self._log_failure, on_progress, parent=self
        )
        task.signals.finished.connect(task.callbacks.finished)
        task.signals.failed.connect(task.callbacks.failed)
        task.signals.progress.connect(task.callbacks.progress)
        # Keep the Python wrapper (and its signals) alive until the task ends.
        self._alive.add(task)
        task.callbacks.on_ended = lambda: self._forget(task)
        task.signals.done.connect(task.callbacks.ended)
        if track:
            self._running.add(task)
            self.busy_changed.emit(len(self._running))
        self.pool.start(task, priority)
        return task

    def _forget(self, task: Task) -> None:
        self._alive.discard(task)
        if task.callbacks is not None:
            task.callbacks.deleteLater()  # after the signals already queued to it
        if task in self._running:
            self._running.discard(task)
            self.busy_changed.emit(len(self._running))

    @staticmethod
    def _log_failure(exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            log.warning("background task failed: %s", exc)

    def cancel_all(self) -> None:
        for task in list(self._alive):
            task.cancel()

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for the workers (at shutdown, so none outlives the library it reads)."""
        self.cancel_all()
        self.pool.clear()
        return self.pool.waitForDone(msecs)
