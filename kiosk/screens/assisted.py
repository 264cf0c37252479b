"""Staff: the PIN pad (assisted mode, confirming a priority ticket, closing the kiosk) and
the assisted-mode menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from kiosk.screens.base import KioskState, Screen, ScreenName, centered
from kiosk.text import tr
from kiosk.widgets import PinPad, ResponsiveGrid, Tile, make_button

MAX_PIN = 12


class PinScreen(Screen):
    """``purpose``: "assisted", "exit" or "priority" (a staff confirmation)."""

    name = ScreenName.PIN
    submitted = Signal(str)
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.purpose = "assisted"
        self.pin = ""
        self.feedback_text = ""
        self.feedback_source: Callable[[], str] | None = None
        self.prompt = self.add_label("body", "pin_prompt")
        self.display = self.add_label("code", "pin_display", center=True)
        self.feedback = self.add_label("status_bad", "pin_feedback", center=True)
        self.pad = PinPad("pin_pad")
        self.pad.typed.connect(self.type)
        self.pad.erased.connect(self.erase)
        self.body.addWidget(centered(self.pad))
        self.body.addStretch(1)
        self.back_button = self.add_action("pin_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.ok_button = make_button("pin_ok", "primary")
        self.ok_button.clicked.connect(self.submit)
        self.actions.addWidget(self.ok_button)

    def configure(self, purpose: str) -> None:
        self.purpose = purpose
        self.pin = ""
        self.feedback_text = ""
        self.feedback_source = None
        self.retranslate()

    def type(self, digit: str) -> None:
        if len(self.pin) < MAX_PIN:
            self.pin += digit
        self._show()

    def erase(self) -> None:
        self.pin = self.pin[:-1]
        self._show()

    def submit(self) -> None:
        pin, self.pin = self.pin, ""
        self._show()
        self.submitted.emit(pin)

    def set_feedback(self, text: str | Callable[[], str]) -> None:
        """A text, or a callable wording it again after a language switch."""
        self.feedback_source = text if callable(text) else None
        self.feedback_text = text() if callable(text) else text
        self._show()

    def _show(self) -> None:
        self.display.setText("●" * len(self.pin) or " ")
        if self.feedback_source is not None:
            self.feedback_text = self.feedback_source()
        # Always there (blank when empty): a message appearing must not move the keypad.
        self.feedback.setText(self.feedback_text or " ")

    def retranslate(self) -> None:
        self.heading.setText(
            {
                "assisted": tr("Staff: assisted mode"),
                "exit": tr("Staff: close the kiosk"),
                "priority": tr("Staff confirmation"),
            }.get(self.purpose, tr("Staff"))
        )
        if self.purpose == "priority":
            self.prompt.setText(
                tr("A staff member confirms this priority ticket with the staff PIN.")
            )
        else:
            self.prompt.setText(tr("Enter the staff PIN."))
        self.back_button.setText(tr("Back"))
        self.ok_button.setText(tr("OK"))
        self._show()


class AssistedScreen(Screen):
    name = ScreenName.ASSISTED
    chosen = Signal(str)

    CHOICES = ("find_booking", "priority", "override", "booking_failure", "reprint", "leave")

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.last_ticket = ""
        self.subtitle = self.add_label("body", "assisted_subtitle")
        grid = ResponsiveGrid(portrait=1, landscape=2)
        self.tiles: dict[str, QPushButton] = {}
        for choice in self.CHOICES:
            tile = Tile(f"assisted_{choice}", "tile_accent" if choice == "leave" else "tile")
            tile.clicked.connect(lambda _=False, c=choice: self.chosen.emit(c))
            self.tiles[choice] = tile
        grid.set_widgets(list(self.tiles.values()))
        self.body.addWidget(grid)
        self.body.addStretch(1)
        # Closing the kiosk is not leaving assisted mode: its own plain button, bottom right,
        # far from "Leave assisted mode".
        self.actions.addStretch(1)
        self.exit_button = self.add_action("assisted_exit")
        self.exit_button.clicked.connect(lambda: self.chosen.emit("exit"))

    def retranslate(self) -> None:
        self.heading.setText(tr("Assisted mode"))
        self.subtitle.setText(tr("For staff helping an applicant. Leaves by itself when idle."))
        last = self.last_ticket or "–"
        texts = {
            "find_booking": (tr("Find a booking"), tr("By booking code or name")),
            "priority": (tr("Priority ticket"), tr("No staff confirmation needed")),
            "override": (tr("Walk-in beyond the quota"), tr("With a reason; recorded")),
            "booking_failure": (
                tr("Failed online bookings"),
                tr("Walk-in from its own quota, after seeing the evidence"),
            ),
            "reprint": (tr("Reprint the last ticket"), tr("Last ticket: {number}", number=last)),
            "leave": (tr("Leave assisted mode"), ""),
        }
        for choice, tile in self.tiles.items():
            assert isinstance(tile, Tile)
            tile.set_texts(*texts[choice])
        self.exit_button.setText(tr("Close the kiosk"))
