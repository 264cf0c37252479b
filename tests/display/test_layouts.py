"""Both TV layouts rendered to PNG: not blank, nothing cut off, text scaling with the screen.
(The pictures in docs/screenshots/ come from these renders.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from db.context import QueueContext
from db.ops.calling import call_next, complete
from db.ops.counters import pause_counter
from db.ops.issuing import issue_ticket
from display.app import CallingDisplay
from display.audio import CollectingSink
from display.widgets import FitLabel
from tests.conftest import KIOSK, OFFICER


def busy_morning(ctx: QueueContext) -> None:
    for i in range(24):
        issue_ticket(ctx, KIOSK, ("baru", "ganti", "ambil", "info")[i % 4], "walk_in")
    for _ in range(2):
        for counter in (1, 2, 3, 4):
            view = call_next(ctx, OFFICER, counter)
            complete(ctx, OFFICER, counter, view.id)
    for counter in (1, 2, 3, 4):
        call_next(ctx, OFFICER, counter)
    pause_counter(ctx, OFFICER, 5)


def overlapping(window: QWidget, labels: list[FitLabel]) -> list[tuple[str, str]]:
    boxes = [(w.objectName(), QRect(w.mapTo(window, QPoint(0, 0)), w.size())) for w in labels]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.intersects(box_b)
    ]


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_layout_renders_whole(
    qtbot: QtBot, ctx: QueueContext, tmp_path: Path, size: tuple[int, int]
) -> None:
    busy_morning(ctx)
    display = CallingDisplay(ctx, muted=True, poll_ms=20)
    qtbot.addWidget(display.window)
    display.window.resize(*size)
    display.window.show()
    try:
        with qtbot.waitSignal(display.feed.loaded, timeout=5000):
            display.start()
        qtbot.waitExposed(display.window)
        assert display.window.portrait == (size[1] > size[0])
        image = display.window.grab().toImage()
        assert (image.width(), image.height()) == size
        path = tmp_path / f"display-{size[0]}x{size[1]}.png"
        assert image.save(str(path))
        assert distinct_colours(image) > 40  # text, panels, highlight: not a blank frame
        labels = [w for w in display.window.findChildren(FitLabel) if w.isVisible()]
        assert len(labels) > 30
        clipped = [w.objectName() for w in labels if w.text() and not w.fits()]
        assert clipped == []
        assert overlapping(display.window, labels) == []
        number = display.window.findChild(FitLabel, "latestNumber")
        assert number is not None and number.text() != "—"
        # Seen from 15 m: the latest number is at least a fifth of the narrow side tall.
        assert number.font().pixelSize() >= 0.2 * min(size)
    finally:
        display.close()


def test_text_scales_to_4k(qtbot: QtBot, ctx: QueueContext) -> None:
    display = CallingDisplay(ctx, sink=CollectingSink(), muted=True, poll_ms=20)
    qtbot.addWidget(display.window)
    try:
        sizes = {}
        for width, height in ((1920, 1080), (3840, 2160)):
            display.window.resize(width, height)
            display.window.show()
            qtbot.waitUntil(lambda w=width: display.window.width() == w)
            sizes[width] = {
                name: label.font().pixelSize()
                for name in ("officeName", "latestCaption", "recentPanelTitle", "clock")
                if (label := display.window.findChild(FitLabel, name)) is not None
            }
        assert len(sizes[1920]) == 4
        for name, small in sizes[1920].items():
            assert sizes[3840][name] == pytest.approx(2 * small, rel=0.1), name
    finally:
        display.close()
