"""Console test helpers: officers in the database, a console window, logging in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from admin_console.counter_view import CounterView
from admin_console.window import ConsoleWindow
from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.ops.officers import OfficerView, add_officer
from tests.conftest import ADMIN

PASSWORD = "rahasia-123"
WAIT_MS = 5000
LEFT = Qt.MouseButton.LeftButton


# The offscreen platform cannot pass a window's size limits on and says so at WARNING level
# whenever a top-level window's layout changes; that is the test platform, not the console.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def people(ctx: QueueContext) -> dict[str, OfficerView]:
    return {
        "budi": add_officer(ctx, ADMIN, "budi", "officer", PASSWORD, "Budi Santoso"),
        "andi": add_officer(ctx, ADMIN, "andi", "officer", PASSWORD, "Andi Wijaya"),
        "sari": add_officer(ctx, ADMIN, "sari", "supervisor", PASSWORD, "Sari Wulandari"),
    }


@pytest.fixture
def other_ctx(settings: Settings, clock: FixedClock) -> Iterator[QueueContext]:
    """Another program on the same database file (a kiosk, another console)."""
    queue = open_queue(settings, clock=clock)
    yield queue
    queue.db.dispose()


MakeConsole = Callable[..., ConsoleWindow]


@pytest.fixture
def make_console(qtbot: QtBot) -> Iterator[MakeConsole]:
    windows: list[ConsoleWindow] = []

    def make(ctx: QueueContext, **kwargs: object) -> ConsoleWindow:
        kwargs.setdefault("poll_ms", 30)
        kwargs.setdefault("language", "en")  # the source language; see test_language.py
        window = ConsoleWindow(ctx, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(1600, 900)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


def child(window: QWidget, cls: type[QWidget], name: str) -> QWidget:
    found = window.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name!r}"
    return found


def button(window: QWidget, name: str) -> QPushButton:
    found = child(window, QPushButton, name)
    assert isinstance(found, QPushButton)
    return found


def enter_login(qtbot: QtBot, window: ConsoleWindow, username: str, password: str) -> None:
    user = child(window, QLineEdit, "usernameEdit")
    secret = child(window, QLineEdit, "passwordEdit")
    assert isinstance(user, QLineEdit) and isinstance(secret, QLineEdit)
    user.setText(username)
    secret.clear()
    qtbot.keyClicks(secret, password)
    qtbot.mouseClick(button(window, "loginButton"), LEFT)


def log_in(
    qtbot: QtBot, window: ConsoleWindow, username: str, counter: int | None = 1
) -> CounterView | None:
    """Log in and sit down at ``counter`` (None: a supervisor without a counter)."""
    enter_login(qtbot, window, username, PASSWORD)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.picker, timeout=WAIT_MS)
    if counter is None:
        qtbot.mouseClick(button(window, "superviseOnlyButton"), LEFT)
        qtbot.waitUntil(lambda: window.work is not None, timeout=WAIT_MS)
        return None
    name = f"counterButton{counter}"
    qtbot.waitUntil(lambda: window.findChild(QPushButton, name) is not None, timeout=WAIT_MS)
    qtbot.mouseClick(button(window, name), LEFT)
    qtbot.waitUntil(
        lambda: window.work is not None and window.work.counter_view is not None,
        timeout=WAIT_MS,
    )
    view = window.findChild(CounterView, "counterView")
    assert isinstance(view, CounterView)
    qtbot.waitUntil(lambda: view.refresher.loads > 0, timeout=WAIT_MS)
    return view
