"""The kiosk loses its PostgreSQL server: out of service (never a generic error), nothing
issued half-way, and back in service by itself once the server returns."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from printer import Emulator
from tests.kiosk.conftest import click, text_of, wait_screen
from tests.postgres import PostgresServer
from tests.test_server_away import assert_consistent, away_server, fresh_database

__all__ = ["away_server"]  # the module's own server, a fixture

AWAY_MS = 15_000


@pytest.fixture
def db_url(away_server: PostgresServer) -> Iterator[str]:
    yield fresh_database(away_server)
    if not running(away_server):  # a failed test must not leave the next without one
        away_server.start_server()


def running(server: PostgresServer) -> bool:
    try:
        psycopg.connect(server.admin_url, connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


def to_confirm(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    wait_screen(qtbot, kiosk, "confirm")


def fast_retry(kiosk: Kiosk) -> list[str]:
    """Retries every 100 ms; returns the screens shown from now on."""
    kiosk.flows.retry_timer.setInterval(100)
    shown: list[str] = []
    kiosk.window.stack.currentChanged.connect(lambda _i: shown.append(kiosk.window.current))
    return shown


def test_issuing_while_the_server_is_away_goes_out_of_service_and_back(
    qtbot: QtBot, kiosk: Kiosk, away_server: PostgresServer, emulator: Emulator
) -> None:
    shown = fast_retry(kiosk)
    wait_screen(qtbot, kiosk, "home")
    to_confirm(qtbot, kiosk)
    away_server.stop_server()
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "out_of_service", timeout=AWAY_MS)
    assert text_of(kiosk, "out_of_service_heading")
    qtbot.wait(400)  # it keeps retrying, calmly: still out of service
    assert kiosk.window.current == "out_of_service"
    assert "message" not in shown  # never a generic error
    away_server.start_server()
    wait_screen(qtbot, kiosk, "home", timeout=AWAY_MS)
    to_confirm(qtbot, kiosk)
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket", timeout=AWAY_MS)
    # Nothing was issued while the server was away: the first ticket is A-001.
    assert text_of(kiosk, "ticket_number") == "A-001"
    assert assert_consistent(kiosk.window.state.ctx) == ["A-001"]
    emulator.wait_for_tickets(1)


def test_an_issue_cut_off_in_flight_left_nothing_behind(
    qtbot: QtBot, kiosk: Kiosk, away_server: PostgresServer
) -> None:
    """The kiosk's transaction is waiting for the queue's writer lock when the server
    stops: the applicant sees the out-of-service screen, and no ticket exists."""
    shown = fast_retry(kiosk)
    wait_screen(qtbot, kiosk, "home")
    to_confirm(qtbot, kiosk)
    url = kiosk.window.state.ctx.settings.database_url.replace("+psycopg", "")
    holder = psycopg.connect(url)
    holder.execute("SELECT pg_advisory_xact_lock(7110)")  # the writers' lock (db/engine.py)
    watcher = psycopg.connect(url, autocommit=True)

    def kiosk_waits_for_the_lock() -> bool:
        row = watcher.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
        return row is not None and row[0] == 1

    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "busy")
    qtbot.waitUntil(kiosk_waits_for_the_lock, timeout=AWAY_MS)
    away_server.stop_server()  # the kiosk's transaction dies in flight
    wait_screen(qtbot, kiosk, "out_of_service", timeout=AWAY_MS)
    holder.close()
    watcher.close()
    away_server.start_server()
    wait_screen(qtbot, kiosk, "home", timeout=AWAY_MS)
    assert "message" not in shown and "ticket" not in shown
    assert assert_consistent(kiosk.window.state.ctx) == []
    to_confirm(qtbot, kiosk)
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket", timeout=AWAY_MS)
    assert text_of(kiosk, "ticket_number") == "A-001"
    assert assert_consistent(kiosk.window.state.ctx) == ["A-001"]
