"""The supervisor's bookings page: a day's bookings (today by default) searched by booking
code or a fragment of the name, with their check-in state. Names are shown masked only.
Read-only; importing the export is the "Import bookings" page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from admin_console.audit_page import DATE_STYLE, pydate, qdate
from admin_console.common import MessageBar, local_hm, qt_locale, service_name, ticket_status_word
from admin_console.queue_panel import _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import tr
from db.context import Actor, QueueContext
from db.models import BookingStatus
from db.read.bookings import BookingRow, find_bookings


def booking_word(status: BookingStatus) -> str:
    words = {
        BookingStatus.ACTIVE: tr("booked"),
        BookingStatus.CANCELLED: tr("cancelled"),
        BookingStatus.RESCHEDULED: tr("rescheduled"),
    }
    return words.get(status, str(status))


class BookingsPage(QWidget):
    loaded = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("bookingsPage")
        self.ctx = ctx
        self.rows: list[BookingRow] = []
        self.message = MessageBar()
        self.day = QDateEdit(qdate(ctx.today()), objectName="bookingDay")
        self.day.setCalendarPopup(True)
        self.day.setLocale(qt_locale())
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setMinimumWidth(200)
        self.day.setStyleSheet(DATE_STYLE)
        self.search = QLineEdit(
            objectName="bookingSearch", placeholderText=tr("Booking code or part of the name")
        )
        self.summary = QLabel("", objectName="bookingSummary")
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(QLabel(tr("Day")))
        row.addWidget(self.day)
        row.addWidget(self.search, 1)
        row.addWidget(self.summary)
        self.table = _table(
            "bookingsTable",
            [
                tr("Code"),
                tr("Name"),
                tr("Slot"),
                tr("Service"),
                tr("Booking"),
                tr("Check-in"),
                tr("Ticket"),
            ],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(tr("Bookings"), objectName="title"))
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self._params: tuple[str, dt.date] = ("", ctx.today())
        self.search.textChanged.connect(lambda _: self.apply_filters())
        self.day.dateChanged.connect(lambda _: self.apply_filters())

        def query() -> list[BookingRow]:
            text, day = self._params  # set on the UI thread; read once here
            return find_bookings(ctx, actor, text, day)

        self.refresher = Refresher(tasks, query, self._apply, self.message.error, self)

    def apply_filters(self) -> None:
        self._params = (self.search.text(), pydate(self.day.date()))
        self.refresher.request()

    def _apply(self, rows: list[BookingRow]) -> None:
        s = self.ctx.settings
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, b in enumerate(rows):
            service = service_name(s, b.service_code) if b.service_code else b.service_name
            if b.ticket_number is not None:
                checked = tr("checked in {time}", time=local_hm(s, b.checked_in_at))
                ticket = f"{b.ticket_number} ({ticket_status_word(b.ticket_status)})"
            else:
                checked, ticket = tr("not yet"), ""
            cells = [
                b.code,
                b.masked_name or "—",
                f"{b.slot_start:%H:%M}–{b.slot_end:%H:%M}",
                service,
                booking_word(b.status),
                checked,
                ticket,
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, _item(text, b.id))
        done = sum(1 for b in rows if b.checked_in)
        self.summary.setText(tr("{n} bookings · {done} checked in", n=len(rows), done=done))
        self.loaded.emit()
