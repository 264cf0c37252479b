"""The audit log page (filters, the hash chain's verdict) and the bookings page (search by
code or name, check-in state, masked names only); both supervisor-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from admin_console.audit_page import AuditPage
from admin_console.bookings_page import BookingsPage
from admin_console.window import ConsoleWindow
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import NotAllowed
from db.ops.audit import list_audit
from db.ops.checkin import check_in_booking
from db.ops.importer import import_bookings
from db.ops.officers import OfficerView
from db.read.bookings import find_bookings
from tests.conftest import KIOSK, SUPERVISOR, booking_sample
from tests.console.conftest import WAIT_MS, MakeConsole, child, log_in
from tests.console.test_officers import shoot

CSV = "antrean_JKS_20261201.csv"


def _open(qtbot: QtBot, window: ConsoleWindow, cls: type[QWidget], name: str) -> QWidget:
    page = window.findChild(cls, name)
    assert isinstance(page, cls)
    assert window.work is not None
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.refresher.loads > 0, timeout=WAIT_MS)  # type: ignore[attr-defined]
    return page


def _after(qtbot: QtBot, change: Callable[[], object], until: Callable[[], bool]) -> None:
    """Do ``change`` and wait until the page shows what it should (a read that was already
    under way may land first)."""
    change()
    qtbot.waitUntil(until, timeout=WAIT_MS)


def _column(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_officers_reach_neither_page_and_the_queries_refuse(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "budi", counter=1)
    for name in ("auditPage", "bookingsPage", "officersPage"):
        assert window.findChild(QWidget, name) is None
    with pytest.raises(NotAllowed):
        list_audit(ctx, people["budi"].actor)
    with pytest.raises(NotAllowed):
        find_bookings(ctx, people["budi"].actor, "MP")


def test_audit_page_filters_and_shows_tampering(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "budi", counter=1)  # a login and counter 1 opened, today
    window.logout()
    log_in(qtbot, window, "sari", counter=None)
    page = _open(qtbot, window, AuditPage, "auditPage")
    assert isinstance(page, AuditPage)
    table = child(page, QTableWidget, "auditTable")
    assert isinstance(table, QTableWidget)
    assert page.data is not None and page.data.check.ok
    assert "intact" in page.chain.text()
    assert {"add_officer", "login", "counter_open"} <= set(page.data.actions)
    assert "budi" in page.data.actors and "sari" in page.data.actors

    action = child(page, QComboBox, "auditAction")
    assert isinstance(action, QComboBox)
    action.setCurrentText("login")
    _after(qtbot, page.apply_filters, lambda: _column(table, 3) == ["login", "login"])
    assert _column(table, 1) == ["sari", "budi"]
    who = child(page, QComboBox, "auditActor")
    assert isinstance(who, QComboBox)
    who.setCurrentText("budi")
    _after(qtbot, page.apply_filters, lambda: _column(table, 1) == ["budi"])
    shoot(window, page, "console-audit")

    day = child(page, QDateEdit, "auditDay")
    assert isinstance(day, QDateEdit)
    _after(qtbot, lambda: day.setDate(QDate(2026, 11, 30)), lambda: table.rowCount() == 0)
    all_days = child(page, QCheckBox, "auditAllDays")
    assert isinstance(all_days, QCheckBox)
    _after(qtbot, lambda: all_days.setChecked(True), lambda: _column(table, 1) == ["budi"])

    # Someone edits a record in the database file: the page says so.
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'nobody' WHERE action = 'add_officer'"))
    _after(qtbot, page.apply_filters, lambda: page.data is not None and not page.data.check.ok)
    assert "tampered" in page.chain.text() and "changed after it was written" in page.chain.text()


def test_bookings_page_search_and_check_in_state(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    import_bookings(ctx, SUPERVISOR, booking_sample(CSV))
    clock.set(clock.now().replace(hour=8, minute=5))
    ticket = check_in_booking(ctx, KIOSK, "MP261201JKS00001")
    window = make_console(ctx)
    log_in(qtbot, window, "sari", counter=None)
    page = _open(qtbot, window, BookingsPage, "bookingsPage")
    assert isinstance(page, BookingsPage)
    table = child(page, QTableWidget, "bookingsTable")
    assert isinstance(table, QTableWidget)
    assert table.rowCount() == 120
    assert page.summary.text() == "120 bookings · 1 checked in"

    search = child(page, QLineEdit, "bookingSearch")
    assert isinstance(search, QLineEdit)
    _after(
        qtbot,
        lambda: search.setText("jks00001"),
        lambda: _column(table, 0) == [ticket.booking_code],
    )
    assert _column(table, 1) == ["DIA*** S***"]
    assert table.item(0, 5).text().startswith("checked in")
    assert table.item(0, 6).text() == f"{ticket.number} (waiting)"

    _after(qtbot, lambda: search.setText("santoso"), lambda: table.rowCount() > 1)
    assert "MP261201JKS00001" in _column(table, 0)
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(7)]
    assert not any("SANTOSO" in cell for cell in cells)  # never the full name
    assert all(name.endswith("S***") for name in _column(table, 1))
    shoot(window, page, "console-bookings")

    day = child(page, QDateEdit, "bookingDay")
    assert isinstance(day, QDateEdit)
    _after(qtbot, lambda: day.setDate(QDate(2026, 12, 2)), lambda: table.rowCount() == 0)
    other = find_bookings(ctx, SUPERVISOR, "", dt.date(2026, 12, 1))
    assert len(other) == 120 and sum(b.checked_in for b in other) == 1
