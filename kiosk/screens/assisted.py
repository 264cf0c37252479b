"""Staff: who signs in and their PIN (assisted mode, confirming a priority ticket, closing
the kiosk), and the assisted-mode menu.

The PIN screen has two steps: the officers who have a kiosk PIN, as large name tiles (a
page of them at a time), and the shared staff PIN as one more tile where the settings
allow it; then the keypad for the one touched. Without officers it opens on the keypad
for the shared PIN. A message below the PIN (a wrong PIN, a lock) has a fixed height:
the keypad never moves."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from db.read.kiosk_officers import KioskOfficer
from kiosk.screens.base import KioskState, Screen, ScreenName, centered
from kiosk.text import tr
from kiosk.widgets import FixedLines, PinPad, ResponsiveGrid, Tile, make_button, make_label

MAX_PIN = 12
PAGE_SIZE = 8  # name tiles on one page (the shared PIN's tile counts as one)
SHARED = "shared"


class PinScreen(Screen):
    """``purpose``: "assisted", "exit" or "priority" (a staff confirmation).
    ``chosen``: the officer touched, or None for the shared staff PIN."""

    name = ScreenName.PIN
    submitted = Signal(str)
    back = Signal()

    WHO, KEYS = range(2)

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.purpose = "assisted"
        self.pin = ""
        self.officers: list[KioskOfficer] = []
        self.shared = True  # the shared staff PIN is offered
        self.chosen: KioskOfficer | None = None
        self.page = 0
        self.feedback_text = ""
        self.feedback_source: Callable[[], str] | None = None
        self.prompt = self.add_label("body", "pin_prompt")
        self.steps = QStackedWidget()
        self.body.addWidget(self.steps, 1)
        # Who: the officers' names, a page at a time.
        self.grid = ResponsiveGrid(portrait=2, landscape=4)
        self.tiles: dict[str, Tile] = {}
        who = QWidget()
        who_layout = QVBoxLayout(who)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.addWidget(self.grid)
        who_layout.addStretch(1)
        self.steps.addWidget(who)
        # The keypad.
        keys = QWidget()
        keys_layout = QVBoxLayout(keys)
        keys_layout.setContentsMargins(0, 0, 0, 0)
        keys_layout.setSpacing(14)
        self.display = make_label("code", "pin_display", center=True)
        # Always two lines high, empty or not: a message appearing must not move the keypad.
        self.feedback = FixedLines("status_bad", "pin_feedback", lines=2, center=True)
        self.pad = PinPad("pin_pad")
        self.pad.typed.connect(self.type)
        self.pad.erased.connect(self.erase)
        keys_layout.addWidget(self.display)
        keys_layout.addWidget(self.feedback)
        keys_layout.addWidget(centered(self.pad))
        keys_layout.addStretch(1)
        self.steps.addWidget(keys)
        self.back_button = self.add_action("pin_back")
        self.back_button.clicked.connect(self.go_back)
        self.actions.addStretch(1)
        self.previous_button = self.add_action("pin_previous")
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.more_button = self.add_action("pin_more")
        self.more_button.clicked.connect(lambda: self.turn(1))
        self.ok_button = make_button("pin_ok", "primary")
        self.ok_button.clicked.connect(self.submit)
        self.actions.addWidget(self.ok_button)

    # -- who ------------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.steps.currentIndex()

    @property
    def choices(self) -> list[KioskOfficer | None]:
        """The tiles in order: the officers, then the shared PIN (None) when offered."""
        return [*self.officers, *([None] if self.shared else [])]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.choices) // PAGE_SIZE))

    def configure(self, purpose: str, officers: Sequence[KioskOfficer], shared: bool) -> None:
        """A fresh start for ``purpose``: the names first, or straight to the keypad for
        the shared PIN when no officer has a kiosk PIN."""
        self.purpose = purpose
        self.shared = shared
        self.officers = list(officers)
        self.page = 0
        self.pin = ""
        self.chosen = None
        self._clear_feedback()
        self._build_tiles()
        self.steps.setCurrentIndex(self.KEYS if shared and not self.officers else self.WHO)
        self.retranslate()

    def set_officers(self, officers: Sequence[KioskOfficer]) -> None:
        """The officers as read again while the screen is up: the names change in place;
        the keypad stays where someone is typing."""
        officers = list(officers)
        if officers == self.officers:
            return
        self.officers = officers
        self.page = min(self.page, self.pages - 1)
        self._build_tiles()
        if self.step == self.KEYS and self.chosen is None and not self.pin and officers:
            self._clear_feedback()
            self.steps.setCurrentIndex(self.WHO)  # the names were not known yet
        self.retranslate()

    def _build_tiles(self) -> None:
        names = [o.display_name for o in self.officers]
        shown = self.choices[self.page * PAGE_SIZE : (self.page + 1) * PAGE_SIZE]
        self.tiles = {}
        for choice in shown:
            if choice is None:
                tile = Tile("pin_shared", "tile_accent")
                tile.clicked.connect(lambda _=False: self.choose(None))
                self.tiles[SHARED] = tile
            else:
                tile = Tile(f"pin_officer_{choice.id}")
                # Two officers of one name are told apart by their usernames.
                detail = choice.username if names.count(choice.display_name) > 1 else ""
                tile.set_texts(choice.display_name, detail)
                tile.clicked.connect(lambda _=False, o=choice: self.choose(o))
                self.tiles[str(choice.id)] = tile
        self.grid.set_widgets(list(self.tiles.values()))
        for tile in self.tiles.values():
            tile.show()  # now, not on the next event-loop turn: a touch may come first

    def turn(self, by: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + by))
        self._build_tiles()
        self.retranslate()

    def choose(self, officer: KioskOfficer | None) -> None:
        self.chosen = officer
        self.pin = ""
        self._clear_feedback()
        self.steps.setCurrentIndex(self.KEYS)
        self.retranslate()

    def go_back(self) -> None:
        if self.step == self.KEYS and self.officers:
            self.chosen = None
            self.pin = ""
            self._clear_feedback()
            self.steps.setCurrentIndex(self.WHO)
            self.retranslate()
        else:
            self.back.emit()

    # -- the PIN --------------------------------------------------------------------------

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

    def _clear_feedback(self) -> None:
        self.feedback_text = ""
        self.feedback_source = None

    def _show(self) -> None:
        self.display.setText("●" * len(self.pin) or " ")
        if self.feedback_source is not None:
            self.feedback_text = self.feedback_source()
        self.feedback.setText(self.feedback_text)

    def retranslate(self) -> None:
        self.heading.setText(
            {
                "assisted": tr("Staff: assisted mode"),
                "exit": tr("Staff: close the kiosk"),
                "priority": tr("Staff confirmation"),
            }.get(self.purpose, tr("Staff"))
        )
        priority = self.purpose == "priority"
        if self.step == self.WHO:
            if not self.choices:
                prompt = tr(
                    "No officer has a kiosk PIN yet. An administrator sets them on the "
                    "console's Officers page."
                )
            elif priority:
                prompt = tr(
                    "A staff member confirms this priority ticket: touch your name, then "
                    "enter your kiosk PIN."
                )
            else:
                prompt = tr("Touch your name, then enter your own kiosk PIN.")
        elif self.chosen is not None:
            name = self.chosen.display_name
            prompt = (
                tr("{name}: confirm this priority ticket with your kiosk PIN.", name=name)
                if priority
                else tr("{name}: enter your kiosk PIN.", name=name)
            )
        elif priority:
            prompt = tr("A staff member confirms this priority ticket with the staff PIN.")
        else:
            prompt = tr("Enter the staff PIN.")
        self.prompt.setText(prompt)
        shared = self.tiles.get(SHARED)
        if shared is not None:
            shared.set_texts(
                tr("Shared staff PIN"), tr("Recorded as the kiosk's staff, not by name")
            )
        keys = self.step == self.KEYS
        self.back_button.setText(tr("Back"))
        self.ok_button.setText(tr("OK"))
        self.ok_button.setVisible(keys)
        self.previous_button.setText(tr("Previous names"))
        self.more_button.setText(tr("More names"))
        self.previous_button.setVisible(not keys and self.page > 0)
        self.more_button.setVisible(not keys and self.page < self.pages - 1)
        self._show()


class AssistedScreen(Screen):
    name = ScreenName.ASSISTED
    chosen = Signal(str)

    CHOICES = ("find_booking", "priority", "override", "booking_failure", "reprint", "leave")

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.last_ticket = ""
        self.signed_in = ""  # the officer's name; "" for the shared staff PIN or a card
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
        # Closing the kiosk is not leaving assisted mode: its own plain button, far from
        # "Leave assisted mode" (the last tile): bottom right in landscape, where the tiles
        # are two columns; at the top in portrait, where the tiles are one column and
        # "Leave" is the lowest of them.
        self.actions.addStretch(1)
        self.exit_button = self.add_action("assisted_exit")
        self.exit_button.clicked.connect(lambda: self.chosen.emit("exit"))
        self.top_row = QHBoxLayout()
        self.top_row.addStretch(1)
        self.outer.insertLayout(self.outer.indexOf(self.heading) + 1, self.top_row)

    def set_orientation(self, landscape: bool) -> None:
        row = self.actions if landscape else self.top_row
        if row.indexOf(self.exit_button) < 0:
            for other in (self.actions, self.top_row):
                other.removeWidget(self.exit_button)
            row.addWidget(self.exit_button)

    def retranslate(self) -> None:
        self.heading.setText(tr("Assisted mode"))
        if self.signed_in:
            self.subtitle.setText(
                tr(
                    "Signed in: {name}. What you do here is recorded under your name. "
                    "Leaves by itself when idle.",
                    name=self.signed_in,
                )
            )
        else:
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
