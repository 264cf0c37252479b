"""Booking check-in, step two: the booking as scanned (service, session, masked name), so
the applicant sees it is theirs before the ticket prints."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from db.ops.checkin import BookingPreview
from kiosk.dates import format_time
from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.text import tr
from kiosk.widgets import make_label, touch_px


def booked_service_name(state: KioskState, preview: BookingPreview) -> str:
    """The service by the full name it was booked under ("Paspor Baru Anak" rather than
    our "Paspor Baru"); our own name, in the current language, when they are the same."""
    ours = state.settings.service(preview.service).name
    booked = " ".join(preview.service_name.split())
    if not booked or booked.casefold() in (ours.id.casefold(), ours.en.casefold()):
        return state.service_name(preview.service)
    return booked.title() if booked.isupper() else booked


class SummaryScreen(Screen):
    name = ScreenName.SUMMARY
    print_ticket = Signal()
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.preview: BookingPreview | None = None
        # Staff checking a found booking in see the full name and confirm for the applicant.
        self.staff_name: str | None = None
        self.prompt = self.add_label("body", "summary_prompt")
        card = QWidget()
        card.setProperty("kind", "card")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        box = QVBoxLayout(card)
        box.setContentsMargins(40, 32, 40, 32)
        box.setSpacing(18)
        self.service = make_label("h1", "summary_service")
        self.slot = make_label("h2", "summary_slot")
        self.applicant = make_label("h2", "summary_name")
        self.code = make_label("body", "summary_code")
        for label in (self.service, self.slot, self.applicant, self.code):
            box.addWidget(label)
        self.body.addWidget(card)
        self.hint = self.add_label("body", "summary_hint")
        self.body.addStretch(1)
        self.back_button = self.add_action("summary_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.print_button = self.add_action("summary_print", "primary")
        self.print_button.clicked.connect(self.print_ticket)
        self.print_button.setMinimumHeight(round(touch_px() * 1.3))  # the one thing to touch

    def show_preview(self, preview: BookingPreview, staff_name: str | None = None) -> None:
        """``staff_name``: staff found this booking in assisted mode (its full name)."""
        self.preview = preview
        self.staff_name = staff_name
        self.retranslate()

    def retranslate(self) -> None:
        staff = self.staff_name is not None
        if staff:
            self.heading.setText(tr("Check in this booking?"))
            self.prompt.setText(tr("Check the name and the session with the applicant."))
            self.hint.setText(tr("Not the right booking? Touch \u201cBack\u201d."))
            self.print_button.setText(tr("Check in and print"))
        else:
            self.heading.setText(tr("Is this your booking?"))
            self.prompt.setText(tr("Please check your booking, then print your queue ticket."))
            self.hint.setText(tr("Not your booking? Touch \u201cBack\u201d and ask at the desk."))
            self.print_button.setText(tr("Print my ticket"))
        self.back_button.setText(tr("Back"))
        preview = self.preview
        if preview is None:
            return
        lang = self.state.language
        calendar = self.state.ctx.calendar
        start = format_time(calendar.local(preview.slot_start), lang)
        end = format_time(calendar.local(preview.slot_end), lang)
        self.service.setText(booked_service_name(self.state, preview))
        self.slot.setText(tr("Session: {start} – {end}", start=start, end=end))
        name = self.staff_name if staff else preview.masked_name
        self.applicant.setText(tr("Name: {name}", name=name or "–"))
        self.code.setText(tr("Booking code: {code}", code=preview.booking_code))
