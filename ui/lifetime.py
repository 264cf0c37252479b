"""Deleting Qt objects on the UI thread.

A Python-owned QObject (no parent) that sits in a reference cycle is freed by whichever
thread runs the garbage collector next, often a worker thread; Qt then destroys it, and
any running timer, from the wrong thread ("Timers cannot be stopped from another thread",
or a crash). An app part that is closed for good hands its objects to
:func:`delete_on_ui_thread`: they are kept alive until Qt deletes them, on their own
thread, at the next turn of the event loop."""

from __future__ import annotations

from PySide6.QtCore import QObject
from shiboken6 import isValid

_closing: set[QObject] = set()


def delete_on_ui_thread(*objects: QObject) -> None:
    """``deleteLater`` each object, holding it until it is destroyed."""
    for obj in objects:
        if not isValid(obj) or obj in _closing:
            continue
        _closing.add(obj)
        obj.destroyed.connect(lambda _=None, o=obj: _closing.discard(o))
        obj.deleteLater()
