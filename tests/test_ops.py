"""The operations bridge: work on a worker thread, results and typed failures back on the
UI thread, the one "database unreachable" decision, coalesced reads."""

from __future__ import annotations

import sqlite3
import threading
import time

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from db.engine import DatabaseBusy, DatabaseUnavailable
from db.errors import QueueError
from ui.ops import Failure, FailureKind, Operations, Refresher, is_unreachable


def test_work_runs_on_a_worker_and_comes_back_on_the_ui_thread(qtbot: QtBot) -> None:
    ops = Operations()
    ui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = QThread.currentThread()
        return 42

    def done(result: int) -> None:
        seen["callback"] = QThread.currentThread()
        seen["result"] = result

    with qtbot.waitSignal(ops.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        assert ops.run(work, done)
        assert ops.busy
    assert seen["result"] == 42
    assert seen["callback"] is ui and seen["worker"] is not ui
    assert not ops.busy


def test_failures_are_typed(qtbot: QtBot) -> None:
    unreachable = OperationalError("SELECT 1", {}, sqlite3.OperationalError("unable to open"))
    cases = [
        (QueueError("Nobody is waiting."), FailureKind.REFUSED),
        (DatabaseBusy("locked"), FailureKind.BUSY),
        (unreachable, FailureKind.UNREACHABLE),
        (DatabaseUnavailable("server away"), FailureKind.UNREACHABLE),
        (ConnectionError("LISTEN connection lost"), FailureKind.UNREACHABLE),
        (ValueError("a bug"), FailureKind.OTHER),
    ]
    ops = Operations()
    got: list[Failure] = []
    for error, _ in cases:

        def fail(error: BaseException = error) -> None:
            raise error

        ops.run(fail, lambda _r: None, got.append)
    qtbot.waitUntil(lambda: len(got) == len(cases), timeout=5000)
    assert [(f.error, f.kind) for f in got] == cases
    assert is_unreachable(unreachable) and not is_unreachable(DatabaseBusy("locked"))


def test_reachable_follows_unreachable_failures_and_the_next_success(qtbot: QtBot) -> None:
    ops = Operations()
    flips: list[bool] = []
    ops.reachable_changed.connect(flips.append)

    def away() -> None:
        raise DatabaseUnavailable("server away")

    def busy() -> None:
        raise DatabaseBusy("locked")

    ops.run(away, None, lambda _f: None)
    qtbot.waitUntil(lambda: flips == [False], timeout=5000)
    ops.run(busy, None, lambda _f: None)  # busy is not "back"
    ops.run(lambda: 1)
    qtbot.waitUntil(lambda: not ops.busy, timeout=5000)
    assert flips == [False, True] and ops.reachable


def test_one_thread_keeps_submission_order(qtbot: QtBot) -> None:
    ops = Operations()
    order: list[int] = []
    for i in range(20):
        ops.run(lambda i=i: (time.sleep(0.001 * (i % 3)), i)[1], order.append)
    qtbot.waitUntil(lambda: len(order) == 20, timeout=5000)
    assert order == list(range(20))


def test_shutdown_drops_callbacks_and_refuses_new_work(qtbot: QtBot) -> None:
    ops = Operations()
    release = threading.Event()
    called: list[object] = []
    ops.run(release.wait, called.append)
    ops.run(lambda: "queued", called.append)
    release.set()
    ops.shutdown()
    assert not ops.run(lambda: "late", called.append)
    qtbot.wait(100)
    assert called == []


def test_a_refresher_never_runs_twice_at_once(qtbot: QtBot) -> None:
    ops = Operations(threads=4)
    running = [0]
    peak = [0]
    applied: list[int] = []
    lock = threading.Lock()

    def query() -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return len(applied)

    reads = Refresher(ops, query, applied.append)
    for _ in range(10):
        reads.request()
    qtbot.waitUntil(lambda: not reads.running and not ops.busy, timeout=5000)
    assert peak[0] == 1
    assert reads.loads == 2  # the first read, then one more for the nine asked meanwhile
