"""The ticket at this counter, impossible to misread: a huge number and its particulars."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from admin_console.common import (
    channel_word,
    clock_text,
    local_hm,
    minutes_text,
    reason_name,
    restyle,
    service_name,
)
from admin_console.text import tr
from config.settings import Channel, Settings
from db.models import TicketStatus
from db.views import TicketView


class TicketCard(QFrame):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._settings = settings
        self.ticket: TicketView | None = None
        self.number = QLabel("", objectName="ticketNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel("", objectName="ticketStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        rows = [
            ("service", tr("Service")),
            ("channel", tr("Channel")),
            ("slot", tr("Booking")),
            ("waited", tr("Waited")),
            ("elapsed", tr("Time at counter")),
            ("recalls", tr("Recalls")),
        ]
        for i, (key, caption) in enumerate(rows):
            label = QLabel(caption, objectName="muted")
            value = QLabel("", objectName=f"ticket_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, i, 1)
            self.fields[key] = value
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 24)
        layout.addWidget(self.number)
        layout.addWidget(self.status)
        layout.addSpacing(10)
        layout.addLayout(grid)
        self.show_ticket(None, None)

    def show_ticket(self, ticket: TicketView | None, now: dt.datetime | None) -> None:
        self.ticket = ticket
        idle = ticket is None
        self.number.setProperty("idle", "true" if idle else "false")
        restyle(self.number)
        if ticket is None:
            self.number.setText("—")
            self.status.setText(tr("No applicant at this counter"))
            for value in self.fields.values():
                value.setText("")
            return
        s = self._settings
        self.number.setText(ticket.number)
        self.status.setText(
            tr("Being served")
            if ticket.status == TicketStatus.SERVING
            else tr("Called: waiting to come")
        )
        self.fields["service"].setText(service_name(s, ticket.service))
        channel = channel_word(ticket.channel)
        if ticket.channel == Channel.PRIORITY and ticket.priority_reason:
            channel += f" — {reason_name(s, ticket.priority_reason)}"
        self.fields["channel"].setText(channel)
        if ticket.slot_start is not None:
            slot = tr("slot {time}", time=local_hm(s, ticket.slot_start))
            if ticket.booking_code:
                slot += f" · {ticket.booking_code}"
            if ticket.masked_name:
                slot += f" · {ticket.masked_name}"
        else:
            slot = "—"
        self.fields["slot"].setText(slot)
        self.fields["recalls"].setText(
            f"{ticket.recall_count}×" if ticket.recall_count else tr("not recalled yet")
        )
        self.tick(now)

    def tick(self, now: dt.datetime | None) -> None:
        """Refresh the running times (no database read)."""
        ticket = self.ticket
        if ticket is None or now is None:
            return
        called = ticket.called_at or now
        self.fields["waited"].setText(
            tr(
                "{time} (issued {at})",
                time=minutes_text((called - ticket.issued_at).total_seconds() / 60),
                at=local_hm(self._settings, ticket.issued_at),
            )
        )
        if ticket.serving_at is not None:
            text = tr(
                "serving for {time}", time=clock_text((now - ticket.serving_at).total_seconds())
            )
        else:
            text = tr("called {time} ago", time=clock_text((now - called).total_seconds()))
        self.fields["elapsed"].setText(text)
