"""Kiosk fixtures: a kiosk window on a real SQLite file, the virtual printer over TCP, a
fast staff PIN hash, and helpers that find widgets by objectName."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from kiosk.app import Kiosk, build_kiosk
from printer import Emulator
from tests.conftest import make_settings
from ui.i18n import Translations

PIN = "2468"
# Cheap parameters: the tests check the logic, not argon2's cost.
PIN_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PIN)
PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "kiosk_settings(**changes): settings of the kiosk under test"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            # The offscreen platform warns that it cannot tell a window manager sizes.
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    emu = Emulator("127.0.0.1", 0, tmp_path / "printed", width=576)
    emu.start()
    yield emu
    emu.stop()


def kiosk_settings(db_url: str, port: int, **changes: Any) -> Settings:
    kiosk = {**Settings().kiosk.model_dump(), "staff_pin_hash": PIN_HASH}
    kiosk.update(changes.pop("kiosk", {}))
    printer = {"kind": "network", "host": "127.0.0.1", "port": port, "timeout_seconds": 2.0}
    return make_settings(db_url, printer=printer, kiosk=kiosk, **changes)


@pytest.fixture
def kiosk_ctx(
    db_url: str, emulator: Emulator, clock: FixedClock, request: pytest.FixtureRequest
) -> Iterator[QueueContext]:
    marker = request.node.get_closest_marker("kiosk_settings")
    changes = dict(marker.kwargs) if marker else {}
    queue = open_queue(kiosk_settings(db_url, emulator.port, **changes), clock=clock)
    yield queue
    queue.db.dispose()


@pytest.fixture
def kiosk(qtbot: QtBot, kiosk_ctx: QueueContext) -> Iterator[Kiosk]:
    built = build_kiosk(kiosk_ctx, translations=Translations("kiosk"), watch=False)
    window = built.window
    qtbot.addWidget(window)
    window.resize_to(*PORTRAIT)
    window.show()
    qtbot.waitUntil(lambda: not built.flows.background.busy, timeout=15_000)
    yield built
    built.shut_down()
    QApplication.processEvents()


def find(kiosk: Kiosk, name: str) -> QWidget:
    widget = kiosk.window.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name!r}"
    return widget


def text_of(kiosk: Kiosk, name: str) -> str:
    widget = find(kiosk, name)
    return widget.text()  # type: ignore[attr-defined, no-any-return]


def click(qtbot: QtBot, kiosk: Kiosk, name: str) -> None:
    widget = find(kiosk, name)
    assert isinstance(widget, QPushButton), name
    assert widget.isVisible() and widget.isEnabled(), f"{name} cannot be touched"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_screen(qtbot: QtBot, kiosk: Kiosk, name: str, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: kiosk.window.current == name, timeout=timeout)


def type_keys(qtbot: QtBot, kiosk: Kiosk, keyboard: str, text: str) -> None:
    for char in text:
        click(qtbot, kiosk, f"{keyboard}_key_{char}")


def scan(qtbot: QtBot, kiosk: Kiosk, code: str) -> None:
    """A keyboard-wedge scanner: the whole code and Enter in one fast burst."""
    qtbot.keyClicks(kiosk.window, code)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
