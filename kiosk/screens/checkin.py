"""Booking check-in: the scan prompt, and typing a code (or a reason) on big keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.pictograms import CAMERA_OFF
from kiosk.screens.base import KioskState, Screen, ScreenName, centered
from kiosk.text import tr
from kiosk.widgets import Keyboard, PictogramLabel

MAX_CODE = 32


class ScanScreen(Screen):
    """Where to hold the booking's QR code. With a camera scanner (``attach_camera``) the
    camera's picture is shown instead of the arrow to the scanner below the screen; while
    the camera is not working, the screen says so and points to typing the code."""

    name = ScreenName.SCAN
    type_code = Signal()
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.camera: QWidget | None = None
        self.camera_working = False
        self.steps = self.add_label("body", "scan_steps")
        self.arrow = self.add_label("number", "scan_arrow", center=True)
        self.arrow.setText("⬇")
        self.camera_off = PictogramLabel("scan_camera_off", kind="screen_icon")
        self.body.addWidget(self.camera_off, 0, Qt.AlignmentFlag.AlignHCenter)
        self.hint = self.add_label("muted", "scan_hint")
        self.body.addStretch(1)
        self.back_button = self.add_action("scan_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.type_button = self.add_action("scan_type_code", "primary")
        self.type_button.clicked.connect(self.type_code)

    def attach_camera(self, preview: QWidget) -> None:
        """Show ``preview`` (the camera's picture) where the applicant looks while scanning."""
        self.camera = preview
        self.arrow.hide()
        self.body.insertWidget(self.body.indexOf(self.arrow), preview, 1)
        self.body.setAlignment(preview, Qt.AlignmentFlag.AlignHCenter)
        self.body.setStretch(self.body.count() - 1, 0)  # the room below goes to the picture
        self.set_camera_state("disconnected")

    def set_camera_state(self, state: str) -> None:
        """The camera scanner's state: "connected" or "disconnected"."""
        self.camera_working = state == "connected"
        if self.camera is not None:
            self.camera.setVisible(self.camera_working)
            self.camera_off.set_pictogram(None if self.camera_working else CAMERA_OFF)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Scan your booking"))
        self.hint.setText(tr("Cannot scan? Touch \u201cType the code\u201d."))
        if self.camera is None:
            self.steps.setText(
                tr(
                    "Hold the QR code of your booking (on your phone or on paper) under the "
                    "scanner below the screen."
                )
            )
        elif self.camera_working:
            self.steps.setText(
                tr(
                    "Hold the QR code of your booking (on your phone or on paper) up to the "
                    "camera, inside the yellow corners, until the screen changes."
                )
            )
        else:
            self.steps.setText(
                tr(
                    "The camera is not working right now. Touch \u201cType the code\u201d "
                    "to type the code of your booking."
                )
            )
        self.hint.setVisible(self.camera is None or self.camera_working)
        self.back_button.setText(tr("Back"))
        self.type_button.setText(tr("Type the code"))


class CodeEntryScreen(Screen):
    """``mode`` "booking": a booking code; "reason": a staff member's override reason;
    "failure_note": the evidence of failed online bookings staff saw."""

    name = ScreenName.CODE
    entered_text = Signal(str)
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.mode = "booking"
        self.text = ""
        self.prompt = self.add_label("body", "code_prompt")
        self.display = self.add_label("code", "code_display", center=True)
        self.keyboard = Keyboard("code_keyboard", space=True)
        self.keyboard.typed.connect(self.type)
        self.keyboard.erased.connect(self.erase)
        self.body.addWidget(centered(self.keyboard))
        self.body.addStretch(1)
        self.back_button = self.add_action("code_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.ok_button = self.add_action("code_ok", "primary")
        self.ok_button.clicked.connect(self.submit)
        self.keyboard.space.setVisible(False)

    def prefill(self) -> str:
        """The fixed part of today's booking codes (setting ``kiosk.booking_code_prefill``):
        the applicant types only the rest, and can still erase it."""
        settings = self.state.settings
        template = settings.kiosk.booking_code_prefill
        if not template:
            return ""
        today = self.state.ctx.today()
        try:
            return template.format(date=today.strftime("%y%m%d"), office=settings.office.code)
        except (KeyError, IndexError, ValueError):
            return ""

    @property
    def free_text(self) -> bool:
        """Staff type a sentence (spaces, longer), not a booking code."""
        return self.mode in ("reason", "failure_note")

    def configure(self, mode: str) -> None:
        self.mode = mode
        self.text = self.prefill() if mode == "booking" else ""
        self.keyboard.space.setVisible(self.free_text)
        self.retranslate()

    def type(self, char: str) -> None:
        if len(self.text) < MAX_CODE * (3 if self.free_text else 1):
            self.text += char
        self._show()

    def erase(self) -> None:
        self.text = self.text[:-1]
        self._show()

    def submit(self) -> None:
        if self.text.strip():
            self.entered_text.emit(self.text.strip())

    def _show(self) -> None:
        self.display.setText(self.text or " ")
        self.ok_button.setEnabled(bool(self.text.strip()))

    def retranslate(self) -> None:
        if self.mode == "failure_note":
            self.heading.setText(tr("Walk-in after failed online bookings"))
            self.prompt.setText(tr("Type what the applicant showed (weeks, attempts)."))
        elif self.mode == "reason":
            self.heading.setText(tr("Reason for the override"))
            self.prompt.setText(tr("Type why this ticket is issued beyond the quota."))
        else:
            self.heading.setText(tr("Type your booking code"))
            self.prompt.setText(
                tr("The code is printed under the QR code, for example MP261201JKS00001.")
            )
        self.back_button.setText(tr("Back"))
        self.ok_button.setText(tr("OK"))
        self._show()
