"""Staff note a reason with one touch: the preset reasons of the settings as tiles, and
"another reason" typed on the keyboard. Used for a walk-in beyond the quota and for the
walk-in of an applicant whose online bookings kept failing (the evidence seen)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.text import tr
from kiosk.widgets import ResponsiveGrid, Tile


class NoteScreen(Screen):
    """``purpose``: "override" or "booking_failure"."""

    name = ScreenName.NOTE
    chosen = Signal(str)
    type_other = Signal()
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.purpose = "override"
        self.remaining: int | None = None
        self.prompt = self.add_label("body", "note_prompt")
        self.grid = ResponsiveGrid(portrait=1, landscape=2)
        self.tiles: list[QPushButton] = []
        self.other = Tile("note_other", "tile_accent")
        self.other.clicked.connect(self.type_other)
        self.body.addWidget(self.grid)
        self.body.addStretch(1)
        self.back_button = self.add_action("note_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)

    def presets(self) -> list[str]:
        kiosk = self.state.settings.kiosk
        if self.purpose == "booking_failure":
            return list(kiosk.booking_failure_notes)
        return list(kiosk.override_reasons)

    def configure(self, purpose: str, remaining: int | None = None) -> None:
        self.purpose = purpose
        self.remaining = remaining
        self.tiles = []
        for i, text in enumerate(self.presets()):
            tile = Tile(f"note_preset_{i}")
            tile.set_texts(text)
            tile.clicked.connect(lambda _=False, t=text: self.chosen.emit(t))
            self.tiles.append(tile)
        self.grid.set_widgets([*self.tiles, self.other])
        self.retranslate()

    def retranslate(self) -> None:
        if self.purpose == "booking_failure":
            self.heading.setText(tr("Walk-in after failed online bookings"))
            prompt = tr("What did the applicant show? Choose, or type another note.")
            if self.remaining is not None:
                prompt += "\n" + tr("Left today: {n}.", n=self.remaining)
            self.prompt.setText(prompt)
        else:
            self.heading.setText(tr("Reason for the override"))
            self.prompt.setText(tr("Why is this ticket issued beyond the quota?"))
        assert isinstance(self.other, Tile)
        self.other.set_texts(tr("Another reason"), tr("Type it"))
        self.back_button.setText(tr("Back"))
