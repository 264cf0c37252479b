"""The ticket on screen, for when the printer cannot print: the number large, with the
ticket's QR code to photograph. The print job stays pending and prints once the printer
is back; the ticket is valid either way."""

from __future__ import annotations

from collections.abc import Callable

import qrcode
from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPixmap

from db.views import TicketView
from kiosk.screens.base import KioskState, Screen, ScreenName, centered
from kiosk.screens.ticket import show_number
from kiosk.text import tr
from kiosk.widgets import make_label


def qr_pixmap(data: str, size: int) -> QPixmap:
    """``data`` as a QR code (error correction M, 4-module quiet zone), ``size`` px square."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    scale = max(1, size // modules)
    side = modules * scale
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(QRect(x * scale, y * scale, scale, scale), black)
    painter.end()
    return QPixmap.fromImage(image)


class OnScreenTicketScreen(Screen):
    name = ScreenName.TICKET_ON_SCREEN
    done = Signal()

    QR_PX = 440

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.ticket: TicketView | None = None
        self.problem = ""
        self.printed = False
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = self.add_label("number", "onscreen_number", center=True)
        self.service = self.add_label("h2", "onscreen_service", center=True)
        self.qr = make_label("body", "onscreen_qr", wrap=False, center=True)
        self.body.addWidget(centered(self.qr))
        self.status = self.add_label("status_bad", "onscreen_status", center=True)
        self.hint = self.add_label("body", "onscreen_hint", center=True)
        self.body.addStretch(1)
        self.actions.addStretch(1)
        self.done_button = self.add_action("onscreen_done", "primary")
        self.done_button.clicked.connect(self.done)
        self.actions.addStretch(1)

    def show_ticket(self, ticket: TicketView, problem: str | Callable[[], str]) -> None:
        """``problem``: a text, or a callable that words it in the current language."""
        self.ticket = ticket
        self.problem = problem
        self.printed = False
        self.qr.setPixmap(qr_pixmap(ticket.token, self.QR_PX))
        self.retranslate()

    def set_printed(self) -> None:
        self.printed = True
        self.retranslate()

    def retranslate(self) -> None:
        if not show_number(self, self.ticket):
            return
        if self.printed:
            self.status.setText(tr("Please take your ticket below."))
            self.hint.setText("")
            return
        problem = self.problem
        self.status.setText(problem() if callable(problem) else problem)
        self.hint.setText(
            tr(
                "Your number is valid. Please take a photo of this screen, or remember "
                "the number, and wait until it is called."
            )
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.done.emit()
