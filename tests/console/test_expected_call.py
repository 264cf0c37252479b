"""The counter's line shows when each waiting ticket is expected to be called."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from db.clock import FixedClock
from db.context import QueueContext
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from tests.conftest import KIOSK
from tests.console.conftest import WAIT_MS, MakeConsole, log_in

EXPECTED = 6  # the column "Expected call"


def test_the_line_shows_each_tickets_expected_call(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    for _ in range(4):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    table = view.queue.line_table
    qtbot.waitUntil(lambda: table.rowCount() == 4, timeout=WAIT_MS)
    header = table.horizontalHeaderItem(EXPECTED)
    assert header is not None and header.text() == "Expected call"
    # 09:00, logging in opened counter 1, the only one open: one every 12 minutes.
    shown = [table.item(row, EXPECTED).text() for row in range(4)]  # type: ignore[union-attr]
    assert shown == ["09:00", "09:12", "09:24", "09:36"]
