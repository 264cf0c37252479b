"""The live queue follows the database: tickets from another program appear by themselves,
and two consoles never hold the same ticket."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.clock import FixedClock
from db.context import QueueContext
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from tests.conftest import KIOSK
from tests.console.conftest import LEFT, WAIT_MS, MakeConsole, button, log_in


def test_ticket_from_another_kiosk_appears_without_user_action(
    qtbot: QtBot,
    ctx: QueueContext,
    other_ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    assert view.queue.line == []
    loads = view.refresher.loads
    ticket = issue_ticket(other_ctx, KIOSK, "baru", "walk_in")
    qtbot.waitUntil(lambda: [e.number for e in view.queue.line] == [ticket.number], timeout=WAIT_MS)
    assert view.queue.line_table.item(0, 1).text() == ticket.number
    assert view.refresher.loads > loads
    # A ticket of a service this counter does not serve stays out of its line.
    issue_ticket(other_ctx, KIOSK, "info", "walk_in")
    qtbot.wait(300)
    assert [e.number for e in view.queue.line] == [ticket.number]


def test_two_consoles_never_hold_the_same_ticket(
    qtbot: QtBot,
    ctx: QueueContext,
    other_ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        clock.advance(minutes=1)
    a_window = make_console(ctx)
    b_window = make_console(other_ctx)
    a = log_in(qtbot, a_window, "budi", counter=1)
    b = log_in(qtbot, b_window, "andi", counter=2)
    assert a is not None and b is not None
    qtbot.waitUntil(lambda: len(a.queue.line) == 3 and len(b.queue.line) == 3, timeout=WAIT_MS)
    qtbot.mouseClick(button(a_window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: a.current is not None and not a.busy, timeout=WAIT_MS)
    # B learns of A's call through the watcher, then calls by its shortcut.
    qtbot.waitUntil(lambda: len(b.queue.line) == 2, timeout=WAIT_MS)
    assert a.current.number not in [e.number for e in b.queue.line]
    b_window.activateWindow()
    qtbot.keyClick(b_window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: b.current is not None and not b.busy, timeout=WAIT_MS)
    assert a.current.number == "A-001" and b.current.number == "A-002"
    qtbot.waitUntil(
        lambda: (
            [e.number for e in a.queue.line] == ["A-003"]
            and [e.number for e in b.queue.line] == ["A-003"]
        ),
        timeout=WAIT_MS,
    )
    # The counters' views of the database agree: A-001 at counter 1 only.
    qtbot.waitUntil(lambda: a.refresher.loads > 2 and not a.tasks.busy, timeout=WAIT_MS)
    assert a.current.counter == 1 and b.current.counter == 2
