"""Running queue operations and queries off the UI thread.

Every database call of the console goes through :class:`Tasks`, the console's use of the
operations bridge (``ui.ops``): the function runs on a worker thread; its result comes
back to the UI thread, and a failure becomes one plain sentence (:func:`describe_error`),
never a traceback on screen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

import ui.ops as ui_ops
from admin_console.text import WORDS_CONTEXT, language, tr, translation
from db.errors import WORDS, QueueError
from db.io.booking_export import ExportError
from ui.ops import Failure, FailureKind, Operations

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[str], None]


def unreachable_text() -> str:
    return tr(
        "The queue database cannot be reached; reconnecting. Once it is back, check whether "
        "this step was saved before repeating it."
    )


def refusal_text(exc: QueueError) -> str:
    """A queue's refusal in the console's language: its sentence (``template``) translated
    with the same values filled in; a value given in the console's language too (a
    service's name, ``service_id``) in that language, a fixed word (``db.errors.WORDS``: a
    status, a channel...) translated. The English message when the sentence has no
    translation (the console speaks English, or a refusal new to the translation file)."""
    text = translation(exc.template)
    if text is None:
        return exc.message
    own = language()
    values: dict[str, object] = {}
    for name, value in exc.params.items():
        value = exc.params.get(f"{name}_{own}", value)
        if name in WORDS and isinstance(value, str):
            value = translation(value, WORDS_CONTEXT) or value
        values[name] = value
    try:
        return text.format(**values) if values else text
    except (KeyError, IndexError, ValueError):
        log.error("the translation of %r does not fit its values", exc.template)
        return exc.message


def describe_error(failure: Failure) -> str:
    """What the officer reads when an operation fails."""
    exc = failure.error
    if isinstance(exc, QueueError):
        return refusal_text(exc)
    if failure.kind is FailureKind.BUSY:
        return tr("The queue database is busy; please try again in a moment.")
    if failure.unreachable:
        log.warning("queue database unreachable: %r", exc)
        return unreachable_text()
    if isinstance(exc, ExportError):
        return str(exc)
    if isinstance(exc, FileNotFoundError | PermissionError | IsADirectoryError):
        return tr("Cannot read {file}: {error}.", file=exc.filename, error=exc.strerror)
    log.error("console operation failed", exc_info=exc)
    return tr("Something went wrong ({error}); the details were logged.", error=type(exc).__name__)


class Tasks(QObject):
    """The console's bridge (``ui.ops.Operations``, two worker threads): failures arrive
    as the sentence the officer reads. ``reachable`` turns False when an operation fails
    because the database is away and True again at the next success
    (``reachable_changed``)."""

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.ops = Operations(self, threads=threads)
        self.busy_changed = self.ops.busy_changed
        self.reachable_changed = self.ops.reachable_changed

    @property
    def busy(self) -> bool:
        return self.ops.busy

    @property
    def reachable(self) -> bool:
        return self.ops.reachable

    def run(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        self.ops.run(fn, on_done, _worded(on_error))

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Drop pending callbacks and wait for running workers (closing the window)."""
        self.ops.shutdown(wait_ms)


def _worded(on_error: Failed | None) -> Callable[[Failure], None]:
    def failed(failure: Failure) -> None:
        text = describe_error(failure)
        if on_error is not None:
            on_error(text)

    return failed


class Refresher(ui_ops.Refresher):
    """``ui.ops.Refresher`` on the console's tasks, its errors worded for the officer."""

    def __init__(
        self,
        tasks: Tasks,
        query: Callable[[], Any],
        apply: Callable[[Any], None],
        on_error: Failed | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks.ops, query, apply, _worded(on_error), parent)
