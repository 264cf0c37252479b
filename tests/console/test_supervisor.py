"""Supervisor pages: role-gated, the dashboard's figures on a scripted day, the devices
banner, quotas; and the idle lock."""

from __future__ import annotations

import json
import math

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from admin_console.common import minutes_text
from config.loader import office_identity
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import NotAllowed
from db.ops import calling
from db.ops.backups import record_backup
from db.ops.issuing import issue_ticket, quotas_today, set_quota
from db.ops.officers import OfficerView
from db.ops.printjobs import heartbeat, request_reprint
from db.read import dashboard
from tests.conftest import ADMIN, KIOSK
from tests.console.conftest import (
    LEFT,
    PASSWORD,
    WAIT_MS,
    MakeConsole,
    button,
    child,
    enter_login,
    log_in,
)


def test_officer_sees_no_supervisor_page_and_the_operations_refuse(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "budi", counter=1)
    assert window.work is not None and window.work.tabs.count() == 1
    for name in ("dashboardPage", "devicesPage", "quotasPage", "ticketsPage", "importPage"):
        assert window.findChild(QWidget, name) is None
    assert not window.picker.supervise.isVisible()
    budi = people["budi"].actor
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(NotAllowed):
        set_quota(ctx, budi, "baru", "walk_in", 5, "more staff")
    with pytest.raises(NotAllowed):
        calling.cancel(ctx, budi, ticket.id, "duplicate")
    with pytest.raises(NotAllowed):
        request_reprint(ctx, budi, ticket.id)


def test_dashboard_figures_of_a_scripted_day(
    qtbot: QtBot,
    ctx: QueueContext,
    other_ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    budi = people["budi"].actor
    start = clock.now()
    issued = {}
    for minute in (0, 2, 4):  # three walk-ins at 09:00, 09:02, 09:04
        clock.set(start.replace(minute=minute))
        issued[issue_ticket(ctx, KIOSK, "baru", "walk_in").number] = clock.now()
    called = {}
    clock.set(start.replace(minute=10))
    t = calling.call_next(ctx, budi, 1)
    called[t.number] = clock.now()
    clock.set(start.replace(minute=15))
    calling.complete(ctx, budi, 1, t.id)
    clock.set(start.replace(minute=20))
    t = calling.call_next(ctx, budi, 1)
    called[t.number] = clock.now()
    clock.set(start.replace(minute=23))
    calling.recall(ctx, budi, 1, t.id)
    calling.no_show(ctx, budi, 1, t.id)
    clock.set(start.replace(minute=31))
    t = calling.call_next(ctx, budi, 1)
    called[t.number] = clock.now()
    calling.start_service(ctx, budi, 1, t.id)
    clock.set(start.replace(minute=40))
    calling.complete(ctx, budi, 1, t.id)
    issue_ticket(ctx, KIOSK, "ganti", "walk_in")  # still waiting

    waits = sorted((called[n] - issued[n]).total_seconds() / 60 for n in called)
    assert waits == [10, 18, 27]
    mean = sum(waits) / len(waits)
    p90 = waits[math.ceil(0.9 * len(waits)) - 1]

    figures = dashboard.dashboard(ctx)
    assert figures.mean_wait_minutes == pytest.approx(mean)
    assert figures.p90_wait_minutes == pytest.approx(p90)
    assert (figures.served, figures.no_shows, figures.waiting_total) == (2, 1, 1)
    assert figures.waiting["ganti"] == 1
    one = figures.counters[0]
    assert (one.number, one.officer, one.served, one.current) == (1, "Budi Santoso", 2, None)

    window = make_console(ctx)
    log_in(qtbot, window, "sari", counter=None)
    page = window.work.dashboard
    assert page is not None
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT_MS)

    def shown(key: str) -> str:
        label = child(page, QLabel, f"figure_{key}")
        assert isinstance(label, QLabel)
        return label.text()

    assert shown("mean_wait") == minutes_text(mean) == "18 min"
    assert shown("p90_wait") == minutes_text(p90) == "27 min"
    assert (shown("served"), shown("no_shows"), shown("waiting")) == ("2", "1", "1")
    assert shown("counters_open") == f"1 / {len(ctx.settings.counters)}"
    assert page.counters_table.item(0, 2).text() == "Budi Santoso"
    assert page.counters_table.item(0, 4).text() == "2"
    # Live: a ticket issued elsewhere shows up without touching the console.
    issue_ticket(other_ctx, KIOSK, "ganti", "walk_in")
    qtbot.waitUntil(lambda: shown("waiting") == "2", timeout=WAIT_MS)


def test_devices_banner_for_a_silent_or_paperless_kiosk(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    beat = dict(printer_online=True, cover_open=False, scanner="ok")
    heartbeat(ctx, KIOSK, "kiosk-1", paper="ok", **beat)
    heartbeat(ctx, KIOSK, "kiosk-2", paper="ok", **beat)
    window = make_console(ctx, silent_minutes=5)
    log_in(qtbot, window, "sari", counter=None)
    page = window.work.devices
    assert page is not None
    window.work.tabs.setCurrentWidget(page)
    # The two kiosks and this console's own heartbeat.
    qtbot.waitUntil(lambda: len(page.kiosks) == 3, timeout=WAIT_MS)
    assert [k.kind for k in page.kiosks] == ["console", "kiosk", "kiosk"]
    assert not page.banner.isVisible()
    clock.advance(minutes=6)
    heartbeat(ctx, KIOSK, "kiosk-1", paper="out", **beat)  # kiosk-2 stays silent
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=WAIT_MS)
    text = page.banner.text()
    assert "kiosk-1: out of paper" in text and "kiosk-2: silent for 6 min" in text
    assert "console" not in text  # a console closed at the end of a shift is no alert
    by_id = {k.kiosk_id: k for k in dashboard.kiosk_status(ctx, 5)}
    assert by_id["kiosk-1"].paper_out and not by_id["kiosk-2"].paper_out


def test_every_pc_says_its_office_and_database_and_a_stray_one_is_flagged(
    qtbot: QtBot,
    ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    own = office_identity(ctx.settings)
    beat = dict(printer_online=True, cover_open=False, scanner="ok", paper="ok")
    heartbeat(ctx, KIOSK, "kiosk-1", detail=json.dumps({"kind": "kiosk", **own}), **beat)
    stray = {"office": "XYZ", "database": "PostgreSQL 10.9.9.9:5432/loket"}
    heartbeat(ctx, KIOSK, "kiosk-2", detail=json.dumps({"kind": "kiosk", **stray}), **beat)
    window = make_console(ctx)
    # The console's status line names its own office and database.
    assert own["database"] in window.about.text() and "JKS" in window.about.text()
    log_in(qtbot, window, "sari", counter=None)
    page = window.work.devices
    assert page is not None
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: len(page.kiosks) == 3 and page.banner.isVisible(), timeout=WAIT_MS)
    rows = {page.table.item(r, 0).text(): r for r in range(page.table.rowCount())}
    assert page.table.item(rows["kiosk-1"], 1).text() == f"JKS · {own['database']}"
    console_row = next(k for k in page.kiosks if k.kind == "console")
    assert (console_row.office, console_row.database) == (own["office"], own["database"])
    assert not console_row.alerts
    text = page.banner.text()
    assert "kiosk-2: settings name another database: PostgreSQL 10.9.9.9:5432/loket" in text
    assert "settings of another office: XYZ" in text
    assert "kiosk-1" not in text


def test_devices_page_says_when_the_last_backup_was_and_if_its_copy_failed(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "sari", counter=None)
    page = window.work.devices
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: "none recorded yet" in page.backups.text(), timeout=WAIT_MS)
    record_backup(
        ctx,
        ADMIN,
        "loket-20261201-090000.backup",
        2_400_000,
        copy_error="copy to /mnt/usb failed: the folder does not exist (not mounted?)",
    )
    page.refresher.request()
    qtbot.waitUntil(lambda: "Last backup: 01-12 09:00" in page.backups.text(), timeout=WAIT_MS)
    text = page.backups.text()
    assert "loket-20261201-090000.backup (2.4 MB)" in text
    assert "backup copy failed: copy to /mnt/usb failed" in text
    assert page.backups.objectName() == "alertBanner"
    clock.advance(minutes=27 * 60)
    record_backup(ctx, ADMIN, "loket-20261202-120000.backup", 2_500_000, copied_to="/mnt/usb")
    page.refresher.request()
    qtbot.waitUntil(lambda: "copied to /mnt/usb" in page.backups.text(), timeout=WAIT_MS)
    assert "Needs attention" not in page.backups.text()
    assert page.backups.objectName() == "backupStatus"


def test_supervisor_sets_a_quota(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "sari", counter=None)
    window.work.tabs.setCurrentWidget(window.findChild(QWidget, "quotasPage"))
    value = child(window, QSpinBox, "quotaValue")
    assert isinstance(value, QSpinBox)
    value.setValue(55)
    qtbot.mouseClick(button(window, "setQuotaButton"), LEFT)  # no reason: refused, plainly
    page = window.findChild(QWidget, "quotasPage")
    qtbot.waitUntil(lambda: page.message.kind == "error", timeout=WAIT_MS)
    assert page.message.text() == "Changing a quota needs a reason."
    child(window, QLineEdit, "quotaReason").setText("two more officers today")
    qtbot.mouseClick(button(window, "setQuotaButton"), LEFT)
    qtbot.waitUntil(lambda: page.message.kind == "info", timeout=WAIT_MS)
    quota = next(q for q in quotas_today(ctx) if q.service == "baru" and q.channel == "walk_in")
    assert quota.quota == 55


def test_idle_console_locks_and_unlocks(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx, lock_ms=500)
    view = log_in(qtbot, window, "budi", counter=3)
    assert view is not None
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=WAIT_MS)
    assert window.locked and window.login.lock_note.isVisible()
    assert child(window, QLineEdit, "usernameEdit").text() == "budi"
    enter_login(qtbot, window, "budi", "not-my-password")
    qtbot.waitUntil(lambda: window.login.message.kind == "error", timeout=WAIT_MS)
    assert window.stack.currentWidget() is window.login
    enter_login(qtbot, window, "budi", PASSWORD)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    assert window.work.counter_view is view  # back where they were
