"""The task runner: work off the GUI thread, progress and results back on it, cancel honoured."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desktop.core.progress import Cancelled, Progress
from desktop.ui.tasks import TaskRunner


def counting_use_case(n: int, cancel=None):
    for i in range(n):
        if cancel is not None:
            cancel.raise_if_cancelled()
        yield Progress("counting", i + 1, n)
    return {"counted": n, "thread": threading.get_ident()}


def test_generator_progress_and_result_arrive_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    gui = QThread.currentThread()
    seen: list[tuple[int, bool]] = []
    results: list[dict] = []
    runner.submit(
        counting_use_case,
        5,
        on_progress=lambda p: seen.append((p.done, QThread.currentThread() is gui)),
        on_done=lambda r: results.append(r),
        pass_cancel=True,
    )
    qtbot.waitUntil(lambda: bool(results))
    assert [d for d, _ in seen] == [1, 2, 3, 4, 5]
    assert all(on_gui for _, on_gui in seen)
    assert results[0]["counted"] == 5
    assert results[0]["thread"] != threading.get_ident()  # the work ran in a worker
    qtbot.waitUntil(lambda: runner.running == 0)


def test_failures_and_cancellation_are_reported(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []
    runner.submit(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError)

    gate = threading.Event()

    def slow(cancel=None):
        yield Progress("waiting", 0)
        gate.wait(5)
        yield Progress("after", 1)
        return "finished anyway"

    done: list[object] = []
    task = runner.submit(slow, on_done=done.append, on_error=done.append, pass_cancel=True)
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: bool(done))
    assert isinstance(done[0], Cancelled)
    assert runner.wait(2000)
