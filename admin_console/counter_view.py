"""The officer's counter: the current ticket, every action with its function key, and the
live queue, refreshed when the database change watcher says something changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from admin_console.common import MessageBar, local_hm, restyle, service_name
from admin_console.dialogs import (
    NoShowDialog,
    ReasonDialog,
    RequeueDialog,
    TransferChoice,
    TransferDialog,
)
from admin_console.queue_panel import QueuePanel
from admin_console.tasks import Refresher, Tasks
from admin_console.text import tr
from admin_console.ticket_card import TicketCard
from db.context import MANAGERS, Actor, QueueContext
from db.models import CounterState, TicketStatus
from db.ops import calling, counters
from db.read.dashboard import (
    CounterOnDuty,
    LineEntry,
    NoShowEntry,
    counter_line,
    counters_on_duty,
    no_shows_today,
)
from db.read.estimate import ExpectedCall, expected_calls
from db.views import TicketView

TICK_MS = 1000


@dataclass(frozen=True)
class CounterSnapshot:
    state: CounterState
    current: TicketView | None
    line: list[LineEntry]
    no_shows: list[NoShowEntry]
    # ticket id -> when it is expected to be called (the office's policy run forward)
    expected: dict[int, ExpectedCall] = field(default_factory=dict)


def load_counter(ctx: QueueContext, number: int) -> CounterSnapshot:
    state = next(c.state for c in counters.counters(ctx) if c.number == number)
    services = ctx.settings.counter(number).services
    line = counter_line(ctx, number)
    return CounterSnapshot(
        state,
        calling.current_ticket(ctx, number),
        line,
        no_shows_today(ctx, list(services)),
        expected_calls(ctx) if line else {},
    )


# (key, objectName, shortcut)
ACTIONS = [
    ("call_next", "callNextButton", "F1"),
    ("recall", "recallButton", "F2"),
    ("start", "startButton", "F3"),
    ("complete", "completeButton", "F4"),
    ("no_show", "noShowButton", "F5"),
    ("transfer", "transferButton", "F6"),
    ("call_selected", "callSelectedButton", "F7"),
    ("requeue", "requeueButton", "F8"),
    ("pause", "pauseButton", "F9"),
    ("close", "closeCounterButton", "F10"),
]

SHORTCUTS = {key: keys for key, _, keys in ACTIONS}


def action_label(key: str) -> str:
    return {
        "call_next": tr("Call next"),
        "recall": tr("Recall"),
        "start": tr("Start service"),
        "complete": tr("Complete"),
        "no_show": tr("No-show"),
        "transfer": tr("Transfer…"),
        "call_selected": tr("Call selected…"),
        "requeue": tr("Put back in line"),
        "pause": tr("Pause"),
        "close": tr("Close counter"),
    }[key]


class CounterView(QWidget):
    snapshot_loaded = Signal()

    def __init__(
        self,
        ctx: QueueContext,
        tasks: Tasks,
        actor: Actor,
        counter: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("counterView")
        self.ctx, self.tasks, self.actor, self.counter = ctx, tasks, actor, counter
        self.state = CounterState.CLOSED
        self.busy = False
        self._choosing_transfer = False  # reading the counters on duty for the dialog
        config = ctx.settings.counter(counter)
        self.title = QLabel(
            tr("{name} (counter {n})", name=config.name, n=counter), objectName="title"
        )
        self.state_label = QLabel("", objectName="counterState")
        self.message = MessageBar(reserve=True)
        self.card = TicketCard(ctx.settings)
        self.queue = QueuePanel(ctx.settings)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (key, name, keys) in enumerate(ACTIONS):
            label = action_label(key)
            button = QPushButton(f"{keys}   {label}", objectName=name)
            button.setProperty("role", "action")
            button.setShortcut(QKeySequence(keys))
            button.setToolTip(f"{label} ({keys})")
            self.buttons[key] = button
            grid.addWidget(button, i // 2, i % 2)
        self.buttons["call_next"].setProperty("role", "action")
        self.buttons["close"].setProperty("role", "action")

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(16)
        head.addWidget(self.state_label)
        head.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.card)
        left.addSpacing(6)
        left.addLayout(grid)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addSpacing(20)
        body.addWidget(self.queue, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)

        # Operations finished so far. A refresh that started before the latest one finished
        # read the queue as it was before it and must not undo what the officer sees.
        self._ops_done = 0

        def load() -> tuple[int, CounterSnapshot]:
            started = self._ops_done
            return started, load_counter(ctx, counter)

        self.refresher = Refresher(tasks, load, self._apply_if_fresh, self.message.error, self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._wire()
        self._update_buttons()

    # --- wiring --------------------------------------------------------------------------

    def _wire(self) -> None:
        b = self.buttons
        b["call_next"].clicked.connect(self.call_next)
        b["recall"].clicked.connect(self.recall)
        b["start"].clicked.connect(self.start)
        b["complete"].clicked.connect(self.complete)
        b["no_show"].clicked.connect(self.no_show)
        b["transfer"].clicked.connect(self.transfer)
        b["call_selected"].clicked.connect(self.call_selected)
        b["requeue"].clicked.connect(self.requeue)
        b["pause"].clicked.connect(self.pause_or_resume)
        b["close"].clicked.connect(self.close_counter)
        self.queue.line_activated.connect(self._line_activated)
        self.queue.line_table.itemSelectionChanged.connect(self._update_buttons)
        self.queue.no_show_table.itemSelectionChanged.connect(self._update_buttons)

    def _line_activated(self, ticket_id: int) -> None:
        self.queue.select_line_ticket(ticket_id)
        self.call_selected()

    # --- state ---------------------------------------------------------------------------

    @property
    def current(self) -> TicketView | None:
        return self.card.ticket

    def _apply_if_fresh(self, result: tuple[int, CounterSnapshot]) -> None:
        started, snap = result
        if started == self._ops_done:
            self._apply(snap)
        # else: stale; the refresh the operation asked for is already queued behind it.

    def _apply(self, snap: CounterSnapshot) -> None:
        self.state = snap.state
        self.state_label.setText(
            {"open": tr("Open"), "paused": tr("Paused"), "closed": tr("Closed")}[str(snap.state)]
        )
        self.state_label.setProperty("state", str(snap.state))
        restyle(self.state_label)
        if not self.busy:
            self.card.show_ticket(snap.current, self.ctx.now())
        self.queue.set_data(snap.line, snap.no_shows, self.ctx.now(), snap.expected)
        self._update_buttons()
        self.snapshot_loaded.emit()

    def _tick(self) -> None:
        now = self.ctx.now()
        self.card.tick(now)
        self.queue.tick(now)

    def _update_buttons(self) -> None:
        t = self.current
        called = t is not None and t.status == TicketStatus.CALLED
        active = t is not None and t.status in (TicketStatus.CALLED, TicketStatus.SERVING)
        paused = self.state == CounterState.PAUSED
        free = not self.busy
        enable = {
            "call_next": free and t is None and not paused,
            "recall": free and called,
            "start": free and called,
            "complete": free and active,
            "no_show": free and called,
            "transfer": free and active,
            "call_selected": free
            and t is None
            and not paused
            and self.queue.selected_line() is not None,
            "requeue": free and self.queue.selected_no_show() is not None,
            "pause": free,
            "close": free and t is None and self.state != CounterState.CLOSED,
        }
        for key, on in enable.items():
            self.buttons[key].setEnabled(on)
        recalls = t.recall_count if called and t is not None else 0
        self._label("recall", tr("Recall ({n})", n=recalls) if recalls else tr("Recall"))
        pause_text = {
            CounterState.OPEN: tr("Pause"),
            CounterState.PAUSED: tr("Resume"),
            CounterState.CLOSED: tr("Open counter"),
        }[self.state]
        self._label("pause", pause_text)

    def _label(self, key: str, text: str) -> None:
        # setText() resets a button's shortcut to the text's mnemonic: set it again.
        keys = SHORTCUTS[key]
        button = self.buttons[key]
        if button.text() != f"{keys}   {text}":
            button.setText(f"{keys}   {text}")
            button.setShortcut(QKeySequence(keys))

    # --- operations ----------------------------------------------------------------------

    def _run(self, fn: Callable[[], Any], said: Callable[[Any], str]) -> None:
        if self.busy:
            return
        self.busy = True
        self.message.clear_message()
        self._update_buttons()

        def done(result: Any) -> None:
            self.busy = False
            self._ops_done += 1
            if isinstance(result, TicketView):
                mine = result.counter == self.counter and result.status in (
                    TicketStatus.CALLED,
                    TicketStatus.SERVING,
                )
                self.card.show_ticket(result if mine else None, self.ctx.now())
            elif isinstance(result, counters.CounterView):
                self.state = result.state
            self.message.info(said(result))
            self._update_buttons()
            self.refresher.request()

        def failed(text: str) -> None:
            self.busy = False
            self._ops_done += 1
            self.message.error(text)
            self._update_buttons()
            self.refresher.request()

        self.tasks.run(fn, done, failed)

    def call_next(self) -> None:
        ctx, actor, n = self.ctx, self.actor, self.counter
        self._run(
            lambda: calling.call_next(ctx, actor, n),
            lambda t: tr("Called {number}.", number=t.number),
        )

    def _on_current(self, op: Callable[..., TicketView], said: Callable[[TicketView], str]) -> None:
        t = self.current
        if t is None:
            return
        ctx, actor, n, tid = self.ctx, self.actor, self.counter, t.id
        self._run(lambda: op(ctx, actor, n, tid), said)

    def recall(self) -> None:
        self._on_current(
            calling.recall,
            lambda r: tr("Recalled {number} ({n}×).", number=r.number, n=r.recall_count),
        )

    def start(self) -> None:
        self._on_current(calling.start_service, lambda r: tr("Serving {number}.", number=r.number))

    def complete(self) -> None:
        self._on_current(calling.complete, lambda r: tr("{number} done.", number=r.number))

    def no_show(self) -> None:
        t = self.current
        if t is None or self.busy or t.status != TicketStatus.CALLED:
            return
        now = self.ctx.now()
        waited = int((now - t.called_at).total_seconds()) if t.called_at else 0
        wait = calling.no_show_wait(self.ctx.settings.calling, t.called_at, t.recall_count, now)
        dialog = NoShowDialog(t, max(0, waited), wait, self.actor.role in MANAGERS, self)
        dialog.accepted.connect(lambda: self._do_no_show(t, dialog.override_reason()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _do_no_show(self, t: TicketView, reason: str) -> None:
        ctx, actor, n = self.ctx, self.actor, self.counter
        self._run(
            lambda: calling.no_show(ctx, actor, n, t.id, override_reason=reason),
            lambda r: tr("{number} marked as no-show.", number=r.number),
        )

    def transfer(self) -> None:
        """Read who is at which counter now (in a worker), then ask where the ticket goes."""
        t = self.current
        if t is None or self.busy or self._choosing_transfer:
            return
        self._choosing_transfer = True
        ctx = self.ctx

        def chosen(on_duty: list[CounterOnDuty]) -> None:
            self._choosing_transfer = False
            now = self.current
            if now is None or now.id != t.id or self.busy:
                return  # the ticket moved on meanwhile
            dialog = TransferDialog(self.ctx.settings, now, on_duty, self)
            dialog.accepted.connect(lambda: self._do_transfer(now, dialog.choice()))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        def failed(text: str) -> None:
            self._choosing_transfer = False
            self.message.error(text)

        self.tasks.run(lambda: counters_on_duty(ctx), chosen, failed)

    def _do_transfer(self, t: TicketView, choice: TransferChoice) -> None:
        ctx, actor = self.ctx, self.actor
        where = tr("keeping its place") if choice.keep_place else tr("at the back")

        def said(r: TicketView) -> str:
            if r.sent_to is None:
                return tr(
                    "{number} transferred to {service}, {where}.",
                    number=r.number,
                    service=service_name(ctx.settings, r.service),
                    where=where,
                )
            counter = ctx.settings.counter(r.sent_to).name
            return tr(
                "{number} sent to {counter} ({service}), {where}.",
                number=r.number,
                counter=counter,
                service=service_name(ctx.settings, r.service),
                where=where,
            )

        self._run(
            lambda: calling.transfer(
                ctx,
                actor,
                t.id,
                choice.service,
                keep_place=choice.keep_place,
                note=choice.note,
                to_counter=choice.counter,
                to_officer=choice.officer,
            ),
            said,
        )

    def call_selected(self) -> None:
        entry = self.queue.selected_line()
        if entry is None or self.busy or self.current is not None:
            return
        dialog = ReasonDialog(
            "callReasonDialog",
            tr("Call {number}", number=entry.number),
            tr("Call {number} out of order: why?", number=entry.number),
            tr("Call {number}", number=entry.number),
            self,
        )
        dialog.accepted.connect(lambda: self._do_call(entry, dialog.text()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _do_call(self, entry: LineEntry, reason: str) -> None:
        ctx, actor, n = self.ctx, self.actor, self.counter
        self._run(
            lambda: calling.call_ticket(ctx, actor, n, entry.ticket_id, reason),
            lambda t: tr("Called {number} out of order.", number=t.number),
        )

    def requeue(self) -> None:
        entry = self.queue.selected_no_show()
        if entry is None or self.busy:
            return
        dialog = RequeueDialog(entry.number, local_hm(self.ctx.settings, entry.issued_at), self)
        dialog.accepted.connect(lambda: self._do_requeue(entry, dialog.to_back()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _do_requeue(self, entry: NoShowEntry, to_back: bool) -> None:
        ctx, actor = self.ctx, self.actor
        where = tr("at the back") if to_back else tr("at its original place")
        self._run(
            lambda: calling.requeue(ctx, actor, entry.ticket_id, to_back=to_back),
            lambda t: tr("{number} is back in line, {where}.", number=t.number, where=where),
        )

    def pause_or_resume(self) -> None:
        ctx, actor, n = self.ctx, self.actor, self.counter
        if self.state == CounterState.OPEN:
            self._run(
                lambda: counters.pause_counter(ctx, actor, n), lambda _: tr("Counter paused.")
            )
        else:
            self._run(lambda: counters.open_counter(ctx, actor, n), lambda _: tr("Counter open."))

    def close_counter(self) -> None:
        ctx, actor, n = self.ctx, self.actor, self.counter
        self._run(lambda: counters.close_counter(ctx, actor, n), lambda _: tr("Counter closed."))
