"""The ticket, messages (refusals with their ways on), "one moment", and out of service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QPushButton

from db.read.estimate import WaitEstimate
from db.views import TicketView
from kiosk.dates import format_time
from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.screens.choose import channel_name
from kiosk.text import tr
from kiosk.widgets import ResponsiveGrid, make_button
from kiosk.wording import (
    HOME,
    PRIORITY,
    SCAN_AGAIN,
    TYPE_CODE,
    VIP,
    WALK_IN,
    Message,
    wait_range_text,
    wait_text,
)


def set_kind(label: QLabel, kind: str) -> None:
    label.setProperty("kind", kind)
    label.style().unpolish(label)
    label.style().polish(label)


def show_number(screen: Any, ticket: TicketView | None) -> bool:
    """The part every ticket screen shares: heading, the number, service and channel.
    False when there is no ticket to show yet."""
    screen.heading.setText(tr("Your queue number"))
    screen.done_button.setText(tr("Done"))
    if ticket is None:
        return False
    screen.number.setText(ticket.number)
    kind = channel_name(ticket.channel)
    screen.service.setText(f"{screen.state.service_name(ticket.service)} · {kind}")
    return True


class TicketScreen(Screen):
    name = ScreenName.TICKET
    done = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.ticket: TicketView | None = None
        self.estimate: WaitEstimate | None = None
        self.print_state = "printing"
        self.print_message: str | Callable[[], str] = ""
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.insertStretch(0, 1)
        self.number = self.add_label("number", "ticket_number", center=True)
        self.service = self.add_label("h2", "ticket_service", center=True)
        self.booking = self.add_label("body", "ticket_booking", center=True)
        self.ahead = self.add_label("body", "ticket_ahead", center=True)
        self.wait = self.add_label("body", "ticket_wait", center=True)
        self.status = self.add_label("status_ok", "ticket_print_status", center=True)
        self.body.addStretch(1)
        self.actions.addStretch(1)
        self.done_button = self.add_action("ticket_done", "primary")
        self.done_button.clicked.connect(self.done)
        self.actions.addStretch(1)

    def show_ticket(self, ticket: TicketView) -> None:
        self.ticket = ticket
        self.estimate = None
        self.print_state = "printing"
        self.print_message = ""
        self.retranslate()

    def set_wait(self, estimate: WaitEstimate | None) -> None:
        """The ticket's estimate, read after it was issued: shown as the printed range."""
        self.estimate = estimate
        self.retranslate()

    def set_printed(self) -> None:
        self.print_state = "printed"
        self.retranslate()

    def set_failed(self, message: str | Callable[[], str]) -> None:
        """Why the ticket is not printed: a text, or a callable that words it in the
        current language."""
        self.print_state = "failed"
        self.print_message = message
        self.retranslate()

    def retranslate(self) -> None:
        ticket = self.ticket
        if not show_number(self, ticket):
            return
        assert ticket is not None
        booking = ""
        if ticket.slot_start is not None:
            local = self.state.ctx.calendar.local(ticket.slot_start)
            slot = format_time(local, self.state.language)
            booking = tr("Booking {code}, session {time}", code=ticket.booking_code, time=slot)
            if ticket.masked_name:
                booking += f" · {ticket.masked_name}"
        self.booking.setText(booking)
        self.booking.setVisible(bool(booking))
        self.ahead.setText(tr("People ahead of you: {n}", n=ticket.people_ahead))
        if self.estimate is not None:
            wait = wait_range_text(self.estimate, self.state.language)
            self.wait.setText(tr("Estimated wait: {wait}", wait=wait))
        elif ticket.estimated_wait_minutes is None:
            self.wait.setText(tr("Estimated wait: not known yet"))
        else:
            self.wait.setText(
                tr("Estimated wait: {wait}", wait=wait_text(ticket.estimated_wait_minutes))
            )
        if self.print_state == "printing":
            set_kind(self.status, "status_ok")
            self.status.setText(tr("Printing your ticket…"))
        elif self.print_state == "printed":
            set_kind(self.status, "status_ok")
            self.status.setText(tr("Please take your ticket below."))
        else:
            set_kind(self.status, "status_bad")
            message = self.print_message
            self.status.setText(message() if callable(message) else message)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.done.emit()


class MessageScreen(Screen):
    """A refusal or problem: what happened, what to do, and buttons for the ways on."""

    name = ScreenName.MESSAGE
    action = Signal(str)

    ACTIONS = (SCAN_AGAIN, TYPE_CODE, WALK_IN, PRIORITY, VIP, HOME)

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.message: Message | None = None
        self.source: Callable[[], Message] | None = None
        self.kind = ""
        self.text = self.add_label("body", "message_body")
        self.number = self.add_label("number", "message_number", center=True)
        self.detail = self.add_label("muted", "message_detail")
        self.body.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        self.grid = ResponsiveGrid(portrait=2, landscape=3)
        self.actions.addWidget(self.grid)
        for key in self.ACTIONS:
            button = make_button(f"message_{key}", "primary" if key == HOME else "secondary")
            button.clicked.connect(lambda _=False, k=key: self.action.emit(k))
            self.buttons[key] = button

    def show_message(self, message: Message | Callable[[], Message]) -> None:
        """A message, or a callable wording it in the current language: that one follows
        a language switch while it is shown."""
        self.source = message if callable(message) else None
        self.message = message() if callable(message) else message
        self.kind = self.message.kind
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            SCAN_AGAIN: tr("Scan again"),
            TYPE_CODE: tr("Type the code"),
            WALK_IN: tr("Walk-in ticket"),
            PRIORITY: tr("Priority service"),
            VIP: tr("VIP service"),
            HOME: tr("Home"),
        }
        for key, button in self.buttons.items():
            button.setText(names[key])
        if self.source is not None:
            self.message = self.source()
        message = self.message
        if message is None:
            return
        self.heading.setText(message.title)
        self.text.setText(message.body)
        self.number.setText(message.number or "")
        self.number.setVisible(bool(message.number))
        self.detail.setText(message.detail)
        self.detail.setVisible(bool(message.detail))
        shown = [self.buttons[key] for key in self.ACTIONS if key in message.actions]
        for button in self.buttons.values():
            button.setVisible(button in shown)
        self.grid.set_widgets(shown, delete_old=False)


class BusyScreen(Screen):
    """Shown while a queue call runs; the dots move so the kiosk visibly lives."""

    name = ScreenName.BUSY

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.dots = self.add_label("h1", "busy_dots", center=True)
        self.body.addStretch(2)
        self.step = 0
        self.timer = QTimer(self)
        self.timer.setInterval(400)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.step = (self.step + 1) % 4
        self.dots.setText("●" * (self.step + 1) + "○" * (3 - self.step))

    def entered(self) -> None:
        self.timer.start()
        self._tick()

    def retranslate(self) -> None:
        self.heading.setText(tr("One moment please…"))


class OutOfServiceScreen(Screen):
    name = ScreenName.OUT_OF_SERVICE

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.text = self.add_label("h2", "out_of_service_text", center=True)
        self.hint = self.add_label("body", "out_of_service_hint", center=True)
        self.body.addStretch(2)

    def retranslate(self) -> None:
        self.heading.setText(tr("This kiosk is temporarily out of service"))
        self.text.setText(tr("Please ask at the information desk for a queue ticket."))
        self.hint.setText(tr("The kiosk will be back by itself as soon as possible."))
