"""Guard against a Qt binding that drops references to None / True / False.

PySide6 6.12.0 does so on every call of a method returning void (``setText``,
``processEvents``) and in some signal emissions; on Python 3.11 these objects are ordinary
reference-counted objects, so an app that runs for hours drives the count to zero and the
interpreter aborts ("none_dealloc" / "bool_dealloc"). Found by the 30-day soak (a display
died on day 6). On Python 3.12 and newer the three are immortal and the counts never move.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

CALLS = 2000


class _Emitter(QObject):
    thing = Signal(object)
    flag = Signal(bool)


def drift(action: object) -> tuple[int, int, int]:
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(CALLS):
        action()  # type: ignore[operator]
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    return (after[0] - before[0], after[1] - before[1], after[2] - before[2])


def test_void_methods_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel("A-001")
    qtbot.addWidget(label)
    app = QApplication.instance()
    assert app is not None
    for name, action in [
        ("QLabel.setText", lambda: label.setText("A-002")),
        ("QApplication.processEvents", app.processEvents),
    ]:
        none, true, false = drift(action)
        assert none > -CALLS // 2, f"{name} drops a reference to None on every call"
        assert min(true, false) > -CALLS // 2, f"{name} drops a reference to a bool"


def test_signals_keep_none_and_bools_alive(qtbot: QtBot) -> None:
    emitter = _Emitter()
    emitter.thing.connect(lambda value: None)
    emitter.flag.connect(lambda value: None)
    for name, action in [
        ("emit(None)", lambda: emitter.thing.emit(None)),
        ("emit(True)", lambda: emitter.flag.emit(True)),
        ("emit(False)", lambda: emitter.flag.emit(False)),
    ]:
        none, true, false = drift(action)
        assert min(none, true, false) > -CALLS // 2, f"{name} drops references"
