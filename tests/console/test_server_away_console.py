"""The console loses its PostgreSQL server: a clear "database unreachable — reconnecting"
banner, a plain sentence for the step that failed, and recovery by itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from admin_console.tasks import unreachable_text
from db.context import QueueContext
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from tests.conftest import KIOSK
from tests.console.conftest import LEFT, MakeConsole, button, child, log_in
from tests.kiosk.test_server_away_kiosk import running
from tests.postgres import PostgresServer
from tests.test_server_away import assert_consistent, away_server, fresh_database

__all__ = ["away_server"]  # the module's own server, a fixture

AWAY_MS = 15_000


@pytest.fixture
def db_url(away_server: PostgresServer) -> Iterator[str]:
    yield fresh_database(away_server)
    if not running(away_server):
        away_server.start_server()


def test_console_shows_the_server_away_and_recovers(
    qtbot: QtBot,
    ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
    away_server: PostgresServer,
) -> None:
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    window = make_console(ctx, reconnect_ms=200)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    qtbot.waitUntil(lambda: [e.number for e in view.queue.line] == [first.number])
    banner = child(window, QLabel, "dbBanner")
    assert not banner.isVisible()

    away_server.stop_server()
    qtbot.waitUntil(banner.isVisible, timeout=AWAY_MS)  # the watcher noticed by itself
    assert "Database unreachable" in banner.text() and "reconnecting" in banner.text()
    qtbot.waitUntil(lambda: not view.busy, timeout=AWAY_MS)
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.message.text() == unreachable_text(), timeout=AWAY_MS)
    assert view.message.kind == "error"

    away_server.start_server()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=AWAY_MS)
    assert window.message.kind == "info"
    qtbot.waitUntil(lambda: not view.busy, timeout=AWAY_MS)
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(
        lambda: view.current is not None and view.current.number == first.number,
        timeout=AWAY_MS,
    )
    assert assert_consistent(ctx) == [first.number]
