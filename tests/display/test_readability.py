"""Readable from the back of the waiting room: the font pixel height of every region of the
display at 1920x1080 and 1080x1920, with every kind of call state on the board."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from db.clock import FixedClock
from db.context import QueueContext
from db.ops.calling import current_ticket, no_show, recall, start_service, transfer
from display.app import CallingDisplay
from display.widgets import FitLabel
from tests.conftest import OFFICER
from tests.display.test_layouts import busy_morning

# Minimum font pixel height per region, as a fraction of the 1080 pixels of a 1080p
# screen's short side (6 % = 65 px, the previous calls' numbers).
MINIMUM = {
    "latestNumber": 0.20,
    "latestCounter": 0.05,
    "recentNumber": 0.06,
    "recentCounter": 0.028,
    "counterName": 0.028,
    "counterServing": 0.03,
    "waitingName": 0.024,
    "waitingCount": 0.024,
    "recentPanelTitle": 0.025,
    "officeName": 0.025,
    "clock": 0.022,
}


def region(name: str) -> str:
    for prefix in sorted(MINIMUM, key=len, reverse=True):
        if name.startswith(prefix):
            return prefix
    return ""


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_every_region_is_large_enough(
    qtbot: QtBot, ctx: QueueContext, clock: FixedClock, size: tuple[int, int]
) -> None:
    busy_morning(ctx)
    # Counters 1-4 have a called ticket: one is served, one not present, one transferred,
    # one called again.
    current = {n: call for n in (1, 2, 3, 4) if (call := _current(ctx, n)) is not None}
    start_service(ctx, OFFICER, 1, current[1])
    clock.advance(minutes=3)
    recall(ctx, OFFICER, 2, current[2])
    no_show(ctx, OFFICER, 2, current[2])
    transfer(ctx, OFFICER, current[3], "info", keep_place=True)
    recall(ctx, OFFICER, 4, current[4])
    display = CallingDisplay(ctx, muted=True, poll_ms=20)
    qtbot.addWidget(display.window)
    display.window.resize(*size)
    display.window.show()
    try:
        with qtbot.waitSignal(display.feed.loaded, timeout=5000):
            display.start()
        qtbot.waitExposed(display.window)
        labels = [w for w in display.window.findChildren(FitLabel) if w.isVisible() and w.text()]
        measured: dict[str, int] = {}
        for w in labels:
            key = region(w.objectName())
            if key:
                size_px = w.font().pixelSize()
                measured[key] = min(measured.get(key, size_px), size_px)
        assert set(measured) == set(MINIMUM), set(MINIMUM) - set(measured)
        small = {
            key: (px, round(MINIMUM[key] * 1080))
            for key, px in measured.items()
            if px < MINIMUM[key] * 1080
        }
        assert small == {}, f"{size}: measured vs needed pixel heights {small}"
        states = {w.text() for w in labels if w.objectName().startswith("recentCounter")}
        assert "silakan ke meja informasi" in states | {display.window.latest.counter.text()}
    finally:
        display.close()


def _current(ctx: QueueContext, counter: int) -> int | None:
    view = current_ticket(ctx, counter)
    return view.id if view else None
