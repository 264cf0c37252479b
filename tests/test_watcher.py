from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from db.changes import EVERYTHING, Change
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.ops.calling import call_next
from db.ops.issuing import issue_ticket
from db.ops.printjobs import heartbeat
from db.read.calling_display import DisplayScope
from display.feed import SHOWN, CallFeed
from tests.conftest import KIOSK, MORNING, OFFICER, env_without_loket, make_settings
from tests.postgres import PostgresServer, queue_database
from ui.watcher import QueueWatcher


def test_commit_by_another_program_is_noticed(qtbot: QtBot, ctx: QueueContext) -> None:
    watcher = QueueWatcher(ctx.settings.database_url, poll_ms=20)
    watcher.start()
    try:
        with qtbot.assertNotEmitted(watcher.changed, wait=300):
            pass
        script = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute(\"UPDATE counters SET name = 'Loket Satu' WHERE number = 1\"); c.commit()"
        )
        path = ctx.settings.database_url.removeprefix("sqlite:///")
        env = env_without_loket()
        with qtbot.waitSignal(watcher.changed, timeout=2000):
            subprocess.run([sys.executable, "-c", script, path], check=True, env=env)
        # And a queue operation in this process (its own connection) is noticed too.
        with qtbot.waitSignal(watcher.changed, timeout=2000):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
    finally:
        watcher.stop()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgres_notifications_reach_the_watcher(qtbot: QtBot, ctx: QueueContext) -> None:
    watcher = QueueWatcher(ctx.settings.database_url)
    watcher.start()
    try:
        with qtbot.assertNotEmitted(watcher.changed, wait=300):
            pass
        with qtbot.waitSignal(watcher.changed, timeout=2000):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
    finally:
        watcher.stop()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgres_notifications_say_what_changed(qtbot: QtBot, ctx: QueueContext) -> None:
    watcher = QueueWatcher(ctx.settings.database_url)
    watcher.start()
    day = MORNING.date()
    try:
        qtbot.waitUntil(lambda: watcher.listening, timeout=10_000)
        with qtbot.waitSignal(watcher.changed_what, timeout=2000) as got:
            ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
        issued = got.args[0]
        assert issued.days == {day}
        assert "tickets" in issued.kinds and "calls" not in issued.kinds
        with qtbot.waitSignal(watcher.changed_what, timeout=2000) as got:
            call_next(ctx, OFFICER, 2)
        assert got.args[0].days == {day} and "calls" in got.args[0].kinds
        with qtbot.waitSignal(watcher.changed_what, timeout=2000) as got:
            heartbeat(
                ctx,
                KIOSK,
                "kiosk-1",
                printer_online=True,
                paper="ok",
                cover_open=False,
                scanner="ok",
            )
        beat = got.args[0]
        assert "devices" in beat.kinds and not beat.touches(SHOWN)
        assert ticket.number
    finally:
        watcher.stop()


def test_the_display_reads_nothing_for_a_heartbeat(qtbot: QtBot, ctx: QueueContext) -> None:
    feed = CallFeed(ctx, DisplayScope.of(ctx.settings, None), recent=3)
    with qtbot.waitSignal(feed.loaded, timeout=5000):
        feed.start()
    try:
        loads = feed._reads.loads
        feed.watcher.changed_what.emit(Change(frozenset({MORNING.date()}), frozenset({"devices"})))
        feed.watcher.changed_what.emit(Change(None, frozenset({"feedback"})))
        qtbot.wait(200)
        assert feed._reads.loads == loads
        with qtbot.waitSignal(feed.updated, timeout=5000):
            feed.watcher.changed_what.emit(EVERYTHING)  # a SQLite change: kinds unknown
    finally:
        feed.stop()


def test_change_payloads_round_trip() -> None:
    change = Change(frozenset({MORNING.date()}), frozenset({"calls", "tickets"}))
    assert Change.from_payload(change.payload()) == change
    assert Change.from_payload("") == EVERYTHING
    assert Change.from_payload("{not json") == EVERYTHING
    assert change.merge(EVERYTHING) == EVERYTHING
    assert change.touches(["calls"]) and not change.touches(["feedback"])
    assert EVERYTHING.touches(["feedback"]) and EVERYTHING.touches_day(MORNING.date())


def test_watcher_recovers_when_the_server_restarts(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    server = PostgresServer()
    server.start()
    try:
        url = queue_database(server.admin_url, "restart")
        ctx = open_queue(make_settings(url), clock=FixedClock(MORNING))
        watcher = QueueWatcher(url, reconnect_ms=100)
        watcher.start()
        with caplog.at_level(logging.WARNING, logger="ui.watcher"):
            with qtbot.waitSignal(watcher.connection_lost, timeout=10_000):
                server.stop_server()
            with qtbot.waitSignal(watcher.connection_restored, timeout=30_000):
                server.start_server()
        assert "notifications lost" in caplog.text
        # The queue's own pool reconnects too (pre-ping); the next call reaches the display.
        with qtbot.waitSignal(watcher.changed, timeout=5000):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        watcher.stop()
        ctx.db.dispose()
    finally:
        server.stop()
